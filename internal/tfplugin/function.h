#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_FUNCTION_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_FUNCTION_H_

// Provider-defined functions (protocol 6.5, Terraform >= 1.8), called in
// configuration as provider::<provider>::<name>(...). Terraform calls them
// at any time, also on a provider instance it never configured (validate,
// variable validation), so a function must not need the provider's
// configuration, and it must be pure: the same arguments always give the
// same result.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"
#include "tfplugin6.pb.h"

namespace gandimail::tfplugin {

struct FunctionParameter {
  std::string name;  // ^[a-z_][a-z0-9_]*$, shown in Terraform's messages
  cty::Type type = cty::Type::String();
  std::string description;  // markdown
  // When false (the usual case) Terraform itself refuses a null argument,
  // and an unknown one makes the result unknown without a call.
  bool allow_null = false;
  bool allow_unknown = false;
};

struct FunctionSignature {
  std::vector<FunctionParameter> parameters;
  cty::Type return_type = cty::Type::String();
  std::string summary;              // one line
  std::string description;          // markdown, what the docs render
  std::string deprecation_message;  // non-empty: deprecated
};

// A failed call: `text` is shown to the user after Terraform's own
// "Error in function call" summary, so it is a full sentence that never
// quotes a secret argument. `argument` is the zero-based index of the
// argument at fault, which Terraform underlines in the configuration.
struct FunctionError {
  std::string text;
  std::optional<int64_t> argument;
};

// What a call returns: a value of the signature's return type, or an error.
struct FunctionResult {
  cty::Value value;
  std::optional<FunctionError> error;
};

inline FunctionResult Returned(cty::Value value) {
  return {std::move(value), std::nullopt};
}
inline FunctionResult ArgumentError(int64_t argument, std::string text) {
  return {cty::Value(), FunctionError{std::move(text), argument}};
}
inline FunctionResult CallError(std::string text) {
  return {cty::Value(), FunctionError{std::move(text), std::nullopt}};
}

class Function {
 public:
  virtual ~Function() = default;

  // The bare name ("sha512_crypt"); Terraform adds the provider:: prefix.
  virtual std::string Name() const = 0;
  virtual const FunctionSignature& Signature() const = 0;

  // Called with exactly one argument per parameter, each decoded against
  // its parameter's type; null only where the parameter allows null,
  // unknown only where it allows unknown values. Thread-safe.
  virtual FunctionResult Call(
      const std::vector<cty::Value>& arguments) const = 0;
};

// Checks `function` against Terraform's rules (names of the function and
// its parameters, unique parameter names, a summary), so that a mistake
// fails at startup instead of inside Terraform.
absl::Status CheckFunction(const Function& function);

void FunctionToProto(const FunctionSignature& signature,
                     tfplugin6::Function* out);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_FUNCTION_H_
