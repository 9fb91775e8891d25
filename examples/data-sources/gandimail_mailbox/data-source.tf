data "gandimail_mailbox" "alice" {
  domain = "example.com"
  login  = "alice"
}

output "alice_expires_at" {
  value = data.gandimail_mailbox.alice.expires_at
}
