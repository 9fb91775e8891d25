# Migration details of a domain still on the packmail offer.
data "gandimail_migration" "example" {
  domain = "example.com"
}

output "migration_available" {
  value = data.gandimail_migration.example.available
}
