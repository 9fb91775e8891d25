terraform import gandimail_forward.sales sales@example.com
