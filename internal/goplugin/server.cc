#include "internal/goplugin/server.h"

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "internal/goplugin/auto_mtls.h"
#include "internal/goplugin/handshake.h"
#include "internal/goplugin/listener.h"
#include "internal/goplugin/services.h"

namespace gandimail::goplugin {
namespace {

// Terraform accepts schemas up to 64 MiB; gRPC C++ would refuse anything
// over 4 MiB by default.
constexpr int kMaxMessageBytes = 256 * 1024 * 1024;

// How long Shutdown waits for RPCs still running before cancelling them.
constexpr absl::Duration kShutdownGrace = absl::Milliseconds(50);

void FailStart(const std::string& why) {
  std::fprintf(stderr, "terraform-provider-gandimail: cannot start: %s\n",
               why.c_str());
}

// Blocks SIGINT and SIGTERM in this thread before gRPC starts its own, so
// that every thread inherits the mask and only WatchSignals sees them.
sigset_t BlockStopSignals() {
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// SIGTERM always stops the server (so the socket file is removed). SIGINT
// stops it only in debug mode: under Terraform, Ctrl-C reaches the whole
// process group and Terraform stops its providers itself.
void WatchSignals(sigset_t set, ShutdownLatch* latch, bool debug) {
  for (;;) {
    int signal_number = 0;
    if (sigwait(&set, &signal_number) != 0) continue;
    if (signal_number == SIGTERM || debug) {
      latch->Notify();
      return;
    }
  }
}

struct Transport {
  ListenAddress address;
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::string cert_der;
};

absl::StatusOr<ListenAddress> ChooseAddress() {
  const char* network = std::getenv("GANDIMAIL_PLUGIN_NETWORK");
  if (network != nullptr && std::string(network) == "tcp") {
    return ChooseTcpPort();
  }
  return ChooseUnixSocket();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MutualTls(
    const std::string& client_cert_pem, std::string* cert_der) {
  absl::Status pem_ok = CheckCertificatePem(client_cert_pem);
  if (!pem_ok.ok()) return pem_ok;
  absl::StatusOr<ServerCertificate> cert = GenerateServerCertificate();
  if (!cert.ok()) return cert.status();

  grpc::SslServerCredentialsOptions ssl(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = client_cert_pem;
  ssl.pem_key_cert_pairs.push_back({cert->key_pem, cert->cert_pem});
  *cert_der = cert->cert_der;
  return grpc::SslServerCredentials(ssl);
}

absl::StatusOr<Transport> SetUpTransport(bool debug) {
  Transport transport;
  absl::StatusOr<ListenAddress> address = ChooseAddress();
  if (!address.ok()) return address.status();
  transport.address = *address;

  const char* client_cert = std::getenv("PLUGIN_CLIENT_CERT");
  if (debug || client_cert == nullptr || *client_cert == '\0') {
    transport.credentials = grpc::InsecureServerCredentials();
    return transport;
  }
  auto credentials = MutualTls(client_cert, &transport.cert_der);
  if (!credentials.ok()) return credentials.status();
  transport.credentials = *credentials;
  return transport;
}

void PrintReattachLine(const ServeOptions& options,
                       const ListenAddress& address) {
  std::printf(
      "Provider started in debug mode. To attach Terraform, set this in the "
      "environment of each terraform command:\n\n"
      "\tTF_REATTACH_PROVIDERS='{\"%s\":{\"Protocol\":\"grpc\","
      "\"ProtocolVersion\":%d,\"Pid\":%d,\"Test\":true,\"Addr\":"
      "{\"Network\":\"%s\",\"String\":\"%s\"}}}'\n\n"
      "Ctrl-C stops the provider.\n",
      options.provider_address.c_str(), options.app_protocol_version,
      static_cast<int>(getpid()), address.network.c_str(),
      address.address.c_str());
  std::fflush(stdout);
}

void PrintHandshake(const ServeOptions& options, const Transport& transport) {
  HandshakeLine line;
  line.app_protocol_version = NegotiateProtocolVersion(
      std::getenv("PLUGIN_PROTOCOL_VERSIONS"), options.app_protocol_version);
  line.network = transport.address.network;
  line.address = transport.address.address;
  line.server_cert_der = transport.cert_der;
  std::string text = FormatHandshakeLine(line);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::unique_ptr<grpc::Server> StartServer(const ServeOptions& options,
                                          const Transport& transport,
                                          std::vector<grpc::Service*> own) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(transport.address.grpc_uri, transport.credentials);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  for (grpc::Service* service : options.services) {
    builder.RegisterService(service);
  }
  for (grpc::Service* service : own) builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server != nullptr && server->GetHealthCheckService() != nullptr) {
    server->GetHealthCheckService()->SetServingStatus("plugin", true);
  }
  return server;
}

}  // namespace

int Serve(const ServeOptions& options) {
  if (!options.debug && !IsMagicCookieValid(std::getenv(kMagicCookieKey))) {
    std::fputs(NotAPluginRunMessage(options.binary_name).c_str(), stderr);
    return 1;
  }
  sigset_t stop_signals = BlockStopSignals();

  absl::StatusOr<Transport> transport = SetUpTransport(options.debug);
  if (!transport.ok()) {
    FailStart(std::string(transport.status().message()));
    return 1;
  }

  ShutdownLatch latch;
  ControllerService controller(&latch, options.debug);
  StdioService stdio(&latch);
  BrokerService broker;
  std::unique_ptr<grpc::Server> server =
      StartServer(options, *transport, {&controller, &stdio, &broker});
  if (server == nullptr) {
    FailStart("gRPC could not listen on " + transport->address.address);
    return 1;
  }
  std::thread(WatchSignals, stop_signals, &latch, options.debug).detach();

  if (options.debug) {
    PrintReattachLine(options, transport->address);
  } else {
    PrintHandshake(options, *transport);
  }
  latch.Wait();

  // The health service holds a call of its own open; ending it first lets
  // Shutdown return at once instead of at the grace deadline.
  if (server->GetHealthCheckService() != nullptr) {
    server->GetHealthCheckService()->Shutdown();
  }
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoNanoseconds(kShutdownGrace));
  if (options.on_stop) options.on_stop();
  if (transport->address.network == "unix") {
    ::unlink(transport->address.address.c_str());
  }
  return 0;
}

}  // namespace gandimail::goplugin
