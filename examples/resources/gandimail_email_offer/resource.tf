# Domain-wide switches. Destroying this resource only forgets it: the
# domain keeps its offer and the switches as they are.
resource "gandimail_email_offer" "example" {
  domain   = "example.com"
  dkim     = "active"
  antispam = "active"
}
