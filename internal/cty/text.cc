#include "internal/cty/text.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "internal/cty/path.h"

namespace gandimail::cty {
namespace {

// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is
// not one (overlong forms, surrogates and values beyond U+10FFFF are
// invalid, as in Go).
size_t Utf8SequenceLength(std::string_view s, uint32_t* code_point) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (p[0] < 0x80) {
    *code_point = p[0];
    return 1;
  }

  size_t length;
  uint32_t cp;
  uint32_t min;
  if ((p[0] & 0xe0) == 0xc0) {
    length = 2, cp = p[0] & 0x1f, min = 0x80;
  } else if ((p[0] & 0xf0) == 0xe0) {
    length = 3, cp = p[0] & 0x0f, min = 0x800;
  } else if ((p[0] & 0xf8) == 0xf0) {
    length = 4, cp = p[0] & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() < length) return 0;

  for (size_t i = 1; i < length; ++i) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  *code_point = cp;
  return length;
}

void AppendEscapedAscii(std::string* out, unsigned char c) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
  }
  if (c < 0x20 || c == '<' || c == '>' || c == '&') {
    absl::StrAppendFormat(out, "\\u%04x", c);
    return;
  }
  out->push_back(static_cast<char>(c));
}

}  // namespace

size_t Utf8SequenceLength(std::string_view s) {
  uint32_t unused = 0;
  return s.empty() ? 0 : Utf8SequenceLength(s, &unused);
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  while (!s.empty()) {
    uint32_t cp = 0;
    size_t length = Utf8SequenceLength(s, &cp);
    if (length == 0) {
      out->append("\\ufffd");
      s.remove_prefix(1);
      continue;
    }

    if (length == 1) {
      AppendEscapedAscii(out, static_cast<unsigned char>(s[0]));
    } else if (cp == 0x2028 || cp == 0x2029) {
      absl::StrAppendFormat(out, "\\u%04x", cp);
    } else {
      out->append(s.substr(0, length));
    }
    s.remove_prefix(length);
  }
  out->push_back('"');
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

bool IsValidUtf8(std::string_view s) {
  while (!s.empty()) {
    uint32_t cp = 0;
    size_t length = Utf8SequenceLength(s, &cp);
    if (length == 0) return false;
    s.remove_prefix(length);
  }
  return true;
}

absl::Status PathError(const Path& path, absl::string_view message) {
  if (path.empty()) return absl::InvalidArgumentError(message);
  return absl::InvalidArgumentError(
      absl::StrCat("at ", path.ToString(), ": ", message));
}

}  // namespace gandimail::cty
