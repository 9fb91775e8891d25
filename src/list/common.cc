#include "src/list/common.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace gandimail::list {

ListOf::ListOf(const ApiSource* api,
               std::shared_ptr<tfplugin::Resource> resource,
               const std::string& what)
    : api_(api), resource_(std::move(resource)) {
  schema_.block.attributes = {
      tfplugin::Attr("domain", cty::Type::String())
          .Required()
          .Describe(absl::StrCat("The domain whose ", what,
                                 " are listed, such as `example.com`.")),
  };
}

cty::Value ListOf::EmptyState() const {
  const tfplugin::Schema& schema = resource_->GetSchema();
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

}  // namespace gandimail::list
