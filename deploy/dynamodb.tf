module "birthdays_table" {
  source  = "terraform-aws-modules/dynamodb-table/aws"
  version = "~> 5.5"

  name         = "${var.name}-birthdays"
  hash_key     = "Id"
  attributes   = [{ name = "Id", type = "S" }]
  billing_mode = "PAY_PER_REQUEST"

  point_in_time_recovery_enabled = true
  server_side_encryption_enabled = true
  deletion_protection_enabled    = var.table_deletion_protection
}
