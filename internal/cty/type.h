#ifndef GANDIMAIL_INTERNAL_CTY_TYPE_H_
#define GANDIMAIL_INTERNAL_CTY_TYPE_H_

// The cty type system as Terraform uses it on the wire: primitive types,
// collections (list, set, map) of one element type, structural types
// (object, tuple) and the "dynamic" pseudo-type that stands for "any type,
// decided at run time".

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace gandimail::cty {

enum class Kind {
  kString,
  kNumber,
  kBool,
  kDynamic,
  kList,
  kSet,
  kMap,
  kObject,
  kTuple,
};

// A cty type. A value type that is cheap to copy: copies share one
// immutable representation, so Types may be passed by value and used from
// several threads at once.
class Type {
 public:
  // The default Type is Dynamic, so that containers of Type are usable.
  Type();

  static Type String();
  static Type Number();
  static Type Bool();
  static Type Dynamic();
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  static Type Object(std::map<std::string, Type> attributes);
  static Type Tuple(std::vector<Type> elements);

  Kind kind() const;

  // The element type of a list, set or map. For any other kind, returns
  // Dynamic.
  const Type& element_type() const;

  // The attribute types of an object, sorted by name. Empty for any other
  // kind.
  const std::map<std::string, Type>& attribute_types() const;

  // The element types of a tuple. Empty for any other kind.
  const std::vector<Type>& element_types() const;

  // True for string, number and bool.
  bool IsPrimitive() const;
  // True for list, set and map.
  bool IsCollection() const;
  // True for object and tuple.
  bool IsStructural() const;

  // For an object type, whether it has attribute `name`.
  bool HasAttribute(std::string_view name) const;

  // Terraform's type JSON, compact: "string", ["list","string"],
  // ["object",{"a":"number"}], ["tuple",["bool"]].
  std::string ToJson() const;

  // Parses Terraform's type JSON. Rejects anything else (including the
  // optional-attribute form ["object",{...},["a"]], which only type
  // constraints use, never concrete types) with InvalidArgument.
  static absl::StatusOr<Type> FromJson(std::string_view json);

  // A short human name for diagnostics: "string", "list of string",
  // "map of number", "set of object", "object", "tuple", "dynamic".
  std::string FriendlyName() const;

  // Structural equality.
  friend bool operator==(const Type& a, const Type& b);
  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }

  // A total order (by kind, then structure), for sorted containers and
  // canonical set order. Not meaningful to users.
  friend bool operator<(const Type& a, const Type& b) {
    return Compare(a, b) < 0;
  }
  // Returns <0, 0 or >0 as in the total order above.
  static int Compare(const Type& a, const Type& b);

 private:
  struct Rep;
  explicit Type(std::shared_ptr<const Rep> rep);

  std::shared_ptr<const Rep> rep_;
};

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_TYPE_H_
