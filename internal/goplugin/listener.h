#ifndef GANDIMAIL_INTERNAL_GOPLUGIN_LISTENER_H_
#define GANDIMAIL_INTERNAL_GOPLUGIN_LISTENER_H_

// Where the plugin listens: a unix socket by default, as go-plugin does on
// Unix, or a loopback TCP port within the range the client allows.

#include <string>

#include "absl/status/statusor.h"

namespace gandimail::goplugin {

struct ListenAddress {
  std::string network;   // "unix" or "tcp", as the handshake names it
  std::string address;   // socket path or "127.0.0.1:PORT"
  std::string grpc_uri;  // what grpc::ServerBuilder::AddListeningPort takes
};

// A fresh socket path in PLUGIN_UNIX_SOCKET_DIR, else TMPDIR, else /tmp.
// The path must fit a sockaddr_un (under 108 bytes).
absl::StatusOr<ListenAddress> ChooseUnixSocket();

// The first free port on 127.0.0.1 within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT
// (go-plugin's defaults 10000..25000 when unset).
absl::StatusOr<ListenAddress> ChooseTcpPort();

}  // namespace gandimail::goplugin

#endif  // GANDIMAIL_INTERNAL_GOPLUGIN_LISTENER_H_
