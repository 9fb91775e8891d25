#include "internal/log/redact.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace gandimail::log {
namespace {

// Debian's Abseil is built with its own absl::string_view, distinct from
// std::string_view.
absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

bool IsSecretKey(std::string_view key) {
  const std::string lower = absl::AsciiStrToLower(Absl(key));
  return lower == "password" || lower == "password_wo" || lower == "token" ||
         lower == "key" || lower == "personal_access_token" ||
         lower == "authorization";
}

void RedactInPlace(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (IsSecretKey(it.key())) {
        it.value() = std::string(kRedacted);
      } else {
        RedactInPlace(it.value());
      }
    }
  } else if (value.is_array()) {
    for (auto& item : value) RedactInPlace(item);
  }
}

void CollectSecrets(const nlohmann::json& value,
                    std::vector<std::string>* out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (IsSecretKey(it.key()) && it.value().is_string()) {
        out->push_back(it.value().get<std::string>());
      } else {
        CollectSecrets(it.value(), out);
      }
    }
  } else if (value.is_array()) {
    for (const auto& item : value) CollectSecrets(item, out);
  }
}

}  // namespace

std::vector<std::string> SecretValuesInJson(std::string_view body) {
  std::vector<std::string> secrets;
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_discarded()) CollectSecrets(parsed, &secrets);
  return secrets;
}

std::string ScrubSecrets(std::string text,
                         const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.size() < kMinScrubbedLength) continue;
    size_t at = 0;
    while ((at = text.find(secret, at)) != std::string::npos) {
      text.replace(at, secret.size(), kRedacted);
      at += kRedacted.size();
    }
  }
  return text;
}

std::ostream& operator<<(std::ostream& out, const Secret& secret) {
  return out << kRedacted;
}

void to_json(nlohmann::json& j, const Secret& secret) {
  j = std::string(kRedacted);
}

std::string RedactJson(std::string_view body) {
  if (absl::StripAsciiWhitespace(Absl(body)).empty()) return "";

  // The non-throwing parse: a parse error gives a "discarded" value.
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    return absl::StrCat("(unparsable body: ", body.size(), " bytes)");
  }
  RedactInPlace(parsed);
  return parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RedactHeader(std::string_view name, std::string_view value) {
  const bool is_auth =
      absl::EqualsIgnoreCase(Absl(name), "authorization") ||
      absl::EqualsIgnoreCase(Absl(name), "proxy-authorization");
  const bool is_cookie = absl::EqualsIgnoreCase(Absl(name), "cookie") ||
                         absl::EqualsIgnoreCase(Absl(name), "set-cookie");
  if (!is_auth && !is_cookie) return std::string(value);

  // Keep the scheme ("Bearer", "Apikey"): it tells which credential was used
  // without revealing it.
  const absl::string_view trimmed = absl::StripAsciiWhitespace(Absl(value));
  const size_t space = trimmed.find(' ');
  if (is_auth && space != absl::string_view::npos) {
    return absl::StrCat(trimmed.substr(0, space), " ", Absl(kRedacted));
  }
  return std::string(kRedacted);
}

}  // namespace gandimail::log
