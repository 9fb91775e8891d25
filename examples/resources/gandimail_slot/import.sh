# The import ID is <domain>/<id>, where id is the slot's number: the `id`
# that `terraform state show` and the gandimail_slots data source report.
terraform import gandimail_slot.standard example.com/123
