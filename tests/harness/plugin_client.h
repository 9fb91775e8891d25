#ifndef GANDIMAIL_TESTS_HARNESS_PLUGIN_CLIENT_H_
#define GANDIMAIL_TESTS_HARNESS_PLUGIN_CLIENT_H_

// Starts the provider binary as Terraform does (cookie, protocol versions,
// a client certificate) and connects a real gRPC client over AutoMTLS.

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "internal/goplugin/auto_mtls.h"
#include "tests/harness/process.h"

namespace gandimail::testing {

class PluginClient {
 public:
  // A fresh client certificate, as Terraform makes one per run.
  PluginClient();

  // Starts the provider; `extra` adds or (with "\x01") unsets variables.
  std::unique_ptr<Child> Start(std::map<std::string, std::string> extra = {});

  // A channel to the address in the handshake fields, presenting `as` (or
  // no certificate when null) and trusting the announced server cert.
  std::shared_ptr<grpc::Channel> Connect(const std::vector<std::string>& f,
                                         const goplugin::ServerCertificate* as);
  std::shared_ptr<grpc::Channel> Connect(const std::vector<std::string>& f) {
    return Connect(f, &cert_);
  }

  const goplugin::ServerCertificate& cert() const { return cert_; }

 private:
  goplugin::ServerCertificate cert_;
};

std::string ProviderPath();
std::vector<std::string> SplitHandshake(const std::string& line);
std::string DecodeRawBase64(const std::string& text);
std::string DerToPem(const std::string& der);

grpc::Status GetProviderSchema(const std::shared_ptr<grpc::Channel>& channel);
grpc::Status CallShutdown(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_PLUGIN_CLIENT_H_
