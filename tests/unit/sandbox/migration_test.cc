// Migration from packmail: details, token, launch.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

class MigrationTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "pack.example"},
               {"packmail", true},
               {"free_slots", {{"standard", 2}}}});
    AddDomain({{"name", "new.example"}});
  }
};

TEST_F(MigrationTest, PackmailDomainGetsDetailsAndToken) {
  CreateMailbox("pack.example", "mb1");
  auto res = Get("/v5/email/migration/pack.example");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  Json m = BodyOf(res);
  EXPECT_EQ(m["available"], true);
  EXPECT_EQ(m["packmail"], true);
  EXPECT_EQ(m["included_mailboxes"], 5);
  EXPECT_EQ(m["free_mailboxes"], 1);
  EXPECT_EQ(m["forward_count"], 0);
  EXPECT_EQ(m["currency"], "EUR");
  EXPECT_EQ(m["token"].get<std::string>().size(), 40u);
  EXPECT_EQ(m["info"], Json::array({{{"login", "mb1"},
                                     {"offer_v2", "standard"},
                                     {"price_v2", 4.2},
                                     {"price_v2_m", 0.35},
                                     {"quota", 3145728},
                                     {"quota_v2", 3145728},
                                     {"usage", 0}}}));
  EXPECT_EQ(m["price_v2"], 4.2);
  EXPECT_EQ(BodyOf(Get("/v5/email/offers/pack.example"))["version"], 1);
}

TEST_F(MigrationTest, LaunchNeedsTheToken) {
  auto res = Post("/v5/email/migration/pack.example", {{"token", "wrong"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "token");
  EXPECT_EQ(Post("/v5/email/migration/pack.example", Json::object())->status,
            400);
}

TEST_F(MigrationTest, LaunchWithTokenMovesOffPackmail) {
  std::string token = BodyOf(Get("/v5/email/migration/pack.example"))["token"];
  auto res = Post("/v5/email/migration/pack.example", {{"token", token}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/migration/pack.example");
  Json m = BodyOf(Get("/v5/email/migration/pack.example"));
  EXPECT_EQ(m["packmail"], false);
  EXPECT_EQ(m["available"], false);
  EXPECT_EQ(BodyOf(Get("/v5/email/offers/pack.example"))["version"], 2);
  // The token does not work twice.
  EXPECT_EQ(
      Post("/v5/email/migration/pack.example", {{"token", token}})->status,
      409);
}

TEST_F(MigrationTest, DomainNotOnPackmailIsNotAvailable) {
  Json m = BodyOf(Get("/v5/email/migration/new.example"));
  EXPECT_EQ(m["available"], false);
  EXPECT_EQ(m["packmail"], false);
  EXPECT_EQ(m["token"], "");
  auto res = Post("/v5/email/migration/new.example", {{"token", ""}});
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["message"], "new.example is not on the packmail offer");
}

}  // namespace
}  // namespace gandimail::sandbox
