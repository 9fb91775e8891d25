#ifndef GANDIMAIL_SRC_FUNCTIONS_PASSWORD_POLICY_H_
#define GANDIMAIL_SRC_FUNCTIONS_PASSWORD_POLICY_H_

// Gandi's mailbox password policy (Email API v5, section 8.3): 8 to 200
// characters with at least 1 upper-case letter, 3 digits and 1 special
// character. Pure functions, shared by the password_problems function and
// the gandimail_password ephemeral resource; the mailbox resource may use
// them too.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "internal/tfplugin/function.h"

namespace gandimail::functions {

inline constexpr int kMinPasswordLength = 8;
inline constexpr int kMaxPasswordLength = 200;
inline constexpr int kMinUpper = 1;
inline constexpr int kMinDigits = 3;
inline constexpr int kMinSpecial = 1;

// What a password is made of, counted the way the policy reads: length in
// Unicode code points (the text is UTF-8), upper-case letters and digits in
// ASCII, and as special every code point that is not an ASCII letter or
// digit (the API page does not define "special"; this is the wider reading,
// the one the mailbox resource also takes).
struct PasswordCounts {
  int length = 0;
  int upper = 0;
  int lower = 0;
  int digits = 0;
  int special = 0;
};
PasswordCounts CountPassword(absl::string_view password);

// The rules `password` breaks, one phrase each, in the order length, upper
// case, digits, special; empty when the policy accepts it. The phrases never
// quote the password nor say how long it is. A SHA512-CRYPT string is
// checked like any other text (the API does not check a hash against these
// rules, so there is nothing to check for one).
std::vector<std::string> PasswordProblems(absl::string_view password);

// provider::gandimail::password_problems(password).
std::shared_ptr<tfplugin::Function> NewPasswordProblemsFunction();

}  // namespace gandimail::functions

#endif  // GANDIMAIL_SRC_FUNCTIONS_PASSWORD_POLICY_H_
