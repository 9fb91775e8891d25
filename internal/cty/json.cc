#include "internal/cty/json.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "internal/cty/path.h"
#include "internal/cty/text.h"

namespace gandimail::cty {
namespace {

// As in the msgpack decoder: deeper input is hostile, and the limit keeps
// the recursive decoding below bounded.
constexpr int kMaxDepth = 64;

// A parsed JSON document that keeps every number's text, so that numbers
// beyond double precision reach cty exactly.
struct Node {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  // String value, or number text.
  std::string text;
  std::vector<Node> items;
  std::vector<std::pair<std::string, Node>> members;
};

absl::string_view NodeKindName(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kBool:
      return "bool";
    case Node::Kind::kNumber:
      return "number";
    case Node::Kind::kString:
      return "string";
    case Node::Kind::kArray:
      return "array";
    case Node::Kind::kObject:
      return "object";
  }
  return "value";
}

// A strict RFC 8259 parser that keeps each number's text. (nlohmann's
// parser rejects numbers beyond double range, which state may hold.)
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<Node> ParseDocument();

 private:
  absl::Status Fail(absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at byte ", pos_, ": ", what));
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c);
  void SkipSpace();
  size_t SkipDigits();

  absl::Status ParseValue(Node* out, int depth);
  absl::Status ParseWord(absl::string_view word);
  absl::Status ParseNumber(Node* out);
  absl::Status ParseString(std::string* out);
  absl::Status ParseEscape(std::string* out);
  absl::StatusOr<uint32_t> ParseHex4();
  absl::Status ParseArray(Node* out, int depth);
  absl::Status ParseObject(Node* out, int depth);

  std::string_view text_;
  size_t pos_ = 0;
};

bool Parser::Consume(char c) {
  if (AtEnd() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

void Parser::SkipSpace() {
  while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                      text_[pos_] == '\n' || text_[pos_] == '\r')) {
    ++pos_;
  }
}

size_t Parser::SkipDigits() {
  size_t start = pos_;
  while (!AtEnd() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
  return pos_ - start;
}

absl::StatusOr<Node> Parser::ParseDocument() {
  Node root;
  SkipSpace();
  GM_RETURN_IF_ERROR(ParseValue(&root, 0));
  SkipSpace();
  if (!AtEnd()) return Fail("unexpected data after the value");
  return root;
}

absl::Status Parser::ParseValue(Node* out, int depth) {
  switch (Peek()) {
    case '{':
      return ParseObject(out, depth + 1);
    case '[':
      return ParseArray(out, depth + 1);
    case '"':
      out->kind = Node::Kind::kString;
      return ParseString(&out->text);
    case 't':
    case 'f':
      out->kind = Node::Kind::kBool;
      out->boolean = Peek() == 't';
      return ParseWord(out->boolean ? "true" : "false");
    case 'n':
      out->kind = Node::Kind::kNull;
      return ParseWord("null");
    default:
      return ParseNumber(out);
  }
}

absl::Status Parser::ParseWord(absl::string_view word) {
  if (text_.substr(pos_, word.size()) != ToStd(word)) {
    return Fail("unexpected character");
  }
  pos_ += word.size();
  return absl::OkStatus();
}

absl::Status Parser::ParseNumber(Node* out) {
  size_t start = pos_;
  Consume('-');
  if (!Consume('0') && SkipDigits() == 0) return Fail("expected a value");
  if (Consume('.') && SkipDigits() == 0) return Fail("expected a digit");
  if (Consume('e') || Consume('E')) {
    if (!Consume('+')) Consume('-');
    if (SkipDigits() == 0) return Fail("expected a digit");
  }

  out->kind = Node::Kind::kNumber;
  out->text = std::string(text_.substr(start, pos_ - start));
  return absl::OkStatus();
}

absl::Status Parser::ParseString(std::string* out) {
  ++pos_;  // the opening quote
  while (true) {
    if (AtEnd()) return Fail("unterminated string");
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return absl::OkStatus();
    }
    if (c == '\\') {
      GM_RETURN_IF_ERROR(ParseEscape(out));
      continue;
    }
    if (c < 0x20) return Fail("control character in string");

    size_t length = Utf8SequenceLength(text_.substr(pos_));
    if (length == 0) return Fail("invalid UTF-8 in string");
    out->append(text_.substr(pos_, length));
    pos_ += length;
  }
}

absl::StatusOr<uint32_t> Parser::ParseHex4() {
  if (text_.size() - pos_ < 4) return Fail("truncated \\u escape");
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = text_[pos_++];
    int digit = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
    if (digit < 0) return Fail("invalid \\u escape");
    value = value * 16 + digit;
  }
  return value;
}

absl::Status Parser::ParseEscape(std::string* out) {
  ++pos_;  // the backslash
  if (AtEnd()) return Fail("unterminated string");
  char c = text_[pos_++];
  static constexpr std::string_view kFrom = "\"\\/bfnrt";
  static constexpr std::string_view kTo = "\"\\/\b\f\n\r\t";
  if (size_t i = kFrom.find(c); i != std::string_view::npos) {
    out->push_back(kTo[i]);
    return absl::OkStatus();
  }
  if (c != 'u') return Fail("invalid escape");

  GM_ASSIGN_OR_RETURN(uint32_t cp, ParseHex4());
  // A surrogate pair is one code point; a lone surrogate becomes U+FFFD,
  // as Go's decoder (and so Terraform) reads it.
  if (cp >= 0xd800 && cp < 0xdc00 && text_.substr(pos_, 2) == "\\u") {
    size_t saved = pos_;
    pos_ += 2;
    GM_ASSIGN_OR_RETURN(uint32_t low, ParseHex4());
    if (low >= 0xdc00 && low < 0xe000) {
      AppendUtf8(out, 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00));
      return absl::OkStatus();
    }
    pos_ = saved;
  }
  AppendUtf8(out, (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : cp);
  return absl::OkStatus();
}

absl::Status Parser::ParseArray(Node* out, int depth) {
  if (depth > kMaxDepth) return Fail("JSON nests deeper than 64 levels");
  ++pos_;  // [
  out->kind = Node::Kind::kArray;
  SkipSpace();
  if (Consume(']')) return absl::OkStatus();

  while (true) {
    SkipSpace();
    out->items.emplace_back();
    GM_RETURN_IF_ERROR(ParseValue(&out->items.back(), depth));
    SkipSpace();
    if (Consume(']')) return absl::OkStatus();
    if (!Consume(',')) return Fail("expected ',' or ']'");
  }
}

absl::Status Parser::ParseObject(Node* out, int depth) {
  if (depth > kMaxDepth) return Fail("JSON nests deeper than 64 levels");
  ++pos_;  // {
  out->kind = Node::Kind::kObject;
  SkipSpace();
  if (Consume('}')) return absl::OkStatus();

  while (true) {
    SkipSpace();
    if (Peek() != '"') return Fail("expected a string key");
    std::string key;
    GM_RETURN_IF_ERROR(ParseString(&key));
    SkipSpace();
    if (!Consume(':')) return Fail("expected ':'");
    SkipSpace();
    out->members.emplace_back(std::move(key), Node());
    GM_RETURN_IF_ERROR(ParseValue(&out->members.back().second, depth));
    SkipSpace();
    if (Consume('}')) return absl::OkStatus();
    if (!Consume(',')) return Fail("expected ',' or '}'");
  }
}

absl::StatusOr<Node> ParseTree(std::string_view json) {
  return Parser(json).ParseDocument();
}

void AppendNodeJson(const Node& node, std::string* out) {
  switch (node.kind) {
    case Node::Kind::kNull:
      out->append("null");
      return;
    case Node::Kind::kBool:
      out->append(node.boolean ? "true" : "false");
      return;
    case Node::Kind::kNumber:
      out->append(node.text);
      return;
    case Node::Kind::kString:
      AppendJsonString(out, node.text);
      return;
    case Node::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendNodeJson(node.items[i], out);
      }
      out->push_back(']');
      return;
    case Node::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < node.members.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonString(out, node.members[i].first);
        out->push_back(':');
        AppendNodeJson(node.members[i].second, out);
      }
      out->push_back('}');
      return;
  }
}

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

class Decoder {
 public:
  absl::StatusOr<Value> Decode(const Node& node, const Type& type);

 private:
  absl::Status Error(absl::string_view message) const {
    return PathError(Path(path_), message);
  }
  absl::Status Mismatch(const Type& type, const Node& node) const {
    return Error(absl::StrCat("expected ", type.FriendlyName(), ", got ",
                              NodeKindName(node.kind)));
  }
  absl::StatusOr<Value> DecodePrimitive(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeNumber(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeBool(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeSequence(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeMap(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeObject(const Node& node, const Type& type);
  absl::StatusOr<Value> DecodeDynamic(const Node& node);

  std::vector<PathStep> path_;
};

absl::StatusOr<Value> Decoder::Decode(const Node& node, const Type& type) {
  if (node.kind == Node::Kind::kNull) return Value::Null(type);

  switch (type.kind()) {
    case Kind::kDynamic:
      return DecodeDynamic(node);
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return DecodeSequence(node, type);
    case Kind::kMap:
      return DecodeMap(node, type);
    case Kind::kObject:
      return DecodeObject(node, type);
    default:
      return DecodePrimitive(node, type);
  }
}

absl::StatusOr<Value> Decoder::DecodePrimitive(const Node& node,
                                               const Type& type) {
  if (type.kind() == Kind::kNumber) return DecodeNumber(node, type);
  if (type.kind() == Kind::kBool) return DecodeBool(node, type);

  // go-cty reads a number as its text and a bool as "true"/"false".
  switch (node.kind) {
    case Node::Kind::kString:
    case Node::Kind::kNumber:
      return Value::String(node.text);
    case Node::Kind::kBool:
      return Value::String(node.boolean ? "true" : "false");
    default:
      return Mismatch(type, node);
  }
}

absl::StatusOr<Value> Decoder::DecodeNumber(const Node& node,
                                            const Type& type) {
  if (node.kind != Node::Kind::kNumber && node.kind != Node::Kind::kString) {
    return Mismatch(type, node);
  }
  auto number = Value::NumberFromString(node.text);
  if (!number.ok()) return Error(number.status().message());

  // "Inf" parses as a number, but EncodeJson could not write it back.
  double d = number->AsDouble();
  if (std::isinf(d) && *number == Value::Float(d)) {
    return Error("an infinity has no JSON form");
  }
  return number;
}

absl::StatusOr<Value> Decoder::DecodeBool(const Node& node, const Type& type) {
  if (node.kind == Node::Kind::kBool) return Value::Bool(node.boolean);
  if (node.kind != Node::Kind::kString) return Mismatch(type, node);

  // The string forms go-cty's string-to-bool conversion accepts.
  if (node.text == "true" || node.text == "1") return Value::Bool(true);
  if (node.text == "false" || node.text == "0") return Value::Bool(false);
  return Error(
      absl::StrCat("expected bool, got string ", JsonString(node.text)));
}

absl::StatusOr<Value> Decoder::DecodeSequence(const Node& node,
                                              const Type& type) {
  if (node.kind != Node::Kind::kArray) return Mismatch(type, node);
  const bool tuple = type.kind() == Kind::kTuple;
  const std::vector<Type>& tuple_types = type.element_types();
  if (tuple && node.items.size() != tuple_types.size()) {
    return Error(absl::StrCat("expected a tuple of ", tuple_types.size(),
                              " elements, got ", node.items.size()));
  }

  std::vector<Value> elements;
  elements.reserve(node.items.size());
  for (size_t i = 0; i < node.items.size(); ++i) {
    StepScope step(&path_, PathStep::Index(static_cast<int64_t>(i)));
    const Type& element_type = tuple ? tuple_types[i] : type.element_type();
    GM_ASSIGN_OR_RETURN(Value element, Decode(node.items[i], element_type));
    elements.push_back(std::move(element));
  }

  if (tuple) return Value::Tuple(std::move(elements));
  if (type.kind() == Kind::kSet) {
    return Value::Set(type.element_type(), std::move(elements));
  }
  return Value::List(type.element_type(), std::move(elements));
}

absl::StatusOr<Value> Decoder::DecodeMap(const Node& node, const Type& type) {
  if (node.kind != Node::Kind::kObject) return Mismatch(type, node);

  // The last of duplicate keys wins, as in go-cty.
  std::map<std::string, Value> elements;
  for (const auto& [key, member] : node.members) {
    StepScope step(&path_, PathStep::Key(key));
    GM_ASSIGN_OR_RETURN(Value element, Decode(member, type.element_type()));
    elements.insert_or_assign(key, std::move(element));
  }
  return Value::Map(type.element_type(), std::move(elements));
}

absl::StatusOr<Value> Decoder::DecodeObject(const Node& node,
                                            const Type& type) {
  if (node.kind != Node::Kind::kObject) return Mismatch(type, node);
  const std::map<std::string, Type>& types = type.attribute_types();

  // State written with an older schema may hold attributes this one has
  // dropped: they are ignored, and attributes it lacks become null.
  std::map<std::string, Value> attributes;
  for (const auto& [name, member] : node.members) {
    auto attribute_type = types.find(name);
    if (attribute_type == types.end()) continue;
    StepScope step(&path_, PathStep::Attr(name));
    GM_ASSIGN_OR_RETURN(Value value, Decode(member, attribute_type->second));
    attributes.insert_or_assign(name, std::move(value));
  }
  for (const auto& [name, attribute_type] : types) {
    if (attributes.count(name) == 0) {
      attributes.emplace(name, Value::Null(attribute_type));
    }
  }
  return Value::Object(std::move(attributes));
}

absl::StatusOr<Value> Decoder::DecodeDynamic(const Node& node) {
  if (node.kind != Node::Kind::kObject) {
    return Error(absl::StrCat(
        "a dynamic value must be a {\"value\", \"type\"} object, got ",
        NodeKindName(node.kind)));
  }

  const Node* type_node = nullptr;
  const Node* value_node = nullptr;
  for (const auto& [key, member] : node.members) {
    if (key == "type") {
      type_node = &member;
    } else if (key == "value") {
      value_node = &member;
    } else {
      return Error(absl::StrCat("unexpected key ", JsonString(key),
                                " in a dynamic value"));
    }
  }
  if (type_node == nullptr) return Error("a dynamic value has no \"type\"");
  if (value_node == nullptr) return Error("a dynamic value has no \"value\"");

  std::string type_json;
  AppendNodeJson(*type_node, &type_json);
  auto type = Type::FromJson(type_json);
  if (!type.ok()) return Error(type.status().message());
  return Decode(*value_node, *type);
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
  absl::Status EncodeMembers(const std::map<std::string, Value>& members,
                             const Type& type);
  absl::Status EncodeObject(const Value& value, const Type& type);

  std::string out_;
  std::vector<PathStep> path_;
};

absl::Status Encoder::Encode(const Value& value, const Type& type) {
  if (!value.IsKnown()) return Error("an unknown value has no JSON form");
  const Kind kind = value.type().kind();
  if (type.kind() == Kind::kDynamic && kind != Kind::kDynamic) {
    out_.append("{\"value\":");
    GM_RETURN_IF_ERROR(Encode(value, value.type()));
    absl::StrAppend(&out_, ",\"type\":", value.type().ToJson(), "}");
    return absl::OkStatus();
  }

  if (kind != type.kind() && kind != Kind::kDynamic) {
    return Error(absl::StrCat("expected ", type.FriendlyName(), ", got ",
                              value.type().FriendlyName()));
  }
  if (value.IsNull()) {
    out_.append("null");
    return absl::OkStatus();
  }
  return EncodeKnown(value, type);
}

absl::Status Encoder::EncodeKnown(const Value& value, const Type& type) {
  switch (type.kind()) {
    case Kind::kString:
      AppendJsonString(&out_, value.AsString());
      return absl::OkStatus();
    case Kind::kNumber:
      if (std::isinf(value.AsDouble()) &&
          Value::Float(value.AsDouble()) == value) {
        return Error("an infinity has no JSON form");
      }
      out_.append(value.NumberString());
      return absl::OkStatus();
    case Kind::kBool:
      out_.append(value.AsBool() ? "true" : "false");
      return absl::OkStatus();
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      return EncodeSequence(value, type);
    case Kind::kMap:
      return EncodeMembers(value.map_elements(), type);
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

  out_.push_back('[');
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out_.push_back(',');
    StepScope step(&path_, PathStep::Index(static_cast<int64_t>(i)));
    GM_RETURN_IF_ERROR(Encode(
        elements[i], tuple ? type.element_types()[i] : type.element_type()));
  }
  out_.push_back(']');
  return absl::OkStatus();
}

absl::Status Encoder::EncodeMembers(const std::map<std::string, Value>& members,
                                    const Type& type) {
  out_.push_back('{');
  bool first = true;
  for (const auto& [key, element] : members) {
    if (!first) out_.push_back(',');
    first = false;
    AppendJsonString(&out_, key);
    out_.push_back(':');
    StepScope step(&path_, PathStep::Key(key));
    GM_RETURN_IF_ERROR(Encode(element, type.element_type()));
  }
  out_.push_back('}');
  return absl::OkStatus();
}

absl::Status Encoder::EncodeObject(const Value& value, const Type& type) {
  const std::map<std::string, Type>& types = type.attribute_types();
  for (const auto& [name, unused] : value.attributes()) {
    if (types.count(name) == 0) {
      return Error(absl::StrCat("unexpected attribute ", JsonString(name)));
    }
  }

  out_.push_back('{');
  bool first = true;
  for (const auto& [name, attribute_type] : types) {
    const Value* attribute = value.FindAttr(name);
    if (attribute == nullptr) {
      return Error(absl::StrCat("missing attribute ", JsonString(name)));
    }
    if (!first) out_.push_back(',');
    first = false;
    AppendJsonString(&out_, name);
    out_.push_back(':');
    StepScope step(&path_, PathStep::Attr(name));
    GM_RETURN_IF_ERROR(Encode(*attribute, attribute_type));
  }
  out_.push_back('}');
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type) {
  GM_ASSIGN_OR_RETURN(Node root, ParseTree(json));
  return Decoder().Decode(root, type);
}

absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type) {
  Encoder encoder;
  GM_RETURN_IF_ERROR(encoder.Encode(value, type));
  return std::move(encoder.out());
}

}  // namespace gandimail::cty
