// Starts the real provider binary the way Terraform does and talks to it
// with a real gRPC client over AutoMTLS.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>

#include "absl/strings/str_split.h"
#include "internal/goplugin/auto_mtls.h"
#include "internal/goplugin/handshake.h"
#include "plugin/grpc_controller.grpc.pb.h"
#include "tests/harness/process.h"
#include "tests/harness/sandbox.h"
#include "tfplugin6.grpc.pb.h"

namespace gandimail::goplugin {
namespace {

using gandimail::testing::Child;

std::string ProviderPath() {
  return gandimail::testing::BinDir() + "/terraform-provider-gandimail";
}

std::vector<std::string> SplitLine(const std::string& line) {
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

class PluginProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cert = GenerateServerCertificate();
    ASSERT_TRUE(cert.ok());
    client_cert_ = *cert;
  }

  std::unique_ptr<Child> Start(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {kMagicCookieKey, kMagicCookieValue},
        {"PLUGIN_PROTOCOL_VERSIONS", "5,6"},
        {"PLUGIN_CLIENT_CERT", client_cert_.cert_pem},
        {"TF_LOG", "\x01"},
    };
    for (auto& [k, v] : extra) env[k] = v;
    return std::make_unique<Child>(std::vector<std::string>{ProviderPath()},
                                   env);
  }

  std::shared_ptr<grpc::Channel> Connect(const std::vector<std::string>& f,
                                         const ServerCertificate* as) {
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

  static grpc::Status GetSchema(const std::shared_ptr<grpc::Channel>& ch) {
    auto stub = tfplugin6::Provider::NewStub(ch);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    tfplugin6::GetProviderSchema::Request request;
    tfplugin6::GetProviderSchema::Response response;
    return stub->GetProviderSchema(&context, request, &response);
  }

  static void CallShutdown(const std::shared_ptr<grpc::Channel>& ch) {
    auto stub = plugin::GRPCController::NewStub(ch);
    grpc::ClientContext context;
    plugin::Empty request, response;
    stub->Shutdown(&context, request, &response);
  }

  ServerCertificate client_cert_;
};

TEST_F(PluginProcessTest, MissingCookieExitsOneWithTwoLinesOnStderr) {
  Child child({ProviderPath()}, {{kMagicCookieKey, "\x01"}});
  EXPECT_EQ(child.Wait(5000), 1);
  EXPECT_EQ(child.ReadRest(100), "");
  std::string err = child.Stderr();
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 2) << err;
}

TEST_F(PluginProcessTest, WrongCookieIsRefusedToo) {
  Child child({ProviderPath()}, {{kMagicCookieKey, "wrong"}});
  EXPECT_EQ(child.Wait(5000), 1);
  EXPECT_EQ(child.ReadRest(100), "");
}

TEST_F(PluginProcessTest, HandshakeLineAnnouncesUnixSocketAndCert) {
  auto child = Start();
  std::vector<std::string> f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0], "1");
  EXPECT_EQ(f[1], "6");
  EXPECT_EQ(f[2], "unix");
  EXPECT_EQ(f[4], "grpc");
  EXPECT_EQ(f[5].find('='), std::string::npos);
  struct stat st;
  EXPECT_EQ(stat(f[3].c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  std::string pem = DerToPem(DecodeRawBase64(f[5]));
  EXPECT_NE(pem.find("BEGIN CERTIFICATE"), std::string::npos);
}

TEST_F(PluginProcessTest, ClientWithTerraformsCertIsServed) {
  auto child = Start();
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  grpc::Status status = GetSchema(Connect(f, &client_cert_));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(PluginProcessTest, ClientWithAnotherCertIsRefused) {
  auto child = Start();
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  auto stranger = GenerateServerCertificate();
  ASSERT_TRUE(stranger.ok());
  grpc::Status status = GetSchema(Connect(f, &*stranger));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(PluginProcessTest, ClientWithoutCertIsRefused) {
  auto child = Start();
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  grpc::Status status = GetSchema(Connect(f, nullptr));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(PluginProcessTest, ShutdownEndsProcessAndRemovesSocket) {
  auto child = Start();
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  auto channel = Connect(f, &client_cert_);
  ASSERT_TRUE(GetSchema(channel).ok());

  auto start = std::chrono::steady_clock::now();
  CallShutdown(channel);
  int code = child->Wait(2000);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(code, 0);
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  struct stat st;
  EXPECT_NE(stat(f[3].c_str(), &st), 0);
}

TEST_F(PluginProcessTest, SigintIsIgnored) {
  auto child = Start();
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  child->Signal(SIGINT);
  EXPECT_EQ(child->Wait(300), -1);
  EXPECT_TRUE(GetSchema(Connect(f, &client_cert_)).ok());
}

TEST_F(PluginProcessTest, TcpTransportUsesAllowedPortRange) {
  auto child = Start({{"GANDIMAIL_PLUGIN_NETWORK", "tcp"},
                      {"PLUGIN_MIN_PORT", "23000"},
                      {"PLUGIN_MAX_PORT", "23999"}});
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[2], "tcp");
  int port = std::stoi(f[3].substr(f[3].rfind(':') + 1));
  EXPECT_GE(port, 23000);
  EXPECT_LE(port, 23999);
  EXPECT_TRUE(GetSchema(Connect(f, &client_cert_)).ok());
}

TEST_F(PluginProcessTest, WithoutClientCertServesPlaintext) {
  auto child = Start({{"PLUGIN_CLIENT_CERT", "\x01"}});
  auto f = SplitLine(child->ReadLine(10000));
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[5], "");
  auto channel =
      grpc::CreateChannel("unix:" + f[3], grpc::InsecureChannelCredentials());
  EXPECT_TRUE(GetSchema(channel).ok());
}

}  // namespace
}  // namespace gandimail::goplugin
