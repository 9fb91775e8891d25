#ifndef GANDIMAIL_INTERNAL_LOG_REDACT_H_
#define GANDIMAIL_INTERNAL_LOG_REDACT_H_

// Keeping secrets (tokens, passwords) out of log lines and error texts.

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"

namespace gandimail::log {

// The text that stands in for every redacted value.
inline constexpr std::string_view kRedacted = "(redacted)";

// A secret string. Its only way out is Reveal(): every other form (JSON,
// operator<<) is "(redacted)", so passing a Secret to a log field or a
// stream cannot leak it. absl::StrCat does not accept it at all.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string text) : text_(std::move(text)) {}

  // The secret itself; call only where it is sent (a header, a body).
  const std::string& Reveal() const { return text_; }
  bool empty() const { return text_.empty(); }

  friend bool operator==(const Secret& a, const Secret& b) {
    return a.text_ == b.text_;
  }
  friend bool operator!=(const Secret& a, const Secret& b) { return !(a == b); }

 private:
  std::string text_;
};

std::ostream& operator<<(std::ostream& out, const Secret& secret);

// nlohmann/json conversion (found by ADL): always "(redacted)".
void to_json(nlohmann::json& j, const Secret& secret);

// Returns `body` as compact JSON with the value of every object key named
// password, password_wo, token, key, personal_access_token or authorization
// (case-insensitive, at any depth) replaced by "(redacted)". An empty body
// gives "". Text that is not JSON gives "(unparsable body: N bytes)", since
// raw text could hold a secret that cannot be found reliably.
std::string RedactJson(std::string_view body);

// The string values that RedactJson would redact from `body` (none when it
// is not JSON), so that they can also be scrubbed from texts that echo
// them, such as an answer quoting the request.
std::vector<std::string> SecretValuesInJson(std::string_view body);

// Replaces every occurrence in `text` of each entry of `secrets` that is at
// least kMinScrubbedLength long by "(redacted)". Shorter entries are left
// alone: scrubbing them would garble the text without protecting anything.
inline constexpr size_t kMinScrubbedLength = 4;
std::string ScrubSecrets(std::string text,
                         const std::vector<std::string>& secrets);

// Returns `value` as it may be logged for header `name`: for Authorization,
// Proxy-Authorization, Cookie and Set-Cookie (any case) the credential is
// replaced, keeping an auth scheme ("Bearer (redacted)"); other headers are
// returned unchanged.
std::string RedactHeader(std::string_view name, std::string_view value);

}  // namespace gandimail::log

#endif  // GANDIMAIL_INTERNAL_LOG_REDACT_H_
