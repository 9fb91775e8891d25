// Fault injection for the sandbox's API routes: PUT /_sandbox/faults sets a
// list of rules, each hitting a route (or "*") with a seeded chance and an
// optional hit budget.
#ifndef GANDIMAIL_TESTS_SANDBOX_FAULTS_H_
#define GANDIMAIL_TESTS_SANDBOX_FAULTS_H_

#include <httplib.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tests/sandbox/model.h"

namespace gandimail::sandbox {

enum class FaultKind {
  kStatus,       // answer `status` (with Retry-After when retry_after_s)
  kLatency,      // wait `ms`, then go on (later rules may still hit)
  kDrop,         // close the connection without a response
  kStall,        // hold the request `ms` (default 30 s) or until shutdown,
                 // then close the connection without a response
  kAfterEffect,  // perform the request, then close without a response
};

struct FaultRule {
  std::string route;             // "*" or "METHOD /v5/email/<template>"
  double rate = 1.0;             // chance that a matching request is hit
  std::optional<int64_t> count;  // most hits; nullopt: no limit
  FaultKind kind = FaultKind::kStatus;
  int status = 500;
  std::optional<int64_t> retry_after_s;
  int64_t ms = 0;
  int64_t hits = 0;  // hits so far
};

// What to do to one request: first wait `latency`, then apply `terminal`
// when set.
struct FaultPlan {
  absl::Duration latency;
  std::optional<FaultRule> terminal;
};

// Thread-safe rule set with a seeded RNG. Rules are tried in order; a
// latency hit adds its delay and the search goes on, any other hit ends it.
class Faults {
 public:
  // `known_routes` are the "METHOD template" keys a rule may name; set
  // once, before serving starts.
  void SetKnownRoutes(std::set<std::string> known_routes);

  // Replaces the rules and reseeds from a PUT /_sandbox/faults body.
  // Returns InvalidArgument naming the faulty rule field.
  absl::Status Set(const Json& body);
  void Clear();
  // The current rules with their hit counts, in the PUT shape.
  Json ToJson() const;

  FaultPlan Decide(const std::string& route_key);

 private:
  std::set<std::string> known_routes_;
  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;  // Guarded by mu_.
  uint64_t seed_ = 1;             // Guarded by mu_.
  std::mt19937_64 rng_;           // Guarded by mu_.
};

// Set once when the sandbox stops; lets stalls and latencies end early.
class ShutdownSignal {
 public:
  void Stop();
  // Waits up to `d`; returns true when the sandbox is stopping.
  bool WaitFor(absl::Duration d);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // Guarded by mu_.
};

// Shuts down, in both directions, the socket that carries `req`, so that
// the client sees the connection end with no response. cpp-httplib gives a
// handler no access to its socket, so it is found among the process's
// descriptors by its address pair. Returns false when it was not found.
bool DropConnection(const httplib::Request& req);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_FAULTS_H_
