#ifndef GANDIMAIL_SRC_RESOURCES_FORWARD_H_
#define GANDIMAIL_SRC_RESOURCES_FORWARD_H_

// resource "gandimail_forward": one forwarding address of a domain, such as
// alice@example.com -> [alice.doe@example.org]. The API has no GET of one
// forward, so reads share one walk of the domain's list per run (see
// ForwardListCache) and confirm a missing forward before calling it gone.

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "internal/tfplugin/resource.h"
#include "src/api_source.h"
#include "src/gandi/types.h"
#include "src/resources/list_cache.h"

namespace gandimail::resources {

std::shared_ptr<tfplugin::Resource> NewForwardResource(const ApiSource* api);

// ---- Pure helpers, shared with the gandimail_forwards data source ----

// Returns an empty string when `source` is a valid forward source (a local
// part), else a sentence saying what is wrong and how to fix it. A local part
// is 1-64 characters of [a-z0-9._-], starts and ends with a letter or digit,
// holds no "..", and may carry one '*' at its start or end next to at least
// two other characters (a catch-all such as "sales*"). A value with '@' gets
// the fix spelled out: `source = "alice"` and `domain = "example.com"`.
std::string CheckForwardSource(absl::string_view source);

// Returns an empty string when `address` is a full email address (one '@',
// a non-empty local part, a domain with a dot, no spaces), else the reason.
std::string CheckEmailAddress(absl::string_view address);

// The local part of a source as the API reported it: the API may answer
// "alice@example.com" where "alice" was sent, so "@<domain>" (ASCII case
// ignored) is removed. Anything else is returned unchanged.
std::string NormaliseSource(absl::string_view source, absl::string_view domain);

// The parts of an import ID such as "alice@example.com".
struct ForwardId {
  std::string source;
  std::string domain;
};

// Splits `id` at its one '@'. InvalidArgument with the message
// `expected <local>@<domain>, such as alice@example.com; got "..."` when
// there is no '@', more than one, or an empty side.
absl::StatusOr<ForwardId> ParseForwardId(absl::string_view id);

// The forwards of one domain as one walk of its list found them, by
// normalised source.
using ForwardListing = std::map<std::string, gandi::Forward>;

// The per-domain cache of forward listings (see ListCache).
using ForwardListCache = ListCache<ForwardListing>;

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_FORWARD_H_
