#ifndef GANDIMAIL_INTERNAL_GOPLUGIN_HANDSHAKE_H_
#define GANDIMAIL_INTERNAL_GOPLUGIN_HANDSHAKE_H_

// The go-plugin handshake as Terraform runs it: the magic cookie that tells
// a plugin it was started by Terraform, protocol negotiation, and the one
// line the plugin prints on stdout to say where it listens.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace gandimail::goplugin {

// Terraform's cookie name and value; they are part of the contract between
// Terraform and every provider, not a secret.
inline constexpr char kMagicCookieKey[] = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr char kMagicCookieValue[] =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// go-plugin's own protocol version, the first field of the handshake line.
inline constexpr int kCoreProtocolVersion = 1;

// Returns true when `cookie` (the environment value, or null when unset)
// is Terraform's magic cookie.
bool IsMagicCookieValid(const char* cookie);

// The two-line message for a person who ran the binary by hand.
std::string NotAPluginRunMessage(std::string_view binary_name);

// Picks the app protocol version to announce from the comma-separated
// `offered` list (PLUGIN_PROTOCOL_VERSIONS; null when unset). We speak only
// `ours`; when the client does not offer it we still announce it and let
// the client report the mismatch in its own words.
int NegotiateProtocolVersion(const char* offered, int ours);

struct HandshakeLine {
  int app_protocol_version = 6;
  std::string network;          // "unix" or "tcp"
  std::string address;          // socket path, or "127.0.0.1:PORT"
  std::string server_cert_der;  // empty when TLS is off
};

// Formats `line` as go-plugin reads it, with the certificate as unpadded
// standard base64 (Go's RawStdEncoding) and a trailing newline.
std::string FormatHandshakeLine(const HandshakeLine& line);

// Base64 of `data`, standard alphabet, without '=' padding.
std::string RawBase64(std::string_view data);

}  // namespace gandimail::goplugin

#endif  // GANDIMAIL_INTERNAL_GOPLUGIN_HANDSHAKE_H_
