// The pieces the actions share, without a sandbox: argument checks, the
// reading of Dry-Run refusals and API failures, and the bounded wait.

#include "src/actions/action_common.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/time/clock.h"
#include "src/gandi/errors.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using ::testing::HasSubstr;
using tfplugin::Diagnostic;
using tfplugin::Diagnostics;

// The diagnostics `attribute`'s validators add for `value`.
Diagnostics Check(const tfplugin::Attribute& attribute, Value value) {
  Diagnostics diagnostics;
  for (const auto& validate : attribute.validators) {
    validate(value, cty::Path().Attr(attribute.name), &diagnostics);
  }
  return diagnostics;
}

absl::Status ApiAnswer(long status, const std::string& body) {
  http::Response response;
  response.status = status;
  response.body = body;
  response.headers = {{"Content-Type", "application/json"}};
  return gandi::ErrorFromResponse("POST", "/v5/email/x", response, {});
}

TEST(ActionArgumentsTest, DomainNameMustBeABareDomain) {
  tfplugin::Attribute domain = DomainAttribute("d");

  EXPECT_TRUE(Check(domain, Value::String("example.com")).empty());
  EXPECT_TRUE(Check(domain, Value::String("")).HasError());
  EXPECT_TRUE(Check(domain, Value::String("localhost")).HasError());
  EXPECT_TRUE(Check(domain, Value::String("a@example.com")).HasError());
  EXPECT_TRUE(Check(domain, Value::String("example.com/x")).HasError());
}

TEST(ActionArgumentsTest, MailboxIdMustBeAUuid) {
  tfplugin::Attribute id = MailboxIdAttribute("m");

  EXPECT_TRUE(
      Check(id, Value::String("066743e5-96e4-4a1d-9195-8b8a700a8a79")).empty());
  EXPECT_TRUE(
      Check(id, Value::String("066743E5-96E4-4A1D-9195-8B8A700A8A79")).empty());
  EXPECT_TRUE(Check(id, Value::String("066743e5-96e4-4a1d-9195-8b8a700a8a7"))
                  .HasError());
  EXPECT_TRUE(Check(id, Value::String("066743e5x96e4-4a1d-9195-8b8a700a8a79"))
                  .HasError());
  EXPECT_TRUE(Check(id, Value::String("alice")).HasError());
}

TEST(ActionArgumentsTest, NullRequiredArgumentIsAnErrorAtItsPath) {
  Value config = Value::Object({{"domain", Value::Null(Type::String())},
                                {"mailbox_id", Value::String("x")}});
  Diagnostics diagnostics;

  RequireAttributes(config, {"domain", "mailbox_id"}, &diagnostics);

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].summary, "Missing Required Argument");
  EXPECT_EQ(diagnostics.items()[0].path, cty::Path().Attr("domain"));
}

TEST(ActionArgumentsTest, UnknownRequiredArgumentWaitsForItsValue) {
  Value config = Value::Object({{"domain", Value::Unknown(Type::String())}});
  Diagnostics diagnostics;

  RequireAttributes(config, {"domain"}, &diagnostics);

  EXPECT_TRUE(diagnostics.empty());
}

TEST(DryRunRefusalTest, RefusalOfAnArgumentCarriesItsPath) {
  gandi::DryRunResult result;
  result.status = "error";
  result.errors = {{"must be 1 or 12", "body", "duration"}};
  Diagnostics diagnostics;

  AddDryRunRefusals(result, "Refused", "Gandi would not.", {"duration"},
                    &diagnostics);

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].path, cty::Path().Attr("duration"));
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("must be 1 or 12"));
}

TEST(DryRunRefusalTest, CreditRefusalSaysToTopUpAndHasNoPath) {
  gandi::DryRunResult result;
  result.status = "error";
  result.errors = {{"not enough prepaid credit", "body", "duration"}};
  Diagnostics diagnostics;

  AddDryRunRefusals(result, "Refused", "Gandi would not.", {"duration"},
                    &diagnostics);

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_FALSE(diagnostics.items()[0].path.has_value());
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("Top up"));
}

TEST(DryRunRefusalTest, ErrorStatusWithoutReasonIsStillAnError) {
  gandi::DryRunResult result;
  result.status = "error";
  Diagnostics diagnostics;

  AddDryRunRefusals(result, "Refused", "Gandi would not.", {}, &diagnostics);

  EXPECT_TRUE(diagnostics.HasError());
}

TEST(DryRunRefusalTest, SuccessWithAWarningHeaderIsAWarning) {
  gandi::DryRunResult result;
  result.status = "success";
  result.warning = "299 - \"deprecated\"";
  Diagnostics diagnostics;

  AddDryRunRefusals(result, "Refused", "Gandi would not.", {}, &diagnostics);

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].severity, Diagnostic::Severity::kWarning);
}

TEST(FailureTest, ServerErrorMayHaveTakenEffectButPaymentRefusalNot) {
  EXPECT_TRUE(MayHaveTakenEffect(ApiAnswer(500, R"({"message":"x"})")));
  EXPECT_TRUE(MayHaveTakenEffect(ApiAnswer(503, R"({"message":"x"})")));
  EXPECT_FALSE(MayHaveTakenEffect(ApiAnswer(402, R"({"message":"x"})")));
  EXPECT_FALSE(MayHaveTakenEffect(ApiAnswer(404, R"({"message":"x"})")));
}

TEST(FailureTest, NotFoundCarriesTheAdvisedPath) {
  Advice advice;
  advice.not_found = "Check mailbox_id.";
  advice.not_found_path = cty::Path().Attr("mailbox_id");
  Diagnostics diagnostics;

  AddFailure(&diagnostics, "Unable", "Reading failed.",
             ApiAnswer(404, R"({"message":"No mailbox"})"), advice);

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].path, cty::Path().Attr("mailbox_id"));
  EXPECT_THAT(diagnostics.items()[0].detail,
              HasSubstr("Reading failed. Check mailbox_id."));
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("No mailbox"));
}

TEST(FailureTest, UnknownDomainPointsAtTheDomainArgument) {
  Diagnostics diagnostics;

  AddFailure(&diagnostics, "Unable", "Listing failed.",
             ApiAnswer(404, R"({"message":"No domain"})"), DomainAdvice());

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].path, cty::Path().Attr("domain"));
  EXPECT_THAT(diagnostics.items()[0].detail,
              HasSubstr("Listing failed. Check the domain name."));
}

TEST(FailureTest, SecretsAreScrubbedFromTheApiMessage) {
  Diagnostics diagnostics;

  AddFailure(&diagnostics, "Unable", "Launching failed.",
             absl::InvalidArgumentError("token fa647dadedae is wrong"), {},
             {"fa647dadedae"});

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_THAT(diagnostics.items()[0].detail,
              ::testing::Not(HasSubstr("fa647dadedae")));
}

class AwaitEffectTest : public ::testing::Test {
 protected:
  AwaitEffectTest() {
    api_.http = std::make_shared<http::Client>(http::Options{});
  }
  ApiHandle api_;
};

TEST_F(AwaitEffectTest, ReturnsOnceReady) {
  int calls = 0;
  absl::Status status = AwaitEffect(
      api_, [&]() -> absl::StatusOr<bool> { return ++calls == 3; },
      absl::Seconds(10));

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(calls, 3);
}

TEST_F(AwaitEffectTest, ReadErrorsCountAsNotYetUntilTheDeadline) {
  absl::Status status = AwaitEffect(
      api_,
      []() -> absl::StatusOr<bool> { return absl::InternalError("boom"); },
      absl::Milliseconds(300));

  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("boom"));
}

TEST_F(AwaitEffectTest, StopEndsTheWaitAtOnce) {
  std::thread stopper([this] {
    absl::SleepFor(absl::Milliseconds(300));
    api_.http->Stop();
  });
  absl::Time start = absl::Now();

  absl::Status status = AwaitEffect(
      api_, []() -> absl::StatusOr<bool> { return false; }, absl::Minutes(5));
  stopper.join();

  EXPECT_TRUE(absl::IsCancelled(status)) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

class WriteAndSettleTest : public AwaitEffectTest {};

TEST_F(WriteAndSettleTest, DefiniteFailureIsReturnedWithoutARead) {
  int reads = 0;

  WriteOutcome outcome = WriteAndSettle(
      api_,
      []() -> absl::StatusOr<gandi::Acknowledgement> {
        return ApiAnswer(402, R"({"message":"no credit"})");
      },
      [&]() -> absl::StatusOr<bool> { return ++reads > 0; });

  EXPECT_EQ(outcome.answer.status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(outcome.took_effect);
  EXPECT_EQ(reads, 0);
}

TEST_F(WriteAndSettleTest, LostAnswerOfAWriteThatShowsLateTookEffect) {
  int reads = 0;

  WriteOutcome outcome = WriteAndSettle(
      api_,
      []() -> absl::StatusOr<gandi::Acknowledgement> {
        return ApiAnswer(502, R"({"message":"bad gateway"})");
      },
      [&]() -> absl::StatusOr<bool> { return ++reads == 3; },
      absl::Seconds(10));

  EXPECT_FALSE(outcome.answer.ok());
  EXPECT_TRUE(outcome.took_effect);
  EXPECT_TRUE(outcome.wait.ok()) << outcome.wait;
  EXPECT_EQ(reads, 3);
}

TEST_F(WriteAndSettleTest, EffectNotShownByTheBoundStaysMaybeCarriedOut) {
  WriteOutcome outcome = WriteAndSettle(
      api_,
      []() -> absl::StatusOr<gandi::Acknowledgement> {
        return ApiAnswer(500, R"({"message":"oops"})");
      },
      []() -> absl::StatusOr<bool> { return false; }, absl::Milliseconds(300));
  Advice advice;
  advice.outcome_unknown = "It may have been carried out: read X first.";
  Diagnostics diagnostics;

  AddWriteFailure(&diagnostics, "Unable", "Writing failed.", outcome, advice);

  EXPECT_FALSE(outcome.took_effect);
  EXPECT_TRUE(absl::IsDeadlineExceeded(outcome.wait)) << outcome.wait;
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].severity, Diagnostic::Severity::kError);
  EXPECT_THAT(diagnostics.items()[0].detail,
              HasSubstr("did not show in reads (not visible after"));
  EXPECT_THAT(diagnostics.items()[0].detail,
              HasSubstr("It may have been carried out: read X first."));
}

TEST(WriteFailureTest, SecretsAreScrubbedFromTheAnswerAndTheWait) {
  WriteOutcome outcome;
  outcome.answer = absl::InvalidArgumentError("token fa647dadedae is wrong");
  outcome.wait = absl::DeadlineExceededError(
      "not visible after 30s; last read: no migration for fa647dadedae");
  Diagnostics diagnostics;

  AddWriteFailure(&diagnostics, "Unable", "Launching failed.", outcome, {},
                  {"fa647dadedae"});

  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("is wrong"));
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("last read: no "));
  EXPECT_THAT(diagnostics.items()[0].detail,
              ::testing::Not(HasSubstr("fa647dadedae")));
}

}  // namespace
}  // namespace gandimail::actions
