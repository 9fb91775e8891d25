#ifndef GANDIMAIL_SRC_EPHEMERAL_PASSWORD_H_
#define GANDIMAIL_SRC_EPHEMERAL_PASSWORD_H_

// ephemeral "gandimail_password": a random mailbox password that meets
// Gandi's password policy, drawn from OpenSSL's CSPRNG each time Terraform
// opens it and never stored in plan or state. Made for write-only
// arguments such as gandimail_mailbox.password_wo.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "internal/tfplugin/ephemeral.h"

namespace gandimail::ephemeral {

inline constexpr int kDefaultPasswordLength = 20;
inline constexpr int kMinGeneratedLength = 12;

// The special characters a generated password draws from: none that needs
// quoting in HCL, JSON or a shell, and no '$', so that a password can never
// look like a "$6$" hash.
inline constexpr char kPasswordSpecials[] = "!#%&*+-.:=?@^_~";

struct PasswordSpec {
  int length = kDefaultPasswordLength;
  int min_upper = 1;
  int min_digits = 3;
  int min_special = 1;
};

// Returns "" when `spec` can be generated and meets the policy: length 12
// to 200, min_upper >= 1, min_digits >= 3, min_special >= 1, and the three
// minimums together no more than the length. Otherwise the first problem,
// as a sentence.
std::string CheckPasswordSpec(const PasswordSpec& spec);

// Fills `out` with `size` random bytes; false on failure.
using RandomBytes = std::function<bool(unsigned char* out, size_t size)>;

// OpenSSL's RAND_bytes.
bool SystemRandomBytes(unsigned char* out, size_t size);

// A uniform index in [0, n) for n > 0, from 32-bit draws of `random`:
// draws at or above the largest multiple of n below 2^32 are thrown away, so
// that no index is favoured. Unavailable when `random` fails.
absl::StatusOr<uint32_t> UniformIndex(uint32_t n, const RandomBytes& random);

// A password of `spec.length` characters from A-Z, a-z, 0-9 and
// kPasswordSpecials with at least the spec's minimum of each kind, every
// position drawn uniformly (rejection sampling) and shuffled, from
// `random`. InvalidArgument when CheckPasswordSpec refuses the spec;
// Unavailable when `random` fails.
absl::StatusOr<std::string> GeneratePassword(const PasswordSpec& spec,
                                             const RandomBytes& random);

std::shared_ptr<tfplugin::EphemeralResource> NewPasswordEphemeralResource();

}  // namespace gandimail::ephemeral

#endif  // GANDIMAIL_SRC_EPHEMERAL_PASSWORD_H_
