// The sandbox's validation rules, checked directly.
#include "tests/sandbox/rules.h"

#include <gtest/gtest.h>

namespace gandimail::sandbox {
namespace {

TEST(SandboxRulesTest, GlobStarMatchesAnyRunIgnoringCase) {
  EXPECT_TRUE(GlobMatch("*lice", "alice"));
  EXPECT_TRUE(GlobMatch("*lice", "lice"));
  EXPECT_TRUE(GlobMatch("alic*", "ALICE"));
  EXPECT_TRUE(GlobMatch("a*e", "alice"));
  EXPECT_FALSE(GlobMatch("*lice", "alicia"));
  EXPECT_FALSE(GlobMatch("alice", "alice2"));
}

TEST(SandboxRulesTest, PasswordSpecialCharacterIsAnyNonAlphanumeric) {
  EXPECT_EQ(CheckPassword("Abc 1234"), "");  // a space counts
  EXPECT_EQ(CheckPassword("Abcé1234"), "");  // so does a non-ASCII letter
  EXPECT_EQ(CheckPassword("Abcd1234"),
            "must contain at least 1 special character");
}

TEST(SandboxRulesTest, PasswordLengthCountsCharactersNotBytes) {
  EXPECT_EQ(CheckPassword("Aé1é2é3"), "must be 8 to 200 characters long");
}

TEST(SandboxRulesTest, Sha512CryptWithRoundsIsAccepted) {
  EXPECT_EQ(CheckPassword("$6$rounds=5000$salt$" + std::string(86, 'x')), "");
  EXPECT_NE(
      CheckPassword("$6$" + std::string(17, 's') + "$" + std::string(86, 'x')),
      "");
}

TEST(SandboxRulesTest, AliasNeedsTwoCharactersBesideTheStar) {
  EXPECT_EQ(CheckAlias("bo*"), "");
  EXPECT_EQ(CheckAlias("*ob"), "");
  EXPECT_EQ(CheckAlias("b*"),
            "a '*' needs at least two other characters beside it");
  EXPECT_EQ(CheckAlias("b*ob"),
            "may hold one '*', only at its start or its end");
}

TEST(SandboxRulesTest, AddMonthsKeepsTimeOfDay) {
  absl::Time t = *ParseDateTime("2024-01-15T10:04:18Z");
  EXPECT_EQ(TimeToString(AddMonths(t, 12)), "2025-01-15T10:04:18Z");
  EXPECT_EQ(TimeToString(AddMonths(t, 1)), "2024-02-15T10:04:18Z");
}

TEST(SandboxRulesTest, UuidIsVersion4) {
  std::string id = NewUuid();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(NewUuid(), id);
}

TEST(SandboxRulesTest, DeprecatedTypesMapTo2023) {
  bool deprecated = false;
  EXPECT_EQ(*NormalizeCreateType("premium_new", &deprecated), "premium_2023");
  EXPECT_TRUE(deprecated);
  EXPECT_EQ(*NormalizeCreateType("standard", &deprecated), "standard");
  EXPECT_FALSE(deprecated);
  EXPECT_FALSE(NormalizeCreateType("gold", &deprecated).has_value());
}

}  // namespace
}  // namespace gandimail::sandbox
