#include "internal/cty/path.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::cty {
namespace {

using ::testing::HasSubstr;

TEST(PathTest, ToStringJoinsAttributesWithDots) {
  EXPECT_EQ(Path().Attr("responder").Attr("message").ToString(),
            "responder.message");
}

TEST(PathTest, ToStringWritesIndexesAndQuotedKeys) {
  EXPECT_EQ(Path().Attr("aliases").Index(2).ToString(), "aliases[2]");
  EXPECT_EQ(Path().Attr("tags").Key("k").ToString(), "tags[\"k\"]");
  EXPECT_EQ(Path().Attr("tags").Key("a\"b").ToString(), R"(tags["a\"b"])");
  EXPECT_EQ(Path().Index(0).Attr("x").ToString(), "[0].x");
  EXPECT_EQ(Path().ToString(), "");
}

TEST(PathTest, StepsAreRecordedInOrder) {
  Path p = Path().Attr("a").Key("b").Index(3);
  ASSERT_EQ(p.steps().size(), 3u);
  EXPECT_EQ(p.steps()[0], PathStep::Attr("a"));
  EXPECT_EQ(p.steps()[1].kind(), PathStep::Kind::kKey);
  EXPECT_EQ(p.steps()[2].index(), 3);
}

TEST(PathTest, BuildersLeaveTheOriginalUnchanged) {
  Path base = Path().Attr("a");
  Path longer = base.Attr("b");
  EXPECT_EQ(base.steps().size(), 1u);
  EXPECT_EQ(longer.steps().size(), 2u);
}

TEST(PathTest, PathsOrderForSets) {
  std::set<Path> paths = {Path().Attr("b"), Path().Attr("a").Attr("x"),
                          Path().Attr("a"), Path().Attr("b")};
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(*paths.begin(), Path().Attr("a"));
  EXPECT_NE(Path().Key("a"), Path().Attr("a"));
}

class GetPathTest : public ::testing::Test {
 protected:
  Value root_ = Value::Object(
      {{"aliases",
        Value::List(Type::String(), {Value::String("a"), Value::String("b")})},
       {"tags", Value::Map(Type::String(), {{"k", Value::String("v")}})},
       {"responder", Value::Object({{"message", Value::String("away")}})},
       {"pair", Value::Tuple({Value::Bool(true), Value::Int(2)})},
       {"none", Value::Null(Type::Object({{"x", Type::String()}}))},
       {"later", Value::Unknown(Type::List(Type::Number()))}});
};

TEST_F(GetPathTest, WalksAttributesIndexesAndKeys) {
  EXPECT_EQ(*GetPath(root_, Path().Attr("aliases").Index(1)),
            Value::String("b"));
  EXPECT_EQ(*GetPath(root_, Path().Attr("tags").Key("k")), Value::String("v"));
  EXPECT_EQ(*GetPath(root_, Path().Attr("responder").Attr("message")),
            Value::String("away"));
  EXPECT_EQ(*GetPath(root_, Path().Attr("pair").Index(1)), Value::Int(2));
  EXPECT_EQ(*GetPath(root_, Path()), root_);
}

TEST_F(GetPathTest, MissingAttributeIsAnErrorNamingThePath) {
  auto v = GetPath(root_, Path().Attr("responder").Attr("subject"));
  EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(v.status().message(), HasSubstr("at responder:"));
  EXPECT_THAT(v.status().message(), HasSubstr("\"subject\""));
}

TEST_F(GetPathTest, OutOfRangeIndexAndMissingKeyAreErrors) {
  EXPECT_FALSE(GetPath(root_, Path().Attr("aliases").Index(2)).ok());
  EXPECT_FALSE(GetPath(root_, Path().Attr("aliases").Index(-1)).ok());
  EXPECT_FALSE(GetPath(root_, Path().Attr("tags").Key("nope")).ok());
  EXPECT_FALSE(GetPath(root_, Path().Attr("aliases").Key("0")).ok());
}

TEST_F(GetPathTest, SteppingIntoNullIsAnError) {
  auto v = GetPath(root_, Path().Attr("none").Attr("x"));
  EXPECT_THAT(v.status().message(), HasSubstr("at none: "));
}

TEST_F(GetPathTest, SteppingIntoUnknownYieldsUnknownOfTheStepType) {
  auto v = GetPath(root_, Path().Attr("later").Index(5));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, Value::Unknown(Type::Number()));
}

TEST(GetPathUnknownTest, AnythingBelowAnUnknownOfUnknownTypeIsUnknown) {
  auto v = GetPath(Value::Unknown(Type::Dynamic()),
                   Path().Attr("a").Index(1).Key("k"));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, Value::Unknown(Type::Dynamic()));
}

TEST(GetPathUnknownTest, AttributeOfAnUnknownObjectIsUnknownOfItsType) {
  Type t = Type::Object({{"message", Type::String()}});
  auto v = GetPath(Value::Unknown(t), Path().Attr("message"));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, Value::Unknown(Type::String()));
}

}  // namespace
}  // namespace gandimail::cty
