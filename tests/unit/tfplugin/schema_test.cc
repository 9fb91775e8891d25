#include "internal/tfplugin/schema.h"

#include <gtest/gtest.h>

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

Schema WithAttribute(Attribute a) {
  Schema s;
  s.block.attributes.push_back(std::move(a));
  return s;
}

TEST(SchemaTest, WellFormedSchemaPasses) {
  Schema s;
  s.block.attributes = {Attr("id", Type::String()).Computed(),
                        Attr("name", Type::String()).Required(),
                        Attr("note", Type::String()).Optional().Computed()};
  EXPECT_TRUE(CheckSchema(s, "t").ok());
}

TEST(SchemaTest, AttributeWithNoRoleIsRejected) {
  EXPECT_FALSE(CheckSchema(WithAttribute(Attr("x", Type::String())), "t").ok());
}

TEST(SchemaTest, RequiredAndOptionalTogetherIsRejected) {
  auto a = Attr("x", Type::String()).Required().Optional();
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
}

TEST(SchemaTest, RequiredAndComputedTogetherIsRejected) {
  auto a = Attr("x", Type::String()).Required().Computed();
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
}

TEST(SchemaTest, UpperCaseNameIsRejected) {
  auto a = Attr("Name", Type::String()).Optional();
  absl::Status status = CheckSchema(WithAttribute(a), "t");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("^[a-z0-9_]+$"), std::string::npos);
}

TEST(SchemaTest, ComputedWriteOnlyIsRejected) {
  auto a = Attr("x", Type::String()).Optional().Computed().WriteOnly();
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
}

TEST(SchemaTest, WriteOnlyInsideSetIsRejected) {
  auto a = NestedAttr("items", NestedObject::Nesting::kSet,
                      {Attr("secret", Type::String()).Optional().WriteOnly()})
               .Optional();
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
}

TEST(SchemaTest, DefaultNeedsOptionalAndComputed) {
  auto a = Attr("x", Type::Bool()).Optional().Default(Value::Bool(false));
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
  auto b =
      Attr("x", Type::Bool()).Optional().Computed().Default(Value::Bool(false));
  EXPECT_TRUE(CheckSchema(WithAttribute(b), "t").ok());
}

TEST(SchemaTest, DefaultOfWrongTypeIsRejected) {
  auto a = Attr("x", Type::Bool())
               .Optional()
               .Computed()
               .Default(Value::String("no"));
  EXPECT_FALSE(CheckSchema(WithAttribute(a), "t").ok());
}

TEST(SchemaTest, DuplicateNameIsRejected) {
  Schema s;
  s.block.attributes = {Attr("x", Type::String()).Optional(),
                        Attr("x", Type::String()).Computed()};
  EXPECT_FALSE(CheckSchema(s, "t").ok());
}

TEST(SchemaTest, ValidatorsSeeNestedPaths) {
  Block block;
  block.attributes = {
      NestedAttr("responder", NestedObject::Nesting::kSingle,
                 {Attr("message", Type::String())
                      .Optional()
                      .Validate([](const Value& v, const cty::Path& p,
                                   Diagnostics* d) {
                        d->AddError("bad", v.AsString(), p);
                      })})
          .Optional()};
  Value config = Value::Object(
      {{"responder", Value::Object({{"message", Value::String("hi")}})}});
  Diagnostics d;
  RunValidators(block, config, &d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].path->ToString(), "responder.message");
}

TEST(SchemaTest, ValueForReadOnlyAttributeIsRefused) {
  Block block;
  block.attributes = {Attr("id", Type::String()).Computed(),
                      Attr("name", Type::String()).Required()};
  Value config =
      Value::Object({{"id", Value::String("x")}, {"name", Value::String("a")}});
  Diagnostics d;
  RunValidators(block, config, &d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].summary, "Read-only Attribute Set");
  EXPECT_EQ(d.items()[0].path->ToString(), "id");
}

TEST(SchemaTest, NullWriteOnlyClearsOnlyWriteOnly) {
  Block block;
  block.attributes = {
      Attr("password_wo", Type::String()).Optional().WriteOnly(),
      Attr("login", Type::String()).Required()};
  Value v = Value::Object({{"password_wo", Value::String("s3cret!")},
                           {"login", Value::String("alice")}});
  Value out = NullWriteOnly(block, v);
  EXPECT_TRUE(out.GetAttr("password_wo").IsNull());
  EXPECT_EQ(out.GetAttr("login"), Value::String("alice"));
}

}  // namespace
}  // namespace gandimail::tfplugin
