output "api_url" {
  description = "Base URL of the HTTP API: try `make smoke URL=<this>`."
  value       = module.http_api.api_endpoint
}

output "table_name" {
  description = "Name of the DynamoDB table."
  value       = module.birthdays_table.dynamodb_table_id
}

output "function_names" {
  description = "Lambda function names, by function."
  value       = { for key, function in module.function : key => function.lambda_function_name }
}

output "live_alias_arns" {
  description = "ARNs of the live aliases API Gateway invokes, by function."
  value       = { for key, alias in module.live_alias : key => alias.lambda_alias_arn }
}

output "codedeploy_application" {
  description = "CodeDeploy application whose deployment groups shift traffic between versions."
  value       = aws_codedeploy_app.this.name
}

output "region" {
  description = "Region of the deployment, for the AWS CLI calls of scripts/deploy.sh and scripts/logs.sh."
  value       = var.region
}

output "log_groups" {
  description = "CloudWatch log groups: each function's, by function, and the API's access log (`make logs`)."
  value = merge(
    { for key, function in module.function : key => function.lambda_cloudwatch_log_group_name },
    { api-access = module.http_api.stage_access_logs_cloudwatch_log_group_name },
  )
}
