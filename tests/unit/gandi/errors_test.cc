#include "src/gandi/errors.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::gandi {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

http::Response Answer(long status, std::string body,
                      std::string content_type = "application/json") {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = {{"Content-Type", content_type}};
  return response;
}

absl::Status ErrorFor(long status, std::string body,
                      std::string content_type = "application/json") {
  return ErrorFromResponse("GET", "/v5/email/mailboxes/example.com/u1",
                           Answer(status, std::move(body), content_type), {});
}

TEST(ErrorsTest, StatusCodesFollowHttpStatus) {
  const std::string body = R"({"message": "m"})";
  EXPECT_EQ(ErrorFor(400, body).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorFor(401, body).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ErrorFor(402, body).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorFor(403, body).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorFor(404, body).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorFor(409, body).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorFor(429, body).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorFor(500, body).code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ErrorFor(503, body).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorFor(418, body).code(), absl::StatusCode::kUnknown);
}

TEST(ErrorsTest, MessageKeepsTheApiDetails) {
  const absl::Status status =
      ErrorFor(400, R"({"cause": "Invalid mailbox", "code": 40012,
               "message": "The mailbox cannot be changed.",
               "object": "MailboxError"})");
  EXPECT_EQ(status.message(),
            "GET /v5/email/mailboxes/example.com/u1: the API answered 400 "
            "Bad Request: The mailbox cannot be changed. (cause: Invalid "
            "mailbox, object: MailboxError, code: 40012)");
}

TEST(ErrorsTest, CauseObjectAndCodeThatRestateTheStatusAreLeftOut) {
  const absl::Status status =
      ErrorFor(409, R"({"cause": "Conflict", "code": 409,
               "message": "the address alice@example.com is already in use",
               "object": "HTTPConflict"})");
  EXPECT_EQ(status.message(),
            "GET /v5/email/mailboxes/example.com/u1: the API answered 409 "
            "Conflict: the address alice@example.com is already in use");
}

TEST(ErrorsTest, ConflictFieldErrorInTheMessageIsSaidOnce) {
  const absl::Status status =
      ErrorFromResponse("POST", "/v5/email/mailboxes/example.com",
                        Answer(409, R"({"cause": "Conflict", "code": 409,
               "message": "mailbox_type: no free slot on example.com",
               "object": "HTTPConflict",
               "errors": [{"location": "body", "name": "mailbox_type",
                           "description": "no free slot on example.com"}]})"),
                        {});
  EXPECT_EQ(status.message(),
            "POST /v5/email/mailboxes/example.com: the API answered 409 "
            "Conflict: mailbox_type: no free slot on example.com");
}

TEST(ErrorsTest, FieldErrorMissingFromTheMessageIsAdded) {
  const absl::Status status = ErrorFor(400, R"({"message": "invalid body",
               "errors": [{"location": "body", "name": "login",
                           "description": "must not be empty"}]})");
  EXPECT_THAT(status.message(),
              HasSubstr("invalid body; body login: must not be empty"));
}

TEST(ErrorsTest, UnauthorizedSaysWhichSettingToCheck) {
  const absl::Status status =
      ErrorFor(401, R"({"cause": "Unauthorized", "code": 401,
               "message": "The token is not valid",
               "object": "HTTPUnauthorized"})");
  EXPECT_THAT(status.message(),
              HasSubstr("The token is not valid. Gandi did not accept the "
                        "credentials: check personal_access_token in the "
                        "provider block, or GANDI_PERSONAL_ACCESS_TOKEN"));
}

TEST(ErrorsTest, UnauthorizedWithoutBodyStillSaysWhichSettingToCheck) {
  EXPECT_THAT(ErrorFor(401, "").message(),
              HasSubstr("with an empty body. Gandi did not accept the "
                        "credentials: check personal_access_token"));
}

TEST(ErrorsTest, UnauthorizedHintQuotesNoEchoedToken) {
  const absl::Status status = ErrorFromResponse(
      "GET", "/v5/email/mailboxes/example.com",
      Answer(401, R"({"message": "token pat_s3cr3t-value is unknown"})"),
      {"pat_s3cr3t-value"});
  EXPECT_THAT(status.message(), Not(HasSubstr("pat_s3cr3t-value")));
  EXPECT_THAT(status.message(), HasSubstr("GANDI_PERSONAL_ACCESS_TOKEN"));
}

TEST(ErrorsTest, ForbiddenDomainNamesItsOrganizationAndSharingId) {
  const absl::Status status =
      ErrorFromResponse("GET", "/v5/email/forwards/mine.test?page=1",
                        Answer(403, R"({"cause": "Forbidden", "code": 403,
               "message": "Access was denied to this resource.",
               "object": "HTTPForbidden"})"),
                        {});
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(),
            "GET /v5/email/forwards/mine.test?page=1: the API answered 403 "
            "Forbidden: Access was denied to this resource. Check that the "
            "domain name is right and that mine.test belongs to the "
            "organization the token was created in, with email rights; when "
            "sharing_id (or GANDI_SHARING_ID) is set, it must name that "
            "organization.");
}

TEST(ErrorsTest, ForbiddenMeaningNotFoundHasNoHint) {
  const absl::Status status =
      ErrorFor(403, R"({"object": "HTTPNotFound", "message": "gone"})");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), Not(HasSubstr("sharing_id")));
}

TEST(ErrorsTest, OtherStatusesHaveNoHint) {
  const absl::Status status = ErrorFor(500, R"({"message": "oops"})");
  EXPECT_EQ(status.message(),
            "GET /v5/email/mailboxes/example.com/u1: the API answered 500 "
            "Internal Server Error: oops");
}

TEST(ErrorsTest, PayloadCarriesTheApiError) {
  const absl::Status status = ErrorFor(
      400, R"({"cause": "Bad Request", "code": 400, "message": "invalid",
               "object": "HTTPBadRequest",
               "errors": [{"location": "body", "name": "password",
                           "description": "too weak"}]})");
  const std::optional<ApiError> error = ApiErrorOf(status);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->http_status, 400);
  EXPECT_EQ(error->cause, "Bad Request");
  EXPECT_EQ(error->code, 400);
  EXPECT_EQ(error->message, "invalid");
  EXPECT_EQ(error->object, "HTTPBadRequest");
  ASSERT_EQ(error->errors.size(), 1u);
  EXPECT_EQ(error->errors[0].name, "password");
  EXPECT_EQ(error->errors[0].description, "too weak");
  EXPECT_THAT(status.message(), HasSubstr("body password: too weak"));
}

TEST(ErrorsTest, StatusWithoutPayloadHasNoApiError) {
  EXPECT_EQ(ApiErrorOf(absl::UnavailableError("x")), std::nullopt);
}

TEST(ErrorsTest, BadRequestSayingNotFoundIsNotFound) {
  EXPECT_EQ(ErrorFor(400, R"({"cause": "Not Found", "message": "x"})").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorFor(403, R"({"object": "HTTPNotFound"})").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorFor(403, R"({"code": 404, "message": "gone"})").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorFor(403, R"({"cause": "Forbidden"})").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(ErrorsTest, PaymentRequiredKeepsItsMessage) {
  const absl::Status status =
      ErrorFor(402, R"({"message": "Not enough credit", "status_code": 402})");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(),
              HasSubstr("402 Payment Required: Not enough credit"));
}

TEST(ErrorsTest, HtmlBodyIsDescribedNotQuoted) {
  const absl::Status status =
      ErrorFor(502, "<html><body>Bad gateway secret-ish</body></html>",
               "text/html; charset=utf-8");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(),
              HasSubstr("the API answered 502 Bad Gateway with a non-JSON "
                        "body (text/html, 48 bytes)"));
  EXPECT_THAT(status.message(), Not(HasSubstr("secret-ish")));
}

TEST(ErrorsTest, EmptyAndTruncatedBodies) {
  EXPECT_THAT(ErrorFor(500, "").message(), HasSubstr("with an empty body"));
  EXPECT_THAT(ErrorFor(500, R"({"message": "tru)").message(),
              HasSubstr("non-JSON body (application/json, 16 bytes)"));
  EXPECT_THAT(ErrorFor(500, "[1]").message(),
              HasSubstr("JSON array where an error object was expected"));
}

TEST(ErrorsTest, EchoedSecretsAreScrubbed) {
  const absl::Status status =
      ErrorFromResponse("POST", "/v5/email/mailboxes/example.com",
                        Answer(400, R"({"message": "password hunter2 is weak",
                      "errors": [{"description": "hunter2 too short"}]})"),
                        {"hunter2"});
  EXPECT_THAT(status.message(), Not(HasSubstr("hunter2")));
  EXPECT_THAT(status.message(), HasSubstr("password (redacted) is weak"));
  EXPECT_THAT(std::string(*status.GetPayload(kApiErrorPayload)),
              Not(HasSubstr("hunter2")));
}

// Found by fuzz_gandi_codec: every text field of errors[] can echo input.
TEST(ErrorsTest, SecretEchoedInErrorLocationIsScrubbed) {
  const absl::Status status = ErrorFromResponse(
      "POST", "/v5/email/mailboxes/example.com",
      Answer(400, R"({"errors": [{"location": "Sup3r-S3cret-1!"}]})"),
      {"Sup3r-S3cret-1!"});
  EXPECT_THAT(status.message(), Not(HasSubstr("Sup3r-S3cret-1!")));
  EXPECT_THAT(std::string(*status.GetPayload(kApiErrorPayload)),
              Not(HasSubstr("Sup3r-S3cret-1!")));
}

TEST(ErrorsTest, AnswerWithoutErrorBodyStillCarriesItsStatus) {
  absl::Status proxy = ErrorFor(502, "<html>Bad Gateway</html>", "text/html");
  absl::Status empty = ErrorFor(500, "");
  absl::Status list = ErrorFor(503, "[1, 2]");

  ASSERT_TRUE(ApiErrorOf(proxy).has_value());
  EXPECT_EQ(ApiErrorOf(proxy)->http_status, 502);
  ASSERT_TRUE(ApiErrorOf(empty).has_value());
  EXPECT_EQ(ApiErrorOf(empty)->http_status, 500);
  ASSERT_TRUE(ApiErrorOf(list).has_value());
  EXPECT_EQ(ApiErrorOf(list)->http_status, 503);
}

TEST(ErrorsTest, ServerFailuresMayHaveTakenEffectRefusalsNot) {
  EXPECT_TRUE(MayHaveTakenEffect(ErrorFor(500, R"({"message": "m"})")));
  EXPECT_TRUE(MayHaveTakenEffect(ErrorFor(502, "<html>", "text/html")));
  EXPECT_TRUE(MayHaveTakenEffect(ErrorFor(504, "")));
  EXPECT_FALSE(MayHaveTakenEffect(ErrorFor(409, R"({"message": "m"})")));
  EXPECT_FALSE(MayHaveTakenEffect(ErrorFor(405, "<html>", "text/html")));
  EXPECT_FALSE(MayHaveTakenEffect(absl::UnavailableError("never sent")));
}

}  // namespace
}  // namespace gandimail::gandi
