#include "internal/tfplugin/identity.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "internal/cty/json.h"

namespace gandimail::tfplugin {
namespace {

bool IsValidName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool IsAllowedType(const cty::Type& type) {
  if (type.IsPrimitive()) return true;
  return type.kind() == cty::Kind::kList && type.element_type().IsPrimitive();
}

absl::Status Invalid(absl::string_view where, absl::string_view name,
                     absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(where, ": identity attribute \"", name, "\": ", what));
}

absl::Status CheckAttribute(const IdentityAttribute& a,
                            const IdentitySchema& identity,
                            const Schema& resource, absl::string_view where) {
  if (!IsValidName(a.name)) {
    return Invalid(where, a.name, "name must match ^[a-z0-9_]+$");
  }
  if (!IsAllowedType(a.type)) {
    return Invalid(where, a.name,
                   "type must be primitive or a list of a primitive");
  }
  if (a.required_for_import == a.optional_for_import) {
    return Invalid(where, a.name,
                   "must be exactly one of required_for_import and "
                   "optional_for_import");
  }
  if (identity.from_state) return absl::OkStatus();
  const Attribute* state = resource.block.FindAttribute(a.name);
  if (state == nullptr || state->type != a.type || state->write_only) {
    return Invalid(where, a.name,
                   "without from_state, the resource needs a readable "
                   "attribute of the same name and type");
  }
  return absl::OkStatus();
}

}  // namespace

IdentityAttribute IdentityAttr(std::string name, cty::Type type,
                               std::string description) {
  IdentityAttribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.required_for_import = true;
  a.description = std::move(description);
  return a;
}

cty::Type IdentitySchema::ImpliedType() const {
  std::map<std::string, cty::Type> types;
  for (const IdentityAttribute& a : attributes) types.emplace(a.name, a.type);
  return cty::Type::Object(std::move(types));
}

cty::Value IdentityFromState(const IdentitySchema& schema,
                             const cty::Value& state) {
  if (state.IsNull()) return cty::Value::Null(schema.ImpliedType());
  if (!state.IsKnown()) return cty::Value::Unknown(schema.ImpliedType());
  if (schema.from_state) return schema.from_state(state);

  std::map<std::string, cty::Value> values;
  for (const IdentityAttribute& a : schema.attributes) {
    const cty::Value* v = state.FindAttr(a.name);
    values.emplace(a.name, v != nullptr ? *v : cty::Value::Null(a.type));
  }
  return cty::Value::Object(std::move(values));
}

absl::Status CheckIdentitySchema(const IdentitySchema& identity,
                                 const Schema& resource,
                                 absl::string_view where) {
  if (identity.attributes.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": an identity schema needs an attribute"));
  }
  std::set<std::string> seen;
  for (const IdentityAttribute& a : identity.attributes) {
    absl::Status status = CheckAttribute(a, identity, resource, where);
    if (!status.ok()) return status;
    if (!seen.insert(a.name).second) {
      return Invalid(where, a.name, "is declared twice");
    }
  }
  return absl::OkStatus();
}

cty::Value UpgradeIdentityJson(const IdentitySchema& schema,
                               absl::string_view type_name, int64_t version,
                               std::string_view json,
                               Diagnostics* diagnostics) {
  cty::Type type = schema.ImpliedType();
  if (version > schema.version) {
    diagnostics->AddError(
        "Identity Written by a Newer Provider",
        absl::StrCat("The stored identity of this ", type_name, " has version ",
                     version,
                     ", newer than this "
                     "provider's ",
                     schema.version, ". Upgrade the provider."));
    return cty::Value::Null(type);
  }
  absl::StatusOr<cty::Value> value = cty::DecodeJson(json, type);
  if (!value.ok()) {
    diagnostics->AddStatusError("Unreadable Resource Identity",
                                absl::StrCat("The stored identity of this ",
                                             type_name, " could not be read."),
                                value.status());
    return cty::Value::Null(type);
  }
  return *value;
}

void IdentitySchemaToProto(const IdentitySchema& schema,
                           tfplugin6::ResourceIdentitySchema* out) {
  out->set_version(schema.version);
  for (const IdentityAttribute& a : schema.attributes) {
    auto* attribute = out->add_identity_attributes();
    attribute->set_name(a.name);
    attribute->set_type(a.type.ToJson());
    attribute->set_required_for_import(a.required_for_import);
    attribute->set_optional_for_import(a.optional_for_import);
    attribute->set_description(a.description);
  }
}

}  // namespace gandimail::tfplugin
