#include "src/ephemeral/password.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "absl/strings/ascii.h"
#include "src/functions/password_policy.h"

namespace gandimail::ephemeral {
namespace {

using cty::Type;
using cty::Value;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A source that repeats `bytes`, for reproducible draws.
RandomBytes Cycle(std::vector<unsigned char> bytes) {
  auto position = std::make_shared<size_t>(0);
  return [bytes, position](unsigned char* out, size_t size) {
    for (size_t i = 0; i < size; ++i) {
      out[i] = bytes[(*position)++ % bytes.size()];
    }
    return true;
  };
}

TEST(PasswordTest, DefaultSpecMeetsThePolicy) {
  for (int i = 0; i < 200; ++i) {
    auto password = GeneratePassword(PasswordSpec(), &SystemRandomBytes);
    ASSERT_TRUE(password.ok()) << password.status();
    EXPECT_EQ(password->size(), 20u);
    EXPECT_THAT(functions::PasswordProblems(*password), IsEmpty());
  }
}

TEST(PasswordTest, MinimumsAreHonoured) {
  PasswordSpec spec{12, 2, 5, 4};
  for (int i = 0; i < 200; ++i) {
    std::string password = *GeneratePassword(spec, &SystemRandomBytes);
    functions::PasswordCounts counts = functions::CountPassword(password);
    EXPECT_EQ(counts.length, 12);
    EXPECT_GE(counts.upper, 2);
    EXPECT_GE(counts.digits, 5);
    EXPECT_GE(counts.special, 4);
  }
}

TEST(PasswordTest, MinimumsFillingTheLengthLeaveNoRoomForOthers) {
  std::string password =
      *GeneratePassword(PasswordSpec{12, 4, 4, 4}, &SystemRandomBytes);
  functions::PasswordCounts counts = functions::CountPassword(password);
  EXPECT_EQ(counts.upper, 4);
  EXPECT_EQ(counts.digits, 4);
  EXPECT_EQ(counts.special, 4);
  EXPECT_EQ(counts.lower, 0);
}

TEST(PasswordTest, OnlyTheDocumentedAlphabetIsUsed) {
  const std::string specials = kPasswordSpecials;
  for (int i = 0; i < 100; ++i) {
    std::string password =
        *GeneratePassword(PasswordSpec{200, 1, 3, 1}, &SystemRandomBytes);
    for (char c : password) {
      EXPECT_TRUE(absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                  specials.find(c) != std::string::npos)
          << "unexpected character " << c;
    }
    EXPECT_EQ(password.find('$'), std::string::npos);
  }
}

TEST(PasswordTest, PasswordsDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    seen.insert(*GeneratePassword(PasswordSpec(), &SystemRandomBytes));
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(PasswordTest, SameRandomBytesGiveTheSamePassword) {
  std::vector<unsigned char> bytes = {7, 1, 200, 3, 90, 14, 33, 250, 61};
  EXPECT_EQ(*GeneratePassword(PasswordSpec(), Cycle(bytes)),
            *GeneratePassword(PasswordSpec(), Cycle(bytes)));
}

// Draws as 32-bit values in native byte order.
RandomBytes Draws(std::vector<uint32_t> draws, int* calls) {
  return [draws, calls](unsigned char* out, size_t size) {
    EXPECT_EQ(size, sizeof(uint32_t));
    std::memcpy(out, &draws[(*calls)++ % draws.size()], sizeof(uint32_t));
    return true;
  };
}

// 0xFFFFFFFF lies above the largest multiple of 10 below 2^32: taking it
// would favour the low indexes, so it is thrown away and drawn again.
TEST(UniformIndexTest, DrawAboveTheLimitIsRejected) {
  int calls = 0;
  auto index = UniformIndex(10, Draws({0xFFFFFFFFu, 7}, &calls));
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(*index, 7u);
  EXPECT_EQ(calls, 2);
}

TEST(UniformIndexTest, PowerOfTwoTakesEveryDraw) {
  int calls = 0;
  EXPECT_EQ(*UniformIndex(8, Draws({0xFFFFFFFFu}, &calls)), 7u);
  EXPECT_EQ(calls, 1);
}

TEST(UniformIndexTest, LastDrawBelowTheLimitIsKept) {
  // 4294967290 = 429496729 * 10 is the limit for n = 10.
  int calls = 0;
  EXPECT_EQ(*UniformIndex(10, Draws({4294967289u}, &calls)), 9u);
  EXPECT_EQ(calls, 1);
}

TEST(PasswordTest, FailingRandomSourceIsAnError) {
  RandomBytes broken = [](unsigned char*, size_t) { return false; };
  EXPECT_EQ(GeneratePassword(PasswordSpec(), broken).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST(PasswordSpecTest, PolicyMinimumsCannotBeLowered) {
  EXPECT_EQ(CheckPasswordSpec(PasswordSpec()), "");
  EXPECT_THAT(CheckPasswordSpec({20, 0, 3, 1}), HasSubstr("at least"));
  EXPECT_THAT(CheckPasswordSpec({20, 1, 2, 1}), HasSubstr("at least"));
  EXPECT_THAT(CheckPasswordSpec({20, 1, 3, 0}), HasSubstr("at least"));
}

TEST(PasswordSpecTest, LengthIsTwelveToTwoHundred) {
  EXPECT_EQ(CheckPasswordSpec({12, 1, 3, 1}), "");
  EXPECT_EQ(CheckPasswordSpec({200, 1, 3, 1}), "");
  EXPECT_THAT(CheckPasswordSpec({11, 1, 3, 1}), HasSubstr("12 to 200"));
  EXPECT_THAT(CheckPasswordSpec({201, 1, 3, 1}), HasSubstr("12 to 200"));
}

TEST(PasswordSpecTest, MinimumsMustFitTheLength) {
  EXPECT_THAT(CheckPasswordSpec({12, 5, 5, 3}), HasSubstr("add up to 13"));
}

class PasswordResourceTest : public ::testing::Test {
 protected:
  PasswordResourceTest() : resource_(NewPasswordEphemeralResource()) {}

  Value Config(Value length, Value digits = Value::Null(Type::Number())) {
    return Value::Object({{"length", std::move(length)},
                          {"min_upper", Value::Null(Type::Number())},
                          {"min_digits", std::move(digits)},
                          {"min_special", Value::Null(Type::Number())},
                          {"result", Value::Null(Type::String())}});
  }

  std::shared_ptr<tfplugin::EphemeralResource> resource_;
};

TEST_F(PasswordResourceTest, ResultIsSensitiveAndComputed) {
  const tfplugin::Attribute* result =
      resource_->GetSchema().block.FindAttribute("result");
  ASSERT_NE(result, nullptr);
  EXPECT_TRUE(result->sensitive);
  EXPECT_TRUE(result->computed);
  EXPECT_FALSE(result->optional);
}

TEST_F(PasswordResourceTest, OpenFillsDefaultsAndAPassword) {
  tfplugin::OpenEphemeralRequest request{Config(Value::Null(Type::Number()))};
  tfplugin::OpenEphemeralResponse response;
  resource_->Open(request, &response);
  ASSERT_FALSE(response.diagnostics.HasError());
  EXPECT_EQ(response.result.GetAttr("length"), Value::Int(20));
  EXPECT_EQ(response.result.GetAttr("min_digits"), Value::Int(3));
  const std::string& password = response.result.GetAttr("result").AsString();
  EXPECT_EQ(password.size(), 20u);
  EXPECT_THAT(functions::PasswordProblems(password), IsEmpty());
  EXPECT_FALSE(response.renew_at.has_value());
  EXPECT_TRUE(response.private_data.empty());
}

TEST_F(PasswordResourceTest, ValidateRefusesMinimumsLongerThanTheLength) {
  tfplugin::Diagnostics diagnostics;
  resource_->Validate(Config(Value::Int(12), Value::Int(11)), &diagnostics);
  ASSERT_TRUE(diagnostics.HasError());
  EXPECT_THAT(diagnostics.items()[0].detail, HasSubstr("add up to 13"));
}

TEST_F(PasswordResourceTest, ValidateWaitsForUnknownValues) {
  tfplugin::Diagnostics diagnostics;
  resource_->Validate(Config(Value::Unknown(Type::Number()), Value::Int(150)),
                      &diagnostics);
  EXPECT_TRUE(diagnostics.empty());
}

}  // namespace
}  // namespace gandimail::ephemeral
