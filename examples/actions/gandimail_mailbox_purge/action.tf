# Deletes all mail stored in alice@example.com; the mailbox stays. The mail
# cannot be recovered. Terraform 1.14 or later:
#
#   terraform apply -invoke=action.gandimail_mailbox_purge.alice
data "gandimail_mailbox" "alice" {
  domain = "example.com"
  login  = "alice"
}

action "gandimail_mailbox_purge" "alice" {
  config {
    domain     = data.gandimail_mailbox.alice.domain
    mailbox_id = data.gandimail_mailbox.alice.id
  }
}
