// Where the client finds the system's CA certificates when none is
// configured: a static release binary must not rely on the path its
// libcurl was built with.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "internal/http/client.h"

namespace gandimail::http {
namespace {

class CaBundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("SSL_CERT_FILE");
    if (old != nullptr) saved_ = old;
    had_ = old != nullptr;
  }
  void TearDown() override {
    if (had_) {
      setenv("SSL_CERT_FILE", saved_.c_str(), 1);
    } else {
      unsetenv("SSL_CERT_FILE");
    }
  }

  std::string saved_;
  bool had_ = false;
};

TEST_F(CaBundleTest, SslCertFileNamingAFileWins) {
  std::filesystem::path file =
      std::filesystem::temp_directory_path() / "gandimail-ca-test.pem";
  std::ofstream(file) << "-----BEGIN CERTIFICATE-----\n";
  setenv("SSL_CERT_FILE", file.c_str(), 1);

  EXPECT_EQ(SystemCaBundle(), file.string());

  std::filesystem::remove(file);
}

TEST_F(CaBundleTest, MissingSslCertFileFallsBackToTheDistributionsPath) {
  setenv("SSL_CERT_FILE", "/nonexistent/ca.pem", 1);

  std::string found = SystemCaBundle();

  // This machine is Debian: its bundle is the first known path.
  ASSERT_TRUE(std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt"));
  EXPECT_EQ(found, "/etc/ssl/certs/ca-certificates.crt");
}

TEST_F(CaBundleTest, DirectoryIsNotABundle) {
  setenv("SSL_CERT_FILE", "/etc", 1);

  EXPECT_NE(SystemCaBundle(), "/etc");
}

}  // namespace
}  // namespace gandimail::http
