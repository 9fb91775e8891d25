// Decodes arbitrary bytes as msgpack against schema-like types. Whatever
// decodes must encode, and its encoding must decode back to an equal value
// (refinements included) that encodes to the very same bytes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "internal/cty/msgpack.h"
#include "tests/fuzz/fuzz_schema.h"

namespace gandimail::cty::fuzz {
namespace {

void CheckRoundTrip(std::string_view input, const Type& type) {
  auto value = DecodeMsgpack(input, type);
  if (!value.ok()) return;

  auto encoded = EncodeMsgpack(*value, type);
  if (!encoded.ok()) {
    Fail("decoded value does not encode",
         value->DebugString() + "\n" + std::string(encoded.status().message()));
  }

  auto again = DecodeMsgpack(*encoded, type);
  if (!again.ok()) {
    Fail("encoding does not decode", std::string(again.status().message()));
  }
  if (*again != *value || again->DebugString() != value->DebugString()) {
    Fail("round trip changed the value",
         value->DebugString() + "\n" + again->DebugString());
  }

  auto reencoded = EncodeMsgpack(*again, type);
  if (!reencoded.ok() || *reencoded != *encoded) {
    Fail("encoding is not stable", again->DebugString());
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
