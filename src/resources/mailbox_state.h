#ifndef GANDIMAIL_SRC_RESOURCES_MAILBOX_STATE_H_
#define GANDIMAIL_SRC_RESOURCES_MAILBOX_STATE_H_

// Translation between gandimail_mailbox values (cty objects of the
// resource's schema type) and the API's mailbox bodies: the state a read
// produces, the requests a plan turns into, and the check that a write has
// become visible. No I/O here.

#include <optional>
#include <string>
#include <vector>

#include "internal/cty/type.h"
#include "internal/cty/value.h"
#include "src/gandi/types.h"

namespace gandimail::resources {

// The state for mailbox `api`, as the resource's object type `type`.
// Where `prior` (a state, plan or null) holds a value the API reports in
// another form, the prior form is kept, so that the config's spelling never
// shows as drift: a deprecated mailbox_type equal to the stored type, a
// responder date naming the same instant, an unset responder or alias list
// against the API's empty form, an unset responder message against "".
// Arguments the API never returns (password, password_wo_version,
// timeouts) are taken from `prior`.
cty::Value MailboxStateFromApi(const gandi::Mailbox& api,
                               const cty::Value& prior, const cty::Type& type);

// `planned` with every attribute that is not wholly known replaced by its
// value in `api`'s state, or by null when `api` is null (a write that is
// not visible yet: the next refresh reads them).
cty::Value FillComputed(const cty::Value& planned, const gandi::Mailbox* api);

// The alias list of a plan or state value: null and unknown read as none.
std::vector<std::string> AliasList(const cty::Value& object);

// The creation body for `config` (a wholly known config): password from
// `password`, else from `password_wo`.
gandi::MailboxCreate MailboxCreateFromConfig(const cty::Value& config);

// What a create's POST cannot carry and a PATCH right after must: the
// responder when the plan sets one, autorenew when the config sets it.
gandi::MailboxUpdate PostCreatePatch(const cty::Value& planned,
                                     const cty::Value& config);

// The PATCH that moves the mailbox from `prior` to `planned`. Only changed
// fields are set; antispam and autorenew only when `config` sets them;
// password_wo only when password_wo_version changed.
gandi::MailboxUpdate MailboxUpdateFromChange(const cty::Value& prior,
                                             const cty::Value& planned,
                                             const cty::Value& config);

// True when `update` would send nothing.
bool IsEmptyUpdate(const gandi::MailboxUpdate& update);

// True when `api` shows what `planned` asks for: login, stored type,
// aliases, responder, and antispam and autorenew where `planned` knows
// them. Used to wait for a write to become visible.
bool ApiShowsPlan(const gandi::Mailbox& api, const cty::Value& planned);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_MAILBOX_STATE_H_
