# Moves example.com off the packmail offer; its mailboxes are then billed
# one by one. Read data.gandimail_migration first for the prices.
# Terraform 1.14 or later:
#
#   terraform apply -invoke=action.gandimail_migration_launch.example
action "gandimail_migration_launch" "example" {
  config {
    domain = "example.com"
  }
}
