#include "internal/log/redact.h"

#include <sstream>

#include "gtest/gtest.h"
#include "internal/log/log.h"

namespace gandimail::log {
namespace {

TEST(SecretTest, RevealGivesTheText) {
  const Secret secret("pat_abc-123");
  EXPECT_EQ(secret.Reveal(), "pat_abc-123");
  EXPECT_FALSE(secret.empty());
}

TEST(SecretTest, JsonFormIsRedacted) {
  const nlohmann::json j = {{"token", Secret("pat_abc-123")}};
  EXPECT_EQ(j.dump(), R"j({"token":"(redacted)"})j");
}

TEST(SecretTest, StreamFormIsRedacted) {
  std::ostringstream out;
  out << Secret("pat_abc-123");
  EXPECT_EQ(out.str(), "(redacted)");
}

TEST(SecretTest, AsLogFieldIsRedacted) {
  std::string captured;
  SetLevelForTest(Level::kTrace);
  SetSinkForTest([&](std::string_view line) { captured = line; });
  Trace("configured", {{"token", Secret("pat_abc-123")}});
  SetSinkForTest(nullptr);
  SetLevelForTest(Level::kOff);
  EXPECT_EQ(captured.find("pat_abc"), std::string::npos);
  EXPECT_NE(captured.find("(redacted)"), std::string::npos);
}

TEST(RedactJsonTest, SecretKeysAtAnyDepthAreRedacted) {
  const std::string out = RedactJson(
      R"({"login":"alice","password":"a*6@Xk86","nested":{"Token":"t1",)"
      R"("list":[{"KEY":"k1"},{"personal_access_token":"p1"}]},)"
      R"("password_wo":"w","Authorization":"Bearer x"})");
  const auto parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed["login"], "alice");
  EXPECT_EQ(parsed["password"], "(redacted)");
  EXPECT_EQ(parsed["nested"]["Token"], "(redacted)");
  EXPECT_EQ(parsed["nested"]["list"][0]["KEY"], "(redacted)");
  EXPECT_EQ(parsed["nested"]["list"][1]["personal_access_token"], "(redacted)");
  EXPECT_EQ(parsed["password_wo"], "(redacted)");
  EXPECT_EQ(parsed["Authorization"], "(redacted)");
}

TEST(RedactJsonTest, SecretKeyWithObjectValueIsRedactedWhole) {
  EXPECT_EQ(RedactJson(R"({"token":{"value":"s"}})"),
            R"j({"token":"(redacted)"})j");
}

TEST(RedactJsonTest, OtherKeysAreKept) {
  EXPECT_EQ(RedactJson(R"([{"source":"alice","destinations":["a@b.c"]}])"),
            R"([{"destinations":["a@b.c"],"source":"alice"}])");
}

TEST(RedactJsonTest, NonJsonGivesOnlyItsSize) {
  EXPECT_EQ(RedactJson("password=hunter2&x=1"), "(unparsable body: 20 bytes)");
  EXPECT_EQ(RedactJson(R"({"password":"trunc)"), "(unparsable body: 18 bytes)");
}

TEST(RedactJsonTest, EmptyBodyGivesEmptyText) {
  EXPECT_EQ(RedactJson(""), "");
  EXPECT_EQ(RedactJson("  \n"), "");
}

TEST(RedactHeaderTest, AuthorizationKeepsOnlyTheScheme) {
  EXPECT_EQ(RedactHeader("Authorization", "Bearer pat_abc-123"),
            "Bearer (redacted)");
  EXPECT_EQ(RedactHeader("authorization", "Apikey k"), "Apikey (redacted)");
  EXPECT_EQ(RedactHeader("AUTHORIZATION", "opaque"), "(redacted)");
}

TEST(RedactHeaderTest, CookiesAreRedactedWhole) {
  EXPECT_EQ(RedactHeader("Set-Cookie", "session=abc; Path=/"), "(redacted)");
}

TEST(RedactHeaderTest, OtherHeadersAreUnchanged) {
  EXPECT_EQ(RedactHeader("Content-Type", "application/json"),
            "application/json");
}

TEST(SecretValuesTest, CollectsStringsUnderSecretKeys) {
  EXPECT_EQ(SecretValuesInJson(
                R"({"login":"a","password":"p1","x":[{"Token":"t2"}]})"),
            (std::vector<std::string>{"p1", "t2"}));
  EXPECT_TRUE(SecretValuesInJson("not json").empty());
}

TEST(ScrubSecretsTest, ReplacesEveryOccurrence) {
  EXPECT_EQ(ScrubSecrets("pw hunter2 and hunter2!", {"hunter2"}),
            "pw (redacted) and (redacted)!");
}

TEST(ScrubSecretsTest, LeavesTooShortEntriesAlone) {
  EXPECT_EQ(ScrubSecrets("abc abc", {"abc", ""}), "abc abc");
}

}  // namespace
}  // namespace gandimail::log
