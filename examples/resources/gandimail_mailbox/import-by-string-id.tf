import {
  to = gandimail_mailbox.alice
  id = "alice@example.com"
}
