# A fresh password that meets Gandi's policy, never stored in plan or
# state; give it to a write-only argument.
ephemeral "gandimail_password" "dave" {
  length = 24
}

resource "gandimail_mailbox" "dave" {
  domain              = "example.com"
  login               = "dave"
  mailbox_type        = "standard_2023"
  password_wo         = ephemeral.gandimail_password.dave.result
  password_wo_version = 1
}
