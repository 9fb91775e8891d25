data "gandimail_slots" "all" {
  domain = "example.com"
}

output "slot_types" {
  value = { for s in data.gandimail_slots.all.slots : s.id => s.mailbox_type }
}
