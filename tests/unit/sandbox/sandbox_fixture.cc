#include "tests/unit/sandbox/sandbox_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace gandimail::sandbox {

std::string SandboxBinary() {
  // An override lets the same tests drive another build of the binary (a
  // sanitizer build, an installed copy).
  const char* override_path = std::getenv("GANDIMAIL_SANDBOX_BIN");
  return override_path != nullptr && *override_path != '\0'
             ? override_path
             : GANDIMAIL_SANDBOX_BIN;
}

Json BodyOf(const httplib::Result& res) {
  if (!res) return Json();
  return Json::parse(res->body, nullptr, /*allow_exceptions=*/false);
}

std::string LastSegment(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

void SandboxTest::Start(const std::vector<std::string>& extra_args) {
  client_.reset();
  sandbox_.reset();
  auto started = SandboxProcess::Start(SandboxBinary(), kToken, extra_args);
  ASSERT_TRUE(started.ok()) << started.status().message();
  sandbox_ = *std::move(started);
  client_ = std::make_unique<httplib::Client>("127.0.0.1", sandbox_->port());
  client_->set_keep_alive(true);
  client_->set_tcp_nodelay(true);
  client_->set_read_timeout(10, 0);
}

httplib::Headers SandboxTest::Auth() const {
  return {{"Authorization", std::string("Bearer ") + kToken}};
}

std::string SandboxTest::Base() const {
  return "http://127.0.0.1:" + std::to_string(sandbox_->port());
}

httplib::Result SandboxTest::Get(const std::string& path,
                                 httplib::Headers extra) {
  httplib::Headers h = Auth();
  h.insert(extra.begin(), extra.end());
  return client_->Get(path.c_str(), h);
}

httplib::Result SandboxTest::Post(const std::string& path, const Json& body,
                                  httplib::Headers extra) {
  httplib::Headers h = Auth();
  h.insert(extra.begin(), extra.end());
  return client_->Post(path.c_str(), h, body.is_null() ? "" : body.dump(),
                       "application/json");
}

httplib::Result SandboxTest::Put(const std::string& path, const Json& body) {
  return client_->Put(path.c_str(), Auth(), body.dump(), "application/json");
}

httplib::Result SandboxTest::Patch(const std::string& path, const Json& body) {
  return client_->Patch(path.c_str(), Auth(), body.dump(), "application/json");
}

httplib::Result SandboxTest::Delete(const std::string& path) {
  return client_->Delete(path.c_str(), Auth());
}

void SandboxTest::AddDomain(const Json& body) {
  auto res =
      client_->Post("/_sandbox/domains", body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
}

std::string SandboxTest::CreateMailbox(const std::string& domain,
                                       const std::string& login,
                                       const std::string& type) {
  auto res =
      Post("/v5/email/mailboxes/" + domain,
           {{"login", login}, {"mailbox_type", type}, {"password", kPassword}});
  EXPECT_TRUE(res);
  if (!res) return "";
  EXPECT_EQ(res->status, 202) << res->body;
  return LastSegment(res->get_header_value("Location"));
}

std::string SandboxTest::RawGet(const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(sandbox_->port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    std::string request =
        "GET " + path +
        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(sandbox_->port()) +
        "\r\nAuthorization: Bearer " + kToken + "\r\nConnection: close\r\n\r\n";
    send(fd, request.data(), request.size(), 0);
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) out.append(buf, n);
  }
  close(fd);
  return out;
}

Json SandboxTest::DomainState(const std::string& domain) {
  auto res = client_->Get("/_sandbox/state");
  if (!res) return Json();
  return BodyOf(res)["domains"][domain];
}

}  // namespace gandimail::sandbox
