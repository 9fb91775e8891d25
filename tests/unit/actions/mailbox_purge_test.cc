// gandimail_mailbox_purge through the tfplugin6 service against a sandbox:
// a plan that reads and warns, one purge that keeps the mailbox, faults.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/actions/action_fixture.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kType[] = "gandimail_mailbox_purge";
constexpr char kPurgeRoute[] =
    "DELETE /v5/email/mailboxes/{domain}/{mailbox_id}/contents";

class MailboxPurgeTest : public ActionTest {
 protected:
  Value Purge(const std::string& id) {
    return Config(kType, {{"domain", Value::String("example.com")},
                          {"mailbox_id", Value::String(id)}});
  }
};

TEST_F(MailboxPurgeTest, PlanWarnsWhichMailboxLosesItsMailAndDeletesNothing) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, Purge(kAliceId));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("warning: Mail Will Be Deleted"));
  EXPECT_THAT(response.diagnostics(0).detail(),
              AllOf(HasSubstr("alice@example.com"), HasSubstr("2048")));
  EXPECT_EQ(sandbox_->State(), before);
  EXPECT_EQ(Count(kPurgeRoute), 0);
}

TEST_F(MailboxPurgeTest, PlanOfAnUnknownMailboxIsAnErrorAtItsPath) {
  auto response = Plan(kType, Purge(kNoSuchId));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Unable to Read Mailbox"));
  EXPECT_EQ(PathOf(response.diagnostics(0)), "mailbox_id");
}

TEST_F(MailboxPurgeTest, PlanWithAnUnknownMailboxSendsNoRequest) {
  auto response = Plan(
      kType, Config(kType, {{"domain", Value::String("example.com")},
                            {"mailbox_id", Value::Unknown(Type::String())}}));

  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(sandbox_->Requests()["total"], 0);
}

TEST_F(MailboxPurgeTest, InvokeDeletesTheMailOnceAndKeepsTheMailbox) {
  auto result = Summarize(Invoke(kType, Purge(kAliceId)));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics), IsEmpty());
  ASSERT_GE(result.progress.size(), 2u);
  EXPECT_THAT(result.progress[0], HasSubstr("alice@example.com"));
  EXPECT_THAT(result.progress.back(), HasSubstr("uses no space"));
  nlohmann::json alice = Mailbox("example.com", kAliceId);
  ASSERT_FALSE(alice.is_null());
  EXPECT_EQ(alice["quota_used"], 0);
  EXPECT_EQ(Mailbox("example.com", kBobId)["login"], "bob");
  EXPECT_EQ(Count(kPurgeRoute), 1);
}

TEST_F(MailboxPurgeTest, InvokeOfAnUnknownMailboxSendsNoPurge) {
  auto result = Summarize(Invoke(kType, Purge(kNoSuchId)));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Read Mailbox"));
  EXPECT_EQ(Count(kPurgeRoute), 0);
}

TEST_F(MailboxPurgeTest, InvokeNotFoundAtPurgeIsAnError) {
  Fault(kPurgeRoute, {{"kind", "status"}, {"status", 404}});

  auto result = Summarize(Invoke(kType, Purge(kAliceId)));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Purge Mailbox"));
  EXPECT_EQ(PathOf(result.diagnostics[0]), "mailbox_id");
  EXPECT_EQ(Mailbox("example.com", kAliceId)["quota_used"], 2048);
}

TEST_F(MailboxPurgeTest, InvokeServerErrorIsAnErrorWithTheApiMessage) {
  Fault(kPurgeRoute, {{"kind", "status"}, {"status", 500}});

  auto result = Summarize(Invoke(kType, Purge(kAliceId)));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Purge Mailbox"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              AllOf(HasSubstr("alice@example.com"), HasSubstr("harmless")));
  EXPECT_EQ(Mailbox("example.com", kAliceId)["quota_used"], 2048);
  EXPECT_EQ(Count(kPurgeRoute), 1);
}

}  // namespace
}  // namespace gandimail::actions
