#include "internal/cty/value.h"

#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace gandimail::cty {
namespace {

Value Number(const char* decimal) {
  auto v = Value::NumberFromString(decimal);
  EXPECT_TRUE(v.ok()) << decimal << ": " << v.status();
  return v.ok() ? *v : Value();
}

TEST(ValueTest, DefaultIsNullOfDynamic) {
  Value v;
  EXPECT_TRUE(v.IsNull());
  EXPECT_EQ(v.type(), Type::Dynamic());
}

TEST(ValueTest, IntEqualsFloatOfTheSameValue) {
  EXPECT_EQ(Value::Int(1), Value::Float(1.0));
  EXPECT_EQ(Value::Int(0), Value::Float(-0.0));
  EXPECT_NE(Value::Int(1), Value::Float(1.5));
}

TEST(ValueTest, NullsAreEqualOnlyWithTheSameType) {
  EXPECT_EQ(Value::Null(Type::String()), Value::Null(Type::String()));
  EXPECT_NE(Value::Null(Type::String()), Value::Null(Type::Number()));
  EXPECT_NE(Value::Null(Type::String()), Value::String(""));
}

TEST(ValueTest, UnknownsAreEqualIgnoringRefinements) {
  Refinements not_null;
  not_null.not_null = true;
  EXPECT_EQ(Value::Unknown(Type::String()),
            Value::Unknown(Type::String(), not_null));
  EXPECT_NE(Value::Unknown(Type::String()), Value::Unknown(Type::Number()));
  EXPECT_NE(Value::Unknown(Type::String()), Value::Null(Type::String()));
  EXPECT_NE(Value::Unknown(Type::String()), Value::String("x"));
}

TEST(ValueTest, SetEqualityIgnoresOrderAndDuplicates) {
  Value a = Value::Set(Type::String(), {Value::String("b"), Value::String("a"),
                                        Value::String("b")});
  Value b =
      Value::Set(Type::String(), {Value::String("a"), Value::String("b")});

  EXPECT_EQ(a, b);
  EXPECT_EQ(a.LengthInt(), 2);
  EXPECT_EQ(a.elements()[0], Value::String("a"));
}

TEST(ValueTest, SetKeepsElementsThatContainUnknowns) {
  Value unknown_block = Value::Object({{"id", Value::Unknown(Type::String())}});

  Value set = Value::Set(unknown_block.type(), {unknown_block, unknown_block});

  EXPECT_EQ(set.LengthInt(), 2);
  EXPECT_FALSE(set.IsWhollyKnown());
}

TEST(ValueTest, ListOrderMatters) {
  Value ab =
      Value::List(Type::String(), {Value::String("a"), Value::String("b")});
  Value ba =
      Value::List(Type::String(), {Value::String("b"), Value::String("a")});
  EXPECT_NE(ab, ba);
}

TEST(ValueTest, IntegersBeyondInt64StayExact) {
  Value v = Number("1180591620717411303425");  // 2^70 + 1
  EXPECT_EQ(v.NumberString(), "1180591620717411303425");
  EXPECT_EQ(v.AsInt64(), std::nullopt);
  EXPECT_NE(v, Value::Float(std::ldexp(1.0, 70)));
}

TEST(ValueTest, DecimalOfAnExactDoubleEqualsTheDouble) {
  EXPECT_EQ(Number("1180591620717411303424"),
            Value::Float(std::ldexp(1.0, 70)));
  EXPECT_EQ(Number("1.50"), Value::Float(1.5));
  EXPECT_EQ(Number("0.1000000000000000055511151231257827021181583404541015625"),
            Value::Float(0.1));
}

TEST(ValueTest, DecimalThatNoDoubleHoldsIsNotTheNearestDouble) {
  Value tenth = Number("0.1");
  EXPECT_NE(tenth, Value::Float(0.1));
  EXPECT_EQ(tenth.NumberString(), "0.1");
  EXPECT_DOUBLE_EQ(tenth.AsDouble(), 0.1);
}

TEST(ValueTest, NumberFromStringCanonicalizes) {
  EXPECT_EQ(Number("1e3").AsInt64(), 1000);
  EXPECT_EQ(Number("+5").AsInt64(), 5);
  EXPECT_EQ(Number("-0").AsInt64(), 0);
  EXPECT_EQ(Number("-0.000").NumberString(), "0");
  EXPECT_EQ(Number(".5"), Value::Float(0.5));
  EXPECT_EQ(Number("5."), Value::Int(5));
  EXPECT_EQ(Number("12.3400e1").NumberString(), "123.4");
  EXPECT_EQ(Number("-1E-3").NumberString(), "-0.001");
  EXPECT_EQ(Number("-9223372036854775808").AsInt64(),
            std::numeric_limits<int64_t>::min());
}

TEST(ValueTest, NumberFromStringRejectsNonDecimals) {
  for (const char* text :
       {"", "abc", "1e", "--1", "1.2.3", "0x10", ".", "e5", " 1", "1 ", "NaN",
        "Infinity", "1e100000", "1e-100000"}) {
    EXPECT_FALSE(Value::NumberFromString(text).ok()) << text;
  }
}

TEST(ValueTest, InfinitiesAreNumbers) {
  EXPECT_EQ(Number("Inf"), Value::Float(HUGE_VAL));
  EXPECT_EQ(Number("-inf"), Value::Float(-HUGE_VAL));
  EXPECT_EQ(Value::Float(HUGE_VAL).NumberString(), "+Inf");
  EXPECT_EQ(Value::Float(-HUGE_VAL).NumberString(), "-Inf");
}

TEST(ValueTest, AsInt64OnlyForExactIntegers) {
  EXPECT_EQ(Value::Float(1.5).AsInt64(), std::nullopt);
  EXPECT_EQ(Value::Float(std::ldexp(1.0, 63)).AsInt64(), std::nullopt);
  EXPECT_EQ(Value::Float(-std::ldexp(1.0, 63)).AsInt64(),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Value::Int(42).AsInt64(), 42);
  EXPECT_EQ(Value::String("42").AsInt64(), std::nullopt);
}

TEST(ValueTest, NumberStringOfADoubleIsExact) {
  EXPECT_EQ(Value::Float(1.5).NumberString(), "1.5");
  EXPECT_EQ(Value::Float(0.1).NumberString(),
            "0.1000000000000000055511151231257827021181583404541015625");
  EXPECT_EQ(Value::Float(std::ldexp(1.0, 70)).NumberString(),
            "1180591620717411303424");
}

TEST(ValueTest, FloatNaNAborts) {
  EXPECT_DEATH(Value::Float(std::nan("")), "NaN");
}

TEST(ValueTest, WhollyKnownLooksInside) {
  Value known = Value::List(Type::String(), {Value::String("a")});
  Value partly = Value::List(Type::String(), {Value::Unknown(Type::String())});
  Value nested = Value::Object({{"l", partly}});

  EXPECT_TRUE(known.IsWhollyKnown());
  EXPECT_TRUE(partly.IsKnown());
  EXPECT_FALSE(partly.IsWhollyKnown());
  EXPECT_FALSE(nested.IsWhollyKnown());
  EXPECT_TRUE(Value::Null(Type::String()).IsWhollyKnown());
  EXPECT_FALSE(Value::Unknown(Type::String()).IsKnown());
}

TEST(ValueTest, ObjectTypeIsInferredFromAttributes) {
  Value v = Value::Object(
      {{"name", Value::String("a")}, {"quota", Value::Null(Type::Number())}});
  EXPECT_EQ(v.type(), Type::Object({{"name", Type::String()},
                                    {"quota", Type::Number()}}));
}

TEST(ValueTest, TupleTypeIsInferredFromElements) {
  Value v = Value::Tuple({Value::String("a"), Value::Int(1)});
  EXPECT_EQ(v.type(), Type::Tuple({Type::String(), Type::Number()}));
}

TEST(ValueTest, GetAttrReturnsTheAttribute) {
  Value v = Value::Object({{"name", Value::String("a")}});
  EXPECT_EQ(v.GetAttr("name"), Value::String("a"));
}

TEST(ValueTest, GetAttrOfNullObjectIsNullOfTheAttributeType) {
  Type t = Type::Object({{"message", Type::String()}});
  EXPECT_EQ(Value::Null(t).GetAttr("message"), Value::Null(Type::String()));
  EXPECT_EQ(Value::Unknown(t).GetAttr("message"),
            Value::Unknown(Type::String()));
  EXPECT_TRUE(Value::Null(t).attributes().empty());
}

TEST(ValueTest, GetAttrOfAbsentAttributeAborts) {
  Value v = Value::Object({{"name", Value::String("a")}});
  EXPECT_DEATH(v.GetAttr("nope"), "nope");
}

TEST(ValueTest, FindAttrReturnsNullptrWhenAbsent) {
  Value v = Value::Object({{"name", Value::String("a")}});
  EXPECT_EQ(v.FindAttr("nope"), nullptr);
  EXPECT_EQ(Value::String("x").FindAttr("name"), nullptr);
  ASSERT_NE(v.FindAttr("name"), nullptr);
}

TEST(ValueTest, WithAttrReplacesOneAttribute) {
  Value v = Value::Object(
      {{"id", Value::Unknown(Type::String())}, {"name", Value::String("a")}});

  Value w = v.WithAttr("id", Value::String("x"));

  EXPECT_EQ(w.GetAttr("id"), Value::String("x"));
  EXPECT_EQ(w.GetAttr("name"), Value::String("a"));
  EXPECT_FALSE(v.GetAttr("id").IsKnown());
  EXPECT_EQ(w.type(), v.type());
}

TEST(ValueTest, WithAttrOnUnknownObjectKeepsOthersUnknown) {
  Type t = Type::Object({{"id", Type::String()}, {"name", Type::String()}});

  Value w = Value::Unknown(t).WithAttr("id", Value::String("x"));

  EXPECT_TRUE(w.IsKnown());
  EXPECT_EQ(w.type(), t);
  EXPECT_FALSE(w.GetAttr("name").IsKnown());
}

TEST(ValueTest, LengthIntCountsElements) {
  EXPECT_EQ(Value::List(Type::String(), {Value::String("a")}).LengthInt(), 1);
  EXPECT_EQ(Value::Map(Type::Bool(),
                       {{"a", Value::Bool(true)}, {"b", Value::Bool(false)}})
                .LengthInt(),
            2);
  EXPECT_EQ(Value::Null(Type::List(Type::String())).LengthInt(), 0);
}

TEST(ValueTest, AccessorsOnOtherKindsReturnEmpty) {
  EXPECT_EQ(Value::Int(1).AsString(), "");
  EXPECT_FALSE(Value::Unknown(Type::Bool()).AsBool());
  EXPECT_TRUE(Value::Null(Type::List(Type::String())).elements().empty());
  EXPECT_TRUE(Value::String("x").map_elements().empty());
  EXPECT_EQ(Value::String("x").NumberString(), "");
  EXPECT_TRUE(Value::String("x").refinements().empty());
}

TEST(ValueTest, DebugStringShowsStructure) {
  Refinements r;
  r.not_null = true;
  r.string_prefix = "ab";
  Value v =
      Value::Object({{"id", Value::Unknown(Type::String(), r)},
                     {"tags", Value::Set(Type::String(), {Value::String("x")})},
                     {"quota", Value::Null(Type::Number())}});

  EXPECT_EQ(v.DebugString(),
            R"({"id": unknown("string", not_null, prefix="ab"), )"
            R"("quota": null("number"), "tags": set["x"]})");
}

}  // namespace
}  // namespace gandimail::cty
