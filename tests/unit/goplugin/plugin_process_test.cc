// Starts the real provider binary the way Terraform does and talks to it
// with a real gRPC client over AutoMTLS.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>

#include "internal/goplugin/auto_mtls.h"
#include "internal/goplugin/handshake.h"
#include "tests/harness/plugin_client.h"
#include "tests/harness/process.h"

namespace gandimail::goplugin {
namespace {

using gandimail::testing::CallShutdown;
using gandimail::testing::Child;
using gandimail::testing::DecodeRawBase64;
using gandimail::testing::DerToPem;
using gandimail::testing::GetProviderSchema;
using gandimail::testing::ProviderPath;

std::vector<std::string> SplitLine(const std::string& line) {
  return gandimail::testing::SplitHandshake(line);
}

class PluginProcessTest : public ::testing::Test {
 protected:
  std::unique_ptr<Child> Start(std::map<std::string, std::string> extra = {}) {
    return plugin_.Start(std::move(extra));
  }
  std::shared_ptr<grpc::Channel> Connect(const std::vector<std::string>& f,
                                         const ServerCertificate* as) {
    return plugin_.Connect(f, as);
  }
  static grpc::Status GetSchema(const std::shared_ptr<grpc::Channel>& ch) {
    return GetProviderSchema(ch);
  }

  gandimail::testing::PluginClient plugin_;
  const ServerCertificate& client_cert_ = plugin_.cert();
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
  grpc::Status replied = CallShutdown(channel);
  int code = child->Wait(2000);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(replied.ok()) << replied.error_message();
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
