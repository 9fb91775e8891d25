# Forwards whose source starts with "sales", newest names first.
data "gandimail_forwards" "sales" {
  domain  = "example.com"
  source  = "sales*"
  sort_by = "-source"
}
