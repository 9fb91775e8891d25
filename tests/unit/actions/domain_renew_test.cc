// gandimail_domain_renew through the tfplugin6 service against a sandbox:
// a Dry-Run plan, one renewal of every mailbox, refusals and faults.

#include "src/actions/domain_renew.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

constexpr char kType[] = "gandimail_domain_renew";
constexpr char kRenewRoute[] = "POST /v5/email/mailboxes/{domain}/renew";

class DomainRenewTest : public ActionTest {
 protected:
  using ActionTest::ActionTest;

  Value RenewDomain(const std::string& domain) {
    return Config(kType, {{"domain", Value::String(domain)}});
  }
};

TEST_F(DomainRenewTest, PlanSendsOneDryRunAndChangesNothing) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, RenewDomain("example.com"));

  EXPECT_THAT(Summaries(response.diagnostics()), IsEmpty());
  EXPECT_EQ(sandbox_->State(), before);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(DomainRenewTest, PlanRefusesWhenTheCreditIsShort) {
  nlohmann::json before = sandbox_->State();

  auto response = Plan(kType, RenewDomain("poor.example"));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Domain Renewal Refused"));
  EXPECT_THAT(response.diagnostics(0).detail(),
              AllOf(HasSubstr("dora@poor.example"), HasSubstr("Top up")));
  EXPECT_EQ(sandbox_->State(), before);
}

TEST_F(DomainRenewTest, PlanOfADomainWithoutMailboxesWarnsAndSendsNoRenewal) {
  auto response = Plan(kType, RenewDomain("empty.example"));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("warning: No Mailbox to Renew"));
  EXPECT_EQ(Count(kRenewRoute), 0);
}

TEST_F(DomainRenewTest, PlanOfAnUnknownDomainIsAnError) {
  auto response = Plan(kType, RenewDomain("other.example"));

  ASSERT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Unable to Read Mailboxes"));
  EXPECT_THAT(response.diagnostics(0).detail(), HasSubstr("other.example"));
  EXPECT_EQ(Count(kRenewRoute), 0);
}

TEST_F(DomainRenewTest, PlanWithAnUnknownDomainSendsNoRequest) {
  auto response =
      Plan(kType, Config(kType, {{"domain", Value::Unknown(Type::String())}}));

  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(sandbox_->Requests()["total"], 0);
}

TEST_F(DomainRenewTest, InvokeRenewsEveryMailboxWithOneRequest) {
  nlohmann::json bob_before = Mailbox("example.com", kBobId);

  auto result = Summarize(Invoke(kType, RenewDomain("example.com")));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics), IsEmpty());
  ASSERT_GE(result.progress.size(), 2u);
  EXPECT_THAT(
      result.progress[0],
      AllOf(HasSubstr("the 2 mailboxes of example.com"),
            HasSubstr("alice@example.com"), HasSubstr("bob@example.com")));
  EXPECT_EQ(MonthsBetween(kAliceExpiry,
                          Mailbox("example.com", kAliceId)["expires_at"]),
            12);
  EXPECT_EQ(MonthsBetween(bob_before["expires_at"],
                          Mailbox("example.com", kBobId)["expires_at"]),
            12);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(DomainRenewTest, InvokeWithShortCreditEndsWithThePaymentError) {
  auto result = Summarize(Invoke(kType, RenewDomain("poor.example")));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Renew Mailboxes"));
  EXPECT_THAT(result.diagnostics[0].detail(), HasSubstr("top it up"));
  EXPECT_EQ(Count(kRenewRoute), 1);
}

TEST_F(DomainRenewTest, InvokeOfADomainWithoutMailboxesSendsNoRenewal) {
  auto result = Summarize(Invoke(kType, RenewDomain("empty.example")));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: No Mailbox to Renew"));
  EXPECT_EQ(Count(kRenewRoute), 0);
}

TEST_F(DomainRenewTest, InvokeServerErrorIsAnErrorAndRenewsNothing) {
  Fault(kRenewRoute, {{"kind", "status"}, {"status", 500}});
  // The renewal never shows: the stop ends the wait for it.
  std::thread stopper = StopAfterFirst(kRenewRoute);

  auto result = Summarize(Invoke(kType, RenewDomain("example.com")));
  stopper.join();

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Unable to Renew Mailboxes"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("may have been carried out"));
  EXPECT_EQ(Mailbox("example.com", kAliceId)["expires_at"], kAliceExpiry);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

// Writes show 2 s after they are accepted, as Gandi's do.
class DelayedDomainRenewTest : public DomainRenewTest {
 protected:
  DelayedDomainRenewTest()
      : DomainRenewTest({"--visibility-delay-ms", "2000"}) {}
};

TEST_F(DelayedDomainRenewTest, LostAnswerOfARenewalThatShowsLateIsNoFailure) {
  Fault(kRenewRoute, {{"kind", "after_effect"}});

  auto result = Summarize(Invoke(kType, RenewDomain("example.com")));

  EXPECT_EQ(result.completed_events, 1);
  ASSERT_THAT(Summaries(result.diagnostics),
              ElementsAre("warning: Domain Renewal Answer Lost"));
  EXPECT_THAT(result.diagnostics[0].detail(),
              HasSubstr("Do not invoke it again"));
  EXPECT_EQ(MonthsBetween(kAliceExpiry,
                          Mailbox("example.com", kAliceId)["expires_at"]),
            12);
  EXPECT_EQ(Count(kRenewRoute), 1);
}

gandi::MailboxSummary Listed(const std::string& id, const std::string& expiry) {
  gandi::MailboxSummary m;
  m.id = id;
  m.address = id + "@example.com";
  m.expires_at = expiry;
  return m;
}

constexpr char kBefore[] = "2030-01-15T10:00:00Z";
constexpr char kAfter[] = "2031-01-15T10:00:00Z";

TEST(CompareExpiriesTest, NoMailboxListedAgainIsNotARenewal) {
  ExpiryComparison c =
      CompareExpiries({Listed("a", kBefore)}, {Listed("b", kAfter)});

  EXPECT_FALSE(c.extended);
}

TEST(CompareExpiriesTest, OneMailboxGoneFromTheListIsNotARenewal) {
  ExpiryComparison c = CompareExpiries(
      {Listed("a", kBefore), Listed("b", kBefore)}, {Listed("a", kAfter)});

  EXPECT_FALSE(c.extended);
}

TEST(CompareExpiriesTest, EveryExpiryMovedIsARenewalWithTheEarliest) {
  ExpiryComparison c = CompareExpiries(
      {Listed("a", kBefore), Listed("b", kBefore)},
      {Listed("a", "2032-01-01T00:00:00Z"), Listed("b", kAfter)});

  EXPECT_TRUE(c.extended);
  EXPECT_EQ(c.earliest, kAfter);
  EXPECT_TRUE(c.unknown.empty());
}

TEST(CompareExpiriesTest, UnreadableExpiryIsReportedUnknownNotWaitedFor) {
  ExpiryComparison c =
      CompareExpiries({Listed("a", kBefore), Listed("b", kBefore)},
                      {Listed("a", kAfter), Listed("b", "next year")});

  EXPECT_TRUE(c.extended);
  EXPECT_EQ(c.earliest, kAfter);
  EXPECT_THAT(c.unknown, ElementsAre("b@example.com"));
}

TEST(CompareExpiriesTest, NoReadableExpiryIsNoRenewalYet) {
  ExpiryComparison c =
      CompareExpiries({Listed("a", "?")}, {Listed("a", kAfter)});

  EXPECT_FALSE(c.extended);
  EXPECT_THAT(c.unknown, ElementsAre("a@example.com"));
}

}  // namespace
}  // namespace gandimail::actions
