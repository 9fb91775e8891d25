// --visibility-delay-ms: writes show to reads only after the delay, while
// later writes are judged against the real state.
#include "absl/time/clock.h"
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr int kDelayMs = 400;

class VisibilityTest : public SandboxTest {
 protected:
  std::vector<std::string> ExtraArgs() override {
    return {"--visibility-delay-ms", std::to_string(kDelayMs)};
  }

  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}, {"free_slots", {{"standard", 2}}}});
  }

  void WaitPastDelay() { absl::SleepFor(absl::Milliseconds(kDelayMs + 150)); }
};

TEST_F(VisibilityTest, NewDomainIsVisibleAtOnce) {
  EXPECT_EQ(Get("/v5/email/mailboxes/example.com")->status, 200);
}

TEST_F(VisibilityTest, CreatedMailboxShowsAfterTheDelay) {
  std::string id = CreateMailbox("example.com", "alice");
  const std::string path = "/v5/email/mailboxes/example.com/" + id;
  EXPECT_EQ(Get(path)->status, 404);
  EXPECT_EQ(
      Get("/v5/email/mailboxes/example.com")->get_header_value("Total-Count"),
      "0");
  // The control API shows the committed state at once.
  EXPECT_EQ(DomainState("example.com")["mailboxes"].size(), 1u);
  WaitPastDelay();
  EXPECT_EQ(Get(path)->status, 200);
}

TEST_F(VisibilityTest, UpdateAndDeleteShowAfterTheDelay) {
  std::string id = CreateMailbox("example.com", "alice");
  WaitPastDelay();
  const std::string path = "/v5/email/mailboxes/example.com/" + id;
  ASSERT_EQ(Patch(path, {{"antispam", false}})->status, 202);
  EXPECT_EQ(BodyOf(Get(path))["antispam"], true);
  WaitPastDelay();
  EXPECT_EQ(BodyOf(Get(path))["antispam"], false);

  ASSERT_EQ(Delete(path)->status, 202);
  EXPECT_EQ(Get(path)->status, 200);
  WaitPastDelay();
  EXPECT_EQ(Get(path)->status, 404);
}

TEST_F(VisibilityTest, ConflictingWriteIsJudgedAgainstRealState) {
  CreateMailbox("example.com", "alice");
  auto again =
      Post("/v5/email/mailboxes/example.com", {{"login", "alice"},
                                               {"mailbox_type", "standard"},
                                               {"password", kPassword}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
}

TEST_F(VisibilityTest, WriteOnNotYetVisibleObjectSucceeds) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res =
      Patch("/v5/email/mailboxes/example.com/" + id, {{"antispam", false}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
}

TEST_F(VisibilityTest, StateViewVisibleShowsWhatReadsSee) {
  CreateMailbox("example.com", "alice");
  Json visible = BodyOf(client_->Get("/_sandbox/state?view=visible"));
  EXPECT_EQ(visible["domains"]["example.com"]["mailboxes"], Json::array());
}

}  // namespace
}  // namespace gandimail::sandbox
