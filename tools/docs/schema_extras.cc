// gandimail-schema-extras: prints the schemas of the provider's list
// resources and actions as JSON, in the shape `terraform providers schema
// -json` gives the other kinds. Terraform learns of these two kinds only
// from 1.14 on, so the docs cannot take them from the Terraform installed
// here; the provider's own schemas are the same source Terraform reads.
//
//   gandimail-schema-extras > extras.json

#include <cstdio>
#include <string>

#include "nlohmann/json.hpp"
#include "src/provider.h"

namespace {

using gandimail::tfplugin::Attribute;
using gandimail::tfplugin::Block;
using gandimail::tfplugin::NestedObject;
using nlohmann::json;

json AttributesJson(const std::vector<Attribute>& attributes);

std::string NestingMode(NestedObject::Nesting nesting) {
  switch (nesting) {
    case NestedObject::Nesting::kSingle:
      return "single";
    case NestedObject::Nesting::kList:
      return "list";
    case NestedObject::Nesting::kSet:
      return "set";
    case NestedObject::Nesting::kMap:
      return "map";
  }
  return "single";
}

json AttributeJson(const Attribute& a) {
  json out = {{"description", a.description}, {"description_kind", "markdown"}};
  if (a.nested != nullptr) {
    out["nested_type"] = {{"attributes", AttributesJson(a.nested->attributes)},
                          {"nesting_mode", NestingMode(a.nested->nesting)}};
  } else {
    out["type"] = json::parse(a.type.ToJson());
  }
  if (a.required) out["required"] = true;
  if (a.optional) out["optional"] = true;
  if (a.computed) out["computed"] = true;
  if (a.sensitive) out["sensitive"] = true;
  if (a.write_only) out["write_only"] = true;
  if (!a.deprecation_message.empty()) out["deprecated"] = true;
  return out;
}

json AttributesJson(const std::vector<Attribute>& attributes) {
  json out = json::object();
  for (const Attribute& a : attributes) out[a.name] = AttributeJson(a);
  return out;
}

json BlockJson(const Block& block) {
  return {{"attributes", AttributesJson(block.attributes)},
          {"description", block.description},
          {"description_kind", "markdown"}};
}

}  // namespace

int main() {
  gandimail::GandiMailProvider provider;
  json lists = json::object();
  for (const auto& list : provider.ListResources()) {
    lists[list->TypeName()] = {{"version", list->GetSchema().version},
                               {"block", BlockJson(list->GetSchema().block)}};
  }
  json actions = json::object();
  for (const auto& action : provider.Actions()) {
    actions[action->TypeName()] = {
        {"block", BlockJson(action->GetSchema().block)}};
  }
  json out = {{"list_resource_schemas", lists}, {"action_schemas", actions}};
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
