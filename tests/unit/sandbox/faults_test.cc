// Fault injection: each kind, route matching, rate with a seed, count.
#include <chrono>
#include <thread>

#include "absl/time/clock.h"
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kSlots[] = "/v5/email/slots/example.com";

class FaultsTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}, {"credit", 100.0}});
  }

  void SetFaults(const Json& rules, int seed = 1) {
    auto res = client_->Put("/_sandbox/faults",
                            Json({{"seed", seed}, {"rules", rules}}).dump(),
                            "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }

  // A fresh connection, so a dropped one does not affect the fixture's.
  httplib::Result FreshGet(const std::string& path) {
    httplib::Client c("127.0.0.1", sandbox_->port());
    c.set_read_timeout(10, 0);
    return c.Get(path.c_str(), Auth());
  }
};

TEST_F(FaultsTest, StatusFaultAnswersWithRetryAfterAndErrorBody) {
  SetFaults({{{"route", "POST /v5/email/slots/{domain}"},
              {"rate", 1.0},
              {"count", 1},
              {"kind", "status"},
              {"status", 429},
              {"retry_after_s", 1}}});
  Json order = {{"mailbox_type", "standard"}, {"duration", 1}};
  auto res = Post(kSlots, order);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  EXPECT_EQ(BodyOf(res)["object"], "HTTPTooManyRequests");
  EXPECT_EQ(DomainState("example.com")["slots"], Json::array());
  EXPECT_EQ(Post(kSlots, order)->status, 202);
}

TEST_F(FaultsTest, CountLimitsHitsAndGetShowsThem) {
  SetFaults({{{"route", "GET /v5/email/slots/{domain}"},
              {"count", 2},
              {"kind", "status"},
              {"status", 500}}});
  EXPECT_EQ(Get(kSlots)->status, 500);
  EXPECT_EQ(Get(kSlots)->status, 500);
  EXPECT_EQ(Get(kSlots)->status, 200);
  EXPECT_EQ(BodyOf(client_->Get("/_sandbox/faults"))["rules"][0]["hits"], 2);
}

TEST_F(FaultsTest, RateZeroNeverHits) {
  SetFaults(
      {{{"route", "*"}, {"rate", 0.0}, {"kind", "status"}, {"status", 503}}});
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Get(kSlots)->status, 200);
}

TEST_F(FaultsTest, SeededRateGivesTheSameSequence) {
  Json rules = {
      {{"route", "*"}, {"rate", 0.5}, {"kind", "status"}, {"status", 503}}};
  auto sequence = [&] {
    SetFaults(rules, 7);
    std::string out;
    for (int i = 0; i < 40; ++i) out += Get(kSlots)->status == 503 ? 'x' : '.';
    return out;
  };
  std::string first = sequence();
  EXPECT_EQ(sequence(), first);
  EXPECT_NE(first.find('x'), std::string::npos);
  EXPECT_NE(first.find('.'), std::string::npos);
}

TEST_F(FaultsTest, LatencyDelaysThenAnswers) {
  SetFaults({{{"route", "GET /v5/email/slots/{domain}"},
              {"kind", "latency"},
              {"ms", 300}}});
  absl::Time start = absl::Now();
  auto res = Get(kSlots);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
}

TEST_F(FaultsTest, DropClosesWithoutResponse) {
  SetFaults({{{"route", "GET /v5/email/slots/{domain}"},
              {"count", 1},
              {"kind", "drop"}}});
  auto res = FreshGet(kSlots);
  EXPECT_FALSE(res);
  EXPECT_NE(res.error(), httplib::Error::Success);
  EXPECT_EQ(FreshGet(kSlots)->status, 200);
}

TEST_F(FaultsTest, StallHoldsRequestWithoutStarvingOthers) {
  SetFaults({{{"route", "GET /v5/email/offers/{domain}"},
              {"kind", "stall"},
              {"ms", 1500}}});
  absl::Time start = absl::Now();
  std::vector<std::thread> stalled;
  std::vector<bool> answered(4, true);
  for (int i = 0; i < 4; ++i) {
    stalled.emplace_back([&, i] {
      answered[i] = static_cast<bool>(FreshGet("/v5/email/offers/example.com"));
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(FreshGet(kSlots)->status, 200);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1200));
  for (std::thread& t : stalled) t.join();
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(1500));
  for (bool a : answered) EXPECT_FALSE(a);
}

TEST_F(FaultsTest, AfterEffectPerformsThenDrops) {
  SetFaults({{{"route", "POST /v5/email/forwards/{domain}"},
              {"kind", "after_effect"}}});
  httplib::Client c("127.0.0.1", sandbox_->port());
  auto res = c.Post("/v5/email/forwards/example.com", Auth(),
                    R"({"source":"alice","destinations":["a@example.org"]})",
                    "application/json");
  EXPECT_FALSE(res);
  EXPECT_EQ(DomainState("example.com")["forwards"][0]["source"], "alice");
}

TEST_F(FaultsTest, StarRouteHitsApiButNotControl) {
  SetFaults({{{"route", "*"}, {"kind", "status"}, {"status", 502}}});
  EXPECT_EQ(Get(kSlots)->status, 502);
  EXPECT_EQ(Get("/v5/email/offers/example.com")->status, 502);
  EXPECT_EQ(client_->Get("/_sandbox/state")->status, 200);
}

TEST_F(FaultsTest, FaultedRequestsAreCounted) {
  SetFaults({{{"route", "*"}, {"kind", "status"}, {"status", 500}}});
  Get(kSlots);
  Get(kSlots);
  EXPECT_EQ(
      BodyOf(client_->Get(
          "/_sandbox/requests"))["routes"]["GET /v5/email/slots/{domain}"],
      2);
}

TEST_F(FaultsTest, InvalidRulesAre400) {
  for (const Json& rule :
       {Json({{"route", "GET /v5/email/nothing"}, {"kind", "drop"}}),
        Json({{"route", "*"}, {"kind", "explode"}}),
        Json({{"route", "*"}, {"kind", "status"}}),
        Json({{"route", "*"}, {"kind", "latency"}}),
        Json({{"route", "*"}, {"kind", "drop"}, {"rate", 2}})}) {
    auto res =
        client_->Put("/_sandbox/faults", Json({{"rules", {rule}}}).dump(),
                     "application/json");
    EXPECT_EQ(res->status, 400) << rule;
  }
}

TEST_F(FaultsTest, DeleteFaultsClearsRules) {
  SetFaults({{{"route", "*"}, {"kind", "status"}, {"status", 500}}});
  auto res = client_->Delete("/_sandbox/faults");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Get(kSlots)->status, 200);
}

TEST_F(FaultsTest, ResetClearsFaults) {
  SetFaults({{{"route", "*"}, {"kind", "status"}, {"status", 500}}});
  client_->Post("/_sandbox/reset", "", "application/json");
  AddDomain({{"name", "example.com"}});
  EXPECT_EQ(Get(kSlots)->status, 200);
}

TEST_F(FaultsTest, SigtermEndsStalledRequestPromptly) {
  SetFaults({{{"route", "*"}, {"kind", "stall"}, {"ms", 60000}}});
  std::thread stalled([&] { FreshGet(kSlots); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  absl::Time start = absl::Now();
  EXPECT_EQ(sandbox_->Stop(SIGTERM, absl::Seconds(5)), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  stalled.join();
}

}  // namespace
}  // namespace gandimail::sandbox
