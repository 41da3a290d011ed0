module "http_api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 6.1"

  name          = var.name
  description   = "Birthday greeter: PUT and GET /hello/{username}"
  protocol_type = "HTTP"

  # The API answers on its execute-api URL; map a custom domain onto it separately if needed.
  create_domain_name = false

  # Each route goes to the live alias of its function, so CodeDeploy decides which version answers.
  routes = {
    "GET /hello/{username}" = {
      integration = {
        uri                    = module.live_alias["get-birthday"].lambda_alias_arn
        payload_format_version = "2.0"
      }
    }
    "PUT /hello/{username}" = {
      integration = {
        uri                    = module.live_alias["put-birthday"].lambda_alias_arn
        payload_format_version = "2.0"
      }
    }
  }

  stage_default_route_settings = {
    detailed_metrics_enabled = false
    throttling_burst_limit   = var.throttling_burst_limit
    throttling_rate_limit    = var.throttling_rate_limit
  }

  # One JSON line per request. No path or source IP: the path carries the username.
  stage_access_log_settings = {
    create_log_group            = true
    log_group_retention_in_days = var.log_retention_days
    format = jsonencode({
      requestId               = "$context.requestId"
      requestTime             = "$context.requestTime"
      httpMethod              = "$context.httpMethod"
      routeKey                = "$context.routeKey"
      status                  = "$context.status"
      protocol                = "$context.protocol"
      responseLength          = "$context.responseLength"
      responseLatency         = "$context.responseLatency"
      integrationLatency      = "$context.integrationLatency"
      integrationStatus       = "$context.integrationStatus"
      integrationErrorMessage = "$context.integrationErrorMessage"
      errorMessage            = "$context.error.message"
    })
  }
}
