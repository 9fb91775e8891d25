#ifndef GANDIMAIL_SRC_FUNCTIONS_SHA512_CRYPT_H_
#define GANDIMAIL_SRC_FUNCTIONS_SHA512_CRYPT_H_

// SHA512-CRYPT ("$6$salt$hash", Ulrich Drepper's SHA-crypt with SHA-512 and
// the default 5000 rounds), the password hash the Gandi Email API accepts in
// place of a plaintext password.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "internal/tfplugin/function.h"

namespace gandimail::functions {

// Returns "" when `salt` is a usable salt: 1 to 16 characters of
// [./0-9A-Za-z]. Otherwise a sentence saying what is wrong. The check is
// strict where crypt(3) is lenient (it cuts longer salts to 16 characters
// and stops at '$'), so that the hash always carries the salt given.
std::string CheckSalt(absl::string_view salt);

// The "$6$<salt>$<86 characters>" hash of `password`. The same password and
// salt always give the same hash. InvalidArgument when the salt fails
// CheckSalt or the password holds a NUL character (crypt(3) would hash
// only the part before it); Internal if libcrypt refuses.
absl::StatusOr<std::string> Sha512Crypt(absl::string_view password,
                                        absl::string_view salt);

// provider::gandimail::sha512_crypt(password, salt).
std::shared_ptr<tfplugin::Function> NewSha512CryptFunction();

}  // namespace gandimail::functions

#endif  // GANDIMAIL_SRC_FUNCTIONS_SHA512_CRYPT_H_
