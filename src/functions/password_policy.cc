#include "src/functions/password_policy.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace gandimail::functions {
namespace {

// A UTF-8 continuation byte (10xxxxxx) carries on the code point before it.
bool StartsCodePoint(unsigned char c) { return (c & 0xC0) != 0x80; }

class PasswordProblemsFunction : public tfplugin::Function {
 public:
  PasswordProblemsFunction() {
    signature_.summary =
        "Lists the rules of Gandi's password policy that a "
        "password breaks";
    signature_.description = absl::StrCat(
        "Returns the rules of the Gandi Email API's mailbox password policy "
        "that `password` breaks, as a list of short phrases, or an empty "
        "list when the API would accept it. The policy: ",
        kMinPasswordLength, " to ", kMaxPasswordLength,
        " characters, with at least ", kMinUpper, " upper-case letter (A-Z), ",
        kMinDigits, " digits (0-9) and ", kMinSpecial,
        " special character (anything but A-Z, a-z and 0-9, spaces and "
        "non-ASCII letters included).\n\n"
        "Use it in a variable's `validation` block to refuse a bad password "
        "before any request. The phrases never quote the password. Check "
        "plaintext passwords: the API does not apply these rules to a "
        "`$6$` SHA512-CRYPT hash.");
    signature_.parameters = {
        {"password", cty::Type::String(), "The plaintext password to check."},
    };
    signature_.return_type = cty::Type::List(cty::Type::String());
  }

  std::string Name() const override { return "password_problems"; }
  const tfplugin::FunctionSignature& Signature() const override {
    return signature_;
  }

  tfplugin::FunctionResult Call(
      const std::vector<cty::Value>& arguments) const override {
    std::vector<cty::Value> problems;
    for (std::string& p : PasswordProblems(arguments[0].AsString())) {
      problems.push_back(cty::Value::String(std::move(p)));
    }
    return tfplugin::Returned(
        cty::Value::List(cty::Type::String(), std::move(problems)));
  }

 private:
  tfplugin::FunctionSignature signature_;
};

}  // namespace

PasswordCounts CountPassword(absl::string_view password) {
  PasswordCounts counts;
  for (unsigned char c : password) {
    if (!StartsCodePoint(c)) continue;
    ++counts.length;
    if (absl::ascii_isupper(c)) {
      ++counts.upper;
    } else if (absl::ascii_islower(c)) {
      ++counts.lower;
    } else if (absl::ascii_isdigit(c)) {
      ++counts.digits;
    } else {
      ++counts.special;
    }
  }
  return counts;
}

std::vector<std::string> PasswordProblems(absl::string_view password) {
  PasswordCounts counts = CountPassword(password);
  std::vector<std::string> problems;
  if (counts.length < kMinPasswordLength ||
      counts.length > kMaxPasswordLength) {
    problems.push_back(absl::StrCat("must be ", kMinPasswordLength, " to ",
                                    kMaxPasswordLength, " characters long"));
  }
  if (counts.upper < kMinUpper) {
    problems.push_back(absl::StrCat("must contain at least ", kMinUpper,
                                    " upper-case letter (A-Z)"));
  }
  if (counts.digits < kMinDigits) {
    problems.push_back(
        absl::StrCat("must contain at least ", kMinDigits, " digits (0-9)"));
  }
  if (counts.special < kMinSpecial) {
    problems.push_back(
        absl::StrCat("must contain at least ", kMinSpecial,
                     " special character (anything but A-Z, a-z and 0-9)"));
  }
  return problems;
}

std::shared_ptr<tfplugin::Function> NewPasswordProblemsFunction() {
  return std::make_shared<PasswordProblemsFunction>();
}

}  // namespace gandimail::functions
