#include "internal/cty/msgpack_wire.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace gandimail::cty::msgpack_wire {
namespace {

absl::Status Truncated() {
  return absl::InvalidArgumentError("msgpack input is truncated");
}

double BitsToFloat64(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof(d));
  return d;
}

float BitsToFloat32(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

void AppendBigEndian(std::string* out, uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

void AppendCoded(std::string* out, uint8_t code, uint64_t value, int bytes) {
  out->push_back(static_cast<char>(code));
  AppendBigEndian(out, value, bytes);
}

}  // namespace

absl::string_view WireKindName(WireKind kind) {
  switch (kind) {
    case WireKind::kNil:
      return "nil";
    case WireKind::kBool:
      return "bool";
    case WireKind::kInt:
    case WireKind::kUint:
      return "integer";
    case WireKind::kFloat32:
    case WireKind::kFloat64:
      return "float";
    case WireKind::kString:
      return "string";
    case WireKind::kBinary:
      return "binary";
    case WireKind::kArray:
      return "array";
    case WireKind::kMap:
      return "map";
    case WireKind::kExtension:
      return "extension";
    case WireKind::kInvalid:
      break;
  }
  return "invalid byte";
}

WireKind Reader::Peek() const {
  if (data_.empty()) return WireKind::kInvalid;
  uint8_t c = static_cast<uint8_t>(data_[0]);
  auto in = [c](uint8_t low, uint8_t high) { return c >= low && c <= high; };

  if (in(0x00, 0x7f) || in(0xcc, 0xcf)) return WireKind::kUint;
  if (in(0xe0, 0xff) || in(0xd0, 0xd3)) return WireKind::kInt;
  if (in(0x80, 0x8f) || in(0xde, 0xdf)) return WireKind::kMap;
  if (in(0x90, 0x9f) || in(0xdc, 0xdd)) return WireKind::kArray;
  if (in(0xa0, 0xbf) || in(0xd9, 0xdb)) return WireKind::kString;
  if (in(0xc4, 0xc6)) return WireKind::kBinary;
  if (in(0xc7, 0xc9) || in(0xd4, 0xd8)) return WireKind::kExtension;
  if (in(0xc2, 0xc3)) return WireKind::kBool;
  if (c == 0xc0) return WireKind::kNil;
  if (c == 0xca) return WireKind::kFloat32;
  if (c == 0xcb) return WireKind::kFloat64;
  return WireKind::kInvalid;  // 0xc1
}

absl::StatusOr<std::string_view> Reader::Take(uint64_t n) {
  if (n > data_.size()) return Truncated();
  std::string_view taken = data_.substr(0, n);
  data_.remove_prefix(n);
  return taken;
}

absl::StatusOr<uint64_t> Reader::TakeBigEndian(int bytes) {
  auto raw = Take(bytes);
  if (!raw.ok()) return raw.status();
  uint64_t value = 0;
  for (char c : *raw) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

absl::StatusOr<Item> Reader::Sized(WireKind kind, int length_bytes) {
  auto length = TakeBigEndian(length_bytes);
  if (!length.ok()) return length.status();
  auto payload = Take(*length);
  if (!payload.ok()) return payload.status();

  Item item;
  item.kind = kind;
  item.payload = *payload;
  return item;
}

absl::StatusOr<Item> Reader::Extension(int length_bytes,
                                       uint64_t fixed_length) {
  uint64_t length = fixed_length;
  if (length_bytes > 0) {
    auto parsed = TakeBigEndian(length_bytes);
    if (!parsed.ok()) return parsed.status();
    length = *parsed;
  }
  auto type = TakeBigEndian(1);
  if (!type.ok()) return type.status();
  auto payload = Take(length);
  if (!payload.ok()) return payload.status();

  Item item;
  item.kind = WireKind::kExtension;
  item.extension_type = static_cast<int8_t>(*type);
  item.payload = *payload;
  return item;
}

absl::StatusOr<Item> Reader::Container(WireKind kind, uint64_t count) {
  // Every element takes at least one byte, so a count beyond what is left
  // is a lie; refusing it early keeps hostile input from reserving memory.
  uint64_t min_bytes = kind == WireKind::kMap ? 2 : 1;
  if (count > data_.size() / min_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("msgpack ", WireKindName(kind), " claims ", count,
                     " elements but only ", data_.size(), " bytes remain"));
  }
  Item item;
  item.kind = kind;
  item.count = count;
  return item;
}

absl::StatusOr<Item> Reader::Fixed(uint8_t code) {
  Item item;
  if (code <= 0x7f) {
    item.kind = WireKind::kUint;
    item.uint_value = code;
  } else if (code <= 0x8f) {
    return Container(WireKind::kMap, code & 0x0f);
  } else if (code <= 0x9f) {
    return Container(WireKind::kArray, code & 0x0f);
  } else if (code <= 0xbf) {
    auto payload = Take(code & 0x1f);
    if (!payload.ok()) return payload.status();
    item.kind = WireKind::kString;
    item.payload = *payload;
  } else {
    item.kind = WireKind::kInt;
    item.int_value = static_cast<int8_t>(code);
  }
  return item;
}

absl::StatusOr<Item> Reader::Numeric(uint8_t code) {
  static constexpr int kWidths[] = {1, 2, 4, 8};
  Item item;
  if (code == 0xca || code == 0xcb) {
    auto bits = TakeBigEndian(code == 0xca ? 4 : 8);
    if (!bits.ok()) return bits.status();
    item.kind = code == 0xca ? WireKind::kFloat32 : WireKind::kFloat64;
    item.float_value =
        code == 0xca
            ? static_cast<double>(BitsToFloat32(static_cast<uint32_t>(*bits)))
            : BitsToFloat64(*bits);
    return item;
  }

  bool is_unsigned = code <= 0xcf;
  int width = kWidths[(code - (is_unsigned ? 0xcc : 0xd0)) & 3];
  auto raw = TakeBigEndian(width);
  if (!raw.ok()) return raw.status();
  if (is_unsigned) {
    item.kind = WireKind::kUint;
    item.uint_value = *raw;
    return item;
  }

  // Sign-extend from `width` bytes.
  int shift = 64 - width * 8;
  item.kind = WireKind::kInt;
  item.int_value = static_cast<int64_t>(*raw << shift) >> shift;
  return item;
}

absl::StatusOr<Item> Reader::Variable(uint8_t code) {
  switch (code) {
    case 0xc4:
    case 0xc5:
    case 0xc6:
      return Sized(WireKind::kBinary, 1 << (code - 0xc4));
    case 0xc7:
    case 0xc8:
    case 0xc9:
      return Extension(1 << (code - 0xc7), 0);
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
      return Extension(0, uint64_t{1} << (code - 0xd4));
    case 0xd9:
    case 0xda:
    case 0xdb:
      return Sized(WireKind::kString, 1 << (code - 0xd9));
    default: {  // 0xdc..0xdf: array16/32, map16/32
      auto count = TakeBigEndian(code & 1 ? 4 : 2);
      if (!count.ok()) return count.status();
      return Container(code <= 0xdd ? WireKind::kArray : WireKind::kMap,
                       *count);
    }
  }
}

absl::StatusOr<Item> Reader::Next() {
  auto first = TakeBigEndian(1);
  if (!first.ok()) return first.status();
  const uint8_t code = static_cast<uint8_t>(*first);
  if (code <= 0xbf || code >= 0xe0) return Fixed(code);
  if ((code >= 0xca && code <= 0xd3)) return Numeric(code);
  if (code == 0xc1) {
    return absl::InvalidArgumentError(
        "msgpack input has the reserved byte 0xc1");
  }

  Item item;
  if (code == 0xc0) {
    item.kind = WireKind::kNil;
    return item;
  }
  if (code == 0xc2 || code == 0xc3) {
    item.kind = WireKind::kBool;
    item.boolean = code == 0xc3;
    return item;
  }
  return Variable(code);
}

absl::Status Reader::Skip() {
  uint64_t pending = 1;
  while (pending > 0) {
    auto item = Next();
    if (!item.ok()) return item.status();
    --pending;

    // Counts are bounded by the remaining bytes, so this cannot overflow.
    if (item->kind == WireKind::kArray) pending += item->count;
    if (item->kind == WireKind::kMap) pending += 2 * item->count;
  }
  return absl::OkStatus();
}

void AppendNil(std::string* out) { out->push_back('\xc0'); }

void AppendBool(std::string* out, bool b) {
  out->push_back(b ? '\xc3' : '\xc2');
}

void AppendInt(std::string* out, int64_t i) {
  if (i >= 0) {
    uint64_t u = static_cast<uint64_t>(i);
    if (u <= 0x7f) {
      out->push_back(static_cast<char>(u));
    } else if (u <= 0xff) {
      AppendCoded(out, 0xcc, u, 1);
    } else if (u <= 0xffff) {
      AppendCoded(out, 0xcd, u, 2);
    } else if (u <= 0xffffffff) {
      AppendCoded(out, 0xce, u, 4);
    } else {
      AppendCoded(out, 0xcf, u, 8);
    }
    return;
  }

  uint64_t bits = static_cast<uint64_t>(i);
  if (i >= -32) {
    out->push_back(static_cast<char>(bits & 0xff));
  } else if (i >= INT8_MIN) {
    AppendCoded(out, 0xd0, bits & 0xff, 1);
  } else if (i >= INT16_MIN) {
    AppendCoded(out, 0xd1, bits & 0xffff, 2);
  } else if (i >= INT32_MIN) {
    AppendCoded(out, 0xd2, bits & 0xffffffff, 4);
  } else {
    AppendCoded(out, 0xd3, bits, 8);
  }
}

void AppendFloat64(std::string* out, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  AppendCoded(out, 0xcb, bits, 8);
}

void AppendString(std::string* out, std::string_view s) {
  uint64_t n = s.size();
  if (n < 32) {
    out->push_back(static_cast<char>(0xa0 | n));
  } else if (n <= 0xff) {
    AppendCoded(out, 0xd9, n, 1);
  } else if (n <= 0xffff) {
    AppendCoded(out, 0xda, n, 2);
  } else {
    AppendCoded(out, 0xdb, n, 4);
  }
  out->append(s);
}

void AppendBinary(std::string* out, std::string_view b) {
  uint64_t n = b.size();
  if (n <= 0xff) {
    AppendCoded(out, 0xc4, n, 1);
  } else if (n <= 0xffff) {
    AppendCoded(out, 0xc5, n, 2);
  } else {
    AppendCoded(out, 0xc6, n, 4);
  }
  out->append(b);
}

void AppendArrayHeader(std::string* out, uint64_t count) {
  if (count < 16) {
    out->push_back(static_cast<char>(0x90 | count));
  } else if (count <= 0xffff) {
    AppendCoded(out, 0xdc, count, 2);
  } else {
    AppendCoded(out, 0xdd, count, 4);
  }
}

void AppendMapHeader(std::string* out, uint64_t count) {
  if (count < 16) {
    out->push_back(static_cast<char>(0x80 | count));
  } else if (count <= 0xffff) {
    AppendCoded(out, 0xde, count, 2);
  } else {
    AppendCoded(out, 0xdf, count, 4);
  }
}

void AppendExtension(std::string* out, int8_t type, std::string_view payload) {
  uint64_t n = payload.size();
  switch (n) {
    case 1:
    case 2:
    case 4:
    case 8:
    case 16: {
      static constexpr uint8_t kFixCodes[17] = {
          0, 0xd4, 0xd5, 0, 0xd6, 0, 0, 0, 0xd7, 0, 0, 0, 0, 0, 0, 0, 0xd8};
      out->push_back(static_cast<char>(kFixCodes[n]));
      break;
    }
    default:
      if (n <= 0xff) {
        AppendCoded(out, 0xc7, n, 1);
      } else if (n <= 0xffff) {
        AppendCoded(out, 0xc8, n, 2);
      } else {
        AppendCoded(out, 0xc9, n, 4);
      }
  }
  out->push_back(static_cast<char>(type));
  out->append(payload);
}

}  // namespace gandimail::cty::msgpack_wire
