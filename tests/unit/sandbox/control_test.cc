// The control API: domains, reset, state, request counts.
#include <fstream>

#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

class ControlTest : public SandboxTest {
 protected:
  httplib::Result PostDomain(const Json& body) {
    return client_->Post("/_sandbox/domains", body.dump(), "application/json");
  }
};

TEST_F(ControlTest, DomainPostedTwiceIs409) {
  ASSERT_EQ(PostDomain({{"name", "example.com"}})->status, 201);
  auto res = PostDomain({{"name", "example.com"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["message"], "The domain example.com already exists");
}

TEST_F(ControlTest, DomainBodyIsValidated) {
  EXPECT_EQ(PostDomain(Json::object())->status, 400);
  EXPECT_EQ(PostDomain({{"name", "Not A Domain"}})->status, 400);
  EXPECT_EQ(PostDomain({{"name", "x.example"}, {"free_slots", {{"gold", 1}}}})
                ->status,
            400);
  EXPECT_EQ(PostDomain({{"name", "x.example"}, {"credit", -1}})->status, 400);
  EXPECT_EQ(PostDomain({{"name", "x.example"}, {"extra", 1}})->status, 400);
}

TEST_F(ControlTest, DomainGetsFreeSlotsCreditAndPackmail) {
  auto res = PostDomain({{"name", "example.com"},
                         {"free_slots", {{"standard", 2}, {"premium_2023", 1}}},
                         {"credit", 100.0},
                         {"packmail", false}});
  ASSERT_EQ(res->status, 201);
  Json d = BodyOf(res);
  EXPECT_EQ(d["credit"], 100.0);
  EXPECT_EQ(d["packmail"], false);
  ASSERT_EQ(d["slots"].size(), 3u);
  EXPECT_EQ(d["slots"][2]["mailbox_type"], "premium_2023");
  EXPECT_EQ(d["slots"][0]["status"], "active");
  EXPECT_EQ(d["slots"][0]["mailbox_id"], nullptr);
}

TEST_F(ControlTest, StateShowsEveryPart) {
  AddDomain({{"name", "example.com"}, {"free_slots", {{"standard", 1}}}});
  CreateMailbox("example.com", "alice");
  Post("/v5/email/forwards/example.com",
       {{"source", "info"}, {"destinations", {"x@example.org"}}});
  Json d = DomainState("example.com");
  for (const char* key : {"name", "credit", "packmail", "offer", "mailboxes",
                          "forwards", "slots"}) {
    EXPECT_TRUE(d.contains(key)) << key;
  }
  EXPECT_EQ(d["mailboxes"][0]["login"], "alice");
  EXPECT_EQ(d["forwards"][0]["source"], "info");
  EXPECT_EQ(d["slots"][0]["mailbox_id"], d["mailboxes"][0]["id"]);
}

TEST_F(ControlTest, ResetEmptiesWithoutSeed) {
  AddDomain({{"name", "example.com"}});
  auto res = client_->Post("/_sandbox/reset", "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(client_->Get("/_sandbox/state"))["domains"], Json::object());
}

TEST_F(ControlTest, ResetReturnsToSeed) {
  std::string path = testing::TempDir() + "/control_seed.json";
  std::ofstream(path) << R"({"domains":{"seed.example":{"credit":3}}})";
  Start({"--seed", path});
  AddDomain({{"name", "extra.example"}});
  client_->Post("/_sandbox/reset", "", "application/json");
  Json domains = BodyOf(client_->Get("/_sandbox/state"))["domains"];
  EXPECT_EQ(domains.size(), 1u);
  EXPECT_EQ(domains["seed.example"]["credit"], 3.0);
}

TEST_F(ControlTest, StateRoundTripsAsSeed) {
  AddDomain({{"name", "example.com"},
             {"free_slots", {{"standard", 1}}},
             {"credit", 7.5}});
  CreateMailbox("example.com", "alice");
  Json state = BodyOf(client_->Get("/_sandbox/state"));
  std::string path = testing::TempDir() + "/roundtrip_seed.json";
  std::ofstream(path) << state.dump();
  Start({"--seed", path});
  EXPECT_EQ(BodyOf(client_->Get("/_sandbox/state")), state);
}

TEST_F(ControlTest, RequestsCountByRouteTemplate) {
  AddDomain({{"name", "example.com"}, {"free_slots", {{"standard", 1}}}});
  std::string id = CreateMailbox("example.com", "alice");
  Get("/v5/email/mailboxes/example.com/" + id);
  Get("/v5/email/mailboxes/example.com/" + id);
  client_->Get("/v5/email/slots/example.com");  // no auth: counted too
  Json counts = BodyOf(client_->Get("/_sandbox/requests"));
  EXPECT_EQ(counts,
            Json({{"total", 4},
                  {"routes",
                   {{"GET /v5/email/mailboxes/{domain}/{mailbox_id}", 2},
                    {"GET /v5/email/slots/{domain}", 1},
                    {"POST /v5/email/mailboxes/{domain}", 1}}}}));
}

TEST_F(ControlTest, DeleteRequestsZeroesCounts) {
  AddDomain({{"name", "example.com"}});
  Get("/v5/email/slots/example.com");
  auto res = client_->Delete("/_sandbox/requests");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(client_->Get("/_sandbox/requests")),
            Json({{"total", 0}, {"routes", Json::object()}}));
}

}  // namespace
}  // namespace gandimail::sandbox
