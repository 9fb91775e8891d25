// Validation rules and value tables of the Gandi Email API v5, as the
// sandbox reads them from the reference (tests/sandbox/README.md lists every
// reading chosen where the reference is silent or ambiguous).
#ifndef GANDIMAIL_TESTS_SANDBOX_RULES_H_
#define GANDIMAIL_TESTS_SANDBOX_RULES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace gandimail::sandbox {

// The four stored mailbox types, in the order the reference lists them.
inline constexpr const char* kMailboxTypes[] = {
    "standard", "premium", "standard_2023", "premium_2023"};

// True for one of the four stored types (no deprecated names).
bool IsStoredMailboxType(absl::string_view type);

// Maps a create-time type to its stored name: the four stored types map to
// themselves, "standard_new" and "premium_new" to their 2023 names. Returns
// nullopt for anything else. Sets *deprecated when a *_new name was used.
std::optional<std::string> NormalizeCreateType(absl::string_view type,
                                               bool* deprecated);

// True for the types a mailbox PATCH may move to (the 2023 ones only).
bool IsPatchMailboxType(absl::string_view type);

// Slot capacity in MB for a stored type (0 for an unknown type).
int64_t CapacityMb(absl::string_view type);

// Price of one month of a stored type, in euro cents.
int64_t MonthlyPriceCents(absl::string_view type);

// Returns an empty string when `login` is a valid mailbox login, else the
// reason it is not. Logins are 1-64 characters of [a-z0-9._-], start and end
// with a letter or digit, and hold no "..".
std::string CheckLogin(absl::string_view login);

// Returns an empty string when `alias` is a valid alias local part, else the
// reason. Without `*` it follows the login rule; one `*` is allowed at the
// start or at the end, next to at least two other characters. A `*` in the
// middle, on both sides or more than once is refused.
std::string CheckAlias(absl::string_view alias);

// Returns an empty string when `password` is acceptable, else the reason.
// Either a SHA512-CRYPT string ($6$[rounds=N$]salt$hash, salt 1-16 and hash
// 86 characters of [./0-9A-Za-z]) or a plaintext of 8-200 characters with at
// least 1 upper-case letter, 3 digits and 1 character that is not an ASCII
// letter or digit.
std::string CheckPassword(absl::string_view password);

// Returns an empty string when `address` looks like a full email address
// (one '@', a non-empty local part, a domain with a dot), else the reason.
std::string CheckEmailAddress(absl::string_view address);

// True when `text` matches `pattern`, where `*` stands for any run of
// characters (possibly empty). ASCII case is ignored.
bool GlobMatch(absl::string_view pattern, absl::string_view text);

// Formats `t` as an ISO-8601 UTC string, "2021-05-04T10:04:18Z".
std::string TimeToString(absl::Time t);

// Parses an RFC 3339 date-time (any offset). Returns nullopt when invalid.
std::optional<absl::Time> ParseDateTime(absl::string_view text);

// Adds `months` calendar months to `t` (UTC), normalising overflowing days
// the way civil time does (Jan 31 + 1 month = Mar 3 or 2).
absl::Time AddMonths(absl::Time t, int months);

// A new random (version 4) UUID in its 36-character lower-case form.
std::string NewUuid();

// `n` random lower-case hex digits.
std::string RandomHex(int n);

// Lower-case hex SHA-256 of `data`; the sandbox keeps this, never the
// password itself.
std::string Sha256Hex(absl::string_view data);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_RULES_H_
