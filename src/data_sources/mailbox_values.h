#ifndef GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_VALUES_H_
#define GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_VALUES_H_

// Schemas and values the two mailbox data sources share.

#include <vector>

#include "internal/cty/value.h"
#include "internal/tfplugin/schema.h"
#include "src/gandi/types.h"

namespace gandimail::data_sources {

// The attributes of data "gandimail_mailbox": the lookup keys (optional,
// computed) and everything the mailbox detail reports.
std::vector<tfplugin::Attribute> MailboxDetailAttributes();

// The object data "gandimail_mailbox" answers for `mailbox`.
cty::Value MailboxDetailValue(const gandi::Mailbox& mailbox, bool to_convert);

// The attributes of one element of data "gandimail_mailboxes".mailboxes.
std::vector<tfplugin::Attribute> MailboxSummaryAttributes();

// One element of data "gandimail_mailboxes".mailboxes.
cty::Value MailboxSummaryValue(const gandi::MailboxSummary& mailbox);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_VALUES_H_
