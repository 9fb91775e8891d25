#include "internal/tfplugin/resource.h"

#include "absl/strings/str_cat.h"
#include "internal/cty/json.h"
#include "internal/tfplugin/generate.h"

namespace gandimail::tfplugin {

void Resource::Import(const std::string& id, ImportResponse* response) {
  response->diagnostics.AddError(
      "Import Not Supported", absl::StrCat(TypeName(), " cannot be imported."));
}

cty::Value Resource::UpgradeState(int64_t version, std::string_view json,
                                  Diagnostics* diagnostics) {
  const Schema& schema = GetSchema();
  cty::Type type = schema.ImpliedType();
  if (version > schema.version) {
    diagnostics->AddError(
        "State Written by a Newer Provider",
        absl::StrCat("The state of this ", TypeName(), " has schema version ",
                     version, ", newer than this provider's ", schema.version,
                     ". Upgrade the provider."));
    return cty::Value::Null(type);
  }
  absl::StatusOr<cty::Value> value = cty::DecodeJson(json, type);
  if (!value.ok()) {
    diagnostics->AddStatusError("Unreadable Resource State",
                                absl::StrCat("The stored state of this ",
                                             TypeName(), " could not be read."),
                                value.status());
    return cty::Value::Null(type);
  }
  return *value;
}

cty::Value Resource::GenerateConfig(const cty::Value& state,
                                    Diagnostics* diagnostics) {
  return ConfigFromState(GetSchema().block, state);
}

}  // namespace gandimail::tfplugin
