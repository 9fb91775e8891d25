#ifndef GANDIMAIL_INTERNAL_CTY_MSGPACK_H_
#define GANDIMAIL_INTERNAL_CTY_MSGPACK_H_

// The MessagePack form of cty values that Terraform puts in
// DynamicValue.msgpack, byte for byte as go-cty's cty/msgpack writes it:
// - object: a map with every attribute of the type and no others;
//   list, set, tuple: arrays; map: a string-keyed map; null: nil.
// - number: an integer that fits int64 as the smallest int/uint form, a
//   value exactly representable as a double as float64, anything else as
//   its decimal text in a string. The decoder accepts every int, uint,
//   float32/float64 and string form.
// - unknown: extension 0 (d4 00 00); a refined unknown is extension 12 whose
//   payload is a map of refinements (1 nullness, 2 string prefix, 3/4 number
//   bounds as [number, inclusive], 5/6 length bounds). Any extension type
//   decodes as unknown; unknown refinement keys are ignored.
// - where the type is dynamic: a 2-array [bin(type JSON), value]; a null or
//   unknown of unknown type is plain nil or extension.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"

namespace gandimail::cty {

// Decodes `bytes` as a value of `type`. Never throws or crashes on hostile
// input: truncation, a wrong wire type, trailing bytes, nesting deeper than
// 64, lengths beyond the input, duplicate or missing object attributes and
// extra keys are InvalidArgument errors naming the path, e.g.
// "at responder.message: expected string, got integer".
absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type);

// Encodes `value` as `type`. The value must conform: same type, or any type
// where `type` is (or contains) Dynamic; a null or unknown of type Dynamic
// conforms to every type. InvalidArgument naming the path otherwise.
// Refinements that do not apply to the value's type, or say nothing (an
// infinite bound, a lower length of 0), are not written; a string prefix
// beyond 256 bytes is cut to at most 255 at a UTF-8 boundary, as go-cty
// does (the decoder cuts the same way, so decoding is stable).
absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type);

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_MSGPACK_H_
