# In a file ending .tfquery.hcl; run `terraform query` (Terraform >= 1.14).
list "gandimail_forward" "to_partner" {
  provider = gandimail

  config {
    domain      = "example.com"
    destination = "*@partner.example"
  }
}
