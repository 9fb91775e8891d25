#include "src/ephemeral/password.h"

#include <openssl/rand.h>

#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "internal/log/log.h"
#include "src/functions/password_policy.h"

namespace gandimail::ephemeral {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

constexpr char kUpper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr char kLower[] = "abcdefghijklmnopqrstuvwxyz";
constexpr char kDigits[] = "0123456789";

absl::Status Draw(absl::string_view alphabet, int count,
                  const RandomBytes& random, std::string* out) {
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<uint32_t> index =
        UniformIndex(static_cast<uint32_t>(alphabet.size()), random);
    if (!index.ok()) return index.status();
    out->push_back(alphabet[*index]);
  }
  return absl::OkStatus();
}

// Fisher-Yates, so that the required characters sit anywhere.
absl::Status Shuffle(const RandomBytes& random, std::string* text) {
  for (size_t i = text->size(); i > 1; --i) {
    absl::StatusOr<uint32_t> j = UniformIndex(static_cast<uint32_t>(i), random);
    if (!j.ok()) return j.status();
    std::swap((*text)[i - 1], (*text)[*j]);
  }
  return absl::OkStatus();
}

// A config number as an int, or `fallback` when null. Validation has
// already refused fractions and values out of range.
int IntOr(const Value& config, const char* name, int fallback) {
  const Value& v = config.GetAttr(name);
  if (v.IsNull()) return fallback;
  return static_cast<int>(v.AsInt64().value_or(fallback));
}

PasswordSpec SpecFrom(const Value& config) {
  PasswordSpec spec;
  spec.length = IntOr(config, "length", spec.length);
  spec.min_upper = IntOr(config, "min_upper", spec.min_upper);
  spec.min_digits = IntOr(config, "min_digits", spec.min_digits);
  spec.min_special = IntOr(config, "min_special", spec.min_special);
  return spec;
}

// A validator: a whole number of at least `min` and at most 200.
tfplugin::Validator WholeNumberFrom(int min) {
  return [min](const Value& value, const cty::Path& path,
               tfplugin::Diagnostics* diagnostics) {
    std::optional<int64_t> n = value.AsInt64();
    if (n.has_value() && *n >= min && *n <= functions::kMaxPasswordLength) {
      return;
    }
    diagnostics->AddError("Invalid Password Setting",
                          absl::StrCat("This must be a whole number from ", min,
                                       " to ", functions::kMaxPasswordLength,
                                       "; got ", value.NumberString(), "."),
                          path);
  };
}

class PasswordEphemeralResource final : public tfplugin::EphemeralResource {
 public:
  PasswordEphemeralResource() {
    schema_.block.description = absl::StrCat(
        "Generates a random mailbox password that meets Gandi's password "
        "policy, each time Terraform opens it, from OpenSSL's "
        "cryptographically secure generator. Being ephemeral, the password "
        "is never written to a plan or state file: pass it to a write-only "
        "argument such as `gandimail_mailbox`'s `password_wo` (Terraform "
        ">= 1.11), and bump `password_wo_version` when a new password "
        "should be sent.\n\n"
        "Characters are drawn from `A-Z`, `a-z`, `0-9` and `",
        kPasswordSpecials,
        "`. The password changes at every run, so keep it elsewhere (for "
        "example in a secret store through another ephemeral-aware "
        "resource) if anyone needs to know it.");
    schema_.block.attributes = {
        Attr("length", Type::Number())
            .Optional()
            .Computed()
            .Validate(WholeNumberFrom(kMinGeneratedLength))
            .Describe(
                absl::StrCat("Number of characters, from ", kMinGeneratedLength,
                             " to ", functions::kMaxPasswordLength,
                             ". Defaults to ", kDefaultPasswordLength, ".")),
        Attr("min_upper", Type::Number())
            .Optional()
            .Computed()
            .Validate(WholeNumberFrom(functions::kMinUpper))
            .Describe("Least number of upper-case letters (`A-Z`). At least "
                      "1, the policy's minimum, which is also the default."),
        Attr("min_digits", Type::Number())
            .Optional()
            .Computed()
            .Validate(WholeNumberFrom(functions::kMinDigits))
            .Describe("Least number of digits (`0-9`). At least 3, the "
                      "policy's minimum, which is also the default."),
        Attr("min_special", Type::Number())
            .Optional()
            .Computed()
            .Validate(WholeNumberFrom(functions::kMinSpecial))
            .Describe("Least number of special characters. At least 1, the "
                      "policy's minimum, which is also the default."),
        Attr("result", Type::String())
            .Computed()
            .Sensitive()
            .Describe("The generated password."),
    };
  }

  std::string TypeName() const override { return "gandimail_password"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config,
                tfplugin::Diagnostics* diagnostics) override {
    // Each number's own range was checked by its validator; what is left is
    // whether the minimums fit in the length.
    if (diagnostics->HasError()) return;
    for (const char* name :
         {"length", "min_upper", "min_digits", "min_special"}) {
      if (!config.GetAttr(name).IsKnown()) return;
    }
    std::string problem = CheckPasswordSpec(SpecFrom(config));
    if (!problem.empty()) {
      diagnostics->AddError("Invalid Password Settings", problem,
                            cty::Path().Attr("length"));
    }
  }

  void Open(const tfplugin::OpenEphemeralRequest& request,
            tfplugin::OpenEphemeralResponse* response) override {
    PasswordSpec spec = SpecFrom(request.config);
    absl::StatusOr<std::string> password =
        GeneratePassword(spec, &SystemRandomBytes);
    if (!password.ok()) {
      response->diagnostics.AddStatusError(
          "Unable to Generate Password",
          "No password could be generated for gandimail_password.",
          password.status());
      return;
    }

    response->result = Value::Object({
        {"length", Value::Int(spec.length)},
        {"min_upper", Value::Int(spec.min_upper)},
        {"min_digits", Value::Int(spec.min_digits)},
        {"min_special", Value::Int(spec.min_special)},
        {"result", Value::String(*std::move(password))},
    });
    log::Debug("generated an ephemeral password",
               {{"type", TypeName()}, {"length", spec.length}});
  }

 private:
  tfplugin::Schema schema_;
};

}  // namespace

std::string CheckPasswordSpec(const PasswordSpec& spec) {
  if (spec.length < kMinGeneratedLength ||
      spec.length > functions::kMaxPasswordLength) {
    return absl::StrCat("length must be from ", kMinGeneratedLength, " to ",
                        functions::kMaxPasswordLength, "; got ", spec.length,
                        ".");
  }
  if (spec.min_upper < functions::kMinUpper ||
      spec.min_digits < functions::kMinDigits ||
      spec.min_special < functions::kMinSpecial) {
    return absl::StrCat("Gandi's policy needs at least ", functions::kMinUpper,
                        " upper-case letter, ", functions::kMinDigits,
                        " digits and ", functions::kMinSpecial,
                        " special character; min_upper, min_digits and "
                        "min_special may only raise these.");
  }
  int required = spec.min_upper + spec.min_digits + spec.min_special;
  if (required > spec.length) {
    return absl::StrCat("min_upper, min_digits and min_special add up to ",
                        required, ", more than the length of ", spec.length,
                        ". Raise length or lower a minimum.");
  }
  return "";
}

absl::StatusOr<uint32_t> UniformIndex(uint32_t n, const RandomBytes& random) {
  const uint64_t range = uint64_t{1} << 32;
  const uint64_t limit = range - range % n;
  for (;;) {
    unsigned char bytes[4];
    if (!random(bytes, sizeof(bytes))) {
      return absl::UnavailableError("the system's random generator failed");
    }
    uint32_t draw;
    std::memcpy(&draw, bytes, sizeof(draw));
    if (draw < limit) return draw % n;
  }
}

bool SystemRandomBytes(unsigned char* out, size_t size) {
  return RAND_bytes(out, static_cast<int>(size)) == 1;
}

absl::StatusOr<std::string> GeneratePassword(const PasswordSpec& spec,
                                             const RandomBytes& random) {
  std::string problem = CheckPasswordSpec(spec);
  if (!problem.empty()) return absl::InvalidArgumentError(problem);
  const std::string all =
      absl::StrCat(kUpper, kLower, kDigits, kPasswordSpecials);
  int rest = spec.length - spec.min_upper - spec.min_digits - spec.min_special;

  std::string password;
  password.reserve(spec.length);
  absl::Status status = Draw(kUpper, spec.min_upper, random, &password);
  if (status.ok()) status = Draw(kDigits, spec.min_digits, random, &password);
  if (status.ok()) {
    status = Draw(kPasswordSpecials, spec.min_special, random, &password);
  }
  if (status.ok()) status = Draw(all, rest, random, &password);
  if (status.ok()) status = Shuffle(random, &password);
  if (!status.ok()) return status;
  return password;
}

std::shared_ptr<tfplugin::EphemeralResource> NewPasswordEphemeralResource() {
  return std::make_shared<PasswordEphemeralResource>();
}

}  // namespace gandimail::ephemeral
