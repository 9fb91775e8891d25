#include "internal/cty/type.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "internal/cty/text.h"
#include "nlohmann/json.hpp"

namespace gandimail::cty {

struct Type::Rep {
  Kind kind = Kind::kDynamic;
  // Set for list, set and map only; null otherwise (element_type() then
  // answers Dynamic).
  std::shared_ptr<const Type> element;
  std::map<std::string, Type> attributes;
  std::vector<Type> elements;
};

namespace {

// Type JSON nests one level per collection or structure; anything deeper
// than this is hostile input, not a schema.
constexpr int kMaxTypeDepth = 64;

}  // namespace

Type::Type() : Type(Dynamic()) {}

Type::Type(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Type Type::String() {
  static const auto* rep = new std::shared_ptr<const Rep>(
      std::make_shared<const Rep>(Rep{Kind::kString, nullptr, {}, {}}));
  return Type(*rep);
}

Type Type::Number() {
  static const auto* rep = new std::shared_ptr<const Rep>(
      std::make_shared<const Rep>(Rep{Kind::kNumber, nullptr, {}, {}}));
  return Type(*rep);
}

Type Type::Bool() {
  static const auto* rep = new std::shared_ptr<const Rep>(
      std::make_shared<const Rep>(Rep{Kind::kBool, nullptr, {}, {}}));
  return Type(*rep);
}

Type Type::Dynamic() {
  static const auto* rep = new std::shared_ptr<const Rep>(
      std::make_shared<const Rep>(Rep{Kind::kDynamic, nullptr, {}, {}}));
  return Type(*rep);
}

Type Type::List(Type element) {
  return Type(std::make_shared<const Rep>(Rep{
      Kind::kList, std::make_shared<const Type>(std::move(element)), {}, {}}));
}

Type Type::Set(Type element) {
  return Type(std::make_shared<const Rep>(Rep{
      Kind::kSet, std::make_shared<const Type>(std::move(element)), {}, {}}));
}

Type Type::Map(Type element) {
  return Type(std::make_shared<const Rep>(Rep{
      Kind::kMap, std::make_shared<const Type>(std::move(element)), {}, {}}));
}

Type Type::Object(std::map<std::string, Type> attributes) {
  return Type(std::make_shared<const Rep>(
      Rep{Kind::kObject, nullptr, std::move(attributes), {}}));
}

Type Type::Tuple(std::vector<Type> elements) {
  return Type(std::make_shared<const Rep>(
      Rep{Kind::kTuple, nullptr, {}, std::move(elements)}));
}

Kind Type::kind() const { return rep_->kind; }

const Type& Type::element_type() const {
  static const Type* dynamic = new Type(Dynamic());
  return rep_->element ? *rep_->element : *dynamic;
}

const std::map<std::string, Type>& Type::attribute_types() const {
  return rep_->attributes;
}

const std::vector<Type>& Type::element_types() const { return rep_->elements; }

bool Type::IsPrimitive() const {
  Kind k = kind();
  return k == Kind::kString || k == Kind::kNumber || k == Kind::kBool;
}

bool Type::IsCollection() const {
  Kind k = kind();
  return k == Kind::kList || k == Kind::kSet || k == Kind::kMap;
}

bool Type::IsStructural() const {
  return kind() == Kind::kObject || kind() == Kind::kTuple;
}

bool Type::HasAttribute(std::string_view name) const {
  return rep_->attributes.find(std::string(name)) != rep_->attributes.end();
}

namespace {

absl::string_view CollectionKeyword(Kind kind) {
  switch (kind) {
    case Kind::kList:
      return "list";
    case Kind::kSet:
      return "set";
    default:
      return "map";
  }
}

void AppendTypeJson(const Type& type, std::string* out);

void AppendObjectJson(const Type& type, std::string* out) {
  out->append("[\"object\",{");
  bool first = true;
  for (const auto& [name, attribute] : type.attribute_types()) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, name);
    out->push_back(':');
    AppendTypeJson(attribute, out);
  }
  out->append("}]");
}

void AppendTupleJson(const Type& type, std::string* out) {
  out->append("[\"tuple\",[");
  bool first = true;
  for (const Type& element : type.element_types()) {
    if (!first) out->push_back(',');
    first = false;
    AppendTypeJson(element, out);
  }
  out->append("]]");
}

void AppendTypeJson(const Type& type, std::string* out) {
  switch (type.kind()) {
    case Kind::kString:
      out->append("\"string\"");
      return;
    case Kind::kNumber:
      out->append("\"number\"");
      return;
    case Kind::kBool:
      out->append("\"bool\"");
      return;
    case Kind::kDynamic:
      out->append("\"dynamic\"");
      return;
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      absl::StrAppend(out, "[\"", CollectionKeyword(type.kind()), "\",");
      AppendTypeJson(type.element_type(), out);
      out->push_back(']');
      return;
    case Kind::kObject:
      return AppendObjectJson(type, out);
    case Kind::kTuple:
      return AppendTupleJson(type, out);
  }
}

absl::StatusOr<Type> TypeFromNode(const nlohmann::json& node, int depth);

absl::StatusOr<Type> PrimitiveFromName(const std::string& name) {
  if (name == "string") return Type::String();
  if (name == "number") return Type::Number();
  if (name == "bool") return Type::Bool();
  if (name == "dynamic") return Type::Dynamic();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid primitive type name ", JsonString(name)));
}

absl::StatusOr<Type> ObjectFromNode(const nlohmann::json& node, int depth) {
  if (!node.is_object()) {
    return absl::InvalidArgumentError(
        "object type attributes must be a JSON object");
  }

  std::map<std::string, Type> attributes;
  for (const auto& [name, attribute] : node.items()) {
    auto type = TypeFromNode(attribute, depth + 1);
    if (!type.ok()) return type.status();
    attributes.emplace(name, *std::move(type));
  }
  return Type::Object(std::move(attributes));
}

absl::StatusOr<Type> TupleFromNode(const nlohmann::json& node, int depth) {
  if (!node.is_array()) {
    return absl::InvalidArgumentError(
        "tuple type elements must be a JSON array");
  }

  std::vector<Type> elements;
  for (const nlohmann::json& element : node) {
    auto type = TypeFromNode(element, depth + 1);
    if (!type.ok()) return type.status();
    elements.push_back(*std::move(type));
  }
  return Type::Tuple(std::move(elements));
}

absl::StatusOr<Type> ComplexFromNode(const nlohmann::json& node, int depth) {
  if (node.size() != 2 || !node[0].is_string()) {
    return absl::InvalidArgumentError(
        "a complex type must be a 2-element array [kind, detail]");
  }

  const std::string& keyword = node[0].get_ref<const std::string&>();
  const nlohmann::json& detail = node[1];
  if (keyword == "object") return ObjectFromNode(detail, depth);
  if (keyword == "tuple") return TupleFromNode(detail, depth);

  auto element = TypeFromNode(detail, depth + 1);
  if (!element.ok()) return element.status();
  if (keyword == "list") return Type::List(*std::move(element));
  if (keyword == "set") return Type::Set(*std::move(element));
  if (keyword == "map") return Type::Map(*std::move(element));
  return absl::InvalidArgumentError(
      absl::StrCat("invalid complex type kind ", JsonString(keyword)));
}

absl::StatusOr<Type> TypeFromNode(const nlohmann::json& node, int depth) {
  if (depth > kMaxTypeDepth) {
    return absl::InvalidArgumentError("type nests deeper than 64 levels");
  }
  if (node.is_string()) {
    return PrimitiveFromName(node.get_ref<const std::string&>());
  }
  if (node.is_array()) return ComplexFromNode(node, depth);
  return absl::InvalidArgumentError("invalid type description");
}

}  // namespace

std::string Type::ToJson() const {
  std::string out;
  AppendTypeJson(*this, &out);
  return out;
}

absl::StatusOr<Type> Type::FromJson(std::string_view json) {
  // Parsing without exceptions keeps nlohmann's throws inside this module.
  nlohmann::json node = nlohmann::json::parse(json.begin(), json.end(),
                                              /*cb=*/nullptr,
                                              /*allow_exceptions=*/false);
  if (node.is_discarded()) {
    return absl::InvalidArgumentError("type description is not valid JSON");
  }
  auto type = TypeFromNode(node, 0);
  if (!type.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid type JSON: ", type.status().message()));
  }
  return type;
}

std::string Type::FriendlyName() const {
  switch (kind()) {
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      return absl::StrCat(CollectionKeyword(kind()), " of ",
                          element_type().FriendlyName());
    case Kind::kObject:
      return "object";
    case Kind::kTuple:
      return "tuple";
  }
  return "invalid";
}

bool operator==(const Type& a, const Type& b) {
  return Type::Compare(a, b) == 0;
}

namespace {

template <typename T>
int CompareScalars(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareAttributes(const std::map<std::string, Type>& a,
                      const std::map<std::string, Type>& b) {
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
    if (int c = ia->first.compare(ib->first); c != 0) return c < 0 ? -1 : 1;
    if (int c = Type::Compare(ia->second, ib->second); c != 0) return c;
  }
  return CompareScalars(a.size(), b.size());
}

}  // namespace

int Type::Compare(const Type& a, const Type& b) {
  if (a.rep_ == b.rep_) return 0;
  if (int c = CompareScalars(a.kind(), b.kind()); c != 0) return c;

  switch (a.kind()) {
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      return Compare(a.element_type(), b.element_type());
    case Kind::kObject:
      return CompareAttributes(a.attribute_types(), b.attribute_types());
    case Kind::kTuple: {
      const auto& ea = a.element_types();
      const auto& eb = b.element_types();
      for (size_t i = 0; i < ea.size() && i < eb.size(); ++i) {
        if (int c = Compare(ea[i], eb[i]); c != 0) return c;
      }
      return CompareScalars(ea.size(), eb.size());
    }
    default:
      return 0;
  }
}

}  // namespace gandimail::cty
