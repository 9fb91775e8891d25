#include "internal/cty/msgpack.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "internal/cty/msgpack_wire.h"
#include "internal/cty/path.h"
#include "internal/cty/text.h"

namespace gandimail::cty {
namespace {

using msgpack_wire::Item;
using msgpack_wire::WireKind;

// Terraform's deepest schemas nest a handful of blocks; anything beyond
// this is hostile input, and the limit keeps recursion bounded.
constexpr int kMaxDepth = 64;

// go-cty's own limit on the refinement payload of an unknown value.
constexpr size_t kMaxRefinementBytes = 1024;

// go-cty's extension type for an unknown value with refinements.
constexpr int8_t kRefinedUnknownExtension = 12;

// Refinement map keys, as go-cty's cty/msgpack/unknown.go numbers them.
enum RefinementKey : int64_t {
  kNullness = 1,
  kStringPrefix = 2,
  kNumberLower = 3,
  kNumberUpper = 4,
  kLengthLower = 5,
  kLengthUpper = 6,
};

// go-cty truncates longer prefixes so that the payload stays small.
constexpr size_t kMaxPrefixBytes = 256;

// Truncates a long prefix at a UTF-8 boundary, as go-cty does.
std::string_view TruncatedPrefix(std::string_view prefix) {
  if (prefix.size() <= kMaxPrefixBytes) return prefix;
  size_t n = kMaxPrefixBytes - 1;
  while (n > 0 && (static_cast<uint8_t>(prefix[n]) & 0xc0) == 0x80) --n;
  return prefix.substr(0, n);
}

// Adds one step to a path for the lifetime of the scope, so that paths are
// built only when an error needs one.
class StepScope {
 public:
  StepScope(std::vector<PathStep>* path, PathStep step) : path_(path) {
    path_->push_back(std::move(step));
  }
  ~StepScope() { path_->pop_back(); }
  StepScope(const StepScope&) = delete;
  StepScope& operator=(const StepScope&) = delete;

 private:
  std::vector<PathStep>* path_;
};

bool IsText(WireKind kind) {
  // go-cty's decoder (vmihailenco/msgpack) reads bin wherever it reads str.
  return kind == WireKind::kString || kind == WireKind::kBinary;
}

absl::StatusOr<Value> NumberFromItem(const Item& item) {
  switch (item.kind) {
    case WireKind::kInt:
      return Value::Int(item.int_value);
    case WireKind::kUint:
      if (item.uint_value <= std::numeric_limits<int64_t>::max()) {
        return Value::Int(static_cast<int64_t>(item.uint_value));
      }
      return Value::NumberFromString(absl::StrCat(item.uint_value));
    case WireKind::kFloat32:
    case WireKind::kFloat64:
      if (std::isnan(item.float_value)) {
        return absl::InvalidArgumentError("NaN is not a valid number");
      }
      return Value::Float(item.float_value);
    case WireKind::kString:
    case WireKind::kBinary:
      return Value::NumberFromString(item.payload);
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "expected number, got ", msgpack_wire::WireKindName(item.kind)));
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : reader_(bytes) {}

  absl::StatusOr<Value> Decode(const Type& type, int depth);
  bool AtEnd() const { return reader_.AtEnd(); }
  absl::Status Error(absl::string_view message) const {
    return PathError(Path(path_), message);
  }

 private:
  absl::StatusOr<Item> Next();
  absl::Status Mismatch(const Type& type, const Item& item) const;
  absl::StatusOr<Value> DecodeUnknown(const Type& type);
  absl::StatusOr<Value> DecodeDynamic(int depth);
  absl::StatusOr<Value> DecodePrimitive(const Type& type);
  absl::StatusOr<Value> DecodeSequence(const Type& type, int depth);
  absl::StatusOr<Value> DecodeMap(const Type& type, int depth);
  absl::StatusOr<Value> DecodeObject(const Type& type, int depth);
  absl::StatusOr<std::string> DecodeKey(absl::string_view what);

  msgpack_wire::Reader reader_;
  std::vector<PathStep> path_;
};

absl::StatusOr<Item> Decoder::Next() {
  auto item = reader_.Next();
  if (!item.ok()) return Error(item.status().message());
  return item;
}

absl::Status Decoder::Mismatch(const Type& type, const Item& item) const {
  return Error(absl::StrCat("expected ", type.FriendlyName(), ", got ",
                            msgpack_wire::WireKindName(item.kind)));
}

absl::StatusOr<Value> Decoder::Decode(const Type& type, int depth) {
  if (depth > kMaxDepth) {
    return Error("value nests deeper than 64 levels");
  }

  // Any extension is an unknown value (go-cty defines no other), and an
  // unknown needs no dynamic wrapper.
  WireKind next = reader_.Peek();
  if (next == WireKind::kExtension) return DecodeUnknown(type);
  if (type.kind() == Kind::kDynamic) return DecodeDynamic(depth);
  if (next == WireKind::kNil) {
    GM_RETURN_IF_ERROR(Next().status());
    return Value::Null(type);
  }

  switch (type.kind()) {
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return DecodeSequence(type, depth);
    case Kind::kMap:
      return DecodeMap(type, depth);
    case Kind::kObject:
      return DecodeObject(type, depth);
    default:
      return DecodePrimitive(type);
  }
}

absl::StatusOr<Value> Decoder::DecodePrimitive(const Type& type) {
  GM_ASSIGN_OR_RETURN(Item item, Next());
  switch (type.kind()) {
    case Kind::kString:
      if (!IsText(item.kind)) return Mismatch(type, item);
      return Value::String(std::string(item.payload));
    case Kind::kBool:
      if (item.kind != WireKind::kBool) return Mismatch(type, item);
      return Value::Bool(item.boolean);
    default: {
      auto number = NumberFromItem(item);
      if (!number.ok()) return Error(number.status().message());
      return number;
    }
  }
}

absl::StatusOr<Value> Decoder::DecodeSequence(const Type& type, int depth) {
  GM_ASSIGN_OR_RETURN(Item item, Next());
  if (item.kind != WireKind::kArray) return Mismatch(type, item);
  const bool tuple = type.kind() == Kind::kTuple;
  const std::vector<Type>& tuple_types = type.element_types();
  if (tuple && item.count != tuple_types.size()) {
    return Error(absl::StrCat("expected a tuple of ", tuple_types.size(),
                              " elements, got ", item.count));
  }

  std::vector<Value> elements;
  elements.reserve(item.count);
  for (uint64_t i = 0; i < item.count; ++i) {
    StepScope step(&path_, PathStep::Index(static_cast<int64_t>(i)));
    const Type& element_type = tuple ? tuple_types[i] : type.element_type();
    GM_ASSIGN_OR_RETURN(Value element, Decode(element_type, depth + 1));
    elements.push_back(std::move(element));
  }

  if (tuple) return Value::Tuple(std::move(elements));
  if (type.kind() == Kind::kSet) {
    return Value::Set(type.element_type(), std::move(elements));
  }
  return Value::List(type.element_type(), std::move(elements));
}

absl::StatusOr<std::string> Decoder::DecodeKey(absl::string_view what) {
  GM_ASSIGN_OR_RETURN(Item key, Next());
  if (!IsText(key.kind)) {
    return Error(absl::StrCat(what, " keys must be strings, got ",
                              msgpack_wire::WireKindName(key.kind)));
  }
  return std::string(key.payload);
}

absl::StatusOr<Value> Decoder::DecodeMap(const Type& type, int depth) {
  GM_ASSIGN_OR_RETURN(Item item, Next());
  if (item.kind != WireKind::kMap) return Mismatch(type, item);

  std::map<std::string, Value> elements;
  for (uint64_t i = 0; i < item.count; ++i) {
    GM_ASSIGN_OR_RETURN(std::string key, DecodeKey("map"));
    if (elements.count(key) > 0) {
      return Error(absl::StrCat("duplicate map key ", JsonString(key)));
    }
    StepScope step(&path_, PathStep::Key(key));
    GM_ASSIGN_OR_RETURN(Value element, Decode(type.element_type(), depth + 1));
    elements.emplace(std::move(key), std::move(element));
  }
  return Value::Map(type.element_type(), std::move(elements));
}

absl::StatusOr<Value> Decoder::DecodeObject(const Type& type, int depth) {
  GM_ASSIGN_OR_RETURN(Item item, Next());
  if (item.kind != WireKind::kMap) return Mismatch(type, item);
  const std::map<std::string, Type>& types = type.attribute_types();

  std::map<std::string, Value> attributes;
  for (uint64_t i = 0; i < item.count; ++i) {
    GM_ASSIGN_OR_RETURN(std::string name, DecodeKey("object"));
    auto attribute_type = types.find(name);
    if (attribute_type == types.end()) {
      return Error(absl::StrCat("unexpected attribute ", JsonString(name)));
    }
    if (attributes.count(name) > 0) {
      return Error(absl::StrCat("duplicate attribute ", JsonString(name)));
    }
    StepScope step(&path_, PathStep::Attr(name));
    GM_ASSIGN_OR_RETURN(Value value, Decode(attribute_type->second, depth + 1));
    attributes.emplace(std::move(name), std::move(value));
  }

  for (const auto& [name, unused] : types) {
    if (attributes.count(name) == 0) {
      return Error(absl::StrCat("missing attribute ", JsonString(name)));
    }
  }
  return Value::Object(std::move(attributes));
}

absl::StatusOr<Value> Decoder::DecodeDynamic(int depth) {
  GM_ASSIGN_OR_RETURN(Item item, Next());
  if (item.kind == WireKind::kNil) return Value::Null(Type::Dynamic());
  if (item.kind != WireKind::kArray || item.count != 2) {
    return Error(
        absl::StrCat("a dynamic value must be a [type JSON, value] array, got ",
                     msgpack_wire::WireKindName(item.kind)));
  }

  GM_ASSIGN_OR_RETURN(Item type_json, Next());
  if (!IsText(type_json.kind)) {
    return Error(absl::StrCat("the type of a dynamic value must be bytes, got ",
                              msgpack_wire::WireKindName(type_json.kind)));
  }
  auto type = Type::FromJson(type_json.payload);
  if (!type.ok()) return Error(type.status().message());
  return Decode(*type, depth + 1);
}

// Reads a refinement map (the payload of extension 12) for a value of
// `type`. Keys this code does not know are skipped, as go-cty requires for
// forward compatibility.
class RefinementDecoder {
 public:
  RefinementDecoder(std::string_view payload, const Type& type,
                    const Decoder& parent)
      : reader_(payload), type_(type), parent_(parent) {}

  absl::StatusOr<Value> Decode();

 private:
  absl::Status Invalid(absl::string_view why) const {
    return parent_.Error(
        absl::StrCat("invalid refinements of an unknown value: ", why));
  }
  absl::Status DecodeEntry(int64_t key);
  absl::Status DecodeNullness();
  absl::Status DecodePrefix();
  absl::StatusOr<int64_t> DecodeLength();
  absl::StatusOr<NumberBound> DecodeBound();

  msgpack_wire::Reader reader_;
  const Type& type_;
  const Decoder& parent_;
  Refinements refinements_;
  bool definitely_null_ = false;
};

absl::StatusOr<Value> RefinementDecoder::Decode() {
  auto map = reader_.Next();
  if (!map.ok() || map->kind != WireKind::kMap) return Invalid("not a map");
  // Dynamic values cannot be refined today; go-cty ignores what it finds.
  if (type_.kind() == Kind::kDynamic) return Value::Unknown(type_);

  for (uint64_t i = 0; i < map->count; ++i) {
    auto key = reader_.Next();
    if (!key.ok()) return Invalid(key.status().message());
    if (key->kind == WireKind::kInt) {
      GM_RETURN_IF_ERROR(DecodeEntry(key->int_value));
    } else if (key->kind == WireKind::kUint) {
      // Keys beyond int64 are unknown keys like any other (0 is unused).
      bool huge = key->uint_value > std::numeric_limits<int64_t>::max();
      GM_RETURN_IF_ERROR(
          DecodeEntry(huge ? 0 : static_cast<int64_t>(key->uint_value)));
    } else {
      return Invalid("a key is not an integer");
    }
  }

  // Trailing payload bytes are ignored on purpose: go-cty reserves them.
  if (definitely_null_) return Value::Null(type_);
  return Value::Unknown(type_, std::move(refinements_));
}

absl::Status RefinementDecoder::DecodeNullness() {
  auto item = reader_.Next();
  if (!item.ok() || item->kind != WireKind::kBool) {
    return Invalid("nullness is not a bool");
  }
  // true would mean "certainly null", which is a known null.
  if (item->boolean) {
    definitely_null_ = true;
  } else {
    refinements_.not_null = true;
  }
  return absl::OkStatus();
}

absl::Status RefinementDecoder::DecodePrefix() {
  if (type_.kind() != Kind::kString) {
    return Invalid("string prefix for a non-string");
  }
  auto item = reader_.Next();
  if (!item.ok() || !IsText(item->kind) || !IsValidUtf8(item->payload)) {
    return Invalid("string prefix is not a UTF-8 string");
  }

  // Truncated as the encoder would, so that a decoded value encodes to
  // bytes that decode back to the same value.
  std::string_view prefix = TruncatedPrefix(item->payload);
  if (prefix.empty()) {
    refinements_.string_prefix.reset();
  } else {
    refinements_.string_prefix = std::string(prefix);
  }
  return absl::OkStatus();
}

absl::Status RefinementDecoder::DecodeEntry(int64_t key) {
  switch (key) {
    case kNullness:
      return DecodeNullness();
    case kStringPrefix:
      return DecodePrefix();
    case kNumberLower:
    case kNumberUpper: {
      GM_ASSIGN_OR_RETURN(NumberBound bound, DecodeBound());
      // An infinite bound says nothing; go-cty never writes one.
      auto& field = key == kNumberLower ? refinements_.number_lower
                                        : refinements_.number_upper;
      field = bound;
      if (std::isinf(bound.value)) field.reset();
      return absl::OkStatus();
    }
    case kLengthLower:
    case kLengthUpper: {
      GM_ASSIGN_OR_RETURN(int64_t length, DecodeLength());
      auto& field = key == kLengthLower ? refinements_.length_lower
                                        : refinements_.length_upper;
      field = length;
      // A lower bound of 0 says nothing; go-cty never writes one.
      if (key == kLengthLower && length == 0) field.reset();
      return absl::OkStatus();
    }
    default: {
      absl::Status skipped = reader_.Skip();
      if (!skipped.ok()) return Invalid(skipped.message());
      return absl::OkStatus();
    }
  }
}

absl::StatusOr<NumberBound> RefinementDecoder::DecodeBound() {
  if (type_.kind() != Kind::kNumber) {
    return Invalid("number bound for a non-number");
  }
  auto array = reader_.Next();
  if (!array.ok() || array->kind != WireKind::kArray || array->count != 2) {
    return Invalid("number bound is not a [number, bool] array");
  }

  auto number_item = reader_.Next();
  if (!number_item.ok()) return Invalid(number_item.status().message());
  auto number = NumberFromItem(*number_item);
  if (!number.ok()) return Invalid("number bound is not a number");
  auto inclusive = reader_.Next();
  if (!inclusive.ok() || inclusive->kind != WireKind::kBool) {
    return Invalid("number bound inclusiveness is not a bool");
  }
  return NumberBound{number->AsDouble(), inclusive->boolean};
}

absl::StatusOr<int64_t> RefinementDecoder::DecodeLength() {
  if (!type_.IsCollection()) {
    return Invalid("length bound for a non-collection");
  }
  auto item = reader_.Next();
  if (item.ok() && item->kind == WireKind::kInt && item->int_value >= 0) {
    return item->int_value;
  }
  if (item.ok() && item->kind == WireKind::kUint &&
      item->uint_value <= std::numeric_limits<int64_t>::max()) {
    return static_cast<int64_t>(item->uint_value);
  }
  return Invalid("length bound is not a non-negative integer");
}

absl::StatusOr<Value> Decoder::DecodeUnknown(const Type& type) {
  GM_ASSIGN_OR_RETURN(Item item, Next());

  // A payload of at most one byte is a plain unknown (d4 00 00 is the
  // shortest extension). Other extension types are not defined by go-cty;
  // reading them as plain unknowns keeps any extension meaning "unknown".
  if (item.payload.size() <= 1 ||
      item.extension_type != kRefinedUnknownExtension) {
    return Value::Unknown(type);
  }
  if (item.payload.size() > kMaxRefinementBytes) {
    return Error("refinements of an unknown value exceed 1024 bytes");
  }
  return RefinementDecoder(item.payload, type, *this).Decode();
}

// Writes numbers as go-cty does: an int64 as an integer, an exactly
// representable non-integer or infinity as float64, anything else
// (integers beyond int64, decimals no double holds) as decimal text.
void AppendNumber(std::string* out, const Value& number) {
  if (std::optional<int64_t> i = number.AsInt64()) {
    msgpack_wire::AppendInt(out, *i);
    return;
  }
  double d = number.AsDouble();
  bool exact = !std::isnan(d) && Value::Float(d) == number;
  if (exact && (std::isinf(d) || d != std::trunc(d))) {
    msgpack_wire::AppendFloat64(out, d);
    return;
  }
  msgpack_wire::AppendString(out, number.NumberString());
}

// Appends one number-bound entry unless it says nothing; returns how many
// entries it wrote.
int AppendBound(std::string* out, int64_t key,
                const std::optional<NumberBound>& bound, double none) {
  if (!bound || std::isnan(bound->value) || bound->value == none) return 0;
  msgpack_wire::AppendInt(out, key);
  msgpack_wire::AppendArrayHeader(out, 2);
  AppendNumber(out, Value::Float(bound->value));
  msgpack_wire::AppendBool(out, bound->inclusive);
  return 1;
}

int AppendLengthBounds(std::string* out, const Refinements& r) {
  int count = 0;
  if (r.length_lower.value_or(0) > 0) {
    msgpack_wire::AppendInt(out, kLengthLower);
    msgpack_wire::AppendInt(out, *r.length_lower);
    ++count;
  }
  if (r.length_upper && *r.length_upper >= 0 &&
      *r.length_upper != std::numeric_limits<int64_t>::max()) {
    msgpack_wire::AppendInt(out, kLengthUpper);
    msgpack_wire::AppendInt(out, *r.length_upper);
    ++count;
  }
  return count;
}

// Appends the refinement map entries that apply to `type`, in go-cty's
// order, and returns their count.
int AppendRefinementEntries(std::string* out, const Type& type,
                            const Refinements& r) {
  int count = 0;
  if (r.not_null.value_or(false)) {
    msgpack_wire::AppendInt(out, kNullness);
    msgpack_wire::AppendBool(out, false);
    ++count;
  }

  switch (type.kind()) {
    case Kind::kNumber:
      count += AppendBound(out, kNumberLower, r.number_lower, -HUGE_VAL);
      count += AppendBound(out, kNumberUpper, r.number_upper, HUGE_VAL);
      break;
    case Kind::kString:
      if (r.string_prefix && !r.string_prefix->empty()) {
        msgpack_wire::AppendInt(out, kStringPrefix);
        msgpack_wire::AppendString(out, TruncatedPrefix(*r.string_prefix));
        ++count;
      }
      break;
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap:
      count += AppendLengthBounds(out, r);
      break;
    default:
      break;
  }
  return count;
}

void AppendUnknown(std::string* out, const Value& value) {
  static constexpr char kPlainUnknown[] = {'\xd4', '\x00', '\x00'};
  std::string entries;
  int count = 0;
  if (value.type().kind() != Kind::kDynamic) {
    count =
        AppendRefinementEntries(&entries, value.type(), value.refinements());
  }
  if (count == 0) {
    out->append(kPlainUnknown, sizeof(kPlainUnknown));
    return;
  }

  std::string payload;
  msgpack_wire::AppendMapHeader(&payload, count);
  payload.append(entries);
  msgpack_wire::AppendExtension(out, kRefinedUnknownExtension, payload);
}

class Encoder {
 public:
  absl::Status Encode(const Value& value, const Type& type);
  std::string& out() { return out_; }

 private:
  absl::Status Error(absl::string_view message) const {
    return PathError(Path(path_), message);
  }
  absl::Status EncodeKnown(const Value& value, const Type& type);
  absl::Status EncodeSequence(const Value& value, const Type& type);
  absl::Status EncodeMap(const Value& value, const Type& type);
  absl::Status EncodeObject(const Value& value, const Type& type);

  std::string out_;
  std::vector<PathStep> path_;
};

absl::Status Encoder::Encode(const Value& value, const Type& type) {
  const Kind kind = value.type().kind();
  if (type.kind() == Kind::kDynamic && kind != Kind::kDynamic) {
    msgpack_wire::AppendArrayHeader(&out_, 2);
    msgpack_wire::AppendBinary(&out_, value.type().ToJson());
    return Encode(value, value.type());
  }

  // A null or unknown of type Dynamic stands for "of whatever type".
  if (kind != type.kind() && kind != Kind::kDynamic) {
    return Error(absl::StrCat("expected ", type.FriendlyName(), ", got ",
                              value.type().FriendlyName()));
  }
  if (!value.IsKnown()) {
    AppendUnknown(&out_, value);
    return absl::OkStatus();
  }
  if (value.IsNull()) {
    msgpack_wire::AppendNil(&out_);
    return absl::OkStatus();
  }
  return EncodeKnown(value, type);
}

absl::Status Encoder::EncodeKnown(const Value& value, const Type& type) {
  switch (type.kind()) {
    case Kind::kString:
      msgpack_wire::AppendString(&out_, value.AsString());
      return absl::OkStatus();
    case Kind::kNumber:
      AppendNumber(&out_, value);
      return absl::OkStatus();
    case Kind::kBool:
      msgpack_wire::AppendBool(&out_, value.AsBool());
      return absl::OkStatus();
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return EncodeSequence(value, type);
    case Kind::kMap:
      return EncodeMap(value, type);
    case Kind::kObject:
      return EncodeObject(value, type);
    case Kind::kDynamic:
      break;
  }
  return Error("a known value cannot have type dynamic");
}

absl::Status Encoder::EncodeSequence(const Value& value, const Type& type) {
  const std::vector<Value>& elements = value.elements();
  const bool tuple = type.kind() == Kind::kTuple;
  if (tuple && elements.size() != type.element_types().size()) {
    return Error(absl::StrCat("expected a tuple of ",
                              type.element_types().size(), " elements, got ",
                              elements.size()));
  }

  msgpack_wire::AppendArrayHeader(&out_, elements.size());
  for (size_t i = 0; i < elements.size(); ++i) {
    StepScope step(&path_, PathStep::Index(static_cast<int64_t>(i)));
    const Type& element_type =
        tuple ? type.element_types()[i] : type.element_type();
    GM_RETURN_IF_ERROR(Encode(elements[i], element_type));
  }
  return absl::OkStatus();
}

absl::Status Encoder::EncodeMap(const Value& value, const Type& type) {
  msgpack_wire::AppendMapHeader(&out_, value.map_elements().size());
  for (const auto& [key, element] : value.map_elements()) {
    msgpack_wire::AppendString(&out_, key);
    StepScope step(&path_, PathStep::Key(key));
    GM_RETURN_IF_ERROR(Encode(element, type.element_type()));
  }
  return absl::OkStatus();
}

absl::Status Encoder::EncodeObject(const Value& value, const Type& type) {
  const std::map<std::string, Type>& types = type.attribute_types();
  for (const auto& [name, unused] : value.attributes()) {
    if (types.count(name) == 0) {
      return Error(absl::StrCat("unexpected attribute ", JsonString(name)));
    }
  }

  msgpack_wire::AppendMapHeader(&out_, types.size());
  for (const auto& [name, attribute_type] : types) {
    const Value* attribute = value.FindAttr(name);
    if (attribute == nullptr) {
      return Error(absl::StrCat("missing attribute ", JsonString(name)));
    }
    msgpack_wire::AppendString(&out_, name);
    StepScope step(&path_, PathStep::Attr(name));
    GM_RETURN_IF_ERROR(Encode(*attribute, attribute_type));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  Decoder decoder(bytes);
  GM_ASSIGN_OR_RETURN(Value value, decoder.Decode(type, 0));
  if (!decoder.AtEnd()) {
    return absl::InvalidArgumentError("trailing bytes after the msgpack value");
  }
  return value;
}

absl::StatusOr<std::string> EncodeMsgpack(const Value& value,
                                          const Type& type) {
  Encoder encoder;
  GM_RETURN_IF_ERROR(encoder.Encode(value, type));
  return std::move(encoder.out());
}

}  // namespace gandimail::cty
