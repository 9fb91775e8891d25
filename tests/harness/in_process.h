#ifndef GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_
#define GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_

// A ProviderServer behind a real gRPC server in this process, reached
// through an in-process channel: for protocol tests of the streaming RPCs
// (ListResource, InvokeAction), whose writers only gRPC can make.

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "internal/cty/value.h"
#include "internal/tfplugin/provider_server.h"
#include "tfplugin6.grpc.pb.h"

namespace gandimail::testing {

class InProcessProvider {
 public:
  // Serves `provider`; the schema check must pass (it aborts the test
  // binary otherwise, since no test could run).
  explicit InProcessProvider(std::shared_ptr<tfplugin::Provider> provider);
  ~InProcessProvider();

  tfplugin6::Provider::Stub& stub() { return *stub_; }

 private:
  std::unique_ptr<tfplugin::ProviderServer> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
};

// Sends ConfigureProvider through `stub` (in process or to a provider
// process) with the provider config of type `type` that reaches `url` with
// `token`, plus `extra` settings, every other setting null as an empty
// provider block leaves it. The answer goes to `response`.
grpc::Status ConfigureForSandbox(
    tfplugin6::Provider::Stub& stub, const cty::Type& type,
    const std::string& url, const std::string& token,
    tfplugin6::ConfigureProvider::Response* response,
    std::map<std::string, cty::Value> extra = {});

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_
