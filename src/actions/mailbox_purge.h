#ifndef GANDIMAIL_SRC_ACTIONS_MAILBOX_PURGE_H_
#define GANDIMAIL_SRC_ACTIONS_MAILBOX_PURGE_H_

#include <memory>

#include "internal/tfplugin/action.h"
#include "src/api_source.h"

namespace gandimail::actions {

// action "gandimail_mailbox_purge": deletes all mail stored in a mailbox
// and keeps the mailbox. The API has no Dry-Run for it: Plan reads the
// mailbox and warns which one loses its mail.
std::shared_ptr<tfplugin::Action> NewMailboxPurgeAction(const ApiSource* api);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_MAILBOX_PURGE_H_
