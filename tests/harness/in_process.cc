#include "tests/harness/in_process.h"

#include <cstdio>
#include <cstdlib>

#include "internal/cty/msgpack.h"

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

grpc::Status ConfigureForSandbox(
    tfplugin6::Provider::Stub& stub, const cty::Type& type,
    const std::string& url, const std::string& token,
    tfplugin6::ConfigureProvider::Response* response,
    std::map<std::string, cty::Value> extra) {
  std::map<std::string, cty::Value> config;
  for (const auto& [name, t] : type.attribute_types()) {
    config[name] = cty::Value::Null(t);
  }
  config["personal_access_token"] = cty::Value::String(token);
  config["url"] = cty::Value::String(url);
  for (auto& [name, value] : extra) config[name] = std::move(value);

  tfplugin6::ConfigureProvider::Request request;
  request.set_terraform_version("1.14.0");
  request.mutable_config()->set_msgpack(
      *cty::EncodeMsgpack(cty::Value::Object(std::move(config)), type));
  grpc::ClientContext context;
  return stub.ConfigureProvider(&context, request, response);
}

}  // namespace gandimail::testing
