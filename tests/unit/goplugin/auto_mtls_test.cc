#include "internal/goplugin/auto_mtls.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gandimail::goplugin {
namespace {

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};

std::unique_ptr<X509, X509Free> ParseDer(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  return std::unique_ptr<X509, X509Free>(
      d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

TEST(AutoMtlsTest, CertificateNamesLocalhostInSan) {
  auto cert = GenerateServerCertificate();
  ASSERT_TRUE(cert.ok()) << cert.status();
  auto x509 = ParseDer(cert->cert_der);
  ASSERT_NE(x509, nullptr);
  EXPECT_EQ(X509_check_host(x509.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_host(x509.get(), "example.com", 0, 0, nullptr), 1);
}

TEST(AutoMtlsTest, CertificateIsCaForServerAndClientAuth) {
  auto cert = GenerateServerCertificate();
  ASSERT_TRUE(cert.ok()) << cert.status();
  auto x509 = ParseDer(cert->cert_der);
  ASSERT_NE(x509, nullptr);
  EXPECT_EQ(X509_check_ca(x509.get()), 1);
  uint32_t eku = X509_get_extended_key_usage(x509.get());
  EXPECT_TRUE(eku & XKU_SSL_SERVER);
  EXPECT_TRUE(eku & XKU_SSL_CLIENT);
}

TEST(AutoMtlsTest, CertificateIsValidFromThePast) {
  auto cert = GenerateServerCertificate();
  ASSERT_TRUE(cert.ok()) << cert.status();
  auto x509 = ParseDer(cert->cert_der);
  time_t now = time(nullptr) - 10;
  EXPECT_EQ(X509_cmp_time(X509_get0_notBefore(x509.get()), &now), -1);
}

TEST(AutoMtlsTest, EachStartMakesAFreshKey) {
  auto a = GenerateServerCertificate();
  auto b = GenerateServerCertificate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->key_pem, b->key_pem);
  EXPECT_NE(a->cert_der, b->cert_der);
}

TEST(AutoMtlsTest, GarbledClientPemIsRejected) {
  EXPECT_FALSE(CheckCertificatePem("not a certificate").ok());
  auto cert = GenerateServerCertificate();
  ASSERT_TRUE(cert.ok());
  EXPECT_TRUE(CheckCertificatePem(cert->cert_pem).ok());
}

}  // namespace
}  // namespace gandimail::goplugin
