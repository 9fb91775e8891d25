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

# Domain-wide switches: DKIM signing and antispam for every mailbox.
resource "gandimail_email_offer" "mail" {
  domain   = var.domain
  dkim     = "active"
  antispam = "active"
}

# One slot per mailbox, each bought for a year (this costs money on Gandi).
resource "gandimail_slot" "alice" {
  domain       = var.domain
  mailbox_type = "standard_2023"
  duration     = 12
}

resource "gandimail_slot" "bob" {
  domain       = var.domain
  mailbox_type = "standard_2023"
  duration     = 12
}

resource "gandimail_mailbox" "alice" {
  domain       = var.domain
  login        = "alice"
  mailbox_type = "standard_2023"
  password     = var.alice_password
  aliases      = ["ali", "contact"]

  responder = {
    enabled = true
    message = "I am away this week; Bob answers in the meantime."
  }

  # Destroy deletes the mailbox before it refunds the slot it sits in.
  depends_on = [gandimail_slot.alice, gandimail_email_offer.mail]
}

# A random password that meets Gandi's policy. It is never written to plan
# or state, and nobody sees it: set a new one in Gandi's web interface, or
# bump password_wo_version to send a fresh one.
ephemeral "gandimail_password" "bob" {}

resource "gandimail_mailbox" "bob" {
  domain       = var.domain
  login        = "bob"
  mailbox_type = "standard_2023"

  # Write-only: the password never enters plan or state. Bump the version
  # to send a new one.
  password_wo         = ephemeral.gandimail_password.bob.result
  password_wo_version = 1

  depends_on = [gandimail_slot.bob, gandimail_email_offer.mail]
}

resource "gandimail_forward" "sales" {
  domain       = var.domain
  source       = "sales"
  destinations = [gandimail_mailbox.alice.address, gandimail_mailbox.bob.address]
}

resource "gandimail_forward" "support" {
  domain       = var.domain
  source       = "support"
  destinations = [gandimail_mailbox.bob.address]
}

resource "gandimail_forward" "postmaster" {
  domain       = var.domain
  source       = "postmaster"
  destinations = var.postmaster_destinations
}
