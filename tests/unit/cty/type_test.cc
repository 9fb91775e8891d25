#include "internal/cty/type.h"

#include <string>

#include "gtest/gtest.h"

namespace gandimail::cty {
namespace {

TEST(TypeTest, DefaultIsDynamic) {
  EXPECT_EQ(Type().kind(), Kind::kDynamic);
  EXPECT_EQ(Type(), Type::Dynamic());
}

TEST(TypeTest, PrimitivesWriteTheirNames) {
  EXPECT_EQ(Type::String().ToJson(), "\"string\"");
  EXPECT_EQ(Type::Number().ToJson(), "\"number\"");
  EXPECT_EQ(Type::Bool().ToJson(), "\"bool\"");
  EXPECT_EQ(Type::Dynamic().ToJson(), "\"dynamic\"");
}

TEST(TypeTest, CollectionJsonIsCompact) {
  EXPECT_EQ(Type::List(Type::String()).ToJson(), R"(["list","string"])");
  EXPECT_EQ(Type::Set(Type::Number()).ToJson(), R"(["set","number"])");
  EXPECT_EQ(Type::Map(Type::List(Type::Bool())).ToJson(),
            R"(["map",["list","bool"]])");
}

TEST(TypeTest, ObjectJsonSortsAttributesByName) {
  Type t = Type::Object({{"b", Type::Number()}, {"a", Type::String()}});
  EXPECT_EQ(t.ToJson(), R"(["object",{"a":"string","b":"number"}])");
}

TEST(TypeTest, TupleJsonKeepsElementOrder) {
  Type t = Type::Tuple({Type::Bool(), Type::String()});
  EXPECT_EQ(t.ToJson(), R"(["tuple",["bool","string"]])");
  EXPECT_EQ(Type::Tuple({}).ToJson(), R"(["tuple",[]])");
}

TEST(TypeTest, ObjectJsonEscapesNamesAsGoDoes) {
  Type t = Type::Object({{"a<b&", Type::String()}});
  EXPECT_EQ(t.ToJson(), R"(["object",{"a\u003cb\u0026":"string"}])");
}

TEST(TypeTest, FromJsonReadsWhatToJsonWrites) {
  Type t = Type::Object(
      {{"aliases", Type::Set(Type::String())},
       {"responder",
        Type::Object({{"enabled", Type::Bool()}, {"message", Type::String()}})},
       {"quota", Type::Number()},
       {"extra", Type::Tuple({Type::Dynamic(), Type::Map(Type::String())})}});

  auto parsed = Type::FromJson(t.ToJson());

  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, t);
}

TEST(TypeTest, FromJsonAcceptsWhitespace) {
  auto parsed = Type::FromJson(R"( [ "list" , "string" ] )");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, Type::List(Type::String()));
}

TEST(TypeTest, FromJsonRejectsMalformedDescriptions) {
  for (const char* json :
       {"", "nope", R"("str")", R"(["list"])", R"(["list","string","x"])",
        R"(["vector","string"])", R"(["object",["a"]])",
        R"(["tuple",{"a":"string"}])", R"(["object",{"a":"string"},["a"]])",
        "42", R"({"list":"string"})", R"(["list","string"] x)"}) {
    auto parsed = Type::FromJson(json);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
        << json;
  }
}

TEST(TypeTest, FromJsonRejectsDeepNesting) {
  std::string json;
  for (int i = 0; i < 70; ++i) json += R"(["list",)";
  json += R"("string")";
  for (int i = 0; i < 70; ++i) json += "]";

  auto parsed = Type::FromJson(json);

  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(TypeTest, FriendlyNamesReadAsEnglish) {
  EXPECT_EQ(Type::String().FriendlyName(), "string");
  EXPECT_EQ(Type::List(Type::String()).FriendlyName(), "list of string");
  EXPECT_EQ(Type::Map(Type::Number()).FriendlyName(), "map of number");
  EXPECT_EQ(Type::Set(Type::Object({})).FriendlyName(), "set of object");
  EXPECT_EQ(Type::Object({{"a", Type::Bool()}}).FriendlyName(), "object");
  EXPECT_EQ(Type::Tuple({}).FriendlyName(), "tuple");
  EXPECT_EQ(Type::Dynamic().FriendlyName(), "dynamic");
}

TEST(TypeTest, EqualityIsStructural) {
  EXPECT_EQ(Type::List(Type::String()), Type::List(Type::String()));
  EXPECT_NE(Type::List(Type::String()), Type::Set(Type::String()));
  EXPECT_NE(Type::List(Type::String()), Type::List(Type::Number()));
  EXPECT_EQ(Type::Object({{"a", Type::String()}}),
            Type::Object({{"a", Type::String()}}));
  EXPECT_NE(Type::Object({{"a", Type::String()}}),
            Type::Object({{"b", Type::String()}}));
  EXPECT_NE(Type::Tuple({Type::String()}),
            Type::Tuple({Type::String(), Type::String()}));
}

TEST(TypeTest, AccessorsDescribeTheStructure) {
  Type object = Type::Object({{"a", Type::String()}});
  Type tuple = Type::Tuple({Type::Bool()});

  EXPECT_EQ(Type::Map(Type::Bool()).element_type(), Type::Bool());
  EXPECT_EQ(Type::String().element_type(), Type::Dynamic());
  EXPECT_EQ(object.attribute_types().at("a"), Type::String());
  EXPECT_TRUE(object.HasAttribute("a"));
  EXPECT_FALSE(object.HasAttribute("b"));
  EXPECT_EQ(tuple.element_types().size(), 1u);
  EXPECT_TRUE(Type::Number().IsPrimitive());
  EXPECT_FALSE(Type::Dynamic().IsPrimitive());
  EXPECT_TRUE(Type::Set(Type::String()).IsCollection());
  EXPECT_TRUE(tuple.IsStructural());
}

}  // namespace
}  // namespace gandimail::cty
