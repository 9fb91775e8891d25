#include "internal/tfplugin/function.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace gandimail::tfplugin {
namespace {

// Terraform parses provider::NS::NAME as HCL identifiers; an identifier
// that starts with a digit would not parse at the call site.
bool IsFunctionIdentifier(absl::string_view name) {
  if (name.empty() || absl::ascii_isdigit(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

absl::Status Invalid(absl::string_view function, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("function ", function, ": ", what));
}

}  // namespace

absl::Status CheckFunction(const Function& function) {
  const std::string name = function.Name();
  if (!IsFunctionIdentifier(name)) {
    return Invalid(name, "name must match ^[a-z_][a-z0-9_]*$");
  }
  const FunctionSignature& signature = function.Signature();
  if (signature.summary.empty()) return Invalid(name, "summary is empty");

  std::set<std::string> seen;
  for (const FunctionParameter& p : signature.parameters) {
    if (!IsFunctionIdentifier(p.name)) {
      return Invalid(name, absl::StrCat("parameter \"", p.name,
                                        "\" must match ^[a-z_][a-z0-9_]*$"));
    }
    if (!seen.insert(p.name).second) {
      return Invalid(
          name, absl::StrCat("parameter \"", p.name, "\" is declared twice"));
    }
  }
  return absl::OkStatus();
}

void FunctionToProto(const FunctionSignature& signature,
                     tfplugin6::Function* out) {
  for (const FunctionParameter& p : signature.parameters) {
    tfplugin6::Function::Parameter* parameter = out->add_parameters();
    parameter->set_name(p.name);
    parameter->set_type(p.type.ToJson());
    parameter->set_allow_null_value(p.allow_null);
    parameter->set_allow_unknown_values(p.allow_unknown);
    parameter->set_description(p.description);
    parameter->set_description_kind(tfplugin6::MARKDOWN);
  }
  out->mutable_return_()->set_type(signature.return_type.ToJson());
  out->set_summary(signature.summary);
  out->set_description(signature.description);
  out->set_description_kind(tfplugin6::MARKDOWN);
  out->set_deprecation_message(signature.deprecation_message);
}

}  // namespace gandimail::tfplugin
