variable "domain" {
  description = "The Gandi domain whose mail this configuration manages."
  type        = string
}

variable "alice_password" {
  description = "Alice's mailbox password (Gandi's policy: 8-200 characters, an upper-case letter, three digits, a special character)."
  type        = string
  sensitive   = true
}

variable "postmaster_destinations" {
  description = "Where mail to postmaster@<domain> goes: full addresses outside this configuration, such as your own."
  type        = list(string)
}
