#ifndef GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_H_
#define GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_mailbox": one mailbox, found by `id` (with `domain`), by
// `login` (with `domain`) or by `address`.
std::shared_ptr<tfplugin::DataSource> NewMailboxDataSource(
    const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_MAILBOX_H_
