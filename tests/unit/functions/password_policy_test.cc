#include "src/functions/password_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gandimail::functions {
namespace {

using cty::Type;
using cty::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(PasswordPolicyTest, ApiCreateExampleIsAccepted) {
  EXPECT_THAT(PasswordProblems("a*6@Xk86cPR2kcZ@qPAi"), IsEmpty());
}

// The API page's own PATCH example has no special character.
TEST(PasswordPolicyTest, ApiPatchExampleLacksASpecialCharacter) {
  EXPECT_THAT(PasswordProblems("lGv6KLZhbCgcX8pMK9Vx6mqrZC8vk84L"),
              ElementsAre(HasSubstr("special character")));
}

TEST(PasswordPolicyTest, EveryBrokenRuleIsListedInOrder) {
  EXPECT_THAT(PasswordProblems("abc"),
              ElementsAre(HasSubstr("8 to 200"), HasSubstr("upper-case"),
                          HasSubstr("3 digits"), HasSubstr("special")));
}

TEST(PasswordPolicyTest, LengthBoundsAreInclusive) {
  EXPECT_THAT(PasswordProblems("Ab1!2345"), IsEmpty());  // 8
  EXPECT_THAT(PasswordProblems("Ab1!234"),
              ElementsAre(HasSubstr("8 to 200")));  // 7
  std::string longest = "Ab1!23" + std::string(194, 'x');
  EXPECT_THAT(PasswordProblems(longest), IsEmpty());
  EXPECT_THAT(PasswordProblems(longest + "x"),
              ElementsAre(HasSubstr("8 to 200")));
}

TEST(PasswordPolicyTest, LengthCountsCodePointsNotBytes) {
  // Seven code points in ten bytes: too short.
  EXPECT_THAT(PasswordProblems("A123\xc3\xa9\xc3\xa9\xc3\xa9"),
              ElementsAre(HasSubstr("8 to 200")));
  // Eight code points: long enough.
  EXPECT_THAT(PasswordProblems("A123\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
              IsEmpty());
  EXPECT_EQ(CountPassword("\xc3\xa9").length, 1);
}

TEST(PasswordPolicyTest, NonAsciiAndSpacesCountAsSpecial) {
  PasswordCounts counts = CountPassword(
      "A b\xc3\xa9"
      "123");
  EXPECT_EQ(counts.special, 2);
  EXPECT_EQ(counts.upper, 1);
  EXPECT_EQ(counts.digits, 3);
}

TEST(PasswordPolicyTest, ProblemsNeverQuoteThePassword) {
  for (const std::string& p : PasswordProblems("zqxj")) {
    EXPECT_THAT(p, ::testing::Not(HasSubstr("zqxj")));
  }
}

TEST(PasswordProblemsFunctionTest, ReturnsAListOfStrings) {
  auto function = NewPasswordProblemsFunction();
  EXPECT_EQ(function->Signature().return_type, Type::List(Type::String()));
  auto result = function->Call({Value::String("Ab1!2345")});
  ASSERT_FALSE(result.error.has_value());
  EXPECT_EQ(result.value, Value::List(Type::String(), {}));

  result = function->Call({Value::String("Abcdefgh!")});
  EXPECT_EQ(result.value,
            Value::List(Type::String(),
                        {Value::String("must contain at least 3 digits "
                                       "(0-9)")}));
}

}  // namespace
}  // namespace gandimail::functions
