# Mail to sales@example.com goes to two people.
resource "gandimail_forward" "sales" {
  domain       = "example.com"
  source       = "sales"
  destinations = ["alice@example.org", "bob@example.org"]
}
