#ifndef GANDIMAIL_SRC_RESOURCES_MAILBOX_RULES_H_
#define GANDIMAIL_SRC_RESOURCES_MAILBOX_RULES_H_

// The rules a mailbox's arguments follow (Gandi Email API v5, sections 8.2
// to 8.5), checked by the provider at validate time so that a bad value
// fails before any request. Pure functions: no API, no Terraform types
// beyond paths.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "internal/cty/path.h"

namespace gandimail::resources {

// Returns "" when `login` is a valid mailbox login, else why not (a phrase
// such as "must not be empty"). Logins are 1-64 characters of [a-z0-9._-],
// start and end with a letter or digit, and hold no "..". Upper case is
// refused rather than folded, since the API would report the lower-case
// form and the plan would never settle.
std::string CheckLogin(absl::string_view login);

// Returns "" when `alias` is a valid alias local part, else why not.
// Without `*` an alias follows the login rule; one `*` may stand at its
// start or its end, next to at least two other characters (`bob*`, `*ob`).
// A full address (with `@`) is refused with the fix in the reason.
std::string CheckAlias(absl::string_view alias);

// Returns "" when `password` meets the API's policy, else which rule it
// breaks. The reason never quotes the password. Accepted: a SHA512-CRYPT
// string `$6$[rounds=N$]salt$hash` (salt 1-16, hash 86 characters of
// [./0-9A-Za-z]), or a plaintext of 8-200 characters (code points) with at
// least 1 upper-case ASCII letter, 3 ASCII digits and 1 special character
// (anything that is not an ASCII letter or digit).
std::string CheckPassword(absl::string_view password);

// True for `$6$...` strings of the SHA512-CRYPT form above.
bool IsSha512Crypt(absl::string_view password);

// Every mailbox_type the resource accepts: the four stored types and the
// deprecated "standard_new" / "premium_new".
inline constexpr const char* kMailboxTypeNames[] = {
    "standard",     "premium",      "standard_2023",
    "premium_2023", "standard_new", "premium_new"};

// True for "standard_new" and "premium_new".
bool IsDeprecatedMailboxType(absl::string_view type);

// The stored name of `type`: the deprecated names map to their 2023 name,
// every other text to itself.
std::string CanonicalMailboxType(absl::string_view type);

// How a mailbox can move from type `from` to type `to` (either may be a
// deprecated name).
enum class TypeChange {
  kNone,       // Same stored type: nothing to send.
  kInPlace,    // To a 2023 type: PATCH mailbox_type.
  kForbidden,  // To a legacy type: only a replacement, which deletes mail.
};
TypeChange ClassifyTypeChange(absl::string_view from, absl::string_view to);

// A parsed import ID.
struct MailboxImportId {
  std::string domain;
  std::string id;     // Set for `example.com/<uuid>`.
  std::string login;  // Set for `alice@example.com`.
};

// Parses `example.com/<uuid>` or `alice@example.com`; nullopt for any
// other text (the caller says what was expected).
std::optional<MailboxImportId> ParseMailboxImportId(absl::string_view text);

// True for a UUID in its 36-character hyphenated form (any case).
bool IsUuid(absl::string_view text);

// The attribute path of a field the API names in a validation error:
// "password" -> password, "responder/ends_at" -> responder.ends_at,
// "aliases/1" -> aliases (set elements have no path step),
// "autorenew/duration" -> autorenew.duration. nullopt for names that are
// not mailbox arguments.
std::optional<cty::Path> PathForApiField(absl::string_view name);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_MAILBOX_RULES_H_
