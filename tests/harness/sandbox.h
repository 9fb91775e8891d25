#ifndef GANDIMAIL_TESTS_HARNESS_SANDBOX_H_
#define GANDIMAIL_TESTS_HARNESS_SANDBOX_H_

// A gandimail-sandbox of the test's own on a free loopback port, with its
// control API (/_sandbox/...) and an authorized client for /v5/email.

#include <memory>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tests/harness/process.h"

namespace gandimail::testing {

struct HttpReply {
  int status = 0;  // 0: no response
  std::string body;
  nlohmann::json Json() const;
};

class Sandbox {
 public:
  static constexpr char kToken[] = "pat_acceptance-test-token";

  // Starts the sandbox binary from the build's bin directory with `args`
  // added to the fixed command line; `url()` is empty when it failed.
  explicit Sandbox(std::vector<std::string> args = {});

  const std::string& url() const { return url_; }
  const std::string& startup_error() const { return startup_error_; }

  // Control API.
  HttpReply AddDomain(const nlohmann::json& domain);
  HttpReply SetFaults(const nlohmann::json& faults);
  nlohmann::json State();
  nlohmann::json Requests();
  void ResetRequests();

  // An /v5/email request with the token, as a person in Gandi's web
  // interface would make drift.
  HttpReply Api(const std::string& method, const std::string& path,
                const std::string& body = "");

 private:
  HttpReply Call(const std::string& method, const std::string& path,
                 const std::string& body, bool authorized);

  std::unique_ptr<Child> child_;
  std::string url_;
  std::string host_;
  int port_ = 0;
  std::string startup_error_;
};

// Directory holding the built binaries (provider and sandbox).
std::string BinDir();

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_SANDBOX_H_
