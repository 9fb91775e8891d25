#ifndef GANDIMAIL_INTERNAL_HTTP_RETRY_H_
#define GANDIMAIL_INTERNAL_HTTP_RETRY_H_

// The retry policy of http::Client, kept apart so that it can be tested
// without a server.

#include <optional>
#include <string_view>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace gandimail::http {

// True for answers that say "try again later": 429 and 500 to 504.
bool IsRetryableStatus(long status);

// Reads a Retry-After value, either delay-seconds ("120") or an HTTP-date
// ("Sun, 06 Nov 1994 08:49:37 GMT"), as a delay from `now`; a date in the
// past gives zero. Returns nullopt for anything else.
std::optional<absl::Duration> ParseRetryAfter(std::string_view value,
                                              absl::Time now);

// Exponential backoff with full jitter for retry number `retry` (1 for the
// first retry): `unit_random` (in [0, 1)) times min(max_backoff,
// initial * 2^(retry-1)). Full jitter spreads concurrent clients apart.
absl::Duration Backoff(int retry, absl::Duration initial,
                       absl::Duration max_backoff, double unit_random);

}  // namespace gandimail::http

#endif  // GANDIMAIL_INTERNAL_HTTP_RETRY_H_
