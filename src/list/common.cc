#include "src/list/common.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace gandimail::list {

cty::Value EmptyState(const tfplugin::Schema& schema) {
  std::map<std::string, cty::Value> attributes;
  cty::Type object = schema.ImpliedType();
  for (const auto& [name, type] : object.attribute_types()) {
    attributes.emplace(name, cty::Value::Null(type));
  }
  for (const tfplugin::Attribute& a : schema.block.attributes) {
    if (a.default_value.has_value()) attributes[a.name] = *a.default_value;
  }
  return cty::Value::Object(std::move(attributes));
}

std::optional<std::string> OptionalString(const cty::Value& config,
                                          const char* name) {
  const cty::Value& v = config.GetAttr(name);
  if (v.IsNull()) return std::nullopt;
  return v.AsString();
}

tfplugin::Attribute DomainAttribute(const std::string& what) {
  return tfplugin::Attr("domain", cty::Type::String())
      .Required()
      .Describe(absl::StrCat("The domain whose ", what,
                             " are listed, such as `example.com`."));
}

}  // namespace gandimail::list
