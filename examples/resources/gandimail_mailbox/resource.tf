resource "gandimail_mailbox" "alice" {
  domain       = "example.com"
  login        = "alice"
  mailbox_type = "standard_2023"
  password     = var.alice_password
  aliases      = ["ali", "sales*"]

  responder = {
    enabled   = true
    message   = "Out of office until Monday."
    starts_at = "2026-07-10T18:00:00Z"
    ends_at   = "2026-07-13T08:00:00Z"
  }

  autorenew = {
    enabled  = true
    duration = 12
  }
}

variable "alice_password" {
  type      = string
  sensitive = true
}
