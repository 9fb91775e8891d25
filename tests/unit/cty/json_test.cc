#include "internal/cty/json.h"

#include <cmath>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::cty {
namespace {

using ::testing::HasSubstr;

Value Decoded(std::string_view json, const Type& t) {
  auto v = DecodeJson(json, t);
  EXPECT_TRUE(v.ok()) << json << ": " << v.status();
  return v.ok() ? *v : Value();
}

std::string DecodeError(std::string_view json, const Type& t) {
  auto v = DecodeJson(json, t);
  EXPECT_FALSE(v.ok()) << json << " decoded as " << v->DebugString();
  EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(v.status().message());
}

std::string Encoded(const Value& v, const Type& t) {
  auto json = EncodeJson(v, t);
  if (!json.ok()) return std::string(json.status().message());
  return *json;
}

const Type& MailboxType() {
  static const Type* t =
      new Type(Type::Object({{"id", Type::String()},
                             {"aliases", Type::Set(Type::String())},
                             {"quota", Type::Number()},
                             {"enabled", Type::Bool()}}));
  return *t;
}

TEST(JsonTest, UnknownKeysAreDroppedAndMissingOnesAreNull) {
  Value v = Decoded(R"({"id":"a","old_field":[1,2],"quota":5})", MailboxType());

  EXPECT_EQ(v.type(), MailboxType());
  EXPECT_EQ(v.GetAttr("id"), Value::String("a"));
  EXPECT_EQ(v.GetAttr("quota"), Value::Int(5));
  EXPECT_EQ(v.GetAttr("aliases"), Value::Null(Type::Set(Type::String())));
  EXPECT_EQ(v.GetAttr("enabled"), Value::Null(Type::Bool()));
}

TEST(JsonTest, NestedObjectsFollowTheSameRules) {
  Type t =
      Type::Object({{"responder", Type::Object({{"message", Type::String()},
                                                {"enabled", Type::Bool()}})}});
  Value v = Decoded(R"({"responder":{"message":"away","gone":1}})", t);

  EXPECT_EQ(v.GetAttr("responder").GetAttr("message"), Value::String("away"));
  EXPECT_TRUE(v.GetAttr("responder").GetAttr("enabled").IsNull());
}

TEST(JsonTest, NumbersKeepTheirExactValue) {
  EXPECT_EQ(Decoded("12345678901234567890123", Type::Number()).NumberString(),
            "12345678901234567890123");
  EXPECT_EQ(Decoded("0.1", Type::Number()).NumberString(), "0.1");
  EXPECT_NE(Decoded("0.1", Type::Number()), Value::Float(0.1));
  EXPECT_EQ(Decoded("1.5", Type::Number()), Value::Float(1.5));
  EXPECT_EQ(Decoded("1e2", Type::Number()), Value::Int(100));
  EXPECT_EQ(Decoded("-9223372036854775808", Type::Number()),
            Value::Int(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(Decoded("18446744073709551615", Type::Number()).NumberString(),
            "18446744073709551615");
}

TEST(JsonTest, PrimitivesConvertAsGoCtyDoes) {
  EXPECT_EQ(Decoded(R"("12")", Type::Number()), Value::Int(12));
  EXPECT_EQ(Decoded("12.50", Type::String()), Value::String("12.50"));
  EXPECT_EQ(Decoded("true", Type::String()), Value::String("true"));
  EXPECT_EQ(Decoded(R"("true")", Type::Bool()), Value::Bool(true));
  EXPECT_EQ(Decoded(R"("0")", Type::Bool()), Value::Bool(false));
  EXPECT_THAT(DecodeError(R"("yes")", Type::Bool()), HasSubstr("\"yes\""));
  EXPECT_THAT(DecodeError(R"("x")", Type::Number()),
              HasSubstr("not a decimal"));
}

TEST(JsonTest, NullIsNullOfTheType) {
  EXPECT_EQ(Decoded("null", Type::List(Type::String())),
            Value::Null(Type::List(Type::String())));
  EXPECT_EQ(Decoded("null", Type::Dynamic()), Value::Null(Type::Dynamic()));
}

TEST(JsonTest, CollectionsDecode) {
  Value set = Decoded(R"(["b","a","b"])", Type::Set(Type::String()));
  EXPECT_EQ(set, Value::Set(Type::String(),
                            {Value::String("a"), Value::String("b")}));

  Value map = Decoded(R"({"k":1,"k":2})", Type::Map(Type::Number()));
  EXPECT_EQ(map.map_elements().at("k"), Value::Int(2));

  Value tuple =
      Decoded(R"(["a",1])", Type::Tuple({Type::String(), Type::Number()}));
  EXPECT_EQ(tuple, Value::Tuple({Value::String("a"), Value::Int(1)}));
  EXPECT_THAT(
      DecodeError(R"(["a"])", Type::Tuple({Type::String(), Type::Number()})),
      HasSubstr("tuple of 2"));
}

TEST(JsonTest, DynamicValuesCarryTheirType) {
  Value v =
      Decoded(R"({"value":["a"],"type":["list","string"]})", Type::Dynamic());
  EXPECT_EQ(v, Value::List(Type::String(), {Value::String("a")}));

  EXPECT_EQ(Decoded(R"({"type":"number","value":null})", Type::Dynamic()),
            Value::Null(Type::Number()));
}

TEST(JsonTest, MalformedDynamicValuesAreRejected) {
  EXPECT_THAT(DecodeError(R"({"value":1})", Type::Dynamic()),
              HasSubstr("no \"type\""));
  EXPECT_THAT(DecodeError(R"({"type":"number"})", Type::Dynamic()),
              HasSubstr("no \"value\""));
  EXPECT_THAT(
      DecodeError(R"({"type":"number","value":1,"x":1})", Type::Dynamic()),
      HasSubstr("unexpected key \"x\""));
  EXPECT_THAT(DecodeError(R"({"type":"nope","value":1})", Type::Dynamic()),
              HasSubstr("invalid"));
  EXPECT_THAT(DecodeError("1", Type::Dynamic()), HasSubstr("dynamic"));
}

TEST(JsonTest, ErrorsNameThePath) {
  Type t = Type::Object({{"aliases", Type::List(Type::String())}});
  EXPECT_EQ(DecodeError(R"({"aliases":["a",{}]})", t),
            "at aliases[1]: expected string, got object");
  EXPECT_EQ(DecodeError(R"({"aliases":{}})", t),
            "at aliases: expected list of string, got object");
}

TEST(JsonTest, MalformedJsonIsRejected) {
  for (const char* json : {"", "{", R"({"id":})", "[1,]", "nul", "1 2",
                           "\"\xff\"", "{\"id\":\"a\"} x"}) {
    EXPECT_EQ(DecodeJson(json, MailboxType()).status().code(),
              absl::StatusCode::kInvalidArgument)
        << json;
  }
}

TEST(JsonTest, DeepNestingIsRejected) {
  std::string json(70, '[');
  json += std::string(70, ']');
  Type t = Type::Dynamic();
  EXPECT_THAT(DecodeError(json, Type::List(t)), HasSubstr("deeper than 64"));
}

TEST(JsonTest, NumbersBeyondDoubleRangeStayExact) {
  std::string big = "1" + std::string(400, '0');

  Value v = Decoded(big, Type::Number());

  EXPECT_EQ(v.NumberString(), big);
  EXPECT_EQ(Encoded(v, Type::Number()), big);
}

TEST(JsonTest, InfinityStringIsRejected) {
  EXPECT_THAT(DecodeError(R"("Inf")", Type::Number()), HasSubstr("infinity"));
}

TEST(JsonTest, EscapesDecodeToUtf8) {
  EXPECT_EQ(Decoded(R"("a\u00e9\ud83d\ude00\n\/")", Type::String()),
            Value::String("a\xc3\xa9\xf0\x9f\x98\x80\n/"));
}

TEST(JsonTest, LoneSurrogateBecomesReplacementCharacter) {
  EXPECT_EQ(Decoded(R"("\ud800x")", Type::String()),
            Value::String("\xef\xbf\xbdx"));
}

TEST(JsonTest, StrictSyntaxIsRequired) {
  for (const char* json :
       {"01", "1.", ".5", "+1", "-", "1e", "'a'", "[1 2]", "{\"a\" 1}", "{a:1}",
        "\"\t\"", "\"\\x\"", "\"\\u12\"", "tru", "[", "\"abc"}) {
    EXPECT_EQ(DecodeJson(json, Type::Dynamic()).status().code(),
              absl::StatusCode::kInvalidArgument)
        << json;
  }
}

TEST(JsonTest, EncodeIsCompactWithSortedKeys) {
  Value v = Value::Object(
      {{"quota", Value::Int(5)},
       {"id", Value::String("a")},
       {"aliases", Value::Set(Type::String(), {Value::String("x")})},
       {"enabled", Value::Null(Type::Bool())}});

  EXPECT_EQ(Encoded(v, MailboxType()),
            R"({"aliases":["x"],"enabled":null,"id":"a","quota":5})");
}

TEST(JsonTest, EncodeWritesExactNumbers) {
  EXPECT_EQ(Encoded(Value::Float(1.5), Type::Number()), "1.5");
  EXPECT_EQ(Encoded(*Value::NumberFromString("0.1"), Type::Number()), "0.1");
  EXPECT_EQ(Encoded(*Value::NumberFromString("1e25"), Type::Number()),
            "10000000000000000000000000");
  EXPECT_EQ(Encoded(Value::Int(-7), Type::Number()), "-7");
}

TEST(JsonTest, EncodeEscapesStringsAsGoDoes) {
  EXPECT_EQ(Encoded(Value::String("a<b>&\"\n\x01"), Type::String()),
            R"("a\u003cb\u003e\u0026\"\n\u0001")");
}

TEST(JsonTest, EncodeWrapsDynamicValues) {
  EXPECT_EQ(Encoded(Value::String("x"), Type::Dynamic()),
            R"({"value":"x","type":"string"})");
  EXPECT_EQ(Encoded(Value::Null(Type::Dynamic()), Type::Dynamic()), "null");
}

TEST(JsonTest, UnknownValuesHaveNoJsonForm) {
  Value v = Value::Object({{"id", Value::Unknown(Type::String())},
                           {"aliases", Value::Null(Type::Set(Type::String()))},
                           {"quota", Value::Int(1)},
                           {"enabled", Value::Bool(true)}});
  EXPECT_EQ(Encoded(v, MailboxType()),
            "at id: an unknown value has no JSON form");
}

TEST(JsonTest, InfinityHasNoJsonForm) {
  EXPECT_THAT(Encoded(Value::Float(HUGE_VAL), Type::Number()),
              HasSubstr("infinity"));
}

TEST(JsonTest, RoundTripsThroughEncode) {
  Type t = Type::Object({{"n", Type::Number()},
                         {"m", Type::Map(Type::List(Type::Bool()))},
                         {"d", Type::Dynamic()}});
  Value v = Value::Object(
      {{"n", *Value::NumberFromString("-123456789012345678901234.125")},
       {"m",
        Value::Map(Type::List(Type::Bool()),
                   {{"k", Value::List(Type::Bool(), {Value::Bool(true)})}})},
       {"d", Value::Tuple({Value::String("x"), Value::Null(Type::Number())})}});

  auto json = EncodeJson(v, t);
  ASSERT_TRUE(json.ok()) << json.status();
  auto back = DecodeJson(*json, t);

  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
}

}  // namespace
}  // namespace gandimail::cty
