// Mailboxes: create (with Dry-Run), get, list filters, patch, delete, purge,
// and the validation and slot rules.
#include <fstream>
#include <regex>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kMailboxes[] = "/v5/email/mailboxes/example.com";

absl::Time ParseApiTime(const Json& j) {
  absl::Time t;
  std::string err;
  EXPECT_TRUE(
      absl::ParseTime(absl::RFC3339_full, j.get<std::string>(), &t, &err))
      << j;
  return t;
}

class MailboxesTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"},
               {"free_slots",
                {{"standard", 3},
                 {"premium", 1},
                 {"standard_2023", 1},
                 {"premium_2023", 1}}}});
  }

  httplib::Result CreateWith(const Json& fields, httplib::Headers h = {}) {
    Json body = {{"login", "alice"},
                 {"mailbox_type", "standard"},
                 {"password", kPassword}};
    if (fields.is_object()) body.update(fields);
    return Post(kMailboxes, body, h);
  }

  // The first error of a refused create.
  Json FirstError(const Json& fields) {
    auto res = CreateWith(fields);
    EXPECT_EQ(res->status, 400) << fields;
    return BodyOf(res)["errors"][0];
  }

  Json Detail(const std::string& id) {
    return BodyOf(Get(std::string(kMailboxes) + "/" + id));
  }

  int PatchStatus(const std::string& id, const Json& body) {
    return Patch(std::string(kMailboxes) + "/" + id, body)->status;
  }
};

TEST_F(MailboxesTest, CreateAnswers202WithLocationOfTheNewUuid) {
  auto res = CreateWith({});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  std::string location = res->get_header_value("Location");
  std::string id = LastSegment(location);
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                     "[0-9a-f]{12}")))
      << id;
  EXPECT_EQ(location, Base() + "/v5/email/mailboxes/example.com/" + id);
  EXPECT_TRUE(BodyOf(res)["message"].is_string());
}

TEST_F(MailboxesTest, DetailHasEmptyFormsForUnsetThings) {
  std::string id = CreateMailbox("example.com", "alice");
  Json d = Detail(id);
  EXPECT_EQ(d["id"], id);
  EXPECT_EQ(d["login"], "alice");
  EXPECT_EQ(d["domain"], "example.com");
  EXPECT_EQ(d["address"], "alice@example.com");
  EXPECT_EQ(d["mailbox_type"], "standard");
  EXPECT_EQ(d["aliases"], Json::array());
  EXPECT_EQ(d["alias_count"], 0);
  EXPECT_EQ(d["antispam"], true);
  EXPECT_EQ(d["quota_used"], 0);
  EXPECT_EQ(d["fallback_email"], "");
  EXPECT_EQ(d["responder"], Json({{"enabled", false}, {"message", ""}}));
  EXPECT_EQ(
      d["autorenew"],
      Json({{"enabled", false}, {"duration", 12}, {"duration_type", "m"}}));
  EXPECT_EQ(d["href"], Base() + "/v5/email/mailboxes/example.com/" + id);
  EXPECT_TRUE(d["expires_at"].is_string());
  EXPECT_FALSE(d.contains("to_convert"));
}

TEST_F(MailboxesTest, ListItemHasToConvertAndNoResponderOrAliases) {
  CreateMailbox("example.com", "alice");
  Json item = BodyOf(Get(kMailboxes))[0];
  EXPECT_EQ(item["to_convert"], false);
  EXPECT_EQ(item["alias_count"], 0);
  EXPECT_FALSE(item.contains("responder"));
  EXPECT_FALSE(item.contains("aliases"));
  EXPECT_FALSE(item.contains("fallback_email"));
}

TEST_F(MailboxesTest, UnknownMailboxIs404) {
  auto res =
      Get(std::string(kMailboxes) + "/00000000-0000-4000-8000-000000000000");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(BodyOf(res)["cause"], "Not Found");
}

TEST_F(MailboxesTest, LoginRulesAreEnforced) {
  EXPECT_EQ(FirstError({{"login", ""}})["name"], "login");
  EXPECT_EQ(FirstError({{"login", "Alice"}})["description"],
            "may hold only lower-case letters, digits, '.', '_' and '-'");
  EXPECT_EQ(FirstError({{"login", ".alice"}})["description"],
            "must start and end with a letter or a digit");
  EXPECT_EQ(FirstError({{"login", "al..ice"}})["description"],
            "must not contain \"..\"");
  EXPECT_EQ(FirstError({{"login", "alice@example.com"}})["name"], "login");
  EXPECT_EQ(CreateWith({{"login", "a.l-i_ce9"}})->status, 202);
}

TEST_F(MailboxesTest, PasswordPolicyIsEnforced) {
  EXPECT_EQ(FirstError({{"password", "Ab1@"}})["description"],
            "must be 8 to 200 characters long");
  EXPECT_EQ(FirstError({{"password", std::string(201, 'A')}})["description"],
            "must be 8 to 200 characters long");
  EXPECT_EQ(FirstError({{"password", "abc123@xyz"}})["description"],
            "must contain at least 1 upper-case letter");
  EXPECT_EQ(FirstError({{"password", "Abcd12@xyz"}})["description"],
            "must contain at least 3 digits");
  // The reference's own PATCH example has no special character.
  EXPECT_EQ(FirstError({{"password",
                         "lGv6KLZhbCgcX8pMK9Vx6mqrZC8vk84L"}})["description"],
            "must contain at least 1 special character");
  Json e = FirstError({{"password", "short"}});
  EXPECT_EQ(e["location"], "body");
  EXPECT_EQ(e["name"], "password");
}

TEST_F(MailboxesTest, Sha512CryptPasswordIsAccepted) {
  std::string hash = "$6$saltsalt$" + std::string(86, 'a');
  EXPECT_EQ(CreateWith({{"password", hash}})->status, 202);
  EXPECT_EQ(FirstError({{"password", "$6$salt$hash"}})["description"],
            "is not a valid SHA512-CRYPT string ($6$salt$hash, hash of 86 "
            "characters)");
}

TEST_F(MailboxesTest, AliasWildcardRule) {
  EXPECT_EQ(CreateWith({{"login", "a1"}, {"aliases", {"bob", "bob*"}}})->status,
            202);
  EXPECT_EQ(CreateWith({{"login", "a2"}, {"aliases", {"*ob"}}})->status, 202);
  for (const char* bad : {"b*", "*", "b*b", "*bob*", "bo**", "bob@x.org"}) {
    Json e = FirstError({{"login", "a3"}, {"aliases", {"ok", bad}}});
    EXPECT_EQ(e["name"], "aliases/1") << bad;
  }
}

TEST_F(MailboxesTest, DeprecatedTypeIsAnsweredAsItsNewName) {
  std::string id = CreateMailbox("example.com", "alice", "standard_new");
  EXPECT_EQ(Detail(id)["mailbox_type"], "standard_2023");
  std::string id2 = CreateMailbox("example.com", "bob", "premium_new");
  EXPECT_EQ(Detail(id2)["mailbox_type"], "premium_2023");
}

TEST_F(MailboxesTest, UnknownTypeIs400) {
  EXPECT_EQ(FirstError({{"mailbox_type", "gold"}})["name"], "mailbox_type");
}

TEST_F(MailboxesTest, CreateNeedsFreeSlotOfSameType) {
  CreateMailbox("example.com", "p1", "premium");
  auto res = CreateWith({{"login", "p2"}, {"mailbox_type", "premium"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "mailbox_type");
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"],
            "no free premium slot on example.com; buy one first");
}

TEST_F(MailboxesTest, DuplicateLoginIs409) {
  CreateMailbox("example.com", "alice");
  auto res = CreateWith({});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "login");
}

TEST_F(MailboxesTest, DryRunSuccessPerformsNothing) {
  auto res = CreateWith({}, {{"Dry-Run", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res),
            Json({{"status", "success"}, {"errors", Json::array()}}));
  EXPECT_EQ(DomainState("example.com")["mailboxes"], Json::array());
}

TEST_F(MailboxesTest, DryRunReportsValidationErrorsWith200) {
  auto res =
      CreateWith({{"password", "weak"}, {"login", "Bad"}}, {{"Dry-Run", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  Json body = BodyOf(res);
  EXPECT_EQ(body["status"], "error");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["name"], "login");
  EXPECT_EQ(body["errors"][1]["name"], "password");
}

TEST_F(MailboxesTest, DryRunReportsAvailabilityErrors) {
  CreateMailbox("example.com", "alice");
  auto res = CreateWith({}, {{"Dry-Run", "1"}});
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "login");
}

TEST_F(MailboxesTest, DryRunWarnsOfDeprecatedType) {
  auto res = CreateWith({{"mailbox_type", "standard_new"}}, {{"Dry-Run", "1"}});
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Warning"),
            "299 - \"deprecated mailbox_type; use standard_2023\"");
}

TEST_F(MailboxesTest, DryRunOnRouteWithoutItIs400) {
  std::string id = CreateMailbox("example.com", "alice");
  httplib::Headers h = Auth();
  h.emplace("Dry-Run", "1");
  auto res = client_->Patch((std::string(kMailboxes) + "/" + id).c_str(), h,
                            R"({"antispam":false})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["location"], "header");
  EXPECT_EQ(Detail(id)["antispam"], true);
}

TEST_F(MailboxesTest, PatchAnswers202WithLocation) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res = Patch(std::string(kMailboxes) + "/" + id, {{"antispam", false}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/mailboxes/example.com/" + id);
  EXPECT_EQ(Detail(id)["antispam"], false);
}

TEST_F(MailboxesTest, PatchAutorenewUsesActivatedAndReadsEnabled) {
  std::string id = CreateMailbox("example.com", "alice");
  EXPECT_EQ(
      PatchStatus(id, {{"autorenew", {{"activated", true}, {"duration", 1}}}}),
      202);
  EXPECT_EQ(Detail(id)["autorenew"],
            Json({{"enabled", true}, {"duration", 1}, {"duration_type", "m"}}));
}

TEST_F(MailboxesTest, PatchAutorenewRefusesReadShapeAndOtherDurations) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res = Patch(std::string(kMailboxes) + "/" + id,
                   {{"autorenew", {{"enabled", true}, {"duration", 1}}}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "autorenew/activated");
  EXPECT_EQ(
      PatchStatus(id, {{"autorenew", {{"activated", true}, {"duration", 6}}}}),
      400);
  EXPECT_EQ(PatchStatus(id, {{"autorenew", {{"activated", true}}}}), 400);
}

TEST_F(MailboxesTest, PatchTypeOnlyToA2023Type) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res =
      Patch(std::string(kMailboxes) + "/" + id, {{"mailbox_type", "premium"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"],
            "can only move to standard_2023 or premium_2023");
  EXPECT_EQ(PatchStatus(id, {{"mailbox_type", "premium_new"}}), 400);
}

TEST_F(MailboxesTest, PatchTypeRecomputesRemainingTime) {
  std::string id = CreateMailbox("example.com", "alice");
  absl::Time now = absl::Now();
  absl::Time before = ParseApiTime(Detail(id)["expires_at"]);
  ASSERT_EQ(PatchStatus(id, {{"mailbox_type", "premium_2023"}}), 202);
  Json d = Detail(id);
  EXPECT_EQ(d["mailbox_type"], "premium_2023");
  // standard (0.35/month) to premium_2023 (2.00/month): time left x 0.175.
  absl::Duration expected = (before - now) * (35.0 / 200.0);
  absl::Duration got = ParseApiTime(d["expires_at"]) - now;
  EXPECT_LT(absl::AbsDuration(got - expected), absl::Seconds(5));
  EXPECT_EQ(DomainState("example.com")["slots"][0]["mailbox_type"],
            "premium_2023");
}

TEST_F(MailboxesTest, PatchLoginRenames) {
  std::string id = CreateMailbox("example.com", "alice");
  ASSERT_EQ(PatchStatus(id, {{"login", "alicia"}}), 202);
  Json d = Detail(id);
  EXPECT_EQ(d["login"], "alicia");
  EXPECT_EQ(d["address"], "alicia@example.com");
}

TEST_F(MailboxesTest, PatchLoginToTakenLoginIs409) {
  std::string id = CreateMailbox("example.com", "alice");
  CreateMailbox("example.com", "bob");
  EXPECT_EQ(PatchStatus(id, {{"login", "bob"}}), 409);
  EXPECT_EQ(PatchStatus(id, {{"login", "alice"}}), 202);
}

TEST_F(MailboxesTest, PatchAliasesReplacesTheList) {
  std::string id = CreateMailbox("example.com", "alice");
  ASSERT_EQ(PatchStatus(id, {{"aliases", {"bob", "bob*"}}}), 202);
  ASSERT_EQ(PatchStatus(id, {{"aliases", {"carl"}}}), 202);
  Json d = Detail(id);
  EXPECT_EQ(d["aliases"], Json({"carl"}));
  EXPECT_EQ(d["alias_count"], 1);
  EXPECT_EQ(PatchStatus(id, {{"aliases", {"c*"}}}), 400);
}

TEST_F(MailboxesTest, PatchPasswordFollowsPolicy) {
  std::string id = CreateMailbox("example.com", "alice");
  EXPECT_EQ(PatchStatus(id, {{"password", "NoDigits@@"}}), 400);
  EXPECT_EQ(PatchStatus(id, {{"password", "New-Pass-123"}}), 202);
}

TEST_F(MailboxesTest, PatchResponderReplacesWholeResponder) {
  std::string id = CreateMailbox("example.com", "alice");
  ASSERT_EQ(PatchStatus(id, {{"responder",
                              {{"enabled", true},
                               {"message", "Out of office"},
                               {"starts_at", "2019-07-10T20:00:01+02:00"},
                               {"ends_at", "2019-07-26T09:00:01Z"}}}}),
            202);
  EXPECT_EQ(Detail(id)["responder"],
            Json({{"enabled", true},
                  {"message", "Out of office"},
                  {"starts_at", "2019-07-10T18:00:01Z"},
                  {"ends_at", "2019-07-26T09:00:01Z"}}));
  ASSERT_EQ(PatchStatus(id, {{"responder", {{"enabled", false}}}}), 202);
  EXPECT_EQ(Detail(id)["responder"],
            Json({{"enabled", false}, {"message", ""}}));
}

TEST_F(MailboxesTest, PatchResponderRefusesBadDates) {
  std::string id = CreateMailbox("example.com", "alice");
  EXPECT_EQ(PatchStatus(id, {{"responder", {{"starts_at", "tomorrow"}}}}), 400);
  auto res = Patch(std::string(kMailboxes) + "/" + id,
                   {{"responder",
                     {{"starts_at", "2019-07-26T09:00:01Z"},
                      {"ends_at", "2019-07-10T09:00:01Z"}}}});
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "responder/ends_at");
}

TEST_F(MailboxesTest, PatchUnknownFieldIsRefused) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res = Patch(std::string(kMailboxes) + "/" + id,
                   {{"fallback_email", "x@example.org"}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"], "is not a known field");
}

TEST_F(MailboxesTest, DeleteFreesTheSlot) {
  std::string id = CreateMailbox("example.com", "p1", "premium");
  auto res = Delete(std::string(kMailboxes) + "/" + id);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/mailboxes/example.com/" + id);
  EXPECT_EQ(Get(std::string(kMailboxes) + "/" + id)->status, 404);
  EXPECT_EQ(CreateWith({{"login", "p2"}, {"mailbox_type", "premium"}})->status,
            202);
}

TEST_F(MailboxesTest, PurgeEmptiesContentsAndKeepsMailbox) {
  Json seed = {{"domains",
                {{"seed.example",
                  {{"mailboxes",
                    {{{"id", "11111111-1111-4111-8111-111111111111"},
                      {"login", "full"},
                      {"mailbox_type", "standard"},
                      {"quota_used", 1200}}}}}}}}};
  std::string path = testing::TempDir() + "/purge_seed.json";
  std::ofstream(path) << seed.dump();
  Start({"--seed", path});
  std::string mb =
      "/v5/email/mailboxes/seed.example/"
      "11111111-1111-4111-8111-111111111111";
  EXPECT_EQ(BodyOf(Get(mb))["quota_used"], 1200);
  auto res = Delete(mb + "/contents");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(BodyOf(Get(mb))["quota_used"], 0);
}

TEST_F(MailboxesTest, ListFilters) {
  CreateMailbox("example.com", "alice");
  CreateMailbox("example.com", "malice", "premium");
  std::string bob = CreateMailbox("example.com", "bob");
  PatchStatus(bob, {{"antispam", false}});
  auto logins = [&](const std::string& query) {
    std::vector<std::string> out;
    for (const Json& m : BodyOf(Get(std::string(kMailboxes) + query))) {
      out.push_back(m["login"]);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(logins("?login=alice"), V({"alice"}));
  EXPECT_EQ(logins("?%7Elogin=*lice"), V({"alice", "malice"}));
  EXPECT_EQ(logins("?~login=alic*"), V({"alice"}));
  EXPECT_EQ(logins("?antispam=false"), V({"bob"}));
  EXPECT_EQ(logins("?mailbox_type=premium"), V({"malice"}));
  EXPECT_EQ(logins("?%3Ccreated_at=2000-01-01T00:00:00Z"), V());
  EXPECT_EQ(logins("?%3Ccreated_at=2999-01-01T00:00:00Z").size(), 3u);
}

TEST_F(MailboxesTest, BadListFiltersAre400) {
  for (const char* q : {"?antispam=maybe", "?mailbox_type=standard_new",
                        "?%3Ccreated_at=yesterday"}) {
    auto res = Get(std::string(kMailboxes) + q);
    EXPECT_EQ(res->status, 400) << q;
    EXPECT_EQ(BodyOf(res)["errors"][0]["location"], "querystring") << q;
  }
}

TEST_F(MailboxesTest, AcceptCsvReturnsCsv) {
  std::string id = CreateMailbox("example.com", "alice");
  auto res = Get(kMailboxes, {{"Accept", "text/csv"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv");
  EXPECT_EQ(res->body.substr(0, res->body.find("\r\n")),
            "id,login,domain,address,mailbox_type,quota_used,alias_count,"
            "antispam,href,expires_at,to_convert,autorenew_enabled,"
            "autorenew_duration,autorenew_duration_type");
  EXPECT_NE(res->body.find(id + ",alice,example.com,alice@example.com,"
                                "standard,0,0,true,"),
            std::string::npos);
}

TEST_F(MailboxesTest, StateKeepsPasswordDigestOnly) {
  CreateMailbox("example.com", "alice");
  std::string state = client_->Get("/_sandbox/state")->body;
  EXPECT_EQ(state.find(kPassword), std::string::npos);
  EXPECT_EQ(DomainState("example.com")["mailboxes"][0]["password_sha256"]
                .get<std::string>()
                .size(),
            64u);
}

}  // namespace
}  // namespace gandimail::sandbox
