// The domain offer: GET shape, mixed antispam, PATCH rules.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kOffer[] = "/v5/email/offers/example.com";

class OffersTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}, {"free_slots", {{"standard", 2}}}});
  }
};

TEST_F(OffersTest, GetShowsStatusVersionAntispamDkim) {
  auto res = Get(kOffer);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res), Json({{"status", "active"},
                               {"version", 2},
                               {"antispam", "active"},
                               {"dkim", "inactive"}}));
}

TEST_F(OffersTest, AntispamReadsMixedWhenMailboxesDiffer) {
  CreateMailbox("example.com", "alice");
  std::string bob = CreateMailbox("example.com", "bob");
  EXPECT_EQ(BodyOf(Get(kOffer))["antispam"], "active");
  Patch("/v5/email/mailboxes/example.com/" + bob, {{"antispam", false}});
  EXPECT_EQ(BodyOf(Get(kOffer))["antispam"], "mixed");
}

TEST_F(OffersTest, PatchSetsEveryMailboxAntispam) {
  std::string alice = CreateMailbox("example.com", "alice");
  std::string bob = CreateMailbox("example.com", "bob");
  Patch("/v5/email/mailboxes/example.com/" + bob, {{"antispam", false}});
  auto res = Patch(kOffer, {{"antispam", "inactive"}, {"dkim", "active"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/offers/example.com");
  Json offer = BodyOf(Get(kOffer));
  EXPECT_EQ(offer["antispam"], "inactive");
  EXPECT_EQ(offer["dkim"], "active");
  EXPECT_EQ(BodyOf(Get("/v5/email/mailboxes/example.com/" + alice))["antispam"],
            false);
}

TEST_F(OffersTest, PatchNeedsBothFields) {
  auto res = Patch(kOffer, {{"dkim", "active"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "antispam");
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"], "is required");
}

TEST_F(OffersTest, PatchRefusesMixedAndOtherValues) {
  auto res = Patch(kOffer, {{"antispam", "mixed"}, {"dkim", "active"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"],
            "must be active or inactive");
  EXPECT_EQ(Patch(kOffer, {{"antispam", "active"}, {"dkim", true}})->status,
            400);
}

}  // namespace
}  // namespace gandimail::sandbox
