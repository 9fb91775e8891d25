// gandimail_migration_launch through the tfplugin6 service against a
// sandbox: a plan that reads and refuses what cannot migrate, one launch
// with a fresh token, and faults, with the token in no text.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/actions/action_fixture.h"

namespace gandimail::actions {
namespace {

using cty::Value;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kType[] = "gandimail_migration_launch";
constexpr char kLaunchRoute[] = "POST /v5/email/migration/{domain}";
constexpr char kReadRoute[] = "GET /v5/email/migration/{domain}";

class MigrationLaunchTest : public ActionTest {
 protected:
  using ActionTest::ActionTest;

  Value Launch(const std::string& domain) {
    return Config(kType, {{"domain", Value::String(domain)}});
  }
};

TEST_F(MigrationLaunchTest, PlanOfAPackmailDomainWarnsOfBillingOnly) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, Launch("pack.example"));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("warning: Migration Changes Billing"));
  EXPECT_THAT(response.diagnostics(0).detail(),
              AllOf(HasSubstr("pack.example"), HasSubstr("1 mailbox"),
                    HasSubstr("12.00 EUR before")));
  EXPECT_EQ(sandbox_->State(), before);
  EXPECT_EQ(Count(kLaunchRoute), 0);
}

TEST_F(MigrationLaunchTest, PlanOfADomainNotOnPackmailSaysWhy) {
  auto response = Plan(kType, Launch("example.com"));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Migration Not Available"));
  EXPECT_THAT(response.diagnostics(0).detail(),
              HasSubstr("example.com is not on the packmail offer"));
  EXPECT_EQ(PathOf(response.diagnostics(0)), "domain");
}

TEST_F(MigrationLaunchTest, InvokeLaunchesOnceWithAFreshToken) {
  std::string token = Domain("pack.example")["migration_token"];

  auto result = Summarize(Invoke(kType, Launch("pack.example")));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics), IsEmpty());
  ASSERT_GE(result.progress.size(), 2u);
  EXPECT_THAT(result.progress.back(), HasSubstr("has left the packmail"));
  EXPECT_THAT(result.progress, Not(Contains(HasSubstr(token))));
  nlohmann::json domain = Domain("pack.example");
  EXPECT_EQ(domain["packmail"], false);
  EXPECT_EQ(domain["offer"]["version"], 2);
  EXPECT_EQ(Count(kLaunchRoute), 1);
  EXPECT_GE(Count(kReadRoute), 1);
}

TEST_F(MigrationLaunchTest, InvokeOnADomainNotOnPackmailSendsNoLaunch) {
  auto result = Summarize(Invoke(kType, Launch("example.com")));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Migration Not Available"));
  EXPECT_EQ(Count(kLaunchRoute), 0);
}

// The token's scrubbing from these texts is WriteFailureTest's (the
// sandbox's error bodies never hold the token).
TEST_F(MigrationLaunchTest, InvokeServerErrorSaysItMayHaveBeenLaunched) {
  Fault(kLaunchRoute, {{"kind", "status"}, {"status", 500}});
  // The launch never shows: the stop ends the wait for it.
  std::thread stopper = StopAfterFirst(kLaunchRoute);

  auto result = Summarize(Invoke(kType, Launch("pack.example")));
  stopper.join();

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Launch Migration"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("may have been launched"));
  EXPECT_EQ(Domain("pack.example")["packmail"], true);
  EXPECT_EQ(Count(kLaunchRoute), 1);
}

TEST_F(MigrationLaunchTest, InvokeWhoseAnswerIsLostAfterTheLaunchSucceeds) {
  Fault(kLaunchRoute, {{"kind", "after_effect"}});

  auto result = Summarize(Invoke(kType, Launch("pack.example")));

  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Migration Answer Lost"));
  EXPECT_EQ(Domain("pack.example")["packmail"], false);
  EXPECT_EQ(Count(kLaunchRoute), 1);
}

TEST_F(MigrationLaunchTest, InvokeOfAnUnknownDomainIsAnError) {
  auto result = Summarize(Invoke(kType, Launch("other.example")));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Read Migration"));
  EXPECT_EQ(Count(kLaunchRoute), 0);
}

// Writes show 2 s after they are accepted, as Gandi's do.
class DelayedMigrationLaunchTest : public MigrationLaunchTest {
 protected:
  DelayedMigrationLaunchTest()
      : MigrationLaunchTest({"--visibility-delay-ms", "2000"}) {}
};

TEST_F(DelayedMigrationLaunchTest,
       LostAnswerOfALaunchThatShowsLateIsNoFailure) {
  Fault(kLaunchRoute, {{"kind", "after_effect"}});

  auto result = Summarize(Invoke(kType, Launch("pack.example")));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Migration Answer Lost"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("Do not invoke it again"));
  EXPECT_EQ(Domain("pack.example")["packmail"], false);
  EXPECT_EQ(Count(kLaunchRoute), 1);
}

}  // namespace
}  // namespace gandimail::actions
