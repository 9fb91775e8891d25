// Decodes arbitrary bytes as state JSON against schema-like types. Whatever
// decodes must encode, and its encoding must decode back to an equal value
// that encodes to the very same text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "internal/cty/json.h"
#include "internal/cty/msgpack.h"
#include "tests/fuzz/fuzz_schema.h"

namespace gandimail::cty::fuzz {
namespace {

void CheckRoundTrip(std::string_view input, const Type& type) {
  auto value = DecodeJson(input, type);
  if (!value.ok()) return;

  auto encoded = EncodeJson(*value, type);
  if (!encoded.ok()) {
    Fail("decoded value does not encode",
         value->DebugString() + "\n" + std::string(encoded.status().message()));
  }

  auto again = DecodeJson(*encoded, type);
  if (!again.ok()) {
    Fail("encoding does not decode",
         *encoded + "\n" + std::string(again.status().message()));
  }
  if (*again != *value || again->DebugString() != value->DebugString()) {
    Fail("round trip changed the value",
         value->DebugString() + "\n" + again->DebugString());
  }

  auto reencoded = EncodeJson(*again, type);
  if (!reencoded.ok() || *reencoded != *encoded) {
    Fail("encoding is not stable", *encoded);
  }

  // State read from JSON is handed to Terraform as msgpack.
  auto msgpack = EncodeMsgpack(*value, type);
  if (!msgpack.ok()) {
    Fail("JSON value does not encode as msgpack",
         std::string(msgpack.status().message()));
  }
  auto from_msgpack = DecodeMsgpack(*msgpack, type);
  if (!from_msgpack.ok() || *from_msgpack != *value) {
    Fail("msgpack round trip of a JSON value changed it", value->DebugString());
  }
}

}  // namespace
}  // namespace gandimail::cty::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using gandimail::cty::fuzz::FuzzTypes;
  if (size == 0) return 0;
  const auto& types = FuzzTypes();
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  gandimail::cty::fuzz::CheckRoundTrip(input, types[data[0] % types.size()]);
  return 0;
}
