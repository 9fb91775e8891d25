// terraform-provider-gandimail: wires the provider into the plugin server.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "internal/goplugin/server.h"
#include "internal/log/log.h"
#include "internal/tfplugin/provider_server.h"
#include "src/provider.h"

int main(int argc, char** argv) {
  bool debug = argc > 1 && (std::strcmp(argv[1], "-debug") == 0 ||
                            std::strcmp(argv[1], "--debug") == 0);
  gandimail::log::Init("provider.terraform-provider-gandimail");

  auto provider = std::make_shared<gandimail::GandiMailProvider>();
  auto server = gandimail::tfplugin::ProviderServer::Create(provider);
  if (!server.ok()) {
    std::fprintf(stderr, "terraform-provider-gandimail: %s\n",
                 std::string(server.status().message()).c_str());
    return 1;
  }

  gandimail::goplugin::ServeOptions options;
  options.binary_name = "terraform-provider-gandimail";
  options.app_protocol_version = 6;
  options.services = {server->get()};
  options.debug = debug;
  options.provider_address = gandimail::kProviderAddress;
  options.on_stop = [&provider] { provider->Stop(); };
  int code = gandimail::goplugin::Serve(options);

  // gRPC's and libcurl's static teardown is slow and not needed: every
  // resource is released by the kernel.
  std::fflush(stderr);
  std::_Exit(code);
}
