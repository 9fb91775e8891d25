#include "internal/tfplugin/schema.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace gandimail::tfplugin {
namespace {

using Nesting = NestedObject::Nesting;

bool IsValidName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

absl::Status Invalid(absl::string_view where, absl::string_view name,
                     absl::string_view why) {
  return absl::InternalError(
      absl::StrCat("schema ", where, ": attribute ", name, ": ", why));
}

absl::Status CheckAttributes(const std::vector<Attribute>& attributes,
                             absl::string_view where, bool inside_set);

absl::Status CheckFlags(const Attribute& a, absl::string_view where) {
  bool combo_ok = (a.required && !a.optional && !a.computed) ||
                  (!a.required && (a.optional || a.computed));
  if (!combo_ok) {
    return Invalid(where, a.name,
                   "must be exactly one of required, optional, "
                   "optional+computed or computed");
  }
  if (a.default_value.has_value()) {
    if (!(a.optional && a.computed)) {
      return Invalid(where, a.name, "a default needs optional+computed");
    }
    if (a.nested == nullptr && a.default_value->type() != a.type) {
      return Invalid(where, a.name, "default is not of the attribute's type");
    }
  }
  if (a.requires_replace && a.computed && !a.optional) {
    return Invalid(where, a.name, "a computed-only attribute cannot replace");
  }
  return absl::OkStatus();
}

absl::Status CheckAttribute(const Attribute& a, absl::string_view where,
                            bool inside_set) {
  if (!IsValidName(a.name)) {
    return Invalid(where, a.name, "name must match ^[a-z0-9_]+$");
  }
  absl::Status flags = CheckFlags(a, where);
  if (!flags.ok()) return flags;
  if (a.write_only && (a.computed || inside_set)) {
    return Invalid(where, a.name,
                   "write-only attributes cannot be computed or in a set");
  }
  if (a.nested == nullptr) return absl::OkStatus();
  bool set = inside_set || a.nested->nesting == Nesting::kSet;
  return CheckAttributes(a.nested->attributes, absl::StrCat(where, ".", a.name),
                         set);
}

absl::Status CheckAttributes(const std::vector<Attribute>& attributes,
                             absl::string_view where, bool inside_set) {
  std::map<std::string, int> seen;
  for (const Attribute& a : attributes) {
    if (++seen[a.name] > 1) return Invalid(where, a.name, "declared twice");
    absl::Status status = CheckAttribute(a, where, inside_set);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

void ValidateAttribute(const Attribute& a, const cty::Value& value,
                       const cty::Path& path, Diagnostics* diagnostics);

void ValidateNested(const NestedObject& nested, const cty::Value& value,
                    const cty::Path& path, Diagnostics* diagnostics) {
  auto validate_object = [&](const cty::Value& object, const cty::Path& at) {
    if (object.IsNull() || !object.IsKnown()) return;
    for (const Attribute& child : nested.attributes) {
      ValidateAttribute(child, object.GetAttr(child.name), at.Attr(child.name),
                        diagnostics);
    }
  };
  switch (nested.nesting) {
    case Nesting::kSingle:
      validate_object(value, path);
      return;
    case Nesting::kList:
    case Nesting::kSet: {
      int64_t index = 0;
      for (const cty::Value& element : value.elements()) {
        validate_object(element, path.Index(index++));
      }
      return;
    }
    case Nesting::kMap:
      for (const auto& [key, element] : value.map_elements()) {
        validate_object(element, path.Key(key));
      }
      return;
  }
}

bool IsReadOnly(const Attribute& a) {
  return a.computed && !a.optional && !a.required;
}

void ValidateAttribute(const Attribute& a, const cty::Value& value,
                       const cty::Path& path, Diagnostics* diagnostics) {
  // Terraform core accepts a value for a computed-only attribute and leaves
  // refusing it to the provider.
  if (IsReadOnly(a) && !value.IsNull()) {
    diagnostics->AddError(
        "Read-only Attribute Set",
        absl::StrCat("\"", path.ToString(),
                     "\" is decided by the provider "
                     "and the API; it cannot be set in the configuration. "
                     "Remove it."),
        path);
    return;
  }
  if (value.IsNull() || !value.IsKnown()) return;
  for (const Validator& validator : a.validators) {
    validator(value, path, diagnostics);
  }
  if (a.nested != nullptr) {
    ValidateNested(*a.nested, value, path, diagnostics);
  }
}

cty::Value NullWriteOnlyIn(const std::vector<Attribute>& attributes,
                           const cty::Value& object);

cty::Value NullWriteOnlyNested(const NestedObject& nested,
                               const cty::Value& value) {
  if (value.IsNull() || !value.IsKnown()) return value;
  switch (nested.nesting) {
    case Nesting::kSingle:
      return NullWriteOnlyIn(nested.attributes, value);
    case Nesting::kList: {
      std::vector<cty::Value> out;
      for (const cty::Value& e : value.elements()) {
        out.push_back(NullWriteOnlyIn(nested.attributes, e));
      }
      return cty::Value::List(nested.ObjectType(), std::move(out));
    }
    case Nesting::kMap: {
      std::map<std::string, cty::Value> out;
      for (const auto& [k, e] : value.map_elements()) {
        out.emplace(k, NullWriteOnlyIn(nested.attributes, e));
      }
      return cty::Value::Map(nested.ObjectType(), std::move(out));
    }
    case Nesting::kSet:
      return value;  // write-only is not allowed in sets
  }
  return value;
}

cty::Value NullWriteOnlyIn(const std::vector<Attribute>& attributes,
                           const cty::Value& object) {
  if (object.IsNull() || !object.IsKnown()) return object;
  cty::Value out = object;
  for (const Attribute& a : attributes) {
    const cty::Value& current = out.GetAttr(a.name);
    if (a.write_only) {
      out = out.WithAttr(a.name, cty::Value::Null(current.type()));
    } else if (a.nested != nullptr) {
      out = out.WithAttr(a.name, NullWriteOnlyNested(*a.nested, current));
    }
  }
  return out;
}

}  // namespace

cty::Type NestedObject::ObjectType() const {
  std::map<std::string, cty::Type> types;
  for (const Attribute& a : attributes) {
    types.emplace(a.name, a.nested ? a.nested->ImpliedType() : a.type);
  }
  return cty::Type::Object(std::move(types));
}

cty::Type NestedObject::ImpliedType() const {
  cty::Type object = ObjectType();
  switch (nesting) {
    case Nesting::kSingle:
      return object;
    case Nesting::kList:
      return cty::Type::List(object);
    case Nesting::kSet:
      return cty::Type::Set(object);
    case Nesting::kMap:
      return cty::Type::Map(object);
  }
  return object;
}

Attribute Attr(std::string name, cty::Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  return a;
}

Attribute NestedAttr(std::string name, NestedObject::Nesting nesting,
                     std::vector<Attribute> attributes) {
  Attribute a;
  a.name = std::move(name);
  a.nested = std::make_shared<NestedObject>();
  a.nested->nesting = nesting;
  a.nested->attributes = std::move(attributes);
  a.type = a.nested->ImpliedType();
  return a;
}

cty::Type Block::ImpliedType() const {
  std::map<std::string, cty::Type> types;
  for (const Attribute& a : attributes) {
    types.emplace(a.name, a.nested ? a.nested->ImpliedType() : a.type);
  }
  for (const NestedBlock& b : blocks) {
    cty::Type object = b.block->ImpliedType();
    switch (b.nesting) {
      case NestedBlock::Nesting::kSingle:
      case NestedBlock::Nesting::kGroup:
        types.emplace(b.type_name, object);
        break;
      case NestedBlock::Nesting::kList:
        types.emplace(b.type_name, cty::Type::List(object));
        break;
      case NestedBlock::Nesting::kSet:
        types.emplace(b.type_name, cty::Type::Set(object));
        break;
      case NestedBlock::Nesting::kMap:
        types.emplace(b.type_name, cty::Type::Map(object));
        break;
    }
  }
  return cty::Type::Object(std::move(types));
}

const Attribute* Block::FindAttribute(absl::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

absl::Status CheckSchema(const Schema& schema, absl::string_view where) {
  absl::Status status = CheckAttributes(schema.block.attributes, where, false);
  if (!status.ok()) return status;
  for (const NestedBlock& b : schema.block.blocks) {
    if (!IsValidName(b.type_name)) {
      return Invalid(where, b.type_name, "block name must match ^[a-z0-9_]+$");
    }
    Schema inner{0, *b.block};
    status = CheckSchema(inner, absl::StrCat(where, ".", b.type_name));
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

void RunValidators(const Block& block, const cty::Value& config,
                   Diagnostics* diagnostics) {
  if (config.IsNull() || !config.IsKnown()) return;
  for (const Attribute& a : block.attributes) {
    ValidateAttribute(a, config.GetAttr(a.name), cty::Path().Attr(a.name),
                      diagnostics);
  }
}

cty::Value NullWriteOnly(const Block& block, const cty::Value& value) {
  return NullWriteOnlyIn(block.attributes, value);
}

}  // namespace gandimail::tfplugin
