#ifndef GANDIMAIL_INTERNAL_GOPLUGIN_AUTO_MTLS_H_
#define GANDIMAIL_INTERNAL_GOPLUGIN_AUTO_MTLS_H_

// AutoMTLS as go-plugin does it: each plugin start makes a fresh key and a
// self-signed certificate, announces the certificate in the handshake line,
// and accepts only the client that Terraform described in
// PLUGIN_CLIENT_CERT.

#include <string>

#include "absl/status/statusor.h"

namespace gandimail::goplugin {

struct ServerCertificate {
  std::string cert_pem;
  std::string key_pem;
  std::string cert_der;  // what the handshake line carries
};

// Makes an EC P-256 key and a self-signed certificate for "localhost"
// (CN and SAN), marked CA, usable for both server and client auth, valid
// from 30 seconds ago (clock skew between processes) for 30 years as the
// Go client expects nothing narrower.
absl::StatusOr<ServerCertificate> GenerateServerCertificate();

// Checks that `pem` holds at least one parsable certificate, so that a
// garbled PLUGIN_CLIENT_CERT fails at start with a clear message instead
// of at the first connection.
absl::Status CheckCertificatePem(const std::string& pem);

}  // namespace gandimail::goplugin

#endif  // GANDIMAIL_INTERNAL_GOPLUGIN_AUTO_MTLS_H_
