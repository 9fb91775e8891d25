# In a file ending .tfquery.hcl; run `terraform query` (Terraform >= 1.14),
# or `terraform query -generate-config-out=mailboxes.tf` to write import
# blocks and configuration for every mailbox found.
list "gandimail_mailbox" "sales" {
  provider = gandimail
  limit    = 50

  config {
    domain        = "example.com"
    login_pattern = "sales*"
  }
}
