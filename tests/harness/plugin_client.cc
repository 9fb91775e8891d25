#include "tests/harness/plugin_client.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/str_split.h"
#include "internal/goplugin/handshake.h"
#include "plugin/grpc_controller.grpc.pb.h"
#include "tests/harness/sandbox.h"
#include "tfplugin6.grpc.pb.h"

namespace gandimail::testing {

std::string ProviderPath() {
  return BinDir() + "/terraform-provider-gandimail";
}

std::vector<std::string> SplitHandshake(const std::string& line) {
  return absl::StrSplit(line, '|');
}

std::string DecodeRawBase64(const std::string& text) {
  std::string padded = text;
  while (padded.size() % 4 != 0) padded += '=';
  std::string out(padded.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(padded.data()),
                          static_cast<int>(padded.size()));
  if (n < 0) return "";
  out.resize(n - (padded.size() - text.size()));
  return out;
}

std::string DerToPem(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, size);
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

PluginClient::PluginClient() {
  auto cert = goplugin::GenerateServerCertificate();
  if (cert.ok()) cert_ = *cert;
}

std::unique_ptr<Child> PluginClient::Start(
    std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> env = {
      {goplugin::kMagicCookieKey, goplugin::kMagicCookieValue},
      {"PLUGIN_PROTOCOL_VERSIONS", "5,6"},
      {"PLUGIN_CLIENT_CERT", cert_.cert_pem},
      {"TF_LOG", "\x01"},
  };
  for (auto& [k, v] : extra) env[k] = v;
  return std::make_unique<Child>(std::vector<std::string>{ProviderPath()}, env);
}

std::shared_ptr<grpc::Channel> PluginClient::Connect(
    const std::vector<std::string>& f, const goplugin::ServerCertificate* as) {
  std::string target = f[2] == "unix" ? "unix:" + f[3] : f[3];
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = DerToPem(DecodeRawBase64(f[5]));
  if (as != nullptr) {
    ssl.pem_private_key = as->key_pem;
    ssl.pem_cert_chain = as->cert_pem;
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), args);
}

grpc::Status GetProviderSchema(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = tfplugin6::Provider::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(5));
  tfplugin6::GetProviderSchema::Request request;
  tfplugin6::GetProviderSchema::Response response;
  return stub->GetProviderSchema(&context, request, &response);
}

grpc::Status CallShutdown(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = plugin::GRPCController::NewStub(channel);
  grpc::ClientContext context;
  plugin::Empty request, response;
  return stub->Shutdown(&context, request, &response);
}

}  // namespace gandimail::testing
