output "mailbox_addresses" {
  description = "The addresses of the two mailboxes."
  value       = [gandimail_mailbox.alice.address, gandimail_mailbox.bob.address]
}

output "alice_aliases" {
  value = gandimail_mailbox.alice.aliases
}

output "forwards" {
  description = "Each forwarding address and where it sends mail."
  value = {
    for f in [gandimail_forward.sales, gandimail_forward.support, gandimail_forward.postmaster] :
    f.id => f.destinations
  }
}

output "slot_capacity_mb" {
  description = "Storage of each mailbox's slot, in MB."
  value = {
    alice = gandimail_slot.alice.capacity
    bob   = gandimail_slot.bob.capacity
  }
}

output "offer" {
  value = {
    status  = gandimail_email_offer.mail.status
    dkim    = gandimail_email_offer.mail.dkim
    version = gandimail_email_offer.mail.version
  }
}
