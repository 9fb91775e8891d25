#ifndef GANDIMAIL_INTERNAL_CTY_MSGPACK_WIRE_H_
#define GANDIMAIL_INTERNAL_CTY_MSGPACK_WIRE_H_

// MessagePack at the byte level: a bounds-checked reader and the writer
// forms go-cty's encoder (vmihailenco/msgpack v5) chooses. Internal to
// internal/cty; the cty mapping lives in msgpack.cc.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace gandimail::cty::msgpack_wire {

enum class WireKind {
  kNil,
  kBool,
  kInt,   // signed forms and negative fixints
  kUint,  // unsigned forms and positive fixints
  kFloat32,
  kFloat64,
  kString,
  kBinary,
  kArray,
  kMap,
  kExtension,
  kInvalid,  // the reserved byte 0xc1, or the end of the input
};

// "nil", "integer", "float", "string", "array", ... for error messages.
absl::string_view WireKindName(WireKind kind);

// One item's header. For strings, binaries and extensions `payload` is the
// item's bytes; for arrays and maps `count` is the number of elements or
// entries still to read.
struct Item {
  WireKind kind = WireKind::kInvalid;
  bool boolean = false;
  int64_t int_value = 0;
  uint64_t uint_value = 0;
  double float_value = 0;
  uint64_t count = 0;
  int8_t extension_type = 0;
  std::string_view payload;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool AtEnd() const { return data_.empty(); }

  // The kind of the next item, without consuming it.
  WireKind Peek() const;

  // Consumes the next item's header (and payload, for strings, binaries and
  // extensions). InvalidArgument on truncation, on the reserved byte, and
  // on an array or map count larger than the bytes left could hold.
  absl::StatusOr<Item> Next();

  // Consumes one whole item, however nested, without recursion.
  absl::Status Skip();

 private:
  absl::StatusOr<std::string_view> Take(uint64_t n);
  absl::StatusOr<uint64_t> TakeBigEndian(int bytes);
  absl::StatusOr<Item> Sized(WireKind kind, int length_bytes);
  absl::StatusOr<Item> Extension(int length_bytes, uint64_t fixed_length);
  absl::StatusOr<Item> Container(WireKind kind, uint64_t count);
  absl::StatusOr<Item> Fixed(uint8_t code);
  absl::StatusOr<Item> Numeric(uint8_t code);
  absl::StatusOr<Item> Variable(uint8_t code);

  std::string_view data_;
};

// Writers, choosing the forms go-cty writes: the smallest integer form
// (positive values always unsigned), float64 for every float, fixstr/str8/
// str16/str32, bin8/bin16/bin32, fixext for 1/2/4/8/16-byte extension
// payloads.
void AppendNil(std::string* out);
void AppendBool(std::string* out, bool b);
void AppendInt(std::string* out, int64_t i);
void AppendFloat64(std::string* out, double d);
void AppendString(std::string* out, std::string_view s);
void AppendBinary(std::string* out, std::string_view b);
void AppendArrayHeader(std::string* out, uint64_t count);
void AppendMapHeader(std::string* out, uint64_t count);
void AppendExtension(std::string* out, int8_t type, std::string_view payload);

}  // namespace gandimail::cty::msgpack_wire

#endif  // GANDIMAIL_INTERNAL_CTY_MSGPACK_WIRE_H_
