#include "tests/harness/in_process.h"

#include <cstdio>
#include <cstdlib>

namespace gandimail::testing {

InProcessProvider::InProcessProvider(
    std::shared_ptr<tfplugin::Provider> provider) {
  auto service = tfplugin::ProviderServer::Create(std::move(provider));
  if (!service.ok()) {
    std::fprintf(stderr, "provider schema refused: %s\n",
                 std::string(service.status().message()).c_str());
    std::abort();
  }
  service_ = *std::move(service);

  grpc::ServerBuilder builder;
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
  stub_ = tfplugin6::Provider::NewStub(
      server_->InProcessChannel(grpc::ChannelArguments()));
}

InProcessProvider::~InProcessProvider() {
  stub_.reset();
  server_->Shutdown();
}

}  // namespace gandimail::testing
