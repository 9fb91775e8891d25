#include "src/resources/mailbox_rules.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "src/functions/password_policy.h"

namespace gandimail::resources {
namespace {

bool IsLoginChar(char c) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '.' ||
         c == '_' || c == '-';
}

bool IsCryptChar(char c) {
  return absl::ascii_isalnum(c) || c == '.' || c == '/';
}

bool AllCryptChars(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), IsCryptChar);
}

bool IsHexRun(absl::string_view s, size_t length) {
  return s.size() == length && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isxdigit(c);
         });
}

// A domain name as far as an import ID needs it: non-empty, a dot inside,
// no spaces or path characters.
bool LooksLikeDomain(absl::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') {
    return false;
  }
  if (!absl::StrContains(domain, '.')) return false;
  return std::none_of(domain.begin(), domain.end(), [](char c) {
    return absl::ascii_isspace(c) || c == '/' || c == '@';
  });
}

}  // namespace

std::string CheckLogin(absl::string_view login) {
  if (login.empty()) return "must not be empty";
  if (login.size() > 64) return "must be at most 64 characters long";
  if (std::any_of(login.begin(), login.end(),
                  [](char c) { return absl::ascii_isupper(c); })) {
    return "must be lower case (the API refuses upper-case letters)";
  }
  if (!std::all_of(login.begin(), login.end(), IsLoginChar)) {
    return "may hold only lower-case letters, digits, '.', '_' and '-'";
  }
  if (!absl::ascii_isalnum(login.front()) ||
      !absl::ascii_isalnum(login.back())) {
    return "must start and end with a letter or a digit";
  }
  if (absl::StrContains(login, "..")) return "must not contain \"..\"";
  return "";
}

std::string CheckAlias(absl::string_view alias) {
  if (absl::StrContains(alias, '@')) {
    return "must be a local part: write the text before '@' only";
  }
  size_t stars = std::count(alias.begin(), alias.end(), '*');
  if (stars == 0) return CheckLogin(alias);

  bool at_start = alias.front() == '*';
  bool at_end = alias.back() == '*';
  if (stars > 1 || (!at_start && !at_end)) {
    return "may hold one '*', only at its start or at its end";
  }
  absl::string_view rest = alias.substr(at_start ? 1 : 0, alias.size() - 1);
  if (rest.size() < 2) {
    return "needs at least two characters next to its '*'";
  }
  if (rest.size() > 63) return "must be at most 64 characters long";
  if (!std::all_of(rest.begin(), rest.end(), IsLoginChar)) {
    return "may hold only lower-case letters, digits, '.', '_', '-' and one "
           "'*'";
  }
  return "";
}

bool IsSha512Crypt(absl::string_view s) {
  if (!absl::ConsumePrefix(&s, "$6$")) return false;
  if (absl::ConsumePrefix(&s, "rounds=")) {
    size_t end = s.find('$');
    if (end == absl::string_view::npos || end == 0) return false;
    absl::string_view rounds = s.substr(0, end);
    if (!std::all_of(rounds.begin(), rounds.end(),
                     [](char c) { return absl::ascii_isdigit(c); })) {
      return false;
    }
    s.remove_prefix(end + 1);
  }
  size_t dollar = s.find('$');
  if (dollar == absl::string_view::npos) return false;
  absl::string_view salt = s.substr(0, dollar);
  absl::string_view hash = s.substr(dollar + 1);
  return !salt.empty() && salt.size() <= 16 && AllCryptChars(salt) &&
         hash.size() == 86 && AllCryptChars(hash);
}

std::string CheckPassword(absl::string_view password) {
  if (IsSha512Crypt(password)) return "";
  if (absl::StartsWith(password, "$6$")) {
    return "starts with $6$ but is not a well-formed SHA512-CRYPT string "
           "($6$salt$hash, with a hash of 86 characters)";
  }
  // The same counting as the password_problems function, so the two
  // never disagree on what the policy accepts.
  functions::PasswordCounts counts = functions::CountPassword(password);
  if (counts.length < functions::kMinPasswordLength ||
      counts.length > functions::kMaxPasswordLength) {
    return "must be 8 to 200 characters long";
  }
  if (counts.upper < functions::kMinUpper) {
    return "must contain at least 1 upper-case letter";
  }
  if (counts.digits < functions::kMinDigits) {
    return "must contain at least 3 digits";
  }
  if (counts.special < functions::kMinSpecial) {
    return "must contain at least 1 special character (anything but an "
           "ASCII letter or digit)";
  }
  return "";
}

bool IsDeprecatedMailboxType(absl::string_view type) {
  return type == "standard_new" || type == "premium_new";
}

std::string CanonicalMailboxType(absl::string_view type) {
  if (type == "standard_new") return "standard_2023";
  if (type == "premium_new") return "premium_2023";
  return std::string(type);
}

TypeChange ClassifyTypeChange(absl::string_view from, absl::string_view to) {
  std::string old_type = CanonicalMailboxType(from);
  std::string new_type = CanonicalMailboxType(to);
  if (old_type == new_type) return TypeChange::kNone;
  if (new_type == "standard_2023" || new_type == "premium_2023") {
    return TypeChange::kInPlace;
  }
  return TypeChange::kForbidden;
}

bool IsUuid(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  const size_t lengths[] = {8, 4, 4, 4, 12};
  if (parts.size() != 5) return false;
  for (size_t i = 0; i < 5; ++i) {
    if (!IsHexRun(parts[i], lengths[i])) return false;
  }
  return true;
}

std::optional<MailboxImportId> ParseMailboxImportId(absl::string_view text) {
  size_t slash = text.find('/');
  if (slash != absl::string_view::npos) {
    absl::string_view domain = text.substr(0, slash);
    absl::string_view id = text.substr(slash + 1);
    if (!LooksLikeDomain(domain) || !IsUuid(id)) return std::nullopt;
    return MailboxImportId{std::string(domain), std::string(id), ""};
  }
  size_t at = text.find('@');
  if (at == absl::string_view::npos) return std::nullopt;
  absl::string_view login = text.substr(0, at);
  absl::string_view domain = text.substr(at + 1);
  if (!CheckLogin(login).empty() || !LooksLikeDomain(domain)) {
    return std::nullopt;
  }
  return MailboxImportId{std::string(domain), "", std::string(login)};
}

std::optional<cty::Path> PathForApiField(absl::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  const std::string& top = parts[0];
  if (top == "aliases" || top == "login" || top == "mailbox_type" ||
      top == "password" || top == "antispam") {
    return cty::Path().Attr(top);
  }
  if (top == "responder" || top == "autorenew") {
    cty::Path path = cty::Path().Attr(top);
    if (parts.size() < 2) return path;
    // The API's write name `activated` is `enabled` in the schema.
    std::string child = parts[1] == "activated" ? "enabled" : parts[1];
    const bool known = child == "enabled" || child == "message" ||
                       child == "starts_at" || child == "ends_at" ||
                       child == "duration";
    return known ? path.Attr(child) : path;
  }
  return std::nullopt;
}

}  // namespace gandimail::resources
