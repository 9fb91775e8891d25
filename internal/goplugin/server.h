#ifndef GANDIMAIL_INTERNAL_GOPLUGIN_SERVER_H_
#define GANDIMAIL_INTERNAL_GOPLUGIN_SERVER_H_

// Serves a plugin the way go-plugin's clients (Terraform, OpenTofu) expect:
// handshake on stdout, AutoMTLS, the go-plugin helper services, and an
// orderly exit when the client calls GRPCController.Shutdown.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

namespace gandimail::goplugin {

struct ServeOptions {
  // Named in the message printed when the binary is run by hand.
  std::string binary_name;
  int app_protocol_version = 6;
  // The plugin's own services (tfplugin6.Provider); not owned.
  std::vector<grpc::Service*> services;
  // Debug mode: no cookie needed, plaintext, a TF_REATTACH_PROVIDERS line
  // for `provider_address` on stdout, and many Terraform runs served until
  // SIGINT or SIGTERM.
  bool debug = false;
  std::string provider_address;
  // Called once the server stops taking RPCs, before the process exits.
  std::function<void()> on_stop;
};

// Serves until shutdown and returns the process exit code. Reads
// TF_PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS, PLUGIN_CLIENT_CERT,
// PLUGIN_UNIX_SOCKET_DIR, TMPDIR, and for TCP (GANDIMAIL_PLUGIN_NETWORK=tcp)
// PLUGIN_MIN_PORT and PLUGIN_MAX_PORT. SIGINT is ignored outside debug
// mode: on Ctrl-C Terraform itself stops its providers through RPCs.
int Serve(const ServeOptions& options);

}  // namespace gandimail::goplugin

#endif  // GANDIMAIL_INTERNAL_GOPLUGIN_SERVER_H_
