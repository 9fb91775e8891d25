#ifndef GANDIMAIL_SRC_ACTIONS_ACTION_COMMON_H_
#define GANDIMAIL_SRC_ACTIONS_ACTION_COMMON_H_

// Pieces the gandimail actions share: their common arguments, the checks
// of required arguments, the reading of Dry-Run refusals and API failures
// as diagnostics, a bounded wait for an accepted write to show, and the
// settling of a write whose answer was lost.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "internal/cty/path.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"
#include "src/api_source.h"
#include "src/gandi/types.h"

namespace gandimail::actions {

// How long an invocation waits for the effect of an accepted write to show
// in reads, only to report it; the work is done either way.
inline constexpr absl::Duration kEffectWait = absl::Seconds(30);

// `domain`: required, a domain name such as example.com.
tfplugin::Attribute DomainAttribute(std::string description);
// `mailbox_id`: required, the mailbox's UUID (gandimail_mailbox.id).
tfplugin::Attribute MailboxIdAttribute(std::string description);

// Adds an error at each attribute of `names` that is null in `config`.
// Unknown values pass: they are checked again once known.
void RequireAttributes(const cty::Value& config,
                       const std::vector<std::string>& names,
                       tfplugin::Diagnostics* diagnostics);

// What the user can do about a failed call, per kind of failure.
struct Advice {
  // For a 404: which argument to check, and its path.
  std::string not_found;
  std::optional<cty::Path> not_found_path;
  // For an answer that leaves open whether a write happened (lost answer,
  // 5xx): how to check before invoking again. Empty for reads and Dry-Run.
  std::string outcome_unknown;
};

// The mailbox an action works on, from its `domain` and `mailbox_id`.
struct MailboxTarget {
  std::string domain;
  std::string mailbox_id;
};
MailboxTarget MailboxTargetOf(const cty::Value& config);

// For a mailbox that is not there: check domain and mailbox_id.
Advice MailboxAdvice();
// For a domain that is not there: check domain.
Advice DomainAdvice();

// Reads `target`'s mailbox; on failure adds "Unable to Read Mailbox", whose
// detail ends with `consequence` (what was therefore not done, such as
// ", so it was not renewed."), and returns nothing.
std::optional<gandi::Mailbox> ReadMailbox(gandi::Client& client,
                                          const MailboxTarget& target,
                                          const std::string& consequence,
                                          tfplugin::Diagnostics* diagnostics);

// True when `status` leaves open whether the write it answers took effect:
// gandi::MayHaveTakenEffect, or a request whose own deadline passed.
bool MayHaveTakenEffect(const absl::Status& status);

// Adds an error: `summary`, then `detail`, the advice matching `status`,
// then the API's own message (`secrets` scrubbed from it). A 404 carries
// `advice.not_found_path`.
void AddFailure(tfplugin::Diagnostics* diagnostics, std::string summary,
                const std::string& detail, const absl::Status& status,
                const Advice& advice,
                const std::vector<std::string>& secrets = {});

// Adds an error for each problem a Dry-Run found (none when it succeeded):
// `summary`, then `detail`, what to do, and the API's words. A refusal of
// a field this action has as an argument carries that argument's path.
void AddDryRunRefusals(const gandi::DryRunResult& result,
                       const std::string& summary, const std::string& detail,
                       const std::vector<std::string>& argument_names,
                       tfplugin::Diagnostics* diagnostics);

// Calls `ready` until it returns true, for at most `limit`, with growing
// pauses. Returns OK once ready; Cancelled as soon as the provider is
// stopped or `ready` returns Cancelled; DeadlineExceeded (naming the last
// read error, if any) when the time is up. Other errors of `ready` count
// as "not yet": a failed read says nothing about the write.
absl::Status AwaitEffect(const ApiHandle& api,
                         const std::function<absl::StatusOr<bool>()>& ready,
                         absl::Duration limit = kEffectWait);

// How a write ended, once an answer that left it open was settled.
struct WriteOutcome {
  // The write's own answer.
  absl::StatusOr<gandi::Acknowledgement> answer;
  // True when the answer failed but the effect showed in reads: the write
  // was carried out (and paid) all the same.
  bool took_effect = false;
  // When the answer left the outcome open and the effect did not show:
  // why the wait ended (DeadlineExceeded, Cancelled). OK otherwise.
  absl::Status wait;
};

// Sends `write` once. When its answer leaves open whether it took effect
// (MayHaveTakenEffect), polls `took_effect` with AwaitEffect (bounded by
// `limit`, cut short by Stop) before the write counts as failed: writes
// are accepted before they show, so one read right away could call a done
// (paid) write failed. A definite failure is returned without a read.
WriteOutcome WriteAndSettle(
    const ApiHandle& api,
    const std::function<absl::StatusOr<gandi::Acknowledgement>()>& write,
    const std::function<absl::StatusOr<bool>()>& took_effect,
    absl::Duration limit = kEffectWait);

// Adds the error for a write whose answer failed and whose effect did not
// show (`outcome.took_effect` false): as AddFailure for
// `outcome.answer`, and when the wait ended unseen, why (so the
// outcome_unknown advice says how to check). `secrets` are scrubbed from
// every text of the API.
void AddWriteFailure(tfplugin::Diagnostics* diagnostics, std::string summary,
                     const std::string& detail, const WriteOutcome& outcome,
                     const Advice& advice,
                     const std::vector<std::string>& secrets = {});

// A date-time the API wrote, as an instant; InfinitePast when unreadable.
absl::Time ParseInstant(const std::string& text);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_ACTION_COMMON_H_
