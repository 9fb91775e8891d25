#include "internal/http/pacer.h"

#include <algorithm>

namespace gandimail::http {

Pacer::Pacer(int requests_per_minute) {
  if (requests_per_minute <= 0) return;
  burst_ = std::max(1, requests_per_minute / 60);
  // A full bucket plus one minute of refill must stay within the limit.
  const double per_minute =
      std::max(1.0, static_cast<double>(requests_per_minute) - burst_);
  rate_ = per_minute / 60.0;
  tokens_ = burst_;
}

absl::Time Pacer::Reserve(absl::Time now) {
  if (rate_ == 0) return now;

  absl::MutexLock lock(&mu_);
  if (refilled_at_ != absl::InfinitePast() && now > refilled_at_) {
    const double elapsed = absl::ToDoubleSeconds(now - refilled_at_);
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
  }
  refilled_at_ = std::max(refilled_at_, now);

  // A negative balance is a queue of reservations: this one is served once
  // the bucket has refilled back to zero.
  tokens_ -= 1;
  if (tokens_ >= 0) return now;
  return refilled_at_ + absl::Seconds(-tokens_ / rate_);
}

}  // namespace gandimail::http
