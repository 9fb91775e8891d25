# In a file ending .tfquery.hcl; run `terraform query` (Terraform >= 1.14).
list "gandimail_slot" "premium" {
  provider = gandimail

  config {
    domain       = "example.com"
    mailbox_type = "premium"
  }
}
