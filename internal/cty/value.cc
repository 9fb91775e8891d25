#include "internal/cty/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "internal/cty/number.h"
#include "internal/cty/text.h"

namespace gandimail::cty {

struct Value::Rep {
  enum class State { kNull, kUnknown, kKnown };

  Rep() = default;
  Rep(Type t, State s) : type(std::move(t)), state(s) {}

  Type type;
  State state = Rep::State::kNull;
  bool wholly_known = true;
  Refinements refinements;

  bool boolean = false;
  number::Number number;
  std::string string;
  // List, set and tuple elements.
  std::vector<Value> elements;
  // Map elements or object attributes. For a null or unknown object this
  // holds a null or unknown of each attribute type, so that GetAttr can
  // return a reference; attributes() does not expose them.
  std::map<std::string, Value> members;
};

bool Refinements::empty() const {
  return !not_null && !string_prefix && !number_lower && !number_upper &&
         !length_lower && !length_upper;
}

bool operator==(const Refinements& a, const Refinements& b) {
  return a.not_null == b.not_null && a.string_prefix == b.string_prefix &&
         a.number_lower == b.number_lower && a.number_upper == b.number_upper &&
         a.length_lower == b.length_lower && a.length_upper == b.length_upper;
}

namespace {

const std::string& EmptyString() {
  static const auto* empty = new std::string();
  return *empty;
}

const std::vector<Value>& EmptyElements() {
  static const auto* empty = new std::vector<Value>();
  return *empty;
}

const std::map<std::string, Value>& EmptyMembers() {
  static const auto* empty = new std::map<std::string, Value>();
  return *empty;
}

const Refinements& NoRefinements() {
  static const auto* empty = new Refinements();
  return *empty;
}

bool AllWhollyKnown(const std::vector<Value>& values) {
  return std::all_of(values.begin(), values.end(),
                     [](const Value& v) { return v.IsWhollyKnown(); });
}

bool AllWhollyKnown(const std::map<std::string, Value>& values) {
  return std::all_of(values.begin(), values.end(),
                     [](const auto& kv) { return kv.second.IsWhollyKnown(); });
}

}  // namespace

Value::Value(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Value::Value() {
  static const auto* null_dynamic = new std::shared_ptr<const Rep>(
      std::make_shared<const Rep>(Type::Dynamic(), Rep::State::kNull));
  rep_ = *null_dynamic;
}

Value Value::Null(Type type) {
  auto rep = std::make_shared<Rep>();
  for (const auto& [name, attribute] : type.attribute_types()) {
    rep->members.emplace(name, Null(attribute));
  }
  rep->type = std::move(type);
  return Value(std::move(rep));
}

Value Value::Unknown(Type type, Refinements refinements) {
  auto rep = std::make_shared<Rep>();
  for (const auto& [name, attribute] : type.attribute_types()) {
    rep->members.emplace(name, Unknown(attribute));
  }
  rep->type = std::move(type);
  rep->state = Rep::State::kUnknown;
  rep->wholly_known = false;
  rep->refinements = std::move(refinements);
  return Value(std::move(rep));
}

Value Value::String(std::string s) {
  auto rep = std::make_shared<Rep>(Type::String(), Rep::State::kKnown);
  rep->string = std::move(s);
  return Value(std::move(rep));
}

Value Value::Bool(bool b) {
  auto rep = std::make_shared<Rep>(Type::Bool(), Rep::State::kKnown);
  rep->boolean = b;
  return Value(std::move(rep));
}

Value Value::Int(int64_t i) {
  auto rep = std::make_shared<Rep>(Type::Number(), Rep::State::kKnown);
  rep->number.i = i;
  return Value(std::move(rep));
}

Value Value::Float(double d) {
  if (std::isnan(d)) {
    std::fprintf(stderr, "cty: Value::Float called with NaN\n");
    std::abort();
  }
  auto rep = std::make_shared<Rep>(Type::Number(), Rep::State::kKnown);
  rep->number = number::FromDouble(d);
  return Value(std::move(rep));
}

absl::StatusOr<Value> Value::NumberFromString(std::string_view decimal) {
  auto parsed = number::Parse(decimal);
  if (!parsed.ok()) return parsed.status();
  auto rep = std::make_shared<Rep>(Type::Number(), Rep::State::kKnown);
  rep->number = *std::move(parsed);
  return Value(std::move(rep));
}

Value Value::List(Type element, std::vector<Value> elements) {
  auto rep =
      std::make_shared<Rep>(Type::List(std::move(element)), Rep::State::kKnown);
  rep->wholly_known = AllWhollyKnown(elements);
  rep->elements = std::move(elements);
  return Value(std::move(rep));
}

Value Value::Set(Type element, std::vector<Value> elements) {
  std::stable_sort(
      elements.begin(), elements.end(),
      [](const Value& a, const Value& b) { return Compare(a, b) < 0; });

  // Equal neighbours merge only when wholly known: go-cty treats elements
  // containing unknowns as distinct, and Terraform relies on the count.
  auto same = [](const Value& a, const Value& b) {
    return a.IsWhollyKnown() && b.IsWhollyKnown() && Compare(a, b) == 0;
  };
  elements.erase(std::unique(elements.begin(), elements.end(), same),
                 elements.end());

  auto rep =
      std::make_shared<Rep>(Type::Set(std::move(element)), Rep::State::kKnown);
  rep->wholly_known = AllWhollyKnown(elements);
  rep->elements = std::move(elements);
  return Value(std::move(rep));
}

Value Value::Map(Type element, std::map<std::string, Value> elements) {
  auto rep =
      std::make_shared<Rep>(Type::Map(std::move(element)), Rep::State::kKnown);
  rep->wholly_known = AllWhollyKnown(elements);
  rep->members = std::move(elements);
  return Value(std::move(rep));
}

Value Value::Object(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  for (const auto& [name, value] : attributes) {
    types.emplace_hint(types.end(), name, value.type());
  }

  auto rep =
      std::make_shared<Rep>(Type::Object(std::move(types)), Rep::State::kKnown);
  rep->wholly_known = AllWhollyKnown(attributes);
  rep->members = std::move(attributes);
  return Value(std::move(rep));
}

Value Value::Tuple(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const Value& v : elements) types.push_back(v.type());

  auto rep =
      std::make_shared<Rep>(Type::Tuple(std::move(types)), Rep::State::kKnown);
  rep->wholly_known = AllWhollyKnown(elements);
  rep->elements = std::move(elements);
  return Value(std::move(rep));
}

const Type& Value::type() const { return rep_->type; }

bool Value::IsNull() const { return rep_->state == Rep::State::kNull; }

bool Value::IsKnown() const { return rep_->state != Rep::State::kUnknown; }

bool Value::IsWhollyKnown() const { return rep_->wholly_known; }

const Refinements& Value::refinements() const {
  return rep_->state == Rep::State::kUnknown ? rep_->refinements
                                             : NoRefinements();
}

namespace {

bool IsKnownOf(const Value& v, Kind kind) {
  return v.IsKnown() && !v.IsNull() && v.type().kind() == kind;
}

}  // namespace

const std::string& Value::AsString() const {
  return IsKnownOf(*this, Kind::kString) ? rep_->string : EmptyString();
}

bool Value::AsBool() const {
  return IsKnownOf(*this, Kind::kBool) && rep_->boolean;
}

std::optional<int64_t> Value::AsInt64() const {
  if (!IsKnownOf(*this, Kind::kNumber)) return std::nullopt;
  if (rep_->number.form != number::Form::kInt) return std::nullopt;
  return rep_->number.i;
}

double Value::AsDouble() const {
  if (!IsKnownOf(*this, Kind::kNumber)) return 0;
  return number::ToDouble(rep_->number);
}

std::string Value::NumberString() const {
  if (!IsKnownOf(*this, Kind::kNumber)) return "";
  return number::ToText(rep_->number);
}

const std::vector<Value>& Value::elements() const {
  if (!IsKnown() || IsNull()) return EmptyElements();
  return rep_->elements;
}

const std::map<std::string, Value>& Value::map_elements() const {
  return IsKnownOf(*this, Kind::kMap) ? rep_->members : EmptyMembers();
}

const std::map<std::string, Value>& Value::attributes() const {
  return IsKnownOf(*this, Kind::kObject) ? rep_->members : EmptyMembers();
}

const Value* Value::FindAttr(std::string_view name) const {
  if (type().kind() != Kind::kObject) return nullptr;
  auto it = rep_->members.find(std::string(name));
  return it == rep_->members.end() ? nullptr : &it->second;
}

const Value& Value::GetAttr(std::string_view name) const {
  const Value* attribute = FindAttr(name);
  if (attribute == nullptr) {
    std::string name_text(name);
    std::fprintf(stderr,
                 "cty: GetAttr(\"%s\") on a value of type %s that has no such "
                 "attribute\n",
                 name_text.c_str(), type().ToJson().c_str());
    std::abort();
  }
  return *attribute;
}

Value Value::WithAttr(std::string name, Value value) const {
  if (type().kind() != Kind::kObject) return *this;
  std::map<std::string, Value> attributes = rep_->members;
  attributes[std::move(name)] = std::move(value);
  return Object(std::move(attributes));
}

int64_t Value::LengthInt() const {
  if (!IsKnown() || IsNull()) return 0;
  switch (type().kind()) {
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return static_cast<int64_t>(rep_->elements.size());
    case Kind::kMap:
      return static_cast<int64_t>(rep_->members.size());
    default:
      return 0;
  }
}

bool operator==(const Value& a, const Value& b) {
  return Value::Compare(a, b) == 0;
}

namespace {

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareSequences(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int c = Value::Compare(a[i], b[i]); c != 0) return c;
  }
  return Order(a.size(), b.size());
}

int CompareMembers(const std::map<std::string, Value>& a,
                   const std::map<std::string, Value>& b) {
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
    if (int c = ia->first.compare(ib->first); c != 0) return c < 0 ? -1 : 1;
    if (int c = Value::Compare(ia->second, ib->second); c != 0) return c;
  }
  return Order(a.size(), b.size());
}

}  // namespace

int Value::Compare(const Value& a, const Value& b) {
  if (a.rep_ == b.rep_) return 0;
  if (int c = Type::Compare(a.type(), b.type()); c != 0) return c;
  if (int c = Order(a.rep_->state, b.rep_->state); c != 0) return c;
  if (a.rep_->state != Rep::State::kKnown) return 0;

  switch (a.type().kind()) {
    case Kind::kString: {
      int c = a.rep_->string.compare(b.rep_->string);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kBool:
      return Order(a.rep_->boolean, b.rep_->boolean);
    case Kind::kNumber:
      return number::Compare(a.rep_->number, b.rep_->number);
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return CompareSequences(a.rep_->elements, b.rep_->elements);
    case Kind::kMap:
    case Kind::kObject:
      return CompareMembers(a.rep_->members, b.rep_->members);
    case Kind::kDynamic:
      return 0;
  }
  return 0;
}

namespace {

void AppendBound(std::string* out, absl::string_view op,
                 const NumberBound& bound) {
  absl::StrAppend(out, ", ", op, bound.inclusive ? "=" : "",
                  Value::Float(bound.value).NumberString());
}

std::string RefinementsText(const Refinements& r) {
  std::string out;
  if (r.not_null.value_or(false)) out.append(", not_null");
  if (r.string_prefix) {
    absl::StrAppend(&out, ", prefix=", JsonString(*r.string_prefix));
  }
  if (r.number_lower) AppendBound(&out, ">", *r.number_lower);
  if (r.number_upper) AppendBound(&out, "<", *r.number_upper);
  if (r.length_lower) absl::StrAppend(&out, ", len>=", *r.length_lower);
  if (r.length_upper) absl::StrAppend(&out, ", len<=", *r.length_upper);
  return out;
}

void AppendDebug(const Value& v, std::string* out);

void AppendDebugSequence(absl::string_view open, const Value& v,
                         std::string* out) {
  out->append(open.data(), open.size());
  bool first = true;
  for (const Value& element : v.elements()) {
    if (!first) out->append(", ");
    first = false;
    AppendDebug(element, out);
  }
  out->push_back(']');
}

void AppendDebugMembers(absl::string_view open,
                        const std::map<std::string, Value>& members,
                        std::string* out) {
  out->append(open.data(), open.size());
  bool first = true;
  for (const auto& [key, member] : members) {
    if (!first) out->append(", ");
    first = false;
    absl::StrAppend(out, JsonString(key), ": ");
    AppendDebug(member, out);
  }
  out->push_back('}');
}

void AppendDebug(const Value& v, std::string* out) {
  if (v.IsNull()) {
    absl::StrAppend(out, "null(", v.type().ToJson(), ")");
    return;
  }
  if (!v.IsKnown()) {
    absl::StrAppend(out, "unknown(", v.type().ToJson(),
                    RefinementsText(v.refinements()), ")");
    return;
  }

  switch (v.type().kind()) {
    case Kind::kString:
      AppendJsonString(out, v.AsString());
      return;
    case Kind::kNumber:
      out->append(v.NumberString());
      return;
    case Kind::kBool:
      out->append(v.AsBool() ? "true" : "false");
      return;
    case Kind::kList:
      return AppendDebugSequence("[", v, out);
    case Kind::kSet:
      return AppendDebugSequence("set[", v, out);
    case Kind::kTuple:
      return AppendDebugSequence("tuple[", v, out);
    case Kind::kMap:
      return AppendDebugMembers("map{", v.map_elements(), out);
    case Kind::kObject:
      return AppendDebugMembers("{", v.attributes(), out);
    case Kind::kDynamic:
      out->append("?");
      return;
  }
}

}  // namespace

std::string Value::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

std::ostream& operator<<(std::ostream& os, const Value& value) {
  return os << value.DebugString();
}

void PrintTo(const Value& value, std::ostream* os) {
  *os << value.DebugString();
}

void PrintTo(const Type& type, std::ostream* os) { *os << type.ToJson(); }

}  // namespace gandimail::cty
