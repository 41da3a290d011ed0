# The alarms CodeDeploy watches while it shifts traffic (deploy.tf): any of them in ALARM stops the
# deployment and moves the live alias back to the previous version.

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = local.functions

  alarm_name        = "${var.name}-${each.key}-live-errors"
  alarm_description = "Invocation errors (crashes, timeouts) of ${each.key} through its live alias."

  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions = {
    FunctionName = module.function[each.key].lambda_function_name
    Resource     = "${module.function[each.key].lambda_function_name}:${module.live_alias[each.key].lambda_alias_name}"
  }

  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name        = "${var.name}-api-5xx"
  alarm_description = "5xx answers of the HTTP API: handled 500/503s as well as failed invocations."

  namespace   = "AWS/ApiGateway"
  metric_name = "5xx"
  dimensions = {
    ApiId = module.http_api.api_id
  }

  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
}
