#ifndef GANDIMAIL_INTERNAL_HTTP_CLIENT_H_
#define GANDIMAIL_INTERNAL_HTTP_CLIENT_H_

// An HTTP client over libcurl, shared by every RPC thread of the provider.
//
// Thread-safe: Do() may be called from any number of threads at once. Easy
// handles are pooled and share one connection cache, DNS cache and TLS
// session cache, so connections are kept alive and reused across requests
// and threads (HTTP/2 is used where a TLS server offers it).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "internal/http/pacer.h"

namespace gandimail::http {

namespace internal_client {
struct Handles;
struct Attempt;
}  // namespace internal_client

struct Options {
  // Sent as User-Agent on every request.
  std::string user_agent = "terraform-provider-gandimail";
  absl::Duration connect_timeout = absl::Seconds(10);
  // Bound on one attempt, from connecting to the last byte of the answer.
  absl::Duration request_timeout = absl::Seconds(60);
  // Retries after the first attempt; 0 disables retries.
  int max_retries = 4;
  // Ceiling of the first backoff; it doubles per retry up to max_backoff.
  absl::Duration initial_backoff = absl::Milliseconds(500);
  // Ceiling of any wait between attempts. A Retry-After asking for longer
  // is not honoured by waiting: the answer is returned as it is.
  absl::Duration max_backoff = absl::Seconds(30);
  // PEM bundle of trusted CAs; empty uses the system's (SystemCaBundle).
  // TLS verification is always on.
  std::string ca_bundle_path;
  // Client-side pacing across all threads; 0 disables it.
  int requests_per_minute = 1000;
  // Larger answers fail with ResourceExhausted rather than fill memory.
  size_t max_response_bytes = 64 << 20;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  // Absolute http(s) URL, query included and already escaped.
  std::string url;
  HeaderList headers;
  std::string body;
  // Whether an attempt may be repeated after an answer or a failure that
  // leaves the outcome unknown (5xx, reset, timeout). Defaults to true
  // except for POST; set it by hand for requests built field by field.
  std::optional<bool> retry_allowed;
  // Whether failures that prove the server did not act on the request (no
  // connection could be made, or 429 Too Many Requests) are retried even
  // when retry_allowed is false.
  bool retry_unprocessed = true;
  // No attempt starts, and no wait lasts, beyond this time.
  absl::Time deadline = absl::InfiniteFuture();

  bool RetryAllowed() const { return retry_allowed.value_or(method != "POST"); }
};

struct Response {
  long status = 0;
  HeaderList headers;  // In the order received, names as sent.
  std::string body;
  // How many attempts were made, this one included.
  int attempts = 0;

  // The value of header `name` (any case); repeated headers are joined with
  // ", " as HTTP allows. Nullopt when absent.
  std::optional<std::string> Header(std::string_view name) const;
};

// True when `status` reports a transport failure after which the request
// may or may not have reached the server (a POST that must not be blindly
// repeated). Such errors are absl::UnavailableError.
bool IsOutcomeUnknown(const absl::Status& status);

class Client {
 public:
  explicit Client(Options options);
  ~Client();

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends `request`, retrying per the request's policy (see Request), and
  // returns the final answer whatever its HTTP status. Errors:
  // - Cancelled: Stop() was called before the request was sent, or while it
  //   waited for a retry or for pacing.
  // - Unavailable: no answer; IsOutcomeUnknown() says whether it may have
  //   been acted on.
  // - DeadlineExceeded: every attempt timed out, or request.deadline passed.
  // - InvalidArgument: a malformed URL or method.
  // - ResourceExhausted: the answer exceeded max_response_bytes.
  // Error texts hold no header value and no query string.
  absl::StatusOr<Response> Do(const Request& request);

  // Makes every current and future wait (backoff, pacing) end with
  // Cancelled; requests already sent run to completion (bounded by
  // request_timeout). Irreversible.
  void Stop();
  bool stopped() const { return stop_.HasBeenNotified(); }

  const Options& options() const { return options_; }

 private:
  using Attempt = internal_client::Attempt;

  Attempt PerformOnce(const Request& request, absl::Duration timeout);
  // Sleeps until `when`; Cancelled if Stop() is called meanwhile,
  // DeadlineExceeded (without sleeping) if `when` is past `deadline`.
  absl::Status WaitUntil(absl::Time when, absl::Time deadline);
  std::optional<absl::Duration> RetryDelay(const Request& request,
                                           const Attempt& attempt,
                                           int number) const;

  const Options options_;
  Pacer pacer_;
  absl::Notification stop_;
  std::unique_ptr<internal_client::Handles> handles_;
};

// The URL without its query and fragment, for log lines and error texts.
std::string RedactUrl(std::string_view url);

// The system's CA bundle: $SSL_CERT_FILE when it names a file, else the
// first file found where Debian, Ubuntu, Fedora, RHEL, openSUSE and Arch
// keep theirs, else empty (libcurl's own default). A statically linked
// libcurl knows only the path of the system it was built on, so the
// provider looks for itself.
std::string SystemCaBundle();

}  // namespace gandimail::http

#endif  // GANDIMAIL_INTERNAL_HTTP_CLIENT_H_
