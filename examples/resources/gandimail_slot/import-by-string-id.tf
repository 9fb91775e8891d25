import {
  to = gandimail_slot.standard
  id = "example.com/123"
}
