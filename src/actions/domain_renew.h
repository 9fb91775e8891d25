#ifndef GANDIMAIL_SRC_ACTIONS_DOMAIN_RENEW_H_
#define GANDIMAIL_SRC_ACTIONS_DOMAIN_RENEW_H_

#include <memory>
#include <string>
#include <vector>

#include "internal/tfplugin/action.h"
#include "src/api_source.h"
#include "src/gandi/types.h"

namespace gandimail::actions {

// action "gandimail_domain_renew": renews every mailbox of a domain in one
// request, each charged to the prepaid account. Plan checks it with
// Dry-Run; Invoke sends the renewal once and never repeats it on its own.
std::shared_ptr<tfplugin::Action> NewDomainRenewAction(const ApiSource* api);

// How a domain's mailboxes, listed again, compare with their list before
// a renewal of them all.
struct ExpiryComparison {
  // True when every mailbox of `before` is listed again, each whose expiry
  // reads both times expires later, and at least one does: the renewal
  // shows. A mailbox gone from the list does not count as renewed.
  bool extended = false;
  // The earliest of the readable new expiries, as Gandi wrote it; "" when
  // none reads.
  std::string earliest;
  // The addresses whose expiry (before or now) cannot be read: whether
  // they were renewed is unknown.
  std::vector<std::string> unknown;
};
ExpiryComparison CompareExpiries(
    const std::vector<gandi::MailboxSummary>& before,
    const std::vector<gandi::MailboxSummary>& now);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_DOMAIN_RENEW_H_
