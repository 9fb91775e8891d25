#include "internal/http/client.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/log/log.h"
#include "tests/unit/http/test_server.h"

namespace gandimail::http {
namespace {

using ::gandimail::http::testing::DroppingServer;
using ::gandimail::http::testing::RefusingUrl;
using ::gandimail::http::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::Not;

// Fast retries so that the tests do not sleep for long.
Options FastOptions() {
  Options options;
  options.user_agent = "gm-test/1.0";
  options.initial_backoff = absl::Milliseconds(10);
  options.max_backoff = absl::Seconds(5);
  options.max_retries = 3;
  options.requests_per_minute = 0;
  return options;
}

Request Get(const std::string& url) {
  Request request;
  request.method = "GET";
  request.url = url;
  return request;
}

Request Post(const std::string& url, std::string body) {
  Request request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::move(body);
  return request;
}

// Answers `status` to the first `failures` requests, then 200 "ok".
void FailThenSucceed(httplib::Server& server, const std::string& path,
                     int failures, int status, std::atomic<int>* seen,
                     std::string retry_after = "") {
  auto handler = [=](const httplib::Request&, httplib::Response& res) {
    if (seen->fetch_add(1) < failures) {
      res.status = status;
      if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
      res.set_content("{\"message\":\"busy\"}", "application/json");
      return;
    }
    res.set_content("ok", "text/plain");
  };
  server.Get(path, handler);
  server.Post(path, handler);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

class CapturedLog {
 public:
  explicit CapturedLog(log::Level level) {
    log::SetLevelForTest(level);
    log::SetSinkForTest([this](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.emplace_back(line);
    });
  }
  ~CapturedLog() {
    log::SetSinkForTest(nullptr);
    log::SetLevelForTest(log::Level::kOff);
  }
  std::vector<nlohmann::json> WithMessage(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<nlohmann::json> out;
    for (const auto& line : lines_) {
      auto parsed = nlohmann::json::parse(line);
      if (parsed["@message"] == message) out.push_back(parsed);
    }
    return out;
  }
  std::string All() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string all;
    for (const auto& line : lines_) all += line + "\n";
    return all;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

TEST(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestServer server;
  server.server().Get("/v5/email/forwards/example.com",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.set_header("Total-Count", "7");
                        res.set_content("[]", "application/json");
                      });
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/v5/email/forwards/example.com")));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "[]");
  EXPECT_EQ(response->attempts, 1);
  EXPECT_EQ(response->Header("total-count"), "7");
  EXPECT_EQ(response->Header("TOTAL-COUNT"), "7");
  EXPECT_EQ(response->Header("Link"), std::nullopt);
}

TEST(HttpClientTest, SendsMethodHeadersBodyAndUserAgent) {
  TestServer server;
  std::string seen_method, seen_body, seen_agent, seen_custom, seen_expect;
  server.server().Patch(
      "/thing", [&](const httplib::Request& req, httplib::Response& res) {
        seen_method = req.method;
        seen_body = req.body;
        seen_agent = req.get_header_value("User-Agent");
        seen_custom = req.get_header_value("Dry-Run");
        seen_expect = req.get_header_value("Expect");
        res.status = 202;
      });
  Client client(FastOptions());
  Request request;
  request.method = "PATCH";
  request.url = server.Url("/thing");
  request.headers = {{"Dry-Run", "1"}, {"Content-Type", "application/json"}};
  request.body = std::string(5000, 'x');  // Large enough for Expect.
  auto response = client.Do(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 202);
  EXPECT_EQ(seen_method, "PATCH");
  EXPECT_EQ(seen_body, std::string(5000, 'x'));
  EXPECT_EQ(seen_agent, "gm-test/1.0");
  EXPECT_EQ(seen_custom, "1");
  EXPECT_EQ(seen_expect, "");
}

TEST(HttpClientTest, DeleteAndPutUseTheirMethods) {
  TestServer server;
  std::vector<std::string> methods;
  auto record = [&](const httplib::Request& req, httplib::Response& res) {
    methods.push_back(req.method + ":" + req.body);
    res.status = 202;
  };
  server.server().Delete("/x", record);
  server.server().Put("/x", record);
  Client client(FastOptions());
  Request del = Get(server.Url("/x"));
  del.method = "DELETE";
  Request put = Get(server.Url("/x"));
  put.method = "PUT";
  put.body = "{\"destinations\":[]}";
  ASSERT_TRUE(client.Do(del).ok());
  ASSERT_TRUE(client.Do(put).ok());
  EXPECT_THAT(methods,
              ::testing::ElementsAre("DELETE:", "PUT:{\"destinations\":[]}"));
}

TEST(HttpClientTest, GetIsRetriedOn503UntilItSucceeds) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/flaky", 2, 503, &seen);
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/flaky")));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->attempts, 3);
  EXPECT_EQ(seen.load(), 3);
}

TEST(HttpClientTest, RetriesStopAtMaxRetriesWithTheLastAnswer) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/down", 100, 500, &seen);
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/down")));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->attempts, 4);
  EXPECT_EQ(seen.load(), 4);
}

TEST(HttpClientTest, ClientErrorsAreNotRetried) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/bad", 100, 400, &seen);
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/bad")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(seen.load(), 1);
}

TEST(HttpClientTest, RetryAfterSecondsIsHonoured) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/limited", 1, 429, &seen, "1");
  Client client(FastOptions());
  const auto start = std::chrono::steady_clock::now();
  auto response = client.Do(Get(server.Url("/limited")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_GE(SecondsSince(start), 0.95);
}

TEST(HttpClientTest, RetryAfterHttpDateIsHonoured) {
  TestServer server;
  std::atomic<int> seen{0};
  const std::string date =
      absl::FormatTime("%a, %d %b %Y %H:%M:%S GMT",
                       absl::Now() + absl::Seconds(2), absl::UTCTimeZone());
  FailThenSucceed(server.server(), "/limited", 1, 503, &seen, date);
  Client client(FastOptions());
  const auto start = std::chrono::steady_clock::now();
  auto response = client.Do(Get(server.Url("/limited")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  // The date has one-second precision: the wait is between 1 and 2 s.
  EXPECT_GE(SecondsSince(start), 0.9);
}

TEST(HttpClientTest, RetryAfterBeyondMaxBackoffReturnsTheAnswer) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/limited", 1, 429, &seen, "3600");
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/limited")));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->Header("Retry-After"), "3600");
  EXPECT_EQ(seen.load(), 1);
}

TEST(HttpClientTest, PostIsNotRetriedOn503) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/create", 100, 503, &seen);
  Client client(FastOptions());
  auto response = client.Do(Post(server.Url("/create"), "{}"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->attempts, 1);
  EXPECT_EQ(seen.load(), 1);
}

TEST(HttpClientTest, PostIsRetriedOn429BecauseItWasNotProcessed) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/create", 1, 429, &seen, "0");
  Client client(FastOptions());
  auto response = client.Do(Post(server.Url("/create"), "{}"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(seen.load(), 2);
}

TEST(HttpClientTest, PostWithoutRetryUnprocessedIsNotRetriedOn429) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/create", 1, 429, &seen, "0");
  Client client(FastOptions());
  Request request = Post(server.Url("/create"), "{}");
  request.retry_unprocessed = false;
  auto response = client.Do(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(seen.load(), 1);
}

TEST(HttpClientTest, PostOnDroppedConnectionHasUnknownOutcome) {
  DroppingServer server;
  Client client(FastOptions());
  auto response = client.Do(Post(server.Url("/create"), "{\"a\":1}"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsOutcomeUnknown(response.status()));
  EXPECT_THAT(response.status().message(), HasSubstr("outcome is unknown"));
  EXPECT_EQ(server.accepted(), 1);
}

TEST(HttpClientTest, GetOnDroppedConnectionIsRetried) {
  DroppingServer server;
  Client client(FastOptions());
  auto response = client.Do(Get(server.Url("/read")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(response.status().message(), HasSubstr("after 4 attempts"));
  EXPECT_EQ(server.accepted(), 4);
}

TEST(HttpClientTest, RefusedConnectionSaysNotSentAndIsRetriedEvenForPost) {
  Client client(FastOptions());
  const auto start = std::chrono::steady_clock::now();
  auto response = client.Do(Post(RefusingUrl("/create?sharing_id=org1"), ""));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(IsOutcomeUnknown(response.status()));
  EXPECT_THAT(response.status().message(), HasSubstr("was not sent"));
  EXPECT_THAT(response.status().message(), HasSubstr("after 4 attempts"));
  EXPECT_THAT(response.status().message(), Not(HasSubstr("sharing_id")));
  EXPECT_LT(SecondsSince(start), 5);
}

TEST(HttpClientTest, TimedOutGetIsRetriedThenFails) {
  TestServer server;
  server.server().Get(
      "/slow", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        res.set_content("late", "text/plain");
      });
  Options options = FastOptions();
  options.request_timeout = absl::Milliseconds(200);
  options.max_retries = 1;
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  auto response = client.Do(Get(server.Url("/slow")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(response.status().message(), HasSubstr("after 2 attempts"));
  EXPECT_LT(SecondsSince(start), 1.4);
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClientTest, TimedOutPostIsNotRetriedAndHasUnknownOutcome) {
  TestServer server;
  server.server().Post(
      "/slow", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        res.status = 202;
      });
  Options options = FastOptions();
  options.request_timeout = absl::Milliseconds(150);
  Client client(options);
  auto response = client.Do(Post(server.Url("/slow"), "{}"));
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(IsOutcomeUnknown(response.status()));
  EXPECT_EQ(server.requests(), 1);
}

TEST(HttpClientTest, SequentialRequestsReuseOneConnection) {
  TestServer server;
  server.server().Get("/r",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.set_content("{}", "application/json");
                      });
  Client client(FastOptions());
  for (int i = 0; i < 20; ++i) {
    auto response = client.Do(Get(server.Url("/r")));
    ASSERT_TRUE(response.ok());
  }
  EXPECT_EQ(server.requests(), 20);
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClientTest, ConcurrentThreadsReuseAtMostOneConnectionEach) {
  TestServer server;
  server.server().Get(
      "/r", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        res.set_content("{}", "application/json");
      });
  Client client(FastOptions());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        if (!client.Do(Get(server.Url("/r"))).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(server.requests(), 60);
  EXPECT_LE(server.connections(), 4);
}

TEST(HttpClientTest, PacingKeepsAllThreadsUnderTheRate) {
  TestServer server;
  server.server().Get("/r",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.set_content("{}", "application/json");
                      });
  Options options = FastOptions();
  options.requests_per_minute = 1200;  // Burst 20, then ~19.7 per second.
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE(client.Do(Get(server.Url("/r"))).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(server.requests(), 40);
  // 20 at once, then 20 more at ~19.7/s.
  EXPECT_GE(SecondsSince(start), 0.95);
}

TEST(HttpClientTest, ZeroRequestsPerMinuteDoesNotPace) {
  TestServer server;
  server.server().Get("/r",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.set_content("{}", "application/json");
                      });
  Client client(FastOptions());
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(client.Do(Get(server.Url("/r"))).ok());
  }
  EXPECT_LT(SecondsSince(start), 2.0);
}

TEST(HttpClientTest, StopCancelsAWaitingRetry) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/limited", 100, 503, &seen, "4");
  Client client(FastOptions());
  const auto start = std::chrono::steady_clock::now();
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    client.Stop();
  });
  auto response = client.Do(Get(server.Url("/limited")));
  stopper.join();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kCancelled);
  EXPECT_LT(SecondsSince(start), 2.0);
  EXPECT_EQ(seen.load(), 1);
}

TEST(HttpClientTest, StopLetsARequestInFlightFinish) {
  TestServer server;
  server.server().Post(
      "/create", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        res.status = 202;
      });
  Client client(FastOptions());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    client.Stop();
  });
  auto response = client.Do(Post(server.Url("/create"), "{}"));
  stopper.join();
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 202);
}

TEST(HttpClientTest, RequestAfterStopIsCancelledUnsent) {
  TestServer server;
  Client client(FastOptions());
  client.Stop();
  auto response = client.Do(Get(server.Url("/r")));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(server.requests(), 0);
}

TEST(HttpClientTest, HeaderWithLineBreakIsRejectedUnsent) {
  TestServer server;
  Client client(FastOptions());
  Request request = Get(server.Url("/r"));
  request.headers = {{"Authorization", "Bearer x\r\nX-Evil: 1"}};
  auto response = client.Do(request);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(response.status().message(), Not(HasSubstr("Bearer")));
  EXPECT_EQ(server.requests(), 0);
}

TEST(HttpClientTest, OversizedAnswerIsResourceExhaustedWithOutcomeUnknown) {
  TestServer server;
  server.server().Get("/big",
                      [](const httplib::Request&, httplib::Response& res) {
                        res.set_content(std::string(100000, 'x'), "text/plain");
                      });
  Options options = FastOptions();
  options.max_response_bytes = 1000;
  Client client(options);
  auto response = client.Do(Get(server.Url("/big")));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kResourceExhausted);
  // The server acted on the request: a POST answered so must be checked.
  EXPECT_TRUE(IsOutcomeUnknown(response.status()));
}

TEST(HttpClientTest, EachAttemptLogsOneDebugLineAndRetriesWarn) {
  TestServer server;
  std::atomic<int> seen{0};
  FailThenSucceed(server.server(), "/flaky", 1, 503, &seen);
  CapturedLog captured(log::Level::kDebug);
  Client client(FastOptions());
  ASSERT_TRUE(client.Do(Get(server.Url("/flaky?sharing_id=org-1"))).ok());

  const auto lines = captured.WithMessage("HTTP request");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["@level"], "debug");
  EXPECT_EQ(lines[0]["method"], "GET");
  EXPECT_EQ(lines[0]["url"], server.Url("/flaky"));
  EXPECT_EQ(lines[0]["status"], 503);
  EXPECT_EQ(lines[0]["attempt"], 1);
  EXPECT_TRUE(lines[0]["duration_ms"].is_number_integer());
  EXPECT_EQ(lines[1]["status"], 200);
  EXPECT_EQ(lines[1]["attempt"], 2);
  const auto retries = captured.WithMessage("retrying HTTP request");
  ASSERT_EQ(retries.size(), 1u);
  EXPECT_EQ(retries[0]["@level"], "warn");
  EXPECT_EQ(retries[0]["reason"], "status 503");
  EXPECT_THAT(captured.All(), Not(HasSubstr("org-1")));
}

TEST(HttpClientTest, TraceLogsBodiesAndHeadersWithoutSecrets) {
  TestServer server;
  server.server().Post(
      "/create", [](const httplib::Request&, httplib::Response& res) {
        res.status = 202;
        res.set_content("{\"message\":\"ok\",\"token\":\"T-SECRET-1\"}",
                        "application/json");
      });
  CapturedLog captured(log::Level::kTrace);
  Client client(FastOptions());
  Request request =
      Post(server.Url("/create"),
           "{\"login\":\"alice\",\"password\":\"P@ss-SECRET-2\"}");
  request.headers.emplace_back("Authorization", "Bearer tok-SECRET-3");
  ASSERT_TRUE(client.Do(request).ok());

  const auto lines = captured.WithMessage("HTTP exchange");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["@level"], "trace");
  EXPECT_EQ(lines[0]["request_headers"]["Authorization"], "Bearer (redacted)");
  EXPECT_EQ(lines[0]["request_body"],
            "{\"login\":\"alice\",\"password\":\"(redacted)\"}");
  EXPECT_THAT(lines[0]["response_body"].get<std::string>(),
              HasSubstr("\"message\":\"ok\""));
  EXPECT_THAT(captured.All(), Not(HasSubstr("SECRET")));
}

TEST(HttpClientTest, TraceScrubsRequestSecretsEchoedInTheAnswer) {
  TestServer server;
  server.server().Post(
      "/create", [](const httplib::Request& req, httplib::Response& res) {
        res.status = 400;
        res.set_header("X-Echo", req.get_header_value("Authorization"));
        res.set_content(nlohmann::json{{"message", "bad " + req.body}}.dump(),
                        "application/json");
      });
  CapturedLog captured(log::Level::kTrace);
  Client client(FastOptions());
  Request request =
      Post(server.Url("/create"), "{\"password\":\"P@ss-SECRET-2\"}");
  request.headers.emplace_back("Authorization", "Bearer tok-SECRET-3");
  ASSERT_TRUE(client.Do(request).ok());
  EXPECT_THAT(captured.All(), HasSubstr("HTTP exchange"));
  EXPECT_THAT(captured.All(), Not(HasSubstr("SECRET")));
}

}  // namespace
}  // namespace gandimail::http
