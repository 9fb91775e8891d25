# By address, or by domain and mailbox UUID.
terraform import gandimail_mailbox.alice alice@example.com
terraform import gandimail_mailbox.alice example.com/066743e5-96e4-4a1d-9195-8b8a700a8a79
