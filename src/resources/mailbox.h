#ifndef GANDIMAIL_SRC_RESOURCES_MAILBOX_H_
#define GANDIMAIL_SRC_RESOURCES_MAILBOX_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::resources {

// resource "gandimail_mailbox": one mailbox of a domain, with its aliases,
// responder, antispam and autorenew. Import IDs: `example.com/<uuid>` and
// `alice@example.com`. Destroying or replacing it deletes its mail.
std::shared_ptr<tfplugin::Resource> NewMailboxResource(const ApiSource* api);

// The resource's schema, for tests and docs.
const tfplugin::Schema& MailboxSchema();

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_MAILBOX_H_
