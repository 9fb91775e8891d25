import {
  to = gandimail_forward.sales
  id = "sales@example.com"
}
