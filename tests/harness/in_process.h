#ifndef GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_
#define GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_

// A ProviderServer behind a real gRPC server in this process, reached
// through an in-process channel: for protocol tests of the streaming RPCs
// (ListResource, InvokeAction), whose writers only gRPC can make.

#include <grpcpp/grpcpp.h>

#include <memory>

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

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_IN_PROCESS_H_
