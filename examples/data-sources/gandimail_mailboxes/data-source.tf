# Every premium_2023 mailbox of the domain, all pages.
data "gandimail_mailboxes" "premium" {
  domain       = "example.com"
  mailbox_type = "premium_2023"
}

output "premium_addresses" {
  value = [for m in data.gandimail_mailboxes.premium.mailboxes : m.address]
}
