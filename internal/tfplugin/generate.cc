#include "internal/tfplugin/generate.h"

#include <map>
#include <string>
#include <vector>

namespace gandimail::tfplugin {
namespace {

using Nesting = NestedObject::Nesting;

cty::Value ConfigFromObject(const std::vector<Attribute>& attributes,
                            const cty::Value& object);

// Applies `each` to every element of the collection `value` of objects,
// keeping its kind.
template <typename Each>
cty::Value MapElements(const cty::Value& value, const cty::Type& element,
                       Each each) {
  const cty::Type& type = value.type();
  if (type.kind() == cty::Kind::kMap) {
    std::map<std::string, cty::Value> out;
    for (const auto& [key, e] : value.map_elements()) out.emplace(key, each(e));
    return cty::Value::Map(element, std::move(out));
  }
  std::vector<cty::Value> out;
  for (const cty::Value& e : value.elements()) out.push_back(each(e));
  if (type.kind() == cty::Kind::kSet) {
    return cty::Value::Set(element, std::move(out));
  }
  return cty::Value::List(element, std::move(out));
}

cty::Value ConfigFromNested(const NestedObject& nested,
                            const cty::Value& value) {
  if (value.IsNull() || !value.IsKnown()) return value;
  auto each = [&nested](const cty::Value& e) {
    return ConfigFromObject(nested.attributes, e);
  };
  if (nested.nesting == Nesting::kSingle) return each(value);
  return MapElements(value, nested.ObjectType(), each);
}

bool IsEmptyCollection(const cty::Value& value) {
  return value.IsKnown() && !value.IsNull() && value.type().IsCollection() &&
         value.LengthInt() == 0;
}

// What a person would write for attribute `a` holding `value`.
cty::Value ConfigValue(const Attribute& a, const cty::Value& value) {
  cty::Value null = cty::Value::Null(value.type());
  if (a.computed && !a.optional) return null;
  if (a.write_only || a.sensitive) return null;
  if (a.optional && a.computed) {
    if (a.default_value.has_value() && value == *a.default_value) return null;
    if (IsEmptyCollection(value)) return null;
  }
  if (a.nested != nullptr) return ConfigFromNested(*a.nested, value);
  return value;
}

cty::Value ConfigFromObject(const std::vector<Attribute>& attributes,
                            const cty::Value& object) {
  if (object.IsNull() || !object.IsKnown()) return object;
  cty::Value out = object;
  for (const Attribute& a : attributes) {
    const cty::Value* value = object.FindAttr(a.name);
    if (value != nullptr) out = out.WithAttr(a.name, ConfigValue(a, *value));
  }
  return out;
}

}  // namespace

cty::Value ConfigFromState(const Block& block, const cty::Value& state) {
  cty::Value out = ConfigFromObject(block.attributes, state);
  if (out.IsNull() || !out.IsKnown()) return out;
  for (const NestedBlock& nested : block.blocks) {
    const cty::Value* value = state.FindAttr(nested.type_name);
    if (value == nullptr || value->IsNull() || !value->IsKnown()) continue;
    const Block& inner = *nested.block;
    auto each = [&inner](const cty::Value& e) {
      return ConfigFromState(inner, e);
    };
    cty::Value config = nested.nesting == NestedBlock::Nesting::kSingle ||
                                nested.nesting == NestedBlock::Nesting::kGroup
                            ? each(*value)
                            : MapElements(*value, inner.ImpliedType(), each);
    out = out.WithAttr(nested.type_name, config);
  }
  return out;
}

}  // namespace gandimail::tfplugin
