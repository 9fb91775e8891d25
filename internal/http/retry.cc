#include "internal/http/retry.h"

#include <curl/curl.h>

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace gandimail::http {

bool IsRetryableStatus(long status) {
  return status == 429 || (status >= 500 && status <= 504);
}

std::optional<absl::Duration> ParseRetryAfter(std::string_view value,
                                              absl::Time now) {
  const std::string text(absl::StripAsciiWhitespace(
      absl::string_view(value.data(), value.size())));
  if (text.empty()) return std::nullopt;

  if (absl::ascii_isdigit(static_cast<unsigned char>(text[0]))) {
    int64_t seconds = 0;
    if (!absl::SimpleAtoi(text, &seconds) || seconds < 0) return std::nullopt;
    return absl::Seconds(seconds);
  }

  // curl_getdate understands the three date forms HTTP allows.
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const absl::Duration delay = absl::FromTimeT(when) - now;
  return delay < absl::ZeroDuration() ? absl::ZeroDuration() : delay;
}

absl::Duration Backoff(int retry, absl::Duration initial,
                       absl::Duration max_backoff, double unit_random) {
  absl::Duration ceiling = initial;
  for (int i = 1; i < retry && ceiling < max_backoff; ++i) ceiling *= 2;
  if (ceiling > max_backoff) ceiling = max_backoff;
  if (unit_random < 0) unit_random = 0;
  if (unit_random >= 1) unit_random = 1;
  return ceiling * unit_random;
}

}  // namespace gandimail::http
