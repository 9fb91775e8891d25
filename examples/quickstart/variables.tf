variable "domain" {
  description = "The Gandi domain whose mail this configuration manages."
  type        = string
  default     = "example.com"
}

variable "alice_password" {
  description = "Alice's mailbox password (Gandi's policy: 8-200 characters, an upper-case letter, three digits, a special character)."
  type        = string
  sensitive   = true
  default     = "Quickstart-2026!"
}

variable "bob_password" {
  description = "Bob's password, sent write-only: it never enters plan or state."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "Bob-Write-Only-123"
}
