#include "internal/goplugin/handshake.h"

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace gandimail::goplugin {

bool IsMagicCookieValid(const char* cookie) {
  return cookie != nullptr && std::strcmp(cookie, kMagicCookieValue) == 0;
}

std::string NotAPluginRunMessage(std::string_view binary_name) {
  return absl::StrCat(std::string(binary_name),
                      " is a Terraform provider plugin, not a command to run "
                      "by hand.\n",
                      "Run terraform in a configuration that uses it; "
                      "Terraform starts the plugin itself.\n");
}

int NegotiateProtocolVersion(const char* offered, int ours) {
  if (offered == nullptr) return ours;
  for (absl::string_view part : absl::StrSplit(offered, ',')) {
    int version = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &version) &&
        version == ours) {
      return ours;
    }
  }
  return ours;
}

std::string FormatHandshakeLine(const HandshakeLine& line) {
  return absl::StrCat(kCoreProtocolVersion, "|", line.app_protocol_version, "|",
                      line.network, "|", line.address, "|grpc|",
                      RawBase64(line.server_cert_der), "\n");
}

std::string RawBase64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t n = (uint8_t(data[i]) << 16) | (uint8_t(data[i + 1]) << 8) |
                 uint8_t(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = data.size() - i;
  if (rest == 0) return out;

  uint32_t n = uint8_t(data[i]) << 16;
  if (rest == 2) n |= uint8_t(data[i + 1]) << 8;
  out += kAlphabet[(n >> 18) & 63];
  out += kAlphabet[(n >> 12) & 63];
  if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  return out;
}

}  // namespace gandimail::goplugin
