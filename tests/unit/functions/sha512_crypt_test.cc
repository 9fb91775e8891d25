#include "src/functions/sha512_crypt.h"

#include <gtest/gtest.h>

namespace gandimail::functions {
namespace {

using cty::Value;

// The default-rounds vector of Ulrich Drepper's SHA-crypt specification.
TEST(Sha512CryptTest, MatchesTheSpecificationVector) {
  auto hash = Sha512Crypt("Hello world!", "saltstring");
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_EQ(*hash,
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQ"
            "JuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
}

TEST(Sha512CryptTest, SameSaltGivesSameHash) {
  EXPECT_EQ(*Sha512Crypt("a*6@Xk86cPR2kcZ@qPAi", "abc./XYZ019"),
            *Sha512Crypt("a*6@Xk86cPR2kcZ@qPAi", "abc./XYZ019"));
}

TEST(Sha512CryptTest, HashHasTheFormTheApiAccepts) {
  std::string hash = *Sha512Crypt("a*6@Xk86cPR2kcZ@qPAi", "abc./XYZ019");
  ASSERT_EQ(hash.rfind("$6$abc./XYZ019$", 0), 0u) << hash;
  EXPECT_EQ(hash.size(), std::string("$6$abc./XYZ019$").size() + 86);
}

TEST(Sha512CryptTest, SixteenCharacterSaltIsKeptWhole) {
  std::string hash = *Sha512Crypt("pw", "0123456789abcdef");
  EXPECT_EQ(hash.rfind("$6$0123456789abcdef$", 0), 0u) << hash;
}

TEST(Sha512CryptTest, SaltRulesAreStrict) {
  EXPECT_EQ(CheckSalt("a"), "");
  EXPECT_EQ(CheckSalt("./09AZaz"), "");
  EXPECT_NE(CheckSalt(""), "");
  EXPECT_NE(CheckSalt("0123456789abcdefg"), "");  // 17: crypt would cut it
  EXPECT_NE(CheckSalt("ab$cd"), "");
  EXPECT_NE(CheckSalt("rounds=9"), "");
  EXPECT_NE(CheckSalt("sel-poivre"), "");
}

TEST(Sha512CryptTest, BadSaltIsInvalidArgument) {
  EXPECT_EQ(Sha512Crypt("pw", "no spaces").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(Sha512CryptFunctionTest, BadSaltNamesTheSaltArgument) {
  auto function = NewSha512CryptFunction();
  auto result = function->Call({Value::String("pw"), Value::String("a b")});
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->argument, 1);
  EXPECT_NE(result.error->text.find("salt"), std::string::npos);
}

TEST(Sha512CryptFunctionTest, NulInPasswordNamesThePasswordArgument) {
  auto function = NewSha512CryptFunction();
  auto result = function->Call(
      {Value::String(std::string("pw\0x", 4)), Value::String("salt")});
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->argument, 0);
  EXPECT_EQ(result.error->text.find("pw"), std::string::npos);
}

TEST(Sha512CryptFunctionTest, ReturnsTheHashAsAString) {
  auto function = NewSha512CryptFunction();
  auto result = function->Call(
      {Value::String("Hello world!"), Value::String("saltstring")});
  ASSERT_FALSE(result.error.has_value());
  EXPECT_EQ(result.value,
            Value::String(*Sha512Crypt("Hello world!", "saltstring")));
}

TEST(Sha512CryptFunctionTest, SignatureIsValid) {
  auto function = NewSha512CryptFunction();
  EXPECT_TRUE(tfplugin::CheckFunction(*function).ok());
  ASSERT_EQ(function->Signature().parameters.size(), 2u);
  EXPECT_EQ(function->Signature().parameters[1].name, "salt");
}

}  // namespace
}  // namespace gandimail::functions
