#include "internal/goplugin/auto_mtls.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "internal/base/status_macros.h"

namespace gandimail::goplugin {
namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr =
    std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

constexpr long kBackdateSeconds = 30;
constexpr long kValiditySeconds = 30L * 365 * 24 * 3600;

absl::Status OpenSslError(const char* what) {
  return absl::InternalError(std::string("AutoMTLS: ") + what + " failed");
}

absl::Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return OpenSslError("building an extension");
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1 ? absl::OkStatus() : OpenSslError("adding an extension");
}

absl::Status SetRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return OpenSslError("RAND_bytes");
  bytes[0] &= 0x7f;  // a positive serial
  BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
  if (bn == nullptr) return OpenSslError("BN_bin2bn");
  ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
  BN_free(bn);
  return serial != nullptr ? absl::OkStatus() : OpenSslError("serial");
}

absl::Status FillCertificate(X509* cert, EVP_PKEY* key) {
  if (X509_set_version(cert, 2) != 1) return OpenSslError("X509_set_version");
  GM_RETURN_IF_ERROR(SetRandomSerial(cert));
  X509_gmtime_adj(X509_getm_notBefore(cert), -kBackdateSeconds);
  X509_gmtime_adj(X509_getm_notAfter(cert), kValiditySeconds);

  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      name, "O", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("terraform-provider-gandimail"),
      -1, -1, 0);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  if (X509_set_pubkey(cert, key) != 1) return OpenSslError("X509_set_pubkey");

  GM_RETURN_IF_ERROR(
      AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE"));
  GM_RETURN_IF_ERROR(AddExtension(
      cert, NID_key_usage,
      "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign"));
  GM_RETURN_IF_ERROR(
      AddExtension(cert, NID_ext_key_usage, "serverAuth,clientAuth"));
  GM_RETURN_IF_ERROR(AddExtension(cert, NID_subject_alt_name, "DNS:localhost"));

  if (X509_sign(cert, key, EVP_sha256()) == 0) return OpenSslError("X509_sign");
  return absl::OkStatus();
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, size);
}

}  // namespace

absl::StatusOr<ServerCertificate> GenerateServerCertificate() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (key == nullptr) return OpenSslError("EVP_EC_gen");
  CertPtr cert(X509_new());
  if (cert == nullptr) return OpenSslError("X509_new");
  GM_RETURN_IF_ERROR(FillCertificate(cert.get(), key.get()));

  ServerCertificate out;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0,
                               nullptr, nullptr) != 1) {
    return OpenSslError("PEM encoding");
  }
  out.cert_pem = BioContents(cert_bio.get());
  out.key_pem = BioContents(key_bio.get());

  unsigned char* der = nullptr;
  int der_len = i2d_X509(cert.get(), &der);
  if (der_len <= 0) return OpenSslError("DER encoding");
  out.cert_der.assign(reinterpret_cast<char*>(der), der_len);
  OPENSSL_free(der);
  return out;
}

absl::Status CheckCertificatePem(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    return absl::InvalidArgumentError(
        "PLUGIN_CLIENT_CERT does not hold a PEM certificate");
  }
  return absl::OkStatus();
}

}  // namespace gandimail::goplugin
