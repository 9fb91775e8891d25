// The gandi client against gandimail-sandbox, the project's local double of
// the Email API. Skipped when the sandbox binary has not been built.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/log/log.h"
#include "src/gandi/client.h"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"

namespace gandimail::gandi {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kToken[] = "sandbox-TOKEN-42";
constexpr char kPassword[] = "Sandb0x-P@ss-123";

// Runs the sandbox binary for the whole suite.
class SandboxProcess {
 public:
  // Starts `binary`; returns the base URL, or "" when it did not come up.
  std::string Start(const char* binary) {
    int out[2];
    if (pipe(out) != 0) return "";
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      close(out[0]);
      execl(binary, binary, "--listen", "127.0.0.1:0", "--token", kToken,
            "--page-size", "2", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    const std::string line = ReadLine(out[0]);
    close(out[0]);
    const std::string prefix = "listening on ";
    if (line.rfind(prefix, 0) != 0) return "";
    return line.substr(prefix.size());
  }

  ~SandboxProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }

 private:
  static std::string ReadLine(int fd) {
    std::string line;
    char c;
    while (true) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 10000) <= 0) return "";
      if (read(fd, &c, 1) != 1 || c == '\n') return line;
      line.push_back(c);
    }
  }

  pid_t pid_ = -1;
};

class SandboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (access(GM_SANDBOX_BINARY, X_OK) != 0) return;
    process_ = new SandboxProcess();
    base_url_ = new std::string(process_->Start(GM_SANDBOX_BINARY));
  }
  static void TearDownTestSuite() {
    delete process_;
    delete base_url_;
    process_ = nullptr;
    base_url_ = nullptr;
  }

  void SetUp() override {
    if (base_url_ == nullptr || base_url_->empty()) {
      GTEST_SKIP() << "no sandbox at " << GM_SANDBOX_BINARY;
    }
    http::Options options;
    options.requests_per_minute = 0;
    options.initial_backoff = absl::Milliseconds(5);
    http_ = std::make_unique<http::Client>(options);
    client_ = std::make_unique<Client>(
        http_.get(), *base_url_,
        Credentials{Credentials::kBearer, log::Secret(kToken)}, "");
    ASSERT_EQ(Control("POST", "/_sandbox/reset", "{}").status, 200);
    ASSERT_EQ(Control("POST", "/_sandbox/domains",
                      R"({"name": "example.com",
                          "free_slots": {"standard": 2}, "credit": 100.0})")
                      .status /
                  100,
              2);
  }

  http::Response Control(std::string method, std::string path,
                         std::string body) {
    http::Request request;
    request.method = std::move(method);
    request.url = *base_url_ + path;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    auto response = http_->Do(request);
    return response.ok() ? *response : http::Response{};
  }

  // Waits for a write to become visible (the API is eventually consistent).
  absl::Status WaitFor(std::function<absl::StatusOr<bool>()> ready) {
    return WaitUntil(std::move(ready), absl::Now() + absl::Seconds(10),
                     absl::Milliseconds(10));
  }

  static SandboxProcess* process_;
  static std::string* base_url_;
  std::unique_ptr<http::Client> http_;
  std::unique_ptr<Client> client_;
};

SandboxProcess* SandboxTest::process_ = nullptr;
std::string* SandboxTest::base_url_ = nullptr;

MailboxCreate Alice() {
  return {"alice", "standard", log::Secret(kPassword),
          std::vector<std::string>{"bob"}, std::nullopt};
}

TEST_F(SandboxTest, MailboxLifecycle) {
  auto ack = client_->CreateMailbox("example.com", Alice());
  ASSERT_TRUE(ack.ok()) << ack.status();
  ASSERT_TRUE(ack->id.has_value()) << "no id in Location";
  const std::string id = *ack->id;

  ASSERT_TRUE(WaitFor([&]() -> absl::StatusOr<bool> {
                auto mailbox = client_->GetMailbox("example.com", id);
                if (absl::IsNotFound(mailbox.status())) return false;
                if (!mailbox.ok()) return mailbox.status();
                return true;
              }).ok());
  auto mailbox = client_->GetMailbox("example.com", id);
  ASSERT_TRUE(mailbox.ok()) << mailbox.status();
  EXPECT_EQ(mailbox->login, "alice");
  EXPECT_EQ(mailbox->address, "alice@example.com");
  EXPECT_THAT(mailbox->aliases, ::testing::ElementsAre("bob"));

  MailboxUpdate update;
  update.aliases = std::vector<std::string>{"carol"};
  ASSERT_TRUE(client_->UpdateMailbox("example.com", id, update).ok());
  ASSERT_TRUE(client_->DeleteMailbox("example.com", id).ok());
  EXPECT_TRUE(WaitFor([&]() -> absl::StatusOr<bool> {
                auto gone = client_->GetMailbox("example.com", id);
                if (absl::IsNotFound(gone.status())) return true;
                if (!gone.ok()) return gone.status();
                return false;
              }).ok());
}

TEST_F(SandboxTest, ForwardListReadsEverySandboxPage) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(
        client_
            ->CreateForward("example.com", {"f" + std::to_string(i), {"a@b.c"}})
            .ok());
  }
  absl::StatusOr<std::vector<Forward>> forwards;
  ASSERT_TRUE(WaitFor([&]() -> absl::StatusOr<bool> {
                forwards = client_->ListForwards("example.com");
                if (!forwards.ok()) return forwards.status();
                return forwards->size() == 5;
              }).ok());
  EXPECT_THAT(*forwards, SizeIs(5));
}

TEST_F(SandboxTest, UnknownMailboxIsNotFound) {
  auto mailbox = client_->GetMailbox("example.com",
                                     "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(mailbox.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SandboxTest, WrongTokenIsRefused) {
  Client client(http_.get(), *base_url_,
                {Credentials::kBearer, log::Secret("wrong")}, "");
  EXPECT_EQ(client.ListSlots("example.com").status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(SandboxTest, SlotsAndOffer) {
  auto slots = client_->ListSlots("example.com");
  ASSERT_TRUE(slots.ok()) << slots.status();
  EXPECT_THAT(*slots, SizeIs(2));
  auto offer = client_->GetOffer("example.com");
  ASSERT_TRUE(offer.ok()) << offer.status();
  EXPECT_TRUE(client_->UpdateOffer("example.com", {"active", "active"}).ok());
}

TEST_F(SandboxTest, DryRunCreateChangesNothing) {
  auto result = client_->DryRunCreateMailbox("example.com", Alice());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, "success");
  auto list = client_->ListMailboxes("example.com");
  ASSERT_TRUE(list.ok());
  EXPECT_THAT(*list, SizeIs(0));
}

TEST_F(SandboxTest, TraceLogsHoldNoTokenOrPassword) {
  std::mutex mu;
  std::string logs;
  log::SetLevelForTest(log::Level::kTrace);
  log::SetSinkForTest([&](std::string_view line) {
    std::lock_guard<std::mutex> lock(mu);
    logs += std::string(line) + "\n";
  });
  auto ack = client_->CreateMailbox("example.com", Alice());
  MailboxCreate weak = Alice();
  weak.login = "weak";
  weak.password = log::Secret("short");
  auto refused = client_->CreateMailbox("example.com", weak);
  log::SetSinkForTest(nullptr);
  log::SetLevelForTest(log::Level::kOff);

  EXPECT_TRUE(ack.ok()) << ack.status();
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(logs, HasSubstr("HTTP exchange"));
  EXPECT_THAT(logs, Not(HasSubstr(kToken)));
  EXPECT_THAT(logs, Not(HasSubstr(kPassword)));
  EXPECT_THAT(logs, Not(HasSubstr("\"short\"")));
  EXPECT_THAT(refused.status().message(), Not(HasSubstr(kToken)));
}

}  // namespace
}  // namespace gandimail::gandi
