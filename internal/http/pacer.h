#ifndef GANDIMAIL_INTERNAL_HTTP_PACER_H_
#define GANDIMAIL_INTERNAL_HTTP_PACER_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace gandimail::http {

// A token bucket shared by every thread of a client, so that all requests
// together stay under `requests_per_minute` in any 60-second window: the
// bucket holds a burst of requests_per_minute/60 (at least 1) and refills so
// that burst plus a minute of refill never exceeds the limit.
class Pacer {
 public:
  // `requests_per_minute` <= 0 disables pacing.
  explicit Pacer(int requests_per_minute);

  Pacer(const Pacer&) = delete;
  Pacer& operator=(const Pacer&) = delete;

  // Takes one token and returns when the request may be sent (`now` or
  // later). The token is taken even if the caller then gives up waiting.
  absl::Time Reserve(absl::Time now);

  double burst() const { return burst_; }
  double tokens_per_second() const { return rate_; }

 private:
  double burst_ = 0;
  double rate_ = 0;  // Tokens per second; 0 when pacing is off.

  absl::Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time refilled_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace gandimail::http

#endif  // GANDIMAIL_INTERNAL_HTTP_PACER_H_
