#ifndef GANDIMAIL_SRC_ACTIONS_MAILBOX_RENEW_H_
#define GANDIMAIL_SRC_ACTIONS_MAILBOX_RENEW_H_

#include <memory>

#include "internal/tfplugin/action.h"
#include "src/api_source.h"

namespace gandimail::actions {

// action "gandimail_mailbox_renew": renews one mailbox for 1 or 12 months,
// charged to the prepaid account. Plan checks it with Dry-Run; Invoke
// sends the renewal once and never repeats it on its own.
std::shared_ptr<tfplugin::Action> NewMailboxRenewAction(const ApiSource* api);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_MAILBOX_RENEW_H_
