locals {
  # One entry per function: the HTTP method it serves and the only DynamoDB actions it may use.
  # The routes themselves are in api_gateway.tf; template.yaml describes the same functions for SAM.
  functions = {
    get-birthday = {
      description      = "Greets a user: GET /hello/{username}"
      method           = "GET"
      dynamodb_actions = ["dynamodb:GetItem"]
    }
    put-birthday = {
      description      = "Stores a date of birth: PUT /hello/{username}"
      method           = "PUT"
      dynamodb_actions = ["dynamodb:PutItem"]
    }
  }

  # Where `make dist` writes each architecture's zips (`make dist ARCH=arm64`).
  package_directories = {
    x86_64 = "dist"
    arm64  = "dist/arm64"
  }
}

module "function" {
  source   = "terraform-aws-modules/lambda/aws"
  version  = "~> 8.8"
  for_each = local.functions

  function_name = "${var.name}-${each.key}"
  description   = each.value.description
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  architectures = [var.architecture]
  memory_size   = 128
  timeout       = 5

  # Every change publishes a new version; CodeDeploy then shifts the live alias onto it (deploy.tf).
  publish = true

  # The zip is built by `make dist` for var.architecture. The module sets source_code_hash =
  # filebase64sha256(zip), so a rebuild that produces the same bytes changes nothing in AWS.
  create_package         = false
  local_existing_package = "${path.module}/../${local.package_directories[var.architecture]}/${each.key}.zip"

  environment_variables = {
    DYNAMODB_TABLE = module.birthdays_table.dynamodb_table_id
    LOG_LEVEL      = var.log_level
  }

  tracing_mode          = "Active"
  attach_tracing_policy = true

  logging_log_format                = "JSON"
  logging_application_log_level     = upper(var.log_level)
  cloudwatch_logs_retention_in_days = var.log_retention_days
  # Terraform creates the log group, so the function needs no right to create one.
  attach_create_log_group_permission = false

  attach_policy_statements = true
  policy_statements = {
    dynamodb = {
      effect    = "Allow"
      actions   = each.value.dynamodb_actions
      resources = [module.birthdays_table.dynamodb_table_arn]
    }
  }

  # API Gateway may invoke only the live alias (deploy.tf), never $LATEST or a bare version.
  create_current_version_allowed_triggers   = false
  create_unqualified_alias_allowed_triggers = false
}
