// SendCreate: a create POST whose outcome is unknown is looked up, adopted
// when found, and re-sent once (never twice) when it is not; a refusal is
// final; a failed look-up stops everything. Driven with scripted POST
// answers and look-ups, so every path is exact.

#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "absl/strings/cord.h"
#include "absl/time/clock.h"
#include "internal/http/client.h"
#include "internal/tfplugin/diagnostics.h"
#include "src/gandi/errors.h"
#include "src/resources/common.h"

namespace gandimail::resources {
namespace {

using How = CreateOutcome::How;

// An API answer with status `code` and `body`, by default a JSON error.
absl::Status Answered(
    long code,
    std::string body = R"({"code": 0, "message": "scripted", "cause": "x"})") {
  http::Response response;
  response.status = code;
  response.body = std::move(body);
  return gandi::ErrorFromResponse("POST", "/v5/email/forwards/example.com",
                                  response, {});
}

// A request that went out and got no answer. The mark is the HTTP
// layer's (internal/http/client.cc), set the way TransportError sets it.
absl::Status Dropped() {
  absl::Status status = absl::UnavailableError("Empty reply from server");
  status.SetPayload("gandimail/http-outcome-unknown", absl::Cord("1"));
  EXPECT_TRUE(http::IsOutcomeUnknown(status));
  return status;
}

gandi::Acknowledgement Ack(const std::string& id) {
  gandi::Acknowledgement ack;
  ack.id = id;
  return ack;
}

// Scripted POST answers and look-ups; an exhausted script of look-ups
// answers "absent", of POSTs fails the test.
class Script {
 public:
  std::deque<absl::StatusOr<gandi::Acknowledgement>> posts;
  std::deque<absl::StatusOr<bool>> finds;
  int posted = 0;
  int found = 0;

  CreateCalls Calls() {
    CreateCalls calls;
    calls.fields = {{"source", "alice"}};
    calls.post = [this]() -> absl::StatusOr<gandi::Acknowledgement> {
      ++posted;
      if (posts.empty()) {
        ADD_FAILURE() << "a POST beyond the script";
        return absl::InternalError("unscripted");
      }
      absl::StatusOr<gandi::Acknowledgement> next = posts.front();
      posts.pop_front();
      return next;
    };
    calls.find = [this]() -> absl::StatusOr<bool> {
      ++found;
      if (finds.empty()) return false;
      absl::StatusOr<bool> next = finds.front();
      finds.pop_front();
      return next;
    };
    calls.first_poll = absl::Milliseconds(1);
    calls.lookup_limit = absl::Milliseconds(40);
    return calls;
  }
};

absl::Time Soon() { return absl::Now() + absl::Milliseconds(200); }

TEST(CreateOutcomeUnknownTest, FiveHundredsAndLostAnswersAreUnknown) {
  EXPECT_TRUE(CreateOutcomeUnknown(Answered(500)));
  EXPECT_TRUE(CreateOutcomeUnknown(Answered(503)));
  EXPECT_TRUE(CreateOutcomeUnknown(Dropped()));
  // A proxy's 502 with an HTML body, and an empty 500: no error body, but
  // the status still says the server failed.
  EXPECT_TRUE(CreateOutcomeUnknown(Answered(502, "<html>Bad Gateway</html>")));
  EXPECT_TRUE(CreateOutcomeUnknown(Answered(500, "")));
}

TEST(CreateOutcomeUnknownTest, FourHundredsAndSuccessAreKnown) {
  for (long code : {400, 401, 402, 403, 404, 409, 422, 429}) {
    EXPECT_FALSE(CreateOutcomeUnknown(Answered(code))) << code;
  }
  // A proxy's refusal without an API body is a refusal all the same.
  EXPECT_FALSE(CreateOutcomeUnknown(Answered(405, "<html>No</html>")));
  // Never sent: nothing can have been made.
  EXPECT_FALSE(CreateOutcomeUnknown(
      absl::UnavailableError("POST ...: connection refused; not sent")));
  EXPECT_FALSE(CreateOutcomeUnknown(absl::OkStatus()));
  EXPECT_FALSE(CreateOutcomeUnknown(
      absl::CancelledError("the provider is stopping; not sent")));
}

TEST(SendCreateTest, AnsweredPostIsSentOnceAndNeverLookedUp) {
  Script script;
  script.posts = {Ack("alice")};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kAnswered);
  ASSERT_TRUE(outcome.ack.has_value());
  EXPECT_EQ(outcome.ack->id, "alice");
  EXPECT_EQ(outcome.posts, 1);
  EXPECT_EQ(script.found, 0);
}

TEST(SendCreateTest, RefusalIsFinalWithoutLookUpOrResend) {
  Script script;
  script.posts = {Answered(409)};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kRefused);
  EXPECT_TRUE(absl::IsAlreadyExists(outcome.status));
  EXPECT_EQ(script.posted, 1);
  EXPECT_EQ(script.found, 0);
}

TEST(SendCreateTest, LostAnswerWhoseObjectShowsIsAdoptedWithoutResend) {
  Script script;
  script.posts = {Dropped()};
  script.finds = {false, true};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kAdopted);
  EXPECT_TRUE(outcome.made());
  EXPECT_TRUE(outcome.status.ok());
  EXPECT_EQ(outcome.posts, 1);
  EXPECT_EQ(script.posted, 1);
  EXPECT_EQ(script.found, 2);
}

TEST(SendCreateTest, FiveHundredThenAbsentIsSentOnceMore) {
  Script script;
  script.posts = {Answered(500), Ack("alice")};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kAnswered);
  EXPECT_EQ(outcome.posts, 2);
  EXPECT_EQ(script.posted, 2);
  EXPECT_GE(script.found, 1) << "re-sent without looking first";
}

TEST(SendCreateTest, TwoUnknownOutcomesNeverMakeAThirdPost) {
  Script script;
  script.posts = {Answered(500), Dropped()};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kUnknown);
  EXPECT_FALSE(outcome.made());
  EXPECT_TRUE(http::IsOutcomeUnknown(outcome.status))
      << "the last failure is reported: " << outcome.status;
  EXPECT_EQ(outcome.posts, 2);
  EXPECT_EQ(script.posted, 2);
}

TEST(SendCreateTest, SecondUnknownOutcomeWhoseObjectShowsIsAdopted) {
  Script script;
  script.posts = {Dropped(), Dropped()};
  // Absent through the first look-up (40 ms), found in the second.
  script.finds = std::deque<absl::StatusOr<bool>>(200, false);
  CreateCalls calls = script.Calls();
  int finds_before_resend = -1;
  calls.post = [&]() -> absl::StatusOr<gandi::Acknowledgement> {
    if (++script.posted == 2) {
      finds_before_resend = script.found;
      script.finds = {false, true};
    }
    return Dropped();
  };
  CreateOutcome outcome = SendCreate(calls, Soon());
  EXPECT_EQ(outcome.how, How::kAdopted);
  EXPECT_EQ(outcome.posts, 2);
  EXPECT_GE(finds_before_resend, 1);
}

TEST(SendCreateTest, ConflictToResendAdoptsTheObjectTheFirstPostMade) {
  Script script;
  script.posts = {Dropped(), Answered(409)};
  CreateCalls calls = script.Calls();
  calls.post = [&]() -> absl::StatusOr<gandi::Acknowledgement> {
    // The first POST's object shows only after the re-send.
    if (++script.posted == 2) script.finds = {false, true};
    return script.posted == 1
               ? absl::StatusOr<gandi::Acknowledgement>(Dropped())
               : Answered(409);
  };
  CreateOutcome outcome = SendCreate(calls, Soon());
  EXPECT_EQ(outcome.how, How::kAdopted);
  EXPECT_EQ(outcome.posts, 2);
}

TEST(SendCreateTest, ConflictToResendWithNothingOfOursIsARefusal) {
  Script script;
  script.posts = {Dropped(), Answered(409)};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kRefused);
  EXPECT_TRUE(absl::IsAlreadyExists(outcome.status));
  EXPECT_EQ(outcome.posts, 2);
}

TEST(SendCreateTest, FailedLookUpIsNeverFollowedByAResend) {
  Script script;
  script.posts = {Dropped()};
  script.finds = {absl::UnavailableError("GET failed after 11 attempts")};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kUnknown);
  EXPECT_EQ(outcome.status.message(), "GET failed after 11 attempts");
  EXPECT_EQ(script.posted, 1);
}

// A look-up failing with DeadlineExceeded (its own request timed out) is
// a failed look-up, not "absent until the deadline": still no re-send.
TEST(SendCreateTest, LookUpTimingOutIsAFailedLookUpNotAnAbsence) {
  Script script;
  script.posts = {Dropped()};
  script.finds = {absl::DeadlineExceededError("GET timed out")};
  CreateOutcome outcome = SendCreate(script.Calls(), Soon());
  EXPECT_EQ(outcome.how, How::kUnknown);
  EXPECT_TRUE(outcome.lookup_failed);
  EXPECT_EQ(script.posted, 1);
}

TEST(SendCreateTest, FirstLookUpLeavesHalfTheTimeForTheResend) {
  Script script;
  CreateCalls calls = script.Calls();
  calls.lookup_limit = absl::Hours(1);
  absl::Time start = absl::Now();
  absl::Time resent_at;
  calls.post = [&]() -> absl::StatusOr<gandi::Acknowledgement> {
    if (++script.posted == 1) return Dropped();
    resent_at = absl::Now();
    return Ack("alice");
  };
  // Look-ups at 0, 1, 3, ... 511 ms; the next (1023 ms) would pass half
  // of the 2 s, where the whole 2 s would allow one more.
  CreateOutcome outcome = SendCreate(calls, start + absl::Seconds(2));
  EXPECT_EQ(outcome.how, How::kAnswered);
  EXPECT_GT(resent_at - start, absl::Milliseconds(300));
  EXPECT_LT(resent_at - start, absl::Milliseconds(900));
}

TEST(AddCreateOutcomeUnknownTest, SaysItMayExistAndHowToCheck) {
  CreateOutcome outcome;
  outcome.how = How::kUnknown;
  outcome.posts = 2;
  outcome.status = Answered(500);
  tfplugin::Diagnostics diagnostics;
  AddCreateOutcomeUnknown(&diagnostics, "Forward Creation Outcome Unknown",
                          "The forward alice@example.com", "alice@example.com",
                          outcome);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  const tfplugin::Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.summary, "Forward Creation Outcome Unknown");
  EXPECT_NE(d.detail.find("sent twice"), std::string::npos) << d.detail;
  EXPECT_NE(d.detail.find("may or may not exist"), std::string::npos);
  EXPECT_NE(d.detail.find("`terraform plan`"), std::string::npos);
  EXPECT_NE(d.detail.find("`terraform import` (ID alice@example.com)"),
            std::string::npos);
  EXPECT_NE(d.detail.find("scripted"), std::string::npos)
      << "the API's message is shown: " << d.detail;
  EXPECT_NE(d.detail.find("did not show before the create timeout"),
            std::string::npos);
}

TEST(AddCreateOutcomeUnknownTest, FailedLookUpIsSaidAsSuch) {
  CreateOutcome outcome;
  outcome.how = How::kUnknown;
  outcome.posts = 1;
  outcome.lookup_failed = true;
  outcome.status = absl::UnavailableError("GET failed");
  tfplugin::Diagnostics diagnostics;
  AddCreateOutcomeUnknown(&diagnostics, "Forward Creation Outcome Unknown",
                          "The forward alice@example.com", "alice@example.com",
                          outcome);
  const std::string& detail = diagnostics.items()[0].detail;
  EXPECT_NE(detail.find("looking for the result failed, so it was not sent "
                        "again. The forward alice@example.com may or may "
                        "not exist"),
            std::string::npos)
      << detail;
  EXPECT_EQ(detail.find("did not show"), std::string::npos) << detail;
}

}  // namespace
}  // namespace gandimail::resources
