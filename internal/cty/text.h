#ifndef GANDIMAIL_INTERNAL_CTY_TEXT_H_
#define GANDIMAIL_INTERNAL_CTY_TEXT_H_

// Text helpers shared by the cty codecs. Internal to internal/cty.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace gandimail::cty {

class Path;

// Appends `s` as a JSON string the way Go's encoding/json writes it (what
// go-cty produces): '<', '>', '&', U+2028 and U+2029 escaped as \u00XX /
// \u20XX, and invalid UTF-8 replaced by \ufffd, so that type JSON and value
// JSON match go-cty byte for byte.
void AppendJsonString(std::string* out, std::string_view s);
std::string JsonString(std::string_view s);

// Whether `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// The length of the valid UTF-8 sequence at the start of `s` (non-empty),
// or 0 when it does not start with one.
size_t Utf8SequenceLength(std::string_view s);

// Appends code point `cp` (at most U+10FFFF, not a surrogate) as UTF-8.
void AppendUtf8(std::string* out, uint32_t cp);

// InvalidArgument "at <path>: <message>", or just "<message>" at the root.
absl::Status PathError(const Path& path, absl::string_view message);

// Debian's Abseil has its own string_view type, distinct from
// std::string_view; these convert between the two without copying.
inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}
inline std::string_view ToStd(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace gandimail::cty

#endif  // GANDIMAIL_INTERNAL_CTY_TEXT_H_
