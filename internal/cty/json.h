#ifndef GANDIMAIL_INTERNAL_CTY_JSON_H_
#define GANDIMAIL_INTERNAL_CTY_JSON_H_

// The JSON form of cty values, as in Terraform state (RawState.json) and
// go-cty's cty/json: objects and maps are JSON objects, lists, sets and
// tuples JSON arrays, null is null, numbers are JSON numbers, and where the
// type is dynamic the value is wrapped as {"value": <json>, "type": <type
// JSON>}.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"

namespace gandimail::cty {

// Decodes `json` as a value of `type`, with the state-upgrade rules: object
// keys the type does not have are dropped, attributes missing from the JSON
// are null. Numbers keep their exact decimal value. As go-cty does, a
// string may stand for a number or bool ("12", "true") and a number or bool
// for a string. Duplicate object keys: the last wins. Errors (syntax,
// wrong JSON kind, nesting deeper than 64, an infinity written as "Inf")
// are InvalidArgument naming the path, e.g.
// "at aliases[1]: expected string, got object".
absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type);

// Encodes `value` as `type`, compact, object keys sorted, strings escaped as
// Go does. Numbers are written exactly (Value::NumberString): a double such
// as Float(0.1) is written with all its digits where go-cty writes "0.1",
// so that decoding gives back the same value. Unknown values and
// infinities have no JSON form: InvalidArgument naming the path.
absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type);

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_JSON_H_
