#ifndef GANDIMAIL_SRC_RESOURCES_MAILBOX_PLAN_H_
#define GANDIMAIL_SRC_RESOURCES_MAILBOX_PLAN_H_

// The gandimail_mailbox rules that the generic planner cannot know: derived
// values (address, alias_count), when expires_at changes, which type
// changes are allowed, the warning that mail will be deleted, and the
// create check the API offers with Dry-Run.

#include "internal/tfplugin/resource.h"
#include "src/gandi/client.h"

namespace gandimail::resources {

// Plans `address`, `alias_count` and `expires_at` into
// `response->planned_state`, refuses a type change the API cannot make in
// place, refuses a create without a password, and warns when the plan
// replaces the mailbox (its mail is deleted).
void PlanMailbox(const tfplugin::PlanRequest& request,
                 tfplugin::PlanResponse* response);

// Asks the API whether creating the mailbox of `config` (wholly known)
// would succeed, without creating it. A refused field is an error at its
// attribute path; a refusal of availability (no free slot, login taken) is
// a warning, since the same apply may free it. A failed check is a warning.
void DryRunMailboxCreate(gandi::Client* client, const cty::Value& config,
                         tfplugin::Diagnostics* diagnostics);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_MAILBOX_PLAN_H_
