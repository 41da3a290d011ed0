# Gradual deployment, as SAM's AutoPublishAlias + DeploymentPreference do it: each function has a
# `live` alias that API Gateway calls, and CodeDeploy moves that alias from the running version to
# the one just published, watching the alarms in alarms.tf and rolling back when one fires.

locals {
  # CodeDeploy's predefined Lambda configurations carry the SAM type names after this prefix.
  deployment_config_name = "CodeDeployDefault.Lambda${var.deployment_type}"
}

module "live_alias" {
  source   = "terraform-aws-modules/lambda/aws//modules/alias"
  version  = "~> 8.8"
  for_each = local.functions

  name             = "live"
  function_name    = module.function[each.key].lambda_function_name
  function_version = module.function[each.key].lambda_function_version

  # Terraform creates the alias on the first version; afterwards only CodeDeploy moves it
  # (false: the module ignores later changes of function_version).
  refresh_alias = false

  # The API may invoke this alias, for this function's method only; nothing may invoke a bare version.
  create_version_allowed_triggers = false
  allowed_triggers = {
    HttpApi = {
      service    = "apigateway"
      source_arn = "${module.http_api.api_execution_arn}/*/${each.value.method}/*"
    }
  }
}

resource "aws_codedeploy_app" "this" {
  name             = var.name
  compute_platform = "Lambda"
}

module "deployment" {
  source   = "terraform-aws-modules/lambda/aws//modules/deploy"
  version  = "~> 8.8"
  for_each = local.functions

  function_name = module.function[each.key].lambda_function_name
  # The module reads the alias to find the running version, so that read must wait for the alias
  # on a first apply. The name taken from the alias ARN (…:function:<name>:<alias>) carries that
  # dependency as a value: unknown only until the alias exists. A module-level depends_on would
  # instead defer every data source of the module whenever the alias has any pending change, and
  # the plan would then detach and re-attach the CodeDeploy role's policy mid-deployment.
  alias_name     = element(split(":", module.live_alias[each.key].lambda_alias_arn), 7)
  target_version = module.function[each.key].lambda_function_version
  description    = "terraform apply: ${each.key}"

  create_app = false
  app_name   = aws_codedeploy_app.this.name

  create_deployment_group = true
  deployment_group_name   = each.key
  deployment_config_name  = local.deployment_config_name
  codedeploy_role_name    = "${var.name}-${each.key}-codedeploy"

  auto_rollback_enabled = true
  auto_rollback_events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  alarm_enabled         = true
  alarms = [
    aws_cloudwatch_metric_alarm.function_errors[each.key].alarm_name,
    aws_cloudwatch_metric_alarm.api_5xx.alarm_name,
  ]

  # The module starts the deployment with the AWS CLI when the published version changes
  # (it skips when the alias already points at it) and waits for the outcome: without waiting,
  # its script ends with `echo` and a failed create-deployment would pass unnoticed.
  create_deployment          = true
  run_deployment             = true
  wait_deployment_completion = true
  aws_cli_command            = "aws --no-cli-pager --region ${var.region}"
}
