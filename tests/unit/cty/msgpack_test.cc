#include "internal/cty/msgpack.h"

#include <cmath>
#include <limits>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::cty {
namespace {

using ::testing::HasSubstr;

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out.push_back(kDigits[(static_cast<unsigned char>(c) >> 4) & 0xf]);
    out.push_back(kDigits[static_cast<unsigned char>(c) & 0xf]);
  }
  return out;
}

std::string Unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(
        std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// The encoding of `v` as `t`, in hex, or the error text.
std::string Encoded(const Value& v, const Type& t) {
  auto bytes = EncodeMsgpack(v, t);
  if (!bytes.ok()) return std::string(bytes.status().message());
  return Hex(*bytes);
}

std::string EncodedNumber(const char* decimal) {
  return Encoded(*Value::NumberFromString(decimal), Type::Number());
}

Value Decoded(std::string_view hex, const Type& t) {
  auto v = DecodeMsgpack(Unhex(hex), t);
  EXPECT_TRUE(v.ok()) << hex << ": " << v.status();
  return v.ok() ? *v : Value();
}

std::string DecodeError(std::string_view hex, const Type& t) {
  auto v = DecodeMsgpack(Unhex(hex), t);
  EXPECT_FALSE(v.ok()) << hex << " decoded as " << v->DebugString();
  EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(v.status().message());
}

TEST(MsgpackTest, SmallIntegersUseFixints) {
  EXPECT_EQ(Encoded(Value::Int(1), Type::Number()), "01");
  EXPECT_EQ(Encoded(Value::Int(0), Type::Number()), "00");
  EXPECT_EQ(Encoded(Value::Int(127), Type::Number()), "7f");
  EXPECT_EQ(Encoded(Value::Int(-1), Type::Number()), "ff");
  EXPECT_EQ(Encoded(Value::Int(-32), Type::Number()), "e0");
}

TEST(MsgpackTest, PositiveIntegersUseTheSmallestUnsignedForm) {
  EXPECT_EQ(Encoded(Value::Int(128), Type::Number()), "cc80");
  EXPECT_EQ(Encoded(Value::Int(255), Type::Number()), "ccff");
  EXPECT_EQ(Encoded(Value::Int(300), Type::Number()), "cd012c");
  EXPECT_EQ(Encoded(Value::Int(65536), Type::Number()), "ce00010000");
  EXPECT_EQ(Encoded(Value::Int(4294967296), Type::Number()),
            "cf0000000100000000");
  EXPECT_EQ(
      Encoded(Value::Int(std::numeric_limits<int64_t>::max()), Type::Number()),
      "cf7fffffffffffffff");
}

TEST(MsgpackTest, NegativeIntegersUseTheSmallestSignedForm) {
  EXPECT_EQ(Encoded(Value::Int(-33), Type::Number()), "d0df");
  EXPECT_EQ(Encoded(Value::Int(-128), Type::Number()), "d080");
  EXPECT_EQ(Encoded(Value::Int(-129), Type::Number()), "d1ff7f");
  EXPECT_EQ(Encoded(Value::Int(-32769), Type::Number()), "d2ffff7fff");
  EXPECT_EQ(
      Encoded(Value::Int(std::numeric_limits<int64_t>::min()), Type::Number()),
      "d38000000000000000");
}

TEST(MsgpackTest, ExactNonIntegersAreFloat64) {
  EXPECT_EQ(Encoded(Value::Float(1.5), Type::Number()), "cb3ff8000000000000");
  EXPECT_EQ(Encoded(Value::Float(0.1), Type::Number()), "cb3fb999999999999a");
  EXPECT_EQ(EncodedNumber("-0.25"), "cbbfd0000000000000");
}

TEST(MsgpackTest, IntegralFloatsAreIntegers) {
  EXPECT_EQ(Encoded(Value::Float(2.0), Type::Number()), "02");
}

TEST(MsgpackTest, InfinitiesAreFloat64) {
  EXPECT_EQ(Encoded(Value::Float(HUGE_VAL), Type::Number()),
            "cb7ff0000000000000");
  EXPECT_EQ(Encoded(Value::Float(-HUGE_VAL), Type::Number()),
            "cbfff0000000000000");
}

TEST(MsgpackTest, IntegersBeyondInt64AreDecimalStrings) {
  // go-cty writes an integer outside int64 as text even when a double holds
  // it exactly, as 2^70 is.
  EXPECT_EQ(EncodedNumber("1180591620717411303424"),
            "b6" + Hex("1180591620717411303424"));
  EXPECT_EQ(Encoded(Value::Float(std::ldexp(1.0, 70)), Type::Number()),
            "b6" + Hex("1180591620717411303424"));
  EXPECT_EQ(EncodedNumber("1180591620717411303425"),
            "b6" + Hex("1180591620717411303425"));
  EXPECT_EQ(EncodedNumber("18446744073709551615"),
            "b4" + Hex("18446744073709551615"));
}

TEST(MsgpackTest, DecimalsNoDoubleHoldsAreStrings) {
  EXPECT_EQ(EncodedNumber("0.1"), "a3" + Hex("0.1"));
  EXPECT_EQ(EncodedNumber("-12.345"), "a7" + Hex("-12.345"));
}

TEST(MsgpackTest, StringsUseFixstrThenStr8) {
  EXPECT_EQ(Encoded(Value::String("hi"), Type::String()), "a26869");
  EXPECT_EQ(Encoded(Value::String(""), Type::String()), "a0");
  std::string s32(32, 'x');
  EXPECT_EQ(Encoded(Value::String(s32), Type::String()), "d920" + Hex(s32));
  std::string s256(256, 'x');
  EXPECT_EQ(Encoded(Value::String(s256), Type::String()), "da0100" + Hex(s256));
}

TEST(MsgpackTest, BoolsAndNulls) {
  EXPECT_EQ(Encoded(Value::Bool(true), Type::Bool()), "c3");
  EXPECT_EQ(Encoded(Value::Bool(false), Type::Bool()), "c2");
  EXPECT_EQ(Encoded(Value::Null(Type::String()), Type::String()), "c0");
  EXPECT_EQ(Encoded(Value(), Type::List(Type::String())), "c0");
}

TEST(MsgpackTest, UnknownEncodesAsExtZero) {
  EXPECT_EQ(Encoded(Value::Unknown(Type::String()), Type::String()), "d40000");
  EXPECT_EQ(Encoded(Value::Unknown(Type::Dynamic()), Type::Number()), "d40000");
  EXPECT_EQ(Encoded(Value::Unknown(Type::Dynamic()), Type::Dynamic()),
            "d40000");
}

TEST(MsgpackTest, RefinedUnknownEncodesAsExt12) {
  Refinements r;
  r.not_null = true;
  EXPECT_EQ(Encoded(Value::Unknown(Type::Bool(), r), Type::Bool()),
            "c7030c"
            "8101c2");

  r.string_prefix = "ab";
  EXPECT_EQ(Encoded(Value::Unknown(Type::String(), r), Type::String()),
            "c7070c"
            "8201c202a26162");
}

TEST(MsgpackTest, NumberBoundsEncodeAsNumberBoolPairs) {
  Refinements r;
  r.number_lower = NumberBound{0, true};
  r.number_upper = NumberBound{10.5, false};

  EXPECT_EQ(Encoded(Value::Unknown(Type::Number(), r), Type::Number()),
            "c7110c"
            "82"
            "039200c3"
            "0492cb4025000000000000c2");
}

TEST(MsgpackTest, LengthBoundsEncodeAsIntegers) {
  Refinements r;
  r.length_lower = 1;
  r.length_upper = 3;

  EXPECT_EQ(Encoded(Value::Unknown(Type::List(Type::String()), r),
                    Type::List(Type::String())),
            "c7050c"
            "8205010603");
}

TEST(MsgpackTest, RefinementsThatSayNothingAreNotWritten) {
  Refinements r;
  r.not_null = false;
  r.string_prefix = "";
  r.length_lower = 0;
  r.number_lower = NumberBound{-HUGE_VAL, true};
  EXPECT_EQ(Encoded(Value::Unknown(Type::Set(Type::String()), r),
                    Type::Set(Type::String())),
            "d40000");
  EXPECT_EQ(Encoded(Value::Unknown(Type::Number(), r), Type::Number()),
            "d40000");
}

TEST(MsgpackTest, RefinedUnknownDecodesIntoRefinements) {
  Value v = Decoded("c7070c8201c202a26162", Type::String());

  EXPECT_FALSE(v.IsKnown());
  EXPECT_EQ(v.type(), Type::String());
  EXPECT_EQ(v.refinements().not_null, true);
  EXPECT_EQ(v.refinements().string_prefix, "ab");
}

TEST(MsgpackTest, NumberAndLengthRefinementsDecode) {
  Value n = Decoded("c7110c82039200c30492cb4025000000000000c2", Type::Number());
  ASSERT_TRUE(n.refinements().number_lower.has_value());
  EXPECT_EQ(*n.refinements().number_lower, (NumberBound{0, true}));
  EXPECT_EQ(*n.refinements().number_upper, (NumberBound{10.5, false}));

  Value l = Decoded("c7050c8205010603", Type::Map(Type::String()));
  EXPECT_EQ(l.refinements().length_lower, 1);
  EXPECT_EQ(l.refinements().length_upper, 3);
}

TEST(MsgpackTest, UnknownRefinementKeyIsIgnored) {
  // {1: false, 9: [1, 2], 2: "ab"}: key 9 means nothing to this decoder.
  Value v = Decoded(
      "c70b0c"
      "8301c209920102"
      "02a26162",
      Type::String());

  EXPECT_FALSE(v.IsKnown());
  EXPECT_EQ(v.refinements().not_null, true);
  EXPECT_EQ(v.refinements().string_prefix, "ab");
}

TEST(MsgpackTest, LongStringPrefixIsTruncatedAsGoCtyDoes) {
  Refinements r;
  r.string_prefix = std::string(300, 'x');

  EXPECT_EQ(Encoded(Value::Unknown(Type::String(), r), Type::String()),
            "c801030c"
            "8102d9ff" +
                Hex(std::string(255, 'x')));
}

TEST(MsgpackTest, LongStringPrefixDecodesTruncated) {
  // {2: <300 x>}: 1 + 1 + 3 + 300 = 305 bytes of payload.
  std::string hex =
      "c801310c"
      "8102da012c" +
      Hex(std::string(300, 'x'));

  Value v = Decoded(hex, Type::String());

  EXPECT_EQ(v.refinements().string_prefix, std::string(255, 'x'));
}

TEST(MsgpackTest, RefinementThatCertainlyNullIsANull) {
  Value v = Decoded("c7030c8101c3", Type::String());
  EXPECT_EQ(v, Value::Null(Type::String()));
}

TEST(MsgpackTest, RefinementsOfDynamicAreIgnored) {
  Value v = Decoded("c7030c8101c2", Type::Dynamic());
  EXPECT_EQ(v, Value::Unknown(Type::Dynamic()));
  EXPECT_TRUE(v.refinements().empty());
}

TEST(MsgpackTest, RefinementForTheWrongTypeIsRejected) {
  EXPECT_THAT(DecodeError("c7050c8102a26162", Type::Number()),
              HasSubstr("string prefix"));
  EXPECT_THAT(DecodeError("c7030c810501", Type::String()),
              HasSubstr("length bound"));
  EXPECT_THAT(DecodeError("c7030c8101a0", Type::String()),
              HasSubstr("nullness"));
  EXPECT_THAT(DecodeError("c7030c91c2c2", Type::String()),
              HasSubstr("not a map"));
}

TEST(MsgpackTest, AnyOtherExtensionDecodesAsUnknown) {
  EXPECT_EQ(Decoded("d40500", Type::String()), Value::Unknown(Type::String()));
  EXPECT_EQ(Decoded("c7000c", Type::Number()), Value::Unknown(Type::Number()));
  EXPECT_EQ(Decoded("d6070102030a", Type::Bool()),
            Value::Unknown(Type::Bool()));
  EXPECT_EQ(Decoded("d40000", Type::List(Type::String())),
            Value::Unknown(Type::List(Type::String())));
}

TEST(MsgpackTest, NumbersDecodeFromEveryForm) {
  EXPECT_EQ(Decoded("05", Type::Number()), Value::Int(5));
  EXPECT_EQ(Decoded("fb", Type::Number()), Value::Int(-5));
  EXPECT_EQ(Decoded("cc05", Type::Number()), Value::Int(5));
  EXPECT_EQ(Decoded("cd012c", Type::Number()), Value::Int(300));
  EXPECT_EQ(Decoded("ce00010000", Type::Number()), Value::Int(65536));
  EXPECT_EQ(Decoded("cf0000000000000005", Type::Number()), Value::Int(5));
  EXPECT_EQ(Decoded("d0fb", Type::Number()), Value::Int(-5));
  EXPECT_EQ(Decoded("d1fed4", Type::Number()), Value::Int(-300));
  EXPECT_EQ(Decoded("d2fffffffb", Type::Number()), Value::Int(-5));
  EXPECT_EQ(Decoded("d3fffffffffffffffb", Type::Number()), Value::Int(-5));
  EXPECT_EQ(Decoded("ca3fc00000", Type::Number()), Value::Float(1.5));
  EXPECT_EQ(Decoded("cb3ff8000000000000", Type::Number()), Value::Float(1.5));
  EXPECT_EQ(Decoded("a23132", Type::Number()), Value::Int(12));
  EXPECT_EQ(Decoded("c4023132", Type::Number()), Value::Int(12));
}

TEST(MsgpackTest, HugeUnsignedDecodesExactly) {
  Value v = Decoded("cfffffffffffffffff", Type::Number());
  EXPECT_EQ(v.NumberString(), "18446744073709551615");
}

TEST(MsgpackTest, NaNIsRejected) {
  EXPECT_THAT(DecodeError("cb7ff8000000000000", Type::Number()),
              HasSubstr("NaN"));
}

TEST(MsgpackTest, NumberStringMustBeDecimal) {
  EXPECT_THAT(DecodeError("a3616263", Type::Number()),
              HasSubstr("not a decimal"));
}

TEST(MsgpackTest, StringDecodesFromStrAndBin) {
  EXPECT_EQ(Decoded("a26869", Type::String()), Value::String("hi"));
  EXPECT_EQ(Decoded("d9026869", Type::String()), Value::String("hi"));
  EXPECT_EQ(Decoded("c4026869", Type::String()), Value::String("hi"));
}

TEST(MsgpackTest, ObjectHasEveryAttributeInNameOrder) {
  Type t = Type::Object({{"b", Type::Number()}, {"a", Type::String()}});
  Value v = Value::Object({{"a", Value::String("x")}, {"b", Value::Int(1)}});

  EXPECT_EQ(Encoded(v, t), "82a161a178a16201");
  EXPECT_EQ(Decoded("82a16201a161a178", t), v);
}

TEST(MsgpackTest, ObjectMissingAttributeIsRejected) {
  Type t = Type::Object({{"a", Type::String()}, {"b", Type::Number()}});
  EXPECT_THAT(DecodeError("81a161a178", t),
              HasSubstr("missing attribute \"b\""));
  EXPECT_THAT(Encoded(Value::Object({{"a", Value::String("x")}}), t),
              HasSubstr("missing attribute \"b\""));
}

TEST(MsgpackTest, ObjectExtraOrDuplicateAttributeIsRejected) {
  Type t = Type::Object({{"a", Type::String()}});
  EXPECT_THAT(DecodeError("82a161a178a17a01", t),
              HasSubstr("unexpected attribute \"z\""));
  EXPECT_THAT(DecodeError("82a161a178a161a178", t),
              HasSubstr("duplicate attribute \"a\""));
  EXPECT_THAT(
      Encoded(Value::Object({{"a", Value::String("x")}, {"z", Value::Int(1)}}),
              t),
      HasSubstr("unexpected attribute \"z\""));
}

TEST(MsgpackTest, ErrorsNameThePath) {
  Type t = Type::Object(
      {{"responder", Type::Object({{"message", Type::String()}})}});

  EXPECT_EQ(DecodeError(
                "81a9" + Hex("responder") + "81a7" + Hex("message") + "05", t),
            "at responder.message: expected string, got integer");
}

TEST(MsgpackTest, EncodeErrorsNameThePath) {
  Type t = Type::Object({{"aliases", Type::List(Type::String())}});
  Value v = Value::Object(
      {{"aliases",
        Value::List(Type::String(), {Value::String("a"), Value::Int(1)})}});
  EXPECT_EQ(Encoded(v, t), "at aliases[1]: expected string, got number");
}

TEST(MsgpackTest, CollectionsAreArraysAndMaps) {
  Type list = Type::List(Type::String());
  Value l =
      Value::List(Type::String(), {Value::String("a"), Value::String("b")});
  EXPECT_EQ(Encoded(l, list), "92a161a162");
  EXPECT_EQ(Decoded("92a161a162", list), l);

  Type map = Type::Map(Type::String());
  Value m = Value::Map(Type::String(), {{"k", Value::String("v")}});
  EXPECT_EQ(Encoded(m, map), "81a16ba176");
  EXPECT_EQ(Decoded("81a16ba176", map), m);

  EXPECT_EQ(Encoded(Value::List(Type::String(), {}), list), "90");
}

TEST(MsgpackTest, LongArraysUseArray16) {
  std::vector<Value> elements(16, Value::Bool(true));
  std::string expected = "dc0010";
  for (int i = 0; i < 16; ++i) expected += "c3";

  EXPECT_EQ(
      Encoded(Value::List(Type::Bool(), elements), Type::List(Type::Bool())),
      expected);
}

TEST(MsgpackTest, DuplicateMapKeyIsRejected) {
  EXPECT_THAT(DecodeError("82a16b01a16b02", Type::Map(Type::Number())),
              HasSubstr("duplicate map key \"k\""));
}

TEST(MsgpackTest, SetDecodeIsOrderIndependent) {
  Type t = Type::Set(Type::String());
  EXPECT_EQ(Decoded("92a161a162", t), Decoded("92a162a161", t));
  EXPECT_EQ(Decoded("93a161a162a161", t).LengthInt(), 2);
}

TEST(MsgpackTest, TupleHasExactlyItsElements) {
  Type t = Type::Tuple({Type::String(), Type::Number()});
  Value v = Value::Tuple({Value::String("a"), Value::Int(1)});

  EXPECT_EQ(Encoded(v, t), "92a16101");
  EXPECT_EQ(Decoded("92a16101", t), v);
  EXPECT_THAT(DecodeError("91a161", t), HasSubstr("tuple of 2"));
}

TEST(MsgpackTest, DynamicWrapsTypeJsonAndValue) {
  Value v = Value::String("x");

  EXPECT_EQ(Encoded(v, Type::Dynamic()), "92c408" + Hex("\"string\"") + "a178");
  EXPECT_EQ(Decoded("92c408" + Hex("\"string\"") + "a178", Type::Dynamic()), v);
}

TEST(MsgpackTest, DynamicRoundTripsStructuredValues) {
  Value v = Value::Object(
      {{"tags", Value::List(Type::String(), {Value::String("a")})},
       {"n", Value::Unknown(Type::Number())}});

  auto bytes = EncodeMsgpack(v, Type::Dynamic());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto back = DecodeMsgpack(*bytes, Type::Dynamic());

  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
}

TEST(MsgpackTest, DynamicNullAndUnknownForms) {
  EXPECT_EQ(Decoded("c0", Type::Dynamic()), Value::Null(Type::Dynamic()));
  EXPECT_EQ(Decoded("d40000", Type::Dynamic()),
            Value::Unknown(Type::Dynamic()));
  EXPECT_EQ(Decoded("92c408" + Hex("\"string\"") + "d40000", Type::Dynamic()),
            Value::Unknown(Type::String()));
  EXPECT_EQ(Decoded("92c408" + Hex("\"string\"") + "c0", Type::Dynamic()),
            Value::Null(Type::String()));
  EXPECT_EQ(Decoded("92a8" + Hex("\"string\"") + "a178", Type::Dynamic()),
            Value::String("x"));
  EXPECT_EQ(Encoded(Value::Null(Type::String()), Type::Dynamic()),
            "92c408" + Hex("\"string\"") + "c0");
}

TEST(MsgpackTest, DynamicWithBadTypeIsRejected) {
  EXPECT_THAT(DecodeError("92c403" + Hex("\"x\"") + "c0", Type::Dynamic()),
              HasSubstr("type"));
  EXPECT_THAT(DecodeError("93c0c0c0", Type::Dynamic()),
              HasSubstr("[type JSON, value]"));
  EXPECT_THAT(DecodeError("9201c0", Type::Dynamic()), HasSubstr("bytes"));
}

TEST(MsgpackTest, ListOfDynamicWrapsEachElement) {
  Type t = Type::List(Type::Dynamic());
  Value v = Value::List(Type::Dynamic(), {Value::Int(1), Value::Bool(true)});

  EXPECT_EQ(Encoded(v, t),
            "92"
            "92c408" +
                Hex("\"number\"") + "01" + "92c406" + Hex("\"bool\"") + "c3");
  EXPECT_EQ(Decoded(Encoded(v, t), t), v);
}

TEST(MsgpackTest, WrongWireTypeIsRejected) {
  EXPECT_EQ(DecodeError("01", Type::String()), "expected string, got integer");
  EXPECT_EQ(DecodeError("a161", Type::Bool()), "expected bool, got string");
  EXPECT_EQ(DecodeError("80", Type::List(Type::String())),
            "expected list of string, got map");
  EXPECT_EQ(DecodeError("90", Type::Object({})), "expected object, got array");
  EXPECT_EQ(DecodeError("c3", Type::Number()), "expected number, got bool");
}

TEST(MsgpackTest, TruncatedInputIsRejected) {
  EXPECT_THAT(DecodeError("", Type::String()), HasSubstr("truncated"));
  EXPECT_THAT(DecodeError("a361", Type::String()), HasSubstr("truncated"));
  EXPECT_THAT(DecodeError("cd01", Type::Number()), HasSubstr("truncated"));
  EXPECT_THAT(DecodeError("c7", Type::Number()), HasSubstr("truncated"));
  EXPECT_THAT(DecodeError("92a161", Type::List(Type::String())),
              HasSubstr("at [1]:"));
}

TEST(MsgpackTest, TrailingBytesAreRejected) {
  EXPECT_THAT(DecodeError("0101", Type::Number()), HasSubstr("trailing"));
}

TEST(MsgpackTest, AbsurdLengthsAreRejected) {
  EXPECT_THAT(DecodeError("ddffffffff", Type::List(Type::String())),
              HasSubstr("claims"));
  EXPECT_THAT(DecodeError("dfffffffff", Type::Map(Type::String())),
              HasSubstr("claims"));
  EXPECT_THAT(DecodeError("dbffffffff", Type::String()),
              HasSubstr("truncated"));
}

TEST(MsgpackTest, ReservedByteIsRejected) {
  EXPECT_THAT(DecodeError("c1", Type::String()), HasSubstr("0xc1"));
}

TEST(MsgpackTest, DeepNestingIsRejected) {
  Type t = Type::String();
  std::string hex;
  for (int i = 0; i < 70; ++i) {
    t = Type::List(t);
    hex += "91";
  }
  hex += "a0";

  EXPECT_THAT(DecodeError(hex, t), HasSubstr("deeper than 64"));
}

TEST(MsgpackTest, OversizeRefinementsAreRejected) {
  std::string payload =
      "81"
      "02"
      "da0410" +
      std::string(2 * 1040, '6');
  std::string hex =
      "c80415"
      "0c" +
      payload;
  EXPECT_THAT(DecodeError(hex, Type::String()), HasSubstr("1024"));
}

TEST(MsgpackTest, RichObjectRoundTrips) {
  Type t = Type::Object(
      {{"id", Type::String()},
       {"aliases", Type::Set(Type::String())},
       {"quota", Type::Number()},
       {"labels", Type::Map(Type::String())},
       {"responder",
        Type::Object({{"enabled", Type::Bool()}, {"message", Type::String()}})},
       {"extra", Type::Dynamic()}});
  Refinements r;
  r.not_null = true;
  Value v = Value::Object(
      {{"id", Value::Unknown(Type::String(), r)},
       {"aliases",
        Value::Set(Type::String(), {Value::String("b"), Value::String("a")})},
       {"quota", *Value::NumberFromString("123456789012345678901234.5")},
       {"labels", Value::Map(Type::String(), {})},
       {"responder", Value::Null(t.attribute_types().at("responder"))},
       {"extra", Value::Tuple({Value::Bool(false), Value::Float(2.5)})}});

  auto bytes = EncodeMsgpack(v, t);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto back = DecodeMsgpack(*bytes, t);

  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
  EXPECT_EQ(back->DebugString(), v.DebugString());
}

}  // namespace
}  // namespace gandimail::cty
