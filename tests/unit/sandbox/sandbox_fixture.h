// Test fixture that starts the real gandimail-sandbox binary on a free
// loopback port for every test and talks to it over HTTP.
#ifndef GANDIMAIL_TESTS_UNIT_SANDBOX_SANDBOX_FIXTURE_H_
#define GANDIMAIL_TESTS_UNIT_SANDBOX_SANDBOX_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tests/sandbox/sandbox_process.h"

namespace gandimail::sandbox {

using Json = nlohmann::json;

inline constexpr char kToken[] = "test-token";
inline constexpr char kPassword[] = "a*6@Xk86cPR2kcZ@qPAi";

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(ExtraArgs()); }

  // Flags beyond --listen and --token; subclasses override.
  virtual std::vector<std::string> ExtraArgs() { return {}; }

  // (Re)starts the sandbox with `extra_args`.
  void Start(const std::vector<std::string>& extra_args);

  httplib::Headers Auth() const;
  std::string Base() const;  // "http://127.0.0.1:PORT"

  // API calls with the token; `body` is sent as JSON when not null.
  httplib::Result Get(const std::string& path, httplib::Headers extra = {});
  httplib::Result Post(const std::string& path, const Json& body,
                       httplib::Headers extra = {});
  httplib::Result Put(const std::string& path, const Json& body);
  httplib::Result Patch(const std::string& path, const Json& body);
  httplib::Result Delete(const std::string& path);

  // POST /_sandbox/domains, expecting 201.
  void AddDomain(const Json& body);
  // Creates a mailbox (expecting 202) and returns its id from Location.
  std::string CreateMailbox(const std::string& domain, const std::string& login,
                            const std::string& type = "standard");
  // The raw bytes of the response to a GET with the token, over a plain
  // socket: httplib's client percent-decodes header values it receives.
  std::string RawGet(const std::string& path);
  // GET /_sandbox/state, the committed state of one domain.
  Json DomainState(const std::string& domain);

  std::unique_ptr<SandboxProcess> sandbox_;
  std::unique_ptr<httplib::Client> client_;
};

// The parsed JSON body of `res` (null when it is not JSON).
Json BodyOf(const httplib::Result& res);

// The path of the sandbox binary under test: $GANDIMAIL_SANDBOX_BIN when
// set, else the one this build made.
std::string SandboxBinary();

// The last path segment of a Location URL.
std::string LastSegment(const std::string& url);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_UNIT_SANDBOX_SANDBOX_FIXTURE_H_
