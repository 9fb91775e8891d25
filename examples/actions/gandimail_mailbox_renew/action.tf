# Renews alice@example.com for 12 months. Costs money: every invocation is
# charged to the prepaid account. Terraform 1.14 or later:
#
#   terraform apply -invoke=action.gandimail_mailbox_renew.alice
data "gandimail_mailbox" "alice" {
  domain = "example.com"
  login  = "alice"
}

action "gandimail_mailbox_renew" "alice" {
  config {
    domain     = data.gandimail_mailbox.alice.domain
    mailbox_id = data.gandimail_mailbox.alice.id
    duration   = 12
  }
}
