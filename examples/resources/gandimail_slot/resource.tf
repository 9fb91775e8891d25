# Buys one standard_2023 mailbox slot for a year. This costs money; destroy
# refunds it while it is refundable.
resource "gandimail_slot" "standard" {
  domain       = "example.com"
  mailbox_type = "standard_2023"
  duration     = 12
}
