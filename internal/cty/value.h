#ifndef GANDIMAIL_INTERNAL_CTY_VALUE_H_
#define GANDIMAIL_INTERNAL_CTY_VALUE_H_

// cty values: every value has a Type and is one of null, unknown (a value
// that will only be known after apply, optionally with refinements that
// narrow what it can become) or known.
//
// Numbers keep their exact value: an integer that fits int64 is held as an
// int64, a value exactly representable as a double (including the
// infinities) as a double, and anything else (2^70 + 1, 0.1 written in
// decimal) as canonical decimal text, so that nothing read from Terraform is
// rounded on its way back.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/cty/type.h"

namespace gandimail::cty {

// One end of a numeric range a refined unknown number is known to lie in.
struct NumberBound {
  double value = 0;
  bool inclusive = true;

  friend bool operator==(const NumberBound& a, const NumberBound& b) {
    return a.value == b.value && a.inclusive == b.inclusive;
  }
  friend bool operator!=(const NumberBound& a, const NumberBound& b) {
    return !(a == b);
  }
};

// What Terraform (>= 1.6) may know about an unknown value: the refinements
// that msgpack extension 12 carries. Unset fields say nothing.
struct Refinements {
  // true: the value will certainly not be null. false says nothing more
  // than unset (a value certain to be null is a known null, not unknown).
  std::optional<bool> not_null;
  // Strings: the final value starts with this prefix.
  std::optional<std::string> string_prefix;
  // Numbers: lower and upper bounds. A bound is a double, so a decimal
  // bound (rare) is rounded to the nearest double.
  std::optional<NumberBound> number_lower;
  std::optional<NumberBound> number_upper;
  // Collections: bounds on the number of elements (inclusive).
  std::optional<int64_t> length_lower;
  std::optional<int64_t> length_upper;

  // True when no field is set (a plain unknown).
  bool empty() const;

  friend bool operator==(const Refinements& a, const Refinements& b);
  friend bool operator!=(const Refinements& a, const Refinements& b) {
    return !(a == b);
  }
};

// A cty value. Cheap to copy: copies share one immutable representation, so
// Values may be passed by value and read from several threads at once.
class Value {
 public:
  // A null of type Dynamic ("null of any type"). The encoders accept a null
  // or unknown of type Dynamic wherever any type is expected.
  Value();

  static Value Null(Type type);
  static Value Unknown(Type type, Refinements refinements = {});

  static Value String(std::string s);
  static Value Bool(bool b);
  static Value Int(int64_t i);
  // `d` must not be NaN (cty has no NaN; a NaN here is a bug in the caller
  // and aborts). An integral `d` that fits int64 is stored as that integer,
  // so Float(1.0) == Int(1).
  static Value Float(double d);
  // Parses decimal text: optional sign, digits with an optional fraction and
  // exponent ("12", "-0.5", "1e21", ".5"), or "Inf"/"+Inf"/"-Inf".
  // InvalidArgument for anything else, and for magnitudes beyond 1e±10000.
  static absl::StatusOr<Value> NumberFromString(std::string_view decimal);

  // Elements should have type `element` (any type when `element` is
  // Dynamic); the encoders report a mismatch with its path.
  static Value List(Type element, std::vector<Value> elements);
  // Removes duplicates (elements wholly known and equal; elements that
  // contain unknowns are never merged, as in go-cty) and keeps elements in a
  // canonical order, so that set equality ignores the order given.
  static Value Set(Type element, std::vector<Value> elements);
  static Value Map(Type element, std::map<std::string, Value> elements);
  // The object type is inferred: each attribute has its value's type (so
  // build nulls and unknowns with the attribute's type, not Dynamic, when
  // the result must match a schema exactly).
  static Value Object(std::map<std::string, Value> attributes);
  // The tuple type is inferred from the elements.
  static Value Tuple(std::vector<Value> elements);

  const Type& type() const;

  bool IsNull() const;
  // False only for an unknown value itself; a known list may still contain
  // unknown elements (see IsWhollyKnown).
  bool IsKnown() const;
  // True when neither this value nor anything nested in it is unknown.
  bool IsWhollyKnown() const;
  // The refinements of an unknown value; empty for any other value.
  const Refinements& refinements() const;

  // Accessors for known, non-null values of the matching kind. On any other
  // value they return an empty string, false, nullopt, 0, or an empty
  // container: check IsNull()/IsKnown() first.
  const std::string& AsString() const;
  bool AsBool() const;
  // The number as int64 when it is exactly an integer in int64 range.
  std::optional<int64_t> AsInt64() const;
  // The number as a double, rounded to nearest when not exact.
  double AsDouble() const;
  // Canonical decimal text of a number, without exponent: "1", "-0.5",
  // "1180591620717411303425", "+Inf"/"-Inf" for the infinities. A double is
  // written with the fewest digits that read back as the same double.
  std::string NumberString() const;
  // List, set (canonical order) or tuple elements.
  const std::vector<Value>& elements() const;
  // Map elements, sorted by key.
  const std::map<std::string, Value>& map_elements() const;
  // Object attributes, sorted by name.
  const std::map<std::string, Value>& attributes() const;

  // The attribute `name` of an object. On a null object returns a null of
  // the attribute's type, on an unknown object an unknown of it.
  // Precondition: the object type has attribute `name`; calling it with any
  // other name (or on a non-object) is a bug in the caller and aborts with
  // the name on stderr. Use FindAttr or GetPath for checked access.
  const Value& GetAttr(std::string_view name) const;
  // Like GetAttr, but returns nullptr when there is no such attribute.
  const Value* FindAttr(std::string_view name) const;
  // A copy of this object with attribute `name` set to `value` (added when
  // absent; the object type follows the new value's type). On a null or
  // unknown object, the other attributes become null or unknown of their
  // types. Precondition: this is an object (a non-object is returned
  // unchanged).
  Value WithAttr(std::string name, Value value) const;

  // Number of elements of a known list, set, map or tuple; 0 otherwise.
  int64_t LengthInt() const;

  // Structural equality: same type, and both null, both unknown (refinements
  // are ignored), or both known with equal contents. Sets compare regardless
  // of order; numbers compare by value, so Int(1) == Float(1.0).
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

  // A total order consistent with operator== (used for canonical set
  // order): returns <0, 0 or >0.
  static int Compare(const Value& a, const Value& b);

  // A readable rendering for tests and logs, e.g.
  // {"name": "a", "tags": ["x"], "id": unknown(string, not_null)}.
  std::string DebugString() const;

 private:
  struct Rep;
  explicit Value(std::shared_ptr<const Rep> rep);

  std::shared_ptr<const Rep> rep_;
};

std::ostream& operator<<(std::ostream& os, const Value& value);
// GoogleTest prints values with this.
void PrintTo(const Value& value, std::ostream* os);
void PrintTo(const Type& type, std::ostream* os);

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_VALUE_H_
