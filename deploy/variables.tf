variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Prefix of every resource name (functions, table, API, alarms)."
  type        = string
  default     = "birthday-greeter"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.name))
    error_message = "name must be 1 to 32 characters: lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "architecture" {
  description = "The functions' processor: x86_64, or arm64 (Graviton, about 20 % less per GB-second). `make deploy ARCH=arm64` sets it and deploys dist/arm64/."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "log_level" {
  description = "Level of the functions' JSON logs: debug, info, warn or error."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "log_level must be one of debug, info, warn, error."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps function and access logs."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "deployment_type" {
  description = "How CodeDeploy shifts traffic to a new version of a function, as in SAM's DeploymentPreference: AllAtOnce, Canary10Percent{5,10,15,30}Minutes or Linear10PercentEvery{1,2,3,10}Minute(s)."
  type        = string
  default     = "Canary10Percent5Minutes"

  validation {
    condition = contains([
      "AllAtOnce",
      "Canary10Percent5Minutes",
      "Canary10Percent10Minutes",
      "Canary10Percent15Minutes",
      "Canary10Percent30Minutes",
      "Linear10PercentEvery1Minute",
      "Linear10PercentEvery2Minutes",
      "Linear10PercentEvery3Minutes",
      "Linear10PercentEvery10Minutes",
    ], var.deployment_type)
    error_message = "deployment_type must name one of CodeDeploy's predefined Lambda configurations, e.g. AllAtOnce, Canary10Percent5Minutes or Linear10PercentEvery1Minute."
  }
}

variable "throttling_burst_limit" {
  description = "Requests the API accepts in a burst before answering 429."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit > 0
    error_message = "throttling_burst_limit must be positive."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the API accepts before answering 429."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be positive."
  }
}

variable "table_deletion_protection" {
  description = "Protects the birthdays table from deletion; set to false and apply before `make destroy`."
  type        = bool
  default     = true
}
