terraform {
  required_providers {
    gandimail = {
      source = "gandimail/gandimail"
    }
  }
}

# Credentials come from GANDI_PERSONAL_ACCESS_TOKEN when not set here.
provider "gandimail" {
  # personal_access_token = var.gandi_token
  # sharing_id           = "ac7205ab-5888-4e8a-af59-397db787d75f"
  request_timeout = "60s"
  max_retries     = 4
}
