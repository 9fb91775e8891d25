#include "internal/http/client.h"

#include <curl/curl.h>
#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "internal/base/status_macros.h"
#include "internal/http/retry.h"
#include "internal/log/log.h"

namespace gandimail::http {
namespace {

// Debian's Abseil has its own absl::string_view, distinct from
// std::string_view.
absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

constexpr char kOutcomeUnknownPayload[] = "gandimail/http-outcome-unknown";

// Idle easy handles kept for reuse, each with its live connection.
constexpr size_t kMaxIdleHandles = 16;

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

double UnitRandom() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        !absl::StrContains("!#$%&'*+-.^_`|~", c)) {
      return false;
    }
  }
  return true;
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// Failures that can pass on their own: worth another attempt.
bool IsTransient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

// Failures raised before any byte of the request could reach the server.
bool IsBeforeSending(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT;
}

bool IsCallerError(CURLcode code) {
  return code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL ||
         code == CURLE_BAD_FUNCTION_ARGUMENT;
}

}  // namespace

std::optional<std::string> Response::Header(std::string_view name) const {
  std::vector<absl::string_view> values;
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, Absl(name))) values.push_back(value);
  }
  if (values.empty()) return std::nullopt;
  return absl::StrJoin(values, ", ");
}

bool IsOutcomeUnknown(const absl::Status& status) {
  return status.GetPayload(kOutcomeUnknownPayload).has_value();
}

std::string RedactUrl(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

namespace internal_client {

// The easy-handle pool and the share handle (DNS and TLS sessions; libcurl
// does not support sharing its connection cache across threads, so each
// pooled handle keeps its own connections alive).
struct Handles {
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;
  absl::Mutex mu;
  std::vector<CURL*> idle ABSL_GUARDED_BY(mu);

  Handles() {
    share = curl_share_init();
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Handles::Lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Handles::Unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }

  ~Handles() {
    absl::MutexLock lock(&mu);
    for (CURL* handle : idle) curl_easy_cleanup(handle);
    curl_share_cleanup(share);
  }

  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
    static_cast<Handles*>(self)->locks[data].lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* self) {
    static_cast<Handles*>(self)->locks[data].unlock();
  }

  // Most recently used first: it is the likeliest to hold a live connection.
  CURL* Acquire() {
    {
      absl::MutexLock lock(&mu);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void Release(CURL* handle) {
    absl::MutexLock lock(&mu);
    if (idle.size() < kMaxIdleHandles) {
      idle.push_back(handle);
      return;
    }
    curl_easy_cleanup(handle);
  }
};

// What one attempt produced; filled by libcurl's callbacks.
struct Attempt {
  CURLcode code = CURLE_OK;
  long status = 0;
  HeaderList headers;
  std::string body;
  bool too_large = false;
  bool sent = false;  // Some bytes of the request reached the socket.
  absl::Duration elapsed;
  std::string detail;  // libcurl's error text, when it has one.
  size_t max_body = 0;
};

}  // namespace internal_client

namespace {

using internal_client::Attempt;

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  const size_t n = size * count;
  if (attempt->body.size() + n > attempt->max_body) {
    attempt->too_large = true;
    return 0;  // Makes libcurl abort with CURLE_WRITE_ERROR.
  }
  attempt->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  const size_t n = size * count;
  const absl::string_view line(data, n);

  // A status line starts a new response (after 100 Continue, or a proxy's
  // CONNECT answer): only the last one's headers count.
  if (absl::StartsWith(line, "HTTP/")) {
    attempt->headers.clear();
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == absl::string_view::npos) return n;
  attempt->headers.emplace_back(
      std::string(absl::StripAsciiWhitespace(line.substr(0, colon))),
      std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
  return n;
}

// no_proxy from the environment, plus loopback: a local API (the sandbox)
// is never reached through a proxy.
std::string NoProxyList() {
  const char* env = std::getenv("no_proxy");
  if (env == nullptr) env = std::getenv("NO_PROXY");
  std::string list = env == nullptr ? "" : env;
  if (!list.empty()) list += ",";
  return list + "localhost,127.0.0.1,::1";
}

}  // namespace

namespace {

absl::Status Validate(const Request& request) {
  if (!IsToken(request.method)) {
    return absl::InvalidArgumentError("HTTP method is not a valid token");
  }
  if (!absl::StartsWith(Absl(request.url), "https://") &&
      !absl::StartsWith(Absl(request.url), "http://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("URL must start with https:// or http://: ",
                     Absl(RedactUrl(request.url))));
  }
  for (const auto& [name, value] : request.headers) {
    // A line break in a header would let a value inject other headers.
    if (!IsToken(name) || HasLineBreak(value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid HTTP header ", IsToken(name) ? name : "name"));
    }
  }
  return absl::OkStatus();
}

// Takes ownership of a curl_slist for the duration of one attempt.
struct HeaderSlist {
  curl_slist* list = nullptr;
  ~HeaderSlist() { curl_slist_free_all(list); }
  void Add(const std::string& line) {
    list = curl_slist_append(list, line.c_str());
  }
};

void BuildHeaders(const Request& request, HeaderSlist* out) {
  for (const auto& [name, value] : request.headers) {
    // libcurl sends "Name;" as a header with an empty value.
    out->Add(value.empty() ? absl::StrCat(name, ";")
                           : absl::StrCat(name, ": ", value));
  }
  // No "Expect: 100-continue" round trip for large bodies.
  out->Add("Expect:");
}

void SetMethodAndBody(CURL* handle, const Request& request) {
  const std::string& method = request.method;
  if (method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (method == "HEAD") {
    curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    return;
  }
  if (method != "POST") {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  const bool has_body = method == "POST" || method == "PUT" ||
                        method == "PATCH" || !request.body.empty();
  if (has_body) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  }
}

void SetTransport(CURL* handle, const Options& options, absl::Duration timeout,
                  const std::string& no_proxy) {
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(
      handle, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(options.connect_timeout)));
  curl_easy_setopt(
      handle, CURLOPT_TIMEOUT_MS,
      std::max(1L, static_cast<long>(absl::ToInt64Milliseconds(timeout))));
  curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_bundle_path.empty()) {
    curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_bundle_path.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_NOPROXY, no_proxy.c_str());
}

// The secrets a request carries (credentials in headers, password-like
// fields in its body), to scrub from an answer that might echo them.
std::vector<std::string> RequestSecrets(const Request& request) {
  std::vector<std::string> secrets = log::SecretValuesInJson(request.body);
  for (const auto& [name, value] : request.headers) {
    if (log::RedactHeader(name, value) == value) continue;
    secrets.push_back(value);
    const size_t space = value.find(' ');
    if (space != std::string::npos) secrets.push_back(value.substr(space + 1));
  }
  return secrets;
}

nlohmann::json HeadersForLog(const HeaderList& headers,
                             const std::vector<std::string>& secrets) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : headers) {
    out[name] = log::ScrubSecrets(log::RedactHeader(name, value), secrets);
  }
  return out;
}

bool IsRegularFile(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

Options WithCaBundle(Options options) {
  if (options.ca_bundle_path.empty()) {
    options.ca_bundle_path = SystemCaBundle();
  }
  return options;
}

}  // namespace

std::string SystemCaBundle() {
  static constexpr const char* kKnownBundles[] = {
      "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Arch
      "/etc/pki/tls/certs/ca-bundle.crt",    // Fedora, RHEL
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 9
      "/etc/ssl/ca-bundle.pem",                             // openSUSE
  };
  const char* env = std::getenv("SSL_CERT_FILE");
  if (env != nullptr && IsRegularFile(env)) return env;
  for (const char* path : kKnownBundles) {
    if (IsRegularFile(path)) return path;
  }
  return "";
}

Client::Client(Options options)
    : options_(WithCaBundle(std::move(options))),
      pacer_(options_.requests_per_minute) {
  InitCurlOnce();
  handles_ = std::make_unique<internal_client::Handles>();
}

Client::~Client() = default;

void Client::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
}

Attempt Client::PerformOnce(const Request& request, absl::Duration timeout) {
  Attempt attempt;
  attempt.max_body = options_.max_response_bytes;
  char error_buffer[CURL_ERROR_SIZE] = "";
  HeaderSlist headers;
  BuildHeaders(request, &headers);
  const std::string no_proxy = NoProxyList();

  CURL* handle = handles_->Acquire();
  curl_easy_reset(handle);  // Keeps the live connections and caches.
  curl_easy_setopt(handle, CURLOPT_SHARE, handles_->share);
  SetTransport(handle, options_, timeout, no_proxy);
  SetMethodAndBody(handle, request);
  // On a reused connection that dies before any answer, libcurl silently
  // sends the request again on a new one. For a request that must not be
  // repeated (a POST that buys a slot) a connection of its own rules that
  // out, so every retry decision stays with the caller.
  if (!request.RetryAllowed()) {
    curl_easy_setopt(handle, CURLOPT_FRESH_CONNECT, 1L);
  }
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &attempt);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &attempt);

  const absl::Time start = absl::Now();
  attempt.code = curl_easy_perform(handle);
  attempt.elapsed = absl::Now() - start;

  long request_size = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &attempt.status);
  curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_size);
  attempt.sent = request_size > 0 && !IsBeforeSending(attempt.code);
  attempt.detail =
      error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(attempt.code);
  // The handle must not keep pointers into this frame.
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  handles_->Release(handle);
  return attempt;
}

absl::Status Client::WaitUntil(absl::Time when, absl::Time deadline) {
  if (when > deadline) {
    return absl::DeadlineExceededError(
        "the operation's deadline would pass before the next attempt");
  }
  if (stop_.WaitForNotificationWithDeadline(when)) {
    return absl::CancelledError(
        "the provider is stopping; the request was not sent");
  }
  return absl::OkStatus();
}

std::optional<absl::Duration> Client::RetryDelay(const Request& request,
                                                 const Attempt& attempt,
                                                 int number) const {
  if (number > options_.max_retries) return std::nullopt;
  const bool answered = attempt.code == CURLE_OK;
  const bool retryable =
      answered ? IsRetryableStatus(attempt.status) : IsTransient(attempt.code);
  if (!retryable) return std::nullopt;

  // Without retry_allowed, only a failure proving the server did not act
  // on the request is retried.
  const bool unprocessed = answered ? attempt.status == 429 : !attempt.sent;
  if (!request.RetryAllowed() && !(request.retry_unprocessed && unprocessed)) {
    return std::nullopt;
  }

  absl::Duration delay = Backoff(number, options_.initial_backoff,
                                 options_.max_backoff, UnitRandom());
  if (answered) {
    for (const auto& [name, value] : attempt.headers) {
      if (!absl::EqualsIgnoreCase(name, "retry-after")) continue;
      const auto asked = ParseRetryAfter(value, absl::Now());
      if (!asked.has_value()) break;
      if (*asked > options_.max_backoff) return std::nullopt;
      delay = *asked;
      break;
    }
  }
  if (absl::Now() + delay > request.deadline) return std::nullopt;
  return delay;
}

namespace {

absl::Status TransportError(const Request& request, const Attempt& attempt,
                            int attempts, size_t max_body) {
  const std::string what =
      absl::StrCat(request.method, " ", Absl(RedactUrl(request.url)));
  const std::string tries =
      attempts > 1 ? absl::StrCat(" (after ", attempts, " attempts)") : "";
  if (attempt.too_large) {
    // The server acted on the request, whatever it did: a POST answered
    // this way must be checked, not repeated.
    absl::Status status = absl::ResourceExhaustedError(absl::StrCat(
        what, ": the answer is larger than ", max_body, " bytes", tries));
    status.SetPayload(kOutcomeUnknownPayload, absl::Cord("1"));
    return status;
  }
  if (IsCallerError(attempt.code)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", attempt.detail));
  }
  if (!attempt.sent) {
    return absl::UnavailableError(absl::StrCat(
        what, ": ", attempt.detail, tries, "; the request was not sent"));
  }
  absl::Status status = absl::UnavailableError(absl::StrCat(
      what, ": ", attempt.detail, tries,
      "; the request may have reached the server, so its outcome is "
      "unknown"));
  status.SetPayload(kOutcomeUnknownPayload, absl::Cord("1"));
  return status;
}

void LogAttempt(const Request& request, const Attempt& attempt, int number) {
  if (!log::Enabled(log::Level::kDebug)) return;
  log::Fields fields = {
      {"method", request.method},
      {"url", RedactUrl(request.url)},
      {"status", attempt.status},
      {"duration_ms", absl::ToInt64Milliseconds(attempt.elapsed)},
      {"attempt", number}};
  if (attempt.code != CURLE_OK) fields.emplace_back("error", attempt.detail);
  log::Debug("HTTP request", fields);

  if (!log::Enabled(log::Level::kTrace)) return;
  const std::vector<std::string> secrets = RequestSecrets(request);
  fields.emplace_back("request_headers",
                      HeadersForLog(request.headers, secrets));
  fields.emplace_back("request_body", log::RedactJson(request.body));
  fields.emplace_back("response_headers",
                      HeadersForLog(attempt.headers, secrets));
  fields.emplace_back(
      "response_body",
      log::ScrubSecrets(log::RedactJson(attempt.body), secrets));
  log::Trace("HTTP exchange", std::move(fields));
}

void LogRetry(const Request& request, const Attempt& attempt, int number,
              absl::Duration delay) {
  log::Warn("retrying HTTP request",
            {{"method", request.method},
             {"url", RedactUrl(request.url)},
             {"reason", attempt.code == CURLE_OK
                            ? absl::StrCat("status ", attempt.status)
                            : attempt.detail},
             {"attempt", number},
             {"delay_ms", absl::ToInt64Milliseconds(delay)}});
}

}  // namespace

absl::StatusOr<Response> Client::Do(const Request& request) {
  GM_RETURN_IF_ERROR(Validate(request));

  for (int number = 1;; ++number) {
    if (stopped()) {
      return absl::CancelledError(
          "the provider is stopping; the request was not sent");
    }
    GM_RETURN_IF_ERROR(
        WaitUntil(pacer_.Reserve(absl::Now()), request.deadline));
    const absl::Duration left = request.deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(
          "the operation's deadline passed before the request was sent");
    }

    Attempt attempt =
        PerformOnce(request, std::min(options_.request_timeout, left));
    LogAttempt(request, attempt, number);

    const std::optional<absl::Duration> delay =
        RetryDelay(request, attempt, number);
    if (!delay.has_value()) {
      if (attempt.code != CURLE_OK || attempt.too_large) {
        return TransportError(request, attempt, number,
                              options_.max_response_bytes);
      }
      return Response{attempt.status, std::move(attempt.headers),
                      std::move(attempt.body), number};
    }
    LogRetry(request, attempt, number, *delay);
    GM_RETURN_IF_ERROR(WaitUntil(absl::Now() + *delay, request.deadline));
  }
}

}  // namespace gandimail::http
