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

// A per-domain cache of forward listings, so that the refresh of N forwards
// of a domain costs one walk of its list instead of N. Thread-safe.
//
// Get() returns the cached listing while it is younger than `ttl`; else the
// first caller fetches and concurrent callers for the same domain wait for
// that same fetch and share its result (an error included). Invalidate()
// drops the listing and detaches any fetch in flight, so a caller arriving
// after a write never receives a listing begun before it. Errors are
// returned but not cached.
class ForwardListCache {
 public:
  using Fetch =
      std::function<absl::StatusOr<ForwardListing>(const std::string& domain)>;
  using Clock = std::function<absl::Time()>;

  explicit ForwardListCache(absl::Duration ttl, Clock clock = &absl::Now);

  ForwardListCache(const ForwardListCache&) = delete;
  ForwardListCache& operator=(const ForwardListCache&) = delete;

  // `fetch` runs without the lock held, at most once per call.
  absl::StatusOr<std::shared_ptr<const ForwardListing>> Get(
      const std::string& domain, const Fetch& fetch);
  void Invalidate(const std::string& domain);

 private:
  using Result = absl::StatusOr<std::shared_ptr<const ForwardListing>>;

  // One fetch in progress and, once done, its result.
  struct Flight {
    bool done = false;
    Result result = absl::UnknownError("fetch not finished");
  };

  struct Entry {
    uint64_t generation = 0;  // Bumped by Invalidate.
    std::shared_ptr<const ForwardListing> listing;
    absl::Time fetched_at;
    std::shared_ptr<Flight> flight;  // Null when no fetch is in progress.
  };

  const absl::Duration ttl_;
  const Clock clock_;
  std::mutex mu_;
  std::condition_variable done_;          // Signalled when a Flight ends.
  std::map<std::string, Entry> entries_;  // Guarded by mu_.
};

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_FORWARD_H_
