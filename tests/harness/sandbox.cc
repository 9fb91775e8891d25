#include "tests/harness/sandbox.h"

#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace gandimail::testing {

std::string BinDir() { return GANDIMAIL_TEST_BIN_DIR; }

nlohmann::json HttpReply::Json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

Sandbox::Sandbox(std::vector<std::string> args) {
  std::vector<std::string> argv = {BinDir() + "/gandimail-sandbox", "--listen",
                                   "127.0.0.1:0", "--token", kToken};
  argv.insert(argv.end(), args.begin(), args.end());
  child_ = std::make_unique<Child>(argv, std::map<std::string, std::string>{});
  std::string line = child_->ReadLine(10000);
  constexpr char kPrefix[] = "listening on http://";
  if (!absl::StartsWith(line, kPrefix)) {
    startup_error_ =
        "sandbox did not start: '" + line + "' " + child_->Stderr();
    return;
  }
  std::string address = line.substr(sizeof(kPrefix) - 1);
  host_ = address.substr(0, address.rfind(':'));
  if (!absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port_)) {
    startup_error_ = "sandbox printed a bad address: " + line;
    return;
  }
  url_ = "http://" + address;
}

HttpReply Sandbox::Call(const std::string& method, const std::string& path,
                        const std::string& body, bool authorized) {
  httplib::Client client(host_, port_);
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (authorized) {
    headers.emplace("Authorization", std::string("Bearer ") + kToken);
  }
  const char* type = "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return client.Post(path, headers, body, type);
    if (method == "PUT") return client.Put(path, headers, body, type);
    if (method == "PATCH") return client.Patch(path, headers, body, type);
    if (method == "DELETE") return client.Delete(path, headers, body, type);
    return client.Get(path, headers);
  };
  httplib::Result result = send();
  if (!result) return HttpReply{};
  return HttpReply{result->status, result->body};
}

HttpReply Sandbox::AddDomain(const nlohmann::json& domain) {
  return Call("POST", "/_sandbox/domains", domain.dump(), false);
}

HttpReply Sandbox::SetFaults(const nlohmann::json& faults) {
  return Call("PUT", "/_sandbox/faults", faults.dump(), false);
}

nlohmann::json Sandbox::State() {
  return Call("GET", "/_sandbox/state", "", false).Json();
}

nlohmann::json Sandbox::Requests() {
  return Call("GET", "/_sandbox/requests", "", false).Json();
}

void Sandbox::ResetRequests() {
  Call("DELETE", "/_sandbox/requests", "", false);
}

HttpReply Sandbox::Api(const std::string& method, const std::string& path,
                       const std::string& body) {
  return Call(method, path, body, true);
}

}  // namespace gandimail::testing
