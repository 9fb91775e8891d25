data "gandimail_email_offer" "current" {
  domain = "example.com"
}
