// Renew one mailbox and renew all: credit, 402, Dry-Run, durations.
#include <fstream>

#include "absl/time/time.h"
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kMailboxes[] = "/v5/email/mailboxes/example.com";

class RenewTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"},
               {"free_slots", {{"standard", 2}, {"premium", 1}}},
               {"credit", 10.0}});
    alice_ = CreateMailbox("example.com", "alice");
  }

  double Credit() { return DomainState("example.com")["credit"]; }
  std::string Expiry(const std::string& id) {
    return BodyOf(Get(std::string(kMailboxes) + "/" + id))["expires_at"];
  }

  std::string alice_;
};

TEST_F(RenewTest, RenewByAddressSpendsCreditAndExtends) {
  std::string before = Expiry(alice_);
  auto res = Post(std::string(kMailboxes) + "/alice@example.com/renew",
                  {{"duration", 12}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/mailboxes/example.com/" + alice_);
  EXPECT_NEAR(Credit(), 10.0 - 12 * 0.35, 1e-9);
  EXPECT_GT(Expiry(alice_), before);
}

TEST_F(RenewTest, RenewByUuidWorksToo) {
  auto res = Post(std::string(kMailboxes) + "/" + alice_ + "/renew",
                  {{"duration", 1}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_NEAR(Credit(), 10.0 - 0.35, 1e-9);
}

TEST_F(RenewTest, BareLoginOrOtherDomainIs404) {
  EXPECT_EQ(
      Post(std::string(kMailboxes) + "/alice/renew", {{"duration", 1}})->status,
      404);
  EXPECT_EQ(Post(std::string(kMailboxes) + "/alice@other.example/renew",
                 {{"duration", 1}})
                ->status,
            404);
}

TEST_F(RenewTest, DurationMustBe1Or12) {
  auto res = Post(std::string(kMailboxes) + "/" + alice_ + "/renew",
                  {{"duration", 6}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "duration");
  EXPECT_EQ(
      Post(std::string(kMailboxes) + "/" + alice_ + "/renew", Json::object())
          ->status,
      400);
}

TEST_F(RenewTest, ShortCreditIs402WithPaymentBody) {
  std::string p = CreateMailbox("example.com", "boss", "premium");
  auto res =
      Post(std::string(kMailboxes) + "/" + p + "/renew", {{"duration", 12}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 402);
  Json body = BodyOf(res);
  EXPECT_EQ(body["status_code"], 402);
  EXPECT_EQ(body["message"],
            "duration: not enough prepaid credit: the renewal costs 18.00 "
            "EUR, the account holds 10.00 EUR");
  EXPECT_NEAR(Credit(), 10.0, 1e-9);
}

TEST_F(RenewTest, DryRunChargesNothing) {
  std::string before = Expiry(alice_);
  auto res = Post(std::string(kMailboxes) + "/" + alice_ + "/renew",
                  {{"duration", 12}}, {{"Dry-Run", "1"}});
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res)["status"], "success");
  EXPECT_NEAR(Credit(), 10.0, 1e-9);
  EXPECT_EQ(Expiry(alice_), before);
}

TEST_F(RenewTest, DryRunReportsShortCreditAsError) {
  std::string p = CreateMailbox("example.com", "boss", "premium");
  auto res = Post(std::string(kMailboxes) + "/" + p + "/renew",
                  {{"duration", 12}}, {{"Dry-Run", "1"}});
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res)["status"], "error");
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "duration");
}

TEST_F(RenewTest, RenewAllChargesEveryMailbox) {
  CreateMailbox("example.com", "bob");
  auto res = Post(std::string(kMailboxes) + "/renew",
                  {{"sharing_id", "ac7205ab-5888-4e8a-af59-397db787d75f"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_NEAR(Credit(), 10.0 - 2 * 12 * 0.35, 1e-9);
}

TEST_F(RenewTest, RenewAllTakesOptionalDurationAndEmptyBody) {
  auto res = Post(std::string(kMailboxes) + "/renew", Json());
  EXPECT_EQ(res->status, 202);
  res = Post(std::string(kMailboxes) + "/renew", {{"duration", 1}});
  EXPECT_EQ(res->status, 202);
  EXPECT_NEAR(Credit(), 10.0 - 13 * 0.35, 1e-9);
}

TEST_F(RenewTest, RenewAllDryRunAndShortCredit) {
  CreateMailbox("example.com", "boss", "premium");
  auto dry = Post(std::string(kMailboxes) + "/renew", Json::object(),
                  {{"Dry-Run", "1"}});
  EXPECT_EQ(dry->status, 200);
  EXPECT_EQ(BodyOf(dry)["status"], "error");
  auto res = Post(std::string(kMailboxes) + "/renew", Json::object());
  EXPECT_EQ(res->status, 402);
  EXPECT_NEAR(Credit(), 10.0, 1e-9);
}

TEST_F(RenewTest, RenewClearsToConvert) {
  Json seed = {{"domains",
                {{"seed.example",
                  {{"credit", 5.0},
                   {"mailboxes",
                    {{{"login", "free"},
                      {"mailbox_type", "standard"},
                      {"to_convert", true}}}}}}}}};
  std::string path = testing::TempDir() + "/renew_seed.json";
  std::ofstream(path) << seed.dump();
  Start({"--seed", path});
  const std::string list = "/v5/email/mailboxes/seed.example";
  EXPECT_EQ(BodyOf(Get(list))[0]["to_convert"], true);
  ASSERT_EQ(Post(list + "/free@seed.example/renew", {{"duration", 1}})->status,
            202);
  EXPECT_EQ(BodyOf(Get(list))[0]["to_convert"], false);
}

}  // namespace
}  // namespace gandimail::sandbox
