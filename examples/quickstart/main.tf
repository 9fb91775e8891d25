terraform {
  required_version = ">= 1.11"
  required_providers {
    gandimail = {
      source = "gandimail/gandimail"
    }
  }
}

# Credentials and the API URL come from GANDI_PERSONAL_ACCESS_TOKEN and
# GANDI_URL; scripts/quickstart.sh points them at a local sandbox.
provider "gandimail" {}

data "gandimail_email_offer" "current" {
  domain = var.domain
}

output "offer_status" {
  value = data.gandimail_email_offer.current.status
}
