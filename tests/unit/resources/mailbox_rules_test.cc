// The mailbox argument rules checked at validate time, and the pure
// translation between API mailboxes and Terraform values.

#include "src/resources/mailbox_rules.h"

#include <gtest/gtest.h>

#include <string>

#include "src/resources/mailbox.h"
#include "src/resources/mailbox_state.h"

namespace gandimail::resources {
namespace {

using cty::Value;

const std::string kHash =
    "$6$saltsalt$" + std::string(86, 'a');  // Well-formed SHA512-CRYPT.

TEST(MailboxPasswordTest, AcceptsPlaintextMeetingEveryRule) {
  EXPECT_EQ(CheckPassword("Abc123!x"), "");
  EXPECT_EQ(CheckPassword("a*6@Xk86cPR2kcZ@qPAi"), "");
}

TEST(MailboxPasswordTest, RefusesTooShortAndTooLong) {
  EXPECT_EQ(CheckPassword("Ab1!23"), "must be 8 to 200 characters long");
  EXPECT_EQ(CheckPassword("A1!2" + std::string(197, 'x') + "3"),
            "must be 8 to 200 characters long");
}

TEST(MailboxPasswordTest, CountsCodePointsNotBytes) {
  // 8 code points, 12 bytes: "é" and "€" are one character each.
  EXPECT_EQ(CheckPassword("A123x\xC3\xA9\xE2\x82\xAC!"), "");
}

TEST(MailboxPasswordTest, NamesTheMissingCharacterClass) {
  EXPECT_EQ(CheckPassword("abc123!xyz"),
            "must contain at least 1 upper-case letter");
  EXPECT_EQ(CheckPassword("Abc12!xyz"), "must contain at least 3 digits");
  // The reference's own PATCH example has no special character.
  EXPECT_NE(CheckPassword("lGv6KLZhbCgcX8pMK9Vx6mqrZC8vk84L").find("special"),
            std::string::npos);
}

TEST(MailboxPasswordTest, SpaceAndNonAsciiCountAsSpecial) {
  EXPECT_EQ(CheckPassword("Abc 123xyz"), "");
  EXPECT_EQ(CheckPassword("Abc123xyz\xC3\xA9"), "");
}

TEST(MailboxPasswordTest, ReasonNeverQuotesThePassword) {
  const std::string weak = "weakpassword";
  EXPECT_EQ(CheckPassword(weak).find(weak), std::string::npos);
}

TEST(MailboxPasswordTest, AcceptsSha512CryptWithAndWithoutRounds) {
  EXPECT_TRUE(IsSha512Crypt(kHash));
  EXPECT_EQ(CheckPassword(kHash), "");
  EXPECT_EQ(CheckPassword("$6$rounds=5000$salt$" + std::string(86, 'Z')), "");
}

TEST(MailboxPasswordTest, RefusesMalformedSha512Crypt) {
  EXPECT_FALSE(IsSha512Crypt("$6$salt$short"));
  EXPECT_FALSE(
      IsSha512Crypt("$6$" + std::string(17, 's') + "$" + std::string(86, 'a')));
  EXPECT_FALSE(IsSha512Crypt("$6$$" + std::string(86, 'a')));
  EXPECT_NE(CheckPassword("$6$salt$short").find("SHA512-CRYPT"),
            std::string::npos);
}

TEST(MailboxLoginTest, AcceptsLowerCaseLettersDigitsAndSeparators) {
  EXPECT_EQ(CheckLogin("alice"), "");
  EXPECT_EQ(CheckLogin("a.b_c-d9"), "");
  EXPECT_EQ(CheckLogin(std::string(64, 'a')), "");
}

TEST(MailboxLoginTest, RefusesEmptyLongUpperCaseAndBadEdges) {
  EXPECT_EQ(CheckLogin(""), "must not be empty");
  EXPECT_EQ(CheckLogin(std::string(65, 'a')),
            "must be at most 64 characters long");
  EXPECT_NE(CheckLogin("Alice").find("lower case"), std::string::npos);
  EXPECT_EQ(CheckLogin(".alice"),
            "must start and end with a letter or a digit");
  EXPECT_EQ(CheckLogin("al..ice"), "must not contain \"..\"");
  EXPECT_NE(CheckLogin("al ice"), "");
}

TEST(MailboxAliasTest, AcceptsPlainAndEdgeWildcards) {
  EXPECT_EQ(CheckAlias("bob"), "");
  EXPECT_EQ(CheckAlias("bob*"), "");
  EXPECT_EQ(CheckAlias("*ob"), "");
}

TEST(MailboxAliasTest, RefusesWildcardNextToFewerThanTwoCharacters) {
  EXPECT_EQ(CheckAlias("b*"), "needs at least two characters next to its '*'");
  EXPECT_NE(CheckAlias("*"), "");
}

TEST(MailboxAliasTest, RefusesWildcardInTheMiddleTwiceOrOnBothSides) {
  EXPECT_NE(CheckAlias("b*ob"), "");
  EXPECT_NE(CheckAlias("*bob*"), "");
  EXPECT_NE(CheckAlias("bo**"), "");
}

TEST(MailboxAliasTest, RefusesFullAddressWithTheFix) {
  EXPECT_NE(CheckAlias("bob@example.com").find("before '@'"),
            std::string::npos);
}

TEST(MailboxTypeTest, DeprecatedNamesMapToTheir2023Types) {
  EXPECT_TRUE(IsDeprecatedMailboxType("standard_new"));
  EXPECT_FALSE(IsDeprecatedMailboxType("standard_2023"));
  EXPECT_EQ(CanonicalMailboxType("standard_new"), "standard_2023");
  EXPECT_EQ(CanonicalMailboxType("premium_new"), "premium_2023");
  EXPECT_EQ(CanonicalMailboxType("premium"), "premium");
}

TEST(MailboxTypeTest, ClassifiesChanges) {
  EXPECT_EQ(ClassifyTypeChange("standard_new", "standard_2023"),
            TypeChange::kNone);
  EXPECT_EQ(ClassifyTypeChange("standard_2023", "premium_2023"),
            TypeChange::kInPlace);
  EXPECT_EQ(ClassifyTypeChange("standard", "premium_new"),
            TypeChange::kInPlace);
  EXPECT_EQ(ClassifyTypeChange("standard", "premium"), TypeChange::kForbidden);
  EXPECT_EQ(ClassifyTypeChange("premium_2023", "standard"),
            TypeChange::kForbidden);
}

TEST(MailboxImportIdTest, ParsesDomainSlashUuid) {
  auto id =
      ParseMailboxImportId("example.com/066743e5-96e4-4a1d-9195-8b8a700a8a79");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->domain, "example.com");
  EXPECT_EQ(id->id, "066743e5-96e4-4a1d-9195-8b8a700a8a79");
  EXPECT_EQ(id->login, "");
}

TEST(MailboxImportIdTest, ParsesAddress) {
  auto id = ParseMailboxImportId("alice@example.com");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->domain, "example.com");
  EXPECT_EQ(id->login, "alice");
  EXPECT_EQ(id->id, "");
}

TEST(MailboxImportIdTest, RefusesOtherForms) {
  EXPECT_FALSE(ParseMailboxImportId("alice").has_value());
  EXPECT_FALSE(ParseMailboxImportId("example.com/not-a-uuid").has_value());
  EXPECT_FALSE(
      ParseMailboxImportId("066743e5-96e4-4a1d-9195-8b8a700a8a79").has_value());
  EXPECT_FALSE(ParseMailboxImportId("Alice@example.com").has_value());
  EXPECT_FALSE(ParseMailboxImportId("alice@localhost").has_value());
}

TEST(MailboxApiFieldTest, MapsApiNamesToAttributePaths) {
  EXPECT_EQ(PathForApiField("password")->ToString(), "password");
  EXPECT_EQ(PathForApiField("aliases/1")->ToString(), "aliases");
  EXPECT_EQ(PathForApiField("responder/ends_at")->ToString(),
            "responder.ends_at");
  EXPECT_EQ(PathForApiField("autorenew/activated")->ToString(),
            "autorenew.enabled");
  EXPECT_FALSE(PathForApiField("sharing_id").has_value());
}

// ---- State translation ----

gandi::Mailbox ApiMailbox() {
  gandi::Mailbox m;
  m.id = "066743e5-96e4-4a1d-9195-8b8a700a8a79";
  m.login = "alice";
  m.domain = "example.com";
  m.address = "alice@example.com";
  m.mailbox_type = "standard_2023";
  m.antispam = true;
  m.expires_at = "2027-01-01T00:00:00Z";
  m.autorenew = gandi::Autorenew{false, 12, "m", std::nullopt};
  m.responder = gandi::Responder{false, "", std::nullopt, std::nullopt};
  m.fallback_email = "";
  return m;
}

cty::Type StateType() { return MailboxSchema().ImpliedType(); }

TEST(MailboxStateTest, ApiEmptyFormsReadAsUnsetWithoutPrior) {
  Value state = MailboxStateFromApi(ApiMailbox(), Value(), StateType());
  EXPECT_TRUE(state.GetAttr("responder").IsNull());
  EXPECT_TRUE(state.GetAttr("aliases").IsNull());
  EXPECT_EQ(state.GetAttr("alias_count"), Value::Int(0));
}

TEST(MailboxStateTest, KeepsDeprecatedTypeNameOfPrior) {
  Value prior = Value::Null(StateType())
                    .WithAttr("mailbox_type", Value::String("standard_new"));
  Value state = MailboxStateFromApi(ApiMailbox(), prior, StateType());
  EXPECT_EQ(state.GetAttr("mailbox_type"), Value::String("standard_new"));
}

TEST(MailboxStateTest, KeepsPriorDateFormForTheSameInstant) {
  gandi::Mailbox api = ApiMailbox();
  api.responder =
      gandi::Responder{true, "away", "2030-01-01T10:00:00Z", std::nullopt};
  Value responder =
      Value::Object({{"enabled", Value::Bool(true)},
                     {"message", Value::String("away")},
                     {"starts_at", Value::String("2030-01-01T12:00:00+02:00")},
                     {"ends_at", Value::Null(cty::Type::String())}});
  Value prior = Value::Null(StateType()).WithAttr("responder", responder);
  Value state = MailboxStateFromApi(api, prior, StateType());
  EXPECT_EQ(state.GetAttr("responder"), responder);
}

TEST(MailboxStateTest, PasswordIsNeverReadBack) {
  Value prior =
      Value::Null(StateType()).WithAttr("password", Value::String("Abc123!x"));
  Value state = MailboxStateFromApi(ApiMailbox(), prior, StateType());
  EXPECT_EQ(state.GetAttr("password"), Value::String("Abc123!x"));
  EXPECT_TRUE(state.GetAttr("password_wo").IsNull());
}

TEST(MailboxStateTest, RemovedResponderTurnsItOff) {
  Value responder =
      Value::Object({{"enabled", Value::Bool(true)},
                     {"message", Value::String("away")},
                     {"starts_at", Value::Null(cty::Type::String())},
                     {"ends_at", Value::Null(cty::Type::String())}});
  Value prior = MailboxStateFromApi(ApiMailbox(), Value(), StateType())
                    .WithAttr("responder", responder);
  Value planned = prior.WithAttr(
      "responder", Value::Null(prior.GetAttr("responder").type()));
  gandi::MailboxUpdate update =
      MailboxUpdateFromChange(prior, planned, planned);
  ASSERT_TRUE(update.responder.has_value());
  EXPECT_EQ(update.responder->enabled, false);
  EXPECT_FALSE(update.aliases.has_value());
  EXPECT_FALSE(update.password.has_value());
}

TEST(MailboxStateTest, FillComputedNullsWhatTheApiDidNotShow) {
  Value planned =
      Value::Null(StateType())
          .WithAttr("login", Value::String("alice"))
          .WithAttr("expires_at", Value::Unknown(cty::Type::String()));
  Value filled = FillComputed(planned, nullptr);
  EXPECT_TRUE(filled.GetAttr("expires_at").IsNull());
  EXPECT_TRUE(filled.IsWhollyKnown());
}

}  // namespace
}  // namespace gandimail::resources
