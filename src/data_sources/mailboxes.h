#ifndef GANDIMAIL_SRC_DATA_SOURCES_MAILBOXES_H_
#define GANDIMAIL_SRC_DATA_SOURCES_MAILBOXES_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_mailboxes": every mailbox of a domain (all pages), with
// the list's filters: login, login_pattern, mailbox_type, antispam.
std::shared_ptr<tfplugin::DataSource> NewMailboxesDataSource(
    const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_MAILBOXES_H_
