#include "src/functions/sha512_crypt.h"

#include <crypt.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace gandimail::functions {
namespace {

constexpr size_t kMaxSaltLength = 16;

bool IsCryptChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' ||
         c == '/';
}

class Sha512CryptFunction : public tfplugin::Function {
 public:
  Sha512CryptFunction() {
    signature_.summary =
        "Hashes a password with SHA512-CRYPT for the Gandi "
        "Email API";
    signature_.description =
        "Returns the SHA512-CRYPT hash (`$6$<salt>$<hash>`, 5000 rounds) of "
        "`password` with `salt`, a form the Gandi Email API accepts wherever "
        "it takes a mailbox password, so that the plaintext never reaches "
        "the API. The same password and salt always give the same hash, so "
        "the value is stable from one plan to the next; choose a salt per "
        "mailbox and keep it (for example from a `random_string` resource "
        "with `special = false`, `length = 16`).\n\n"
        "The API does not check a hash against its password policy: check "
        "the plaintext first with `provider::gandimail::password_problems`.";
    signature_.parameters = {
        {"password", cty::Type::String(),
         "The plaintext password. It must not contain a NUL character."},
        {"salt", cty::Type::String(),
         "1 to 16 characters of `.`, `/`, `0-9`, `A-Z` and `a-z`."},
    };
    signature_.return_type = cty::Type::String();
  }

  std::string Name() const override { return "sha512_crypt"; }
  const tfplugin::FunctionSignature& Signature() const override {
    return signature_;
  }

  tfplugin::FunctionResult Call(
      const std::vector<cty::Value>& arguments) const override {
    const std::string& password = arguments[0].AsString();
    const std::string& salt = arguments[1].AsString();
    std::string problem = CheckSalt(salt);
    if (!problem.empty()) return tfplugin::ArgumentError(1, problem);
    if (password.find('\0') != std::string::npos) {
      return tfplugin::ArgumentError(
          0,
          "The password contains a NUL character, which SHA512-CRYPT "
          "cannot hash. Remove it.");
    }

    absl::StatusOr<std::string> hash = Sha512Crypt(password, salt);
    if (!hash.ok())
      return tfplugin::CallError(std::string(hash.status().message()));
    return tfplugin::Returned(cty::Value::String(*std::move(hash)));
  }

 private:
  tfplugin::FunctionSignature signature_;
};

}  // namespace

std::string CheckSalt(absl::string_view salt) {
  if (salt.empty() || salt.size() > kMaxSaltLength) {
    return absl::StrCat("The salt must be 1 to ", kMaxSaltLength,
                        " characters long; it has ", salt.size(), ".");
  }
  for (char c : salt) {
    if (!IsCryptChar(c)) {
      return "The salt may contain only the characters . / 0-9 A-Z a-z.";
    }
  }
  return "";
}

absl::StatusOr<std::string> Sha512Crypt(absl::string_view password,
                                        absl::string_view salt) {
  std::string problem = CheckSalt(salt);
  if (!problem.empty()) return absl::InvalidArgumentError(problem);
  std::string phrase(password);
  if (phrase.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("the password contains a NUL character");
  }

  // crypt_data is about 32 KiB: too large for the stack of a gRPC thread.
  // It is zeroed as crypt_r requires, and again after use so that no trace
  // of the password stays in freed memory.
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  std::string setting = absl::StrCat("$6$", salt, "$");
  const char* result = crypt_r(phrase.c_str(), setting.c_str(), data.get());
  std::string hash = result == nullptr ? "" : result;
  explicit_bzero(data.get(), sizeof(crypt_data));
  explicit_bzero(phrase.data(), phrase.size());

  // libxcrypt signals failure with NULL or a string starting with '*'.
  if (hash.empty() || hash[0] == '*') {
    return absl::InternalError(
        "libcrypt could not compute the SHA512-CRYPT hash. This is a bug in "
        "the provider or in the system's libcrypt.");
  }
  return hash;
}

std::shared_ptr<tfplugin::Function> NewSha512CryptFunction() {
  return std::make_shared<Sha512CryptFunction>();
}

}  // namespace gandimail::functions
