#include "tests/sandbox/rules.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace gandimail::sandbox {
namespace {

bool IsLoginChar(char c) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '.' ||
         c == '_' || c == '-';
}

bool IsCryptChar(char c) {
  return absl::ascii_isalnum(c) || c == '.' || c == '/';
}

bool AllCryptChars(absl::string_view s) {
  for (char c : s) {
    if (!IsCryptChar(c)) return false;
  }
  return true;
}

// Recognises $6$salt$hash and $6$rounds=N$salt$hash.
bool IsSha512Crypt(absl::string_view s) {
  if (!absl::StartsWith(s, "$6$")) return false;
  s.remove_prefix(3);

  if (absl::StartsWith(s, "rounds=")) {
    size_t end = s.find('$');
    if (end == absl::string_view::npos || end == 7) return false;
    for (char c : s.substr(7, end - 7)) {
      if (!absl::ascii_isdigit(c)) return false;
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

// Counts UTF-8 code points, so that a non-ASCII character counts once
// towards the length limits.
size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

}  // namespace

bool IsStoredMailboxType(absl::string_view type) {
  for (const char* t : kMailboxTypes) {
    if (type == t) return true;
  }
  return false;
}

std::optional<std::string> NormalizeCreateType(absl::string_view type,
                                               bool* deprecated) {
  *deprecated = false;
  if (IsStoredMailboxType(type)) return std::string(type);
  *deprecated = true;
  if (type == "standard_new") return std::string("standard_2023");
  if (type == "premium_new") return std::string("premium_2023");
  *deprecated = false;
  return std::nullopt;
}

bool IsPatchMailboxType(absl::string_view type) {
  return type == "standard_2023" || type == "premium_2023";
}

int64_t CapacityMb(absl::string_view type) {
  if (type == "standard") return 3072;
  if (type == "standard_2023") return 10240;
  if (type == "premium" || type == "premium_2023") return 51200;
  return 0;
}

int64_t MonthlyPriceCents(absl::string_view type) {
  if (type == "standard") return 35;
  if (type == "standard_2023") return 50;
  if (type == "premium") return 150;
  if (type == "premium_2023") return 200;
  return 0;
}

std::string CheckLogin(absl::string_view login) {
  if (login.empty()) return "must not be empty";
  if (login.size() > 64) return "must be at most 64 characters";
  for (char c : login) {
    if (!IsLoginChar(c)) {
      return "may hold only lower-case letters, digits, '.', '_' and '-'";
    }
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
    return "must be a local part, without '@' and domain";
  }
  size_t stars = std::count(alias.begin(), alias.end(), '*');
  if (stars == 0) return CheckLogin(alias);

  bool at_start = alias.front() == '*';
  bool at_end = alias.back() == '*';
  if (stars > 1 || (!at_start && !at_end)) {
    return "may hold one '*', only at its start or its end";
  }
  absl::string_view rest = alias.substr(at_start ? 1 : 0, alias.size() - 1);
  if (rest.size() < 2) {
    return "a '*' needs at least two other characters beside it";
  }
  if (rest.size() > 63) return "must be at most 64 characters";
  for (char c : rest) {
    if (!IsLoginChar(c)) {
      return "may hold only lower-case letters, digits, '.', '_', '-' and "
             "one '*'";
    }
  }
  return "";
}

std::string CheckPassword(absl::string_view password) {
  if (IsSha512Crypt(password)) return "";
  if (absl::StartsWith(password, "$6$")) {
    return "is not a valid SHA512-CRYPT string ($6$salt$hash, hash of 86 "
           "characters)";
  }

  size_t length = CodePoints(password);
  if (length < 8 || length > 200) return "must be 8 to 200 characters long";

  int upper = 0, digits = 0, special = 0;
  for (unsigned char c : password) {
    if (absl::ascii_isupper(c)) ++upper;
    if (absl::ascii_isdigit(c)) ++digits;
    if (!absl::ascii_isalnum(c) && (c & 0xC0) != 0x80) ++special;
  }
  if (upper < 1) return "must contain at least 1 upper-case letter";
  if (digits < 3) return "must contain at least 3 digits";
  if (special < 1) return "must contain at least 1 special character";
  return "";
}

std::string CheckEmailAddress(absl::string_view address) {
  size_t at = address.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      address.find('@', at + 1) != absl::string_view::npos) {
    return "must be a full email address (local@domain)";
  }
  absl::string_view domain = address.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == absl::string_view::npos || dot == 0 || domain.back() == '.') {
    return "must have a domain with a dot";
  }
  for (char c : address) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) {
      return "must not contain spaces";
    }
  }
  return "";
}

bool GlobMatch(absl::string_view pattern, absl::string_view text) {
  // Iterative matcher with one backtrack point per '*'.
  size_t p = 0, t = 0, star = absl::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && absl::ascii_tolower(pattern[p]) ==
                                         absl::ascii_tolower(text[t])) {
      ++p;
      ++t;
    } else if (star != absl::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string TimeToString(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::optional<absl::Time> ParseDateTime(absl::string_view text) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    return std::nullopt;
  }
  return t;
}

absl::Time AddMonths(absl::Time t, int months) {
  absl::CivilSecond c = absl::ToCivilSecond(t, absl::UTCTimeZone());
  absl::CivilSecond moved(c.year(), c.month() + months, c.day(), c.hour(),
                          c.minute(), c.second());
  return absl::FromCivil(moved, absl::UTCTimeZone());
}

std::string NewUuid() {
  uint64_t hi = Rng()(), lo = Rng()();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32,
                         (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                         lo & 0xFFFFFFFFFFFFULL);
}

std::string RandomHex(int n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n, '0');
  for (char& c : out) c = kDigits[Rng()() % 16];
  return out;
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  std::string out;
  for (unsigned char b : digest) absl::StrAppendFormat(&out, "%02x", b);
  return out;
}

}  // namespace gandimail::sandbox
