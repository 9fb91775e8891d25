import {
  to = gandimail_email_offer.example
  id = "example.com"
}
