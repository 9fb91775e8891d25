# Renews every mailbox of example.com in one request. Costs money, per
# mailbox, at every invocation. Terraform 1.14 or later:
#
#   terraform apply -invoke=action.gandimail_domain_renew.example
action "gandimail_domain_renew" "example" {
  config {
    domain = "example.com"
  }
}
