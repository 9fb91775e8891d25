#ifndef GANDIMAIL_SRC_RESOURCES_LIST_CACHE_H_
#define GANDIMAIL_SRC_RESOURCES_LIST_CACHE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace gandimail::resources {

// A per-domain cache of listings (a domain's forwards, its mailbox
// summaries), so that the refresh of N objects of a domain costs one walk
// of its list instead of N. Thread-safe.
//
// Get() returns the cached listing while it is younger than `ttl`; else the
// first caller fetches and concurrent callers for the same domain wait for
// that same fetch and share its result (an error included). Invalidate()
// drops the listing and detaches any fetch in flight, so a caller arriving
// after a write never receives a listing begun before it. Errors are
// returned but not cached.
template <typename Listing>
class ListCache {
 public:
  using Fetch =
      std::function<absl::StatusOr<Listing>(const std::string& domain)>;
  using Clock = std::function<absl::Time()>;

  explicit ListCache(absl::Duration ttl, Clock clock = &absl::Now);

  ListCache(const ListCache&) = delete;
  ListCache& operator=(const ListCache&) = delete;

  // `fetch` runs without the lock held, at most once per call.
  absl::StatusOr<std::shared_ptr<const Listing>> Get(const std::string& domain,
                                                     const Fetch& fetch);
  void Invalidate(const std::string& domain);

 private:
  using Result = absl::StatusOr<std::shared_ptr<const Listing>>;

  // One fetch in progress and, once done, its result.
  struct Flight {
    bool done = false;
    Result result = absl::UnknownError("fetch not finished");
  };

  struct Entry {
    uint64_t generation = 0;  // Bumped by Invalidate.
    std::shared_ptr<const Listing> listing;
    absl::Time fetched_at;
    std::shared_ptr<Flight> flight;  // Null when no fetch is in progress.
  };

  const absl::Duration ttl_;
  const Clock clock_;
  std::mutex mu_;
  std::condition_variable done_;          // Signalled when a Flight ends.
  std::map<std::string, Entry> entries_;  // Guarded by mu_.
};

template <typename Listing>
ListCache<Listing>::ListCache(absl::Duration ttl, Clock clock)
    : ttl_(ttl), clock_(std::move(clock)) {}

template <typename Listing>
absl::StatusOr<std::shared_ptr<const Listing>> ListCache<Listing>::Get(
    const std::string& domain, const Fetch& fetch) {
  std::unique_lock<std::mutex> lock(mu_);
  Entry& entry = entries_[domain];  // std::map: stable across inserts.
  if (entry.listing != nullptr && clock_() - entry.fetched_at < ttl_) {
    return entry.listing;
  }
  if (entry.flight != nullptr) {
    std::shared_ptr<Flight> flight = entry.flight;
    done_.wait(lock, [&flight] { return flight->done; });
    return flight->result;
  }

  auto flight = std::make_shared<Flight>();
  entry.flight = flight;
  uint64_t generation = entry.generation;
  lock.unlock();
  absl::StatusOr<Listing> fetched = fetch(domain);
  lock.lock();

  if (fetched.ok()) {
    flight->result = std::make_shared<const Listing>(*std::move(fetched));
  } else {
    flight->result = fetched.status();
  }
  flight->done = true;
  if (entry.flight == flight) entry.flight = nullptr;
  if (flight->result.ok() && entry.generation == generation) {
    entry.listing = *flight->result;
    entry.fetched_at = clock_();
  }
  done_.notify_all();
  return flight->result;
}

template <typename Listing>
void ListCache<Listing>::Invalidate(const std::string& domain) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& entry = entries_[domain];
  ++entry.generation;
  entry.listing = nullptr;
  // Callers already waiting keep their flight; new ones start afresh.
  entry.flight = nullptr;
}

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_LIST_CACHE_H_
