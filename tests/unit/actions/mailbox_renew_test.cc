// gandimail_mailbox_renew through the tfplugin6 service against a sandbox:
// a plan that only asks (Dry-Run), an invocation that renews once, and
// every refusal or fault as a diagnostic.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/unit/actions/action_fixture.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kType[] = "gandimail_mailbox_renew";
constexpr char kRenewRoute[] =
    "POST /v5/email/mailboxes/{domain}/{email}/renew";
constexpr char kGetRoute[] = "GET /v5/email/mailboxes/{domain}/{mailbox_id}";

class MailboxRenewTest : public ActionTest {
 protected:
  using ActionTest::ActionTest;

  Value Renew(const std::string& domain, Value id, int months) {
    return Config(kType, {{"domain", Value::String(domain)},
                          {"mailbox_id", std::move(id)},
                          {"duration", Value::Int(months)}});
  }
  Value RenewAlice(int months) {
    return Renew("example.com", Value::String(kAliceId), months);
  }
};

TEST_F(MailboxRenewTest, PlanSendsOneDryRunAndChangesNothing) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, RenewAlice(12));

  EXPECT_THAT(Summaries(response.diagnostics()), IsEmpty());
  EXPECT_EQ(sandbox_->State(), before);
  EXPECT_EQ(Count(kRenewRoute), 1);
  EXPECT_EQ(Count(kGetRoute), 1);
}

TEST_F(MailboxRenewTest, PlanRefusesWhenTheCreditIsShort) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, Renew("poor.example", Value::String(kDoraId), 1));

  // A Dry-Run refusal (200 "error"), not the 402 a real renewal would get:
  // the request carried Dry-Run: 1.
  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Mailbox Renewal Refused"));
  EXPECT_THAT(response.diagnostics(0).detail(),
              AllOf(HasSubstr("dora@poor.example"), HasSubstr("Top up"),
                    HasSubstr("not enough prepaid credit")));
  EXPECT_EQ(PathOf(response.diagnostics(0)), "");
  EXPECT_EQ(sandbox_->State(), before);
}

TEST_F(MailboxRenewTest, PlanRefusesAnUnknownMailboxAtItsPath) {
  auto response =
      Plan(kType, Renew("example.com", Value::String(kNoSuchId), 1));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Unable to Read Mailbox"));
  EXPECT_EQ(PathOf(response.diagnostics(0)), "mailbox_id");
  EXPECT_THAT(response.diagnostics(0).detail(), HasSubstr("Check domain"));
  EXPECT_EQ(Count(kRenewRoute), 0);
}

TEST_F(MailboxRenewTest, PlanWithAnUnknownValueSendsNoRequest) {
  auto response =
      Plan(kType, Renew("example.com", Value::Unknown(Type::String()), 12));

  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(sandbox_->Requests()["total"], 0);
}

TEST_F(MailboxRenewTest, InvokeRenewsOnceAndReportsTheNewExpiry) {
  double credit = Domain("example.com")["credit"];

  auto result = Summarize(Invoke(kType, RenewAlice(12)));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics), IsEmpty());
  ASSERT_GE(result.progress.size(), 2u);
  EXPECT_THAT(result.progress[0],
              AllOf(HasSubstr("alice@example.com"), HasSubstr("12 months")));
  std::string expires = Mailbox("example.com", kAliceId)["expires_at"];
  EXPECT_EQ(MonthsBetween(kAliceExpiry, expires), 12);
  EXPECT_THAT(result.progress.back(), HasSubstr("now expires at " + expires));
  EXPECT_NEAR(Domain("example.com")["credit"].get<double>(), credit - 6.0,
              1e-9);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(MailboxRenewTest, InvokeForOneMonthMovesTheExpiryOneMonth) {
  auto result = Summarize(Invoke(kType, RenewAlice(1)));

  EXPECT_THAT(Summaries(result.diagnostics), IsEmpty());
  EXPECT_EQ(MonthsBetween(kAliceExpiry,
                          Mailbox("example.com", kAliceId)["expires_at"]),
            1);
}

TEST_F(MailboxRenewTest, InvokeWithShortCreditEndsWithThePaymentError) {
  auto result = Summarize(
      Invoke(kType, Renew("poor.example", Value::String(kDoraId), 1)));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Renew Mailbox"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              AllOf(HasSubstr("dora@poor.example"), HasSubstr("top it up"),
                    HasSubstr("not enough prepaid credit")));
  EXPECT_EQ(Mailbox("poor.example", kDoraId)["expires_at"],
            "2030-01-15T10:00:00Z");
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(MailboxRenewTest, InvokeOfAnUnknownMailboxSendsNoRenewal) {
  auto result = Summarize(
      Invoke(kType, Renew("example.com", Value::String(kNoSuchId), 1)));

  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Read Mailbox"));
  EXPECT_EQ(PathOf(result.diagnostics[0]), "mailbox_id");
  EXPECT_EQ(Count(kRenewRoute), 0);
}

TEST_F(MailboxRenewTest, InvokeServerErrorSaysToCheckBeforeRetrying) {
  Fault(kRenewRoute, {{"kind", "status"}, {"status", 500}});
  // The renewal never shows: the stop ends the wait for it.
  std::thread stopper = StopAfterFirst(kRenewRoute);

  auto result = Summarize(Invoke(kType, RenewAlice(12)));
  stopper.join();

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Renew Mailbox"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("may have been carried out"));
  EXPECT_EQ(Mailbox("example.com", kAliceId)["expires_at"], kAliceExpiry);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(MailboxRenewTest, InvokeWhoseAnswerIsLostAfterTheRenewalSucceeds) {
  Fault(kRenewRoute, {{"kind", "after_effect"}});

  auto result = Summarize(Invoke(kType, RenewAlice(12)));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Mailbox Renewal Answer Lost"));
  EXPECT_EQ(MonthsBetween(kAliceExpiry,
                          Mailbox("example.com", kAliceId)["expires_at"]),
            12);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

// With writes slow to show, the invocation waits for the new expiry; a
// StopProvider ends that wait at once, and the renewal is reported done.
class SlowMailboxRenewTest : public MailboxRenewTest {
 protected:
  SlowMailboxRenewTest()
      : MailboxRenewTest({"--visibility-delay-ms", "60000"}) {}
};

TEST_F(SlowMailboxRenewTest, StopCutsTheWaitForTheNewExpiryShort) {
  auto start = std::chrono::steady_clock::now();
  std::thread stopper = StopAfterFirst(kRenewRoute);

  auto result = Summarize(Invoke(kType, RenewAlice(12)));
  stopper.join();

  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Mailbox Renewal Not Yet Visible"));
  EXPECT_EQ(Count(kRenewRoute), 1);
}

// Writes show 2 s after they are accepted, as Gandi's do.
class DelayedMailboxRenewTest : public MailboxRenewTest {
 protected:
  DelayedMailboxRenewTest()
      : MailboxRenewTest({"--visibility-delay-ms", "2000"}) {}
};

TEST_F(DelayedMailboxRenewTest, LostAnswerOfARenewalThatShowsLateIsNoFailure) {
  Fault(kRenewRoute, {{"kind", "after_effect"}});

  auto result = Summarize(Invoke(kType, RenewAlice(12)));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Mailbox Renewal Answer Lost"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("Do not invoke it again"));
  std::string expires = Mailbox("example.com", kAliceId)["expires_at"];
  EXPECT_EQ(MonthsBetween(kAliceExpiry, expires), 12);
  EXPECT_THAT(result.progress.back(), HasSubstr("now expires at " + expires));
  EXPECT_EQ(Count(kRenewRoute), 1);
}

}  // namespace
}  // namespace gandimail::actions
