// Authorization, the error body shape, and unknown domains and routes.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

class AuthTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}});
  }

  httplib::Result GetWith(const std::string& authorization) {
    httplib::Headers h;
    if (!authorization.empty()) h.emplace("Authorization", authorization);
    return client_->Get("/v5/email/slots/example.com", h);
  }
};

TEST_F(AuthTest, MissingAuthorizationIs401WithErrorBody) {
  auto res = GetWith("");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(BodyOf(res),
            Json({{"cause", "Unauthorized"},
                  {"code", 401},
                  {"message", "The Authorization header is missing"},
                  {"object", "HTTPUnauthorized"}}));
}

TEST_F(AuthTest, WrongTokenIs401) {
  auto res = GetWith("Bearer not-the-token");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(BodyOf(res)["message"],
            "The credential in the Authorization header is not valid");
}

TEST_F(AuthTest, UnknownSchemeIs401) {
  auto res = GetWith(std::string("Basic ") + kToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(AuthTest, BearerTokenIsAccepted) {
  auto res = GetWith(std::string("Bearer ") + kToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(AuthTest, DeprecatedApikeyIsAccepted) {
  auto res = GetWith(std::string("Apikey ") + kToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(AuthTest, AuthIsCheckedBeforeTheDomain) {
  auto res = client_->Get("/v5/email/slots/unknown.example");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(AuthTest, DomainNotInSandboxIs403) {
  auto res = Get("/v5/email/mailboxes/unknown.example");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  Json body = BodyOf(res);
  EXPECT_EQ(body["cause"], "Forbidden");
  EXPECT_EQ(body["code"], 403);
  EXPECT_EQ(body["object"], "HTTPForbidden");
}

TEST_F(AuthTest, UnknownRouteIs404AndWrongMethodIs405) {
  auto missing = Get("/v5/email/nothing/example.com");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(BodyOf(missing)["object"], "HTTPNotFound");

  auto wrong = Put("/v5/email/slots/example.com", Json::object());
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
}

TEST_F(AuthTest, ControlApiNeedsNoAuthorization) {
  auto res = client_->Get("/_sandbox/state");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace gandimail::sandbox
