# The slot ID is the domain and the slot number, as `terraform state show` prints.
terraform import gandimail_slot.standard example.com/123
