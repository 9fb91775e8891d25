#ifndef GANDIMAIL_SRC_RESOURCES_COMMON_H_
#define GANDIMAIL_SRC_RESOURCES_COMMON_H_

// Pieces every gandimail resource and data source shares: the `timeouts`
// argument, value validators with clear messages, and the reporting of API
// failures as diagnostics.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "internal/cty/value.h"
#include "internal/log/log.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"
#include "src/gandi/types.h"

namespace gandimail::resources {

// `timeouts = { create = "10m", ... }` for the given operations, each a Go
// duration string; optional, and not managed by the API.
tfplugin::Attribute TimeoutsAttribute(const std::vector<std::string>& ops,
                                      absl::Duration fallback);

// The duration set for `op` in the `timeouts` attribute of `object` (a
// config, plan or state value), else `fallback`.
absl::Duration TimeoutFor(const cty::Value& object, const std::string& op,
                          absl::Duration fallback);

// A validator: the string must be one of `allowed`.
tfplugin::Validator OneOf(std::vector<std::string> allowed);
// A validator: the number must be one of `allowed`.
tfplugin::Validator OneOfInts(std::vector<int64_t> allowed);
// A validator: the string must be a Go-style duration such as "90s".
tfplugin::Validator IsDuration();
// A validator: an RFC 3339 date-time such as "2026-07-10T18:00:00Z".
tfplugin::Validator IsRfc3339();

// Parses an RFC 3339 date-time; false when it is not one.
bool ParseRfc3339(const std::string& text, absl::Time* out);
// True when both are date-times naming the same instant (offsets may
// differ), or the same text.
bool SameInstant(const std::string& a, const std::string& b);

// Adds an error for a failed API call: `summary` (Title Case), `detail`
// naming the object, then the API's own message. No secret is in `status`
// (the API client redacts), so it is shown as it is.
void AddApiError(tfplugin::Diagnostics* diagnostics, std::string summary,
                 std::string detail, const absl::Status& status);

// ---- Creates whose answer may be lost ----
//
// A create POST is never repeated by the HTTP layer. When its outcome is
// unknown, SendCreate looks the object up; only when it is still absent
// after a while is the POST sent once more, and never a third time.

// True when a failed create may still have taken effect: the request went
// out and no answer came back (dropped, reset, timed out), or the server
// answered 5xx. A 4xx (and a 429 the HTTP layer gave up retrying) is a
// refusal: nothing was made.
bool CreateOutcomeUnknown(const absl::Status& status);

// What SendCreate needs of one resource. The callbacks are called on the
// calling thread only.
struct CreateCalls {
  // Names the object in log lines; no secret goes here.
  log::Fields fields;
  // Sends the create POST once.
  std::function<absl::StatusOr<gandi::Acknowledgement>()> post;
  // Looks once for the object this create makes: true when it shows, false
  // when it does not (yet); an error when the look-up itself failed.
  std::function<absl::StatusOr<bool>()> find;
  // The first sleep between two look-ups (doubled after each).
  absl::Duration first_poll = absl::Milliseconds(250);
  // The longest look-up after a lost answer before the POST is sent again:
  // how long the API may take to show a create. Half the time left before
  // the deadline at most, so that the re-sent POST has time too.
  absl::Duration lookup_limit = absl::Seconds(30);
};

struct CreateOutcome {
  enum class How {
    kAnswered,  // A POST was answered 2xx: `ack` holds the answer.
    kAdopted,   // A POST went unanswered, then the object was found.
    kRefused,   // The API refused (4xx): `status` says why.
    kUnknown,   // Unanswered and not found: it may or may not exist.
  };
  How how = How::kRefused;
  // OK for kAnswered and kAdopted; else the last failure: the refusal, the
  // last lost answer, or the look-up's own error.
  absl::Status status;
  std::optional<gandi::Acknowledgement> ack;
  // POSTs sent: 1, or 2 after a lost answer and a look-up that found
  // nothing.
  int posts = 0;
  // The last look-up failed (rather than found nothing in time).
  bool lookup_failed = false;

  bool made() const { return how == How::kAnswered || how == How::kAdopted; }
};

// Sends `calls.post`. On an unknown outcome, polls `calls.find` (up to
// `lookup_limit`, at most half the time left); found: kAdopted. Not found:
// sends the POST once more, never twice. An unknown outcome of that one is
// looked up again until `deadline`; a 409 to it (the first POST made the
// object after all, too late to show) is too. A look-up that fails ends
// the create as kUnknown without a re-send: a POST is repeated only once
// it is known that the first made nothing. Each step is logged (Debug).
CreateOutcome SendCreate(const CreateCalls& calls, absl::Time deadline);

// Adds the error for a create of `object` (such as "the forward
// alice@example.com") that ended kUnknown: what is known (it may or may
// not exist), and how to check (`terraform plan`, then `terraform import`
// with `import_id` if it exists), then the last failure's message.
void AddCreateOutcomeUnknown(tfplugin::Diagnostics* diagnostics,
                             const std::string& summary,
                             const std::string& object,
                             const std::string& import_id,
                             const CreateOutcome& outcome);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_COMMON_H_
