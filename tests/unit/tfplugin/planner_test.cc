#include "internal/tfplugin/planner.h"

#include <gtest/gtest.h>

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

class PlannerTest : public ::testing::Test {
 protected:
  PlannerTest() {
    schema_.block.attributes = {
        Attr("id", Type::String()).Computed(),
        Attr("domain", Type::String()).Required().RequiresReplace(),
        Attr("login", Type::String()).Required(),
        Attr("expires_at", Type::String())
            .Computed()
            .Behavior(ComputedBehavior::kUnknownOnUpdate),
        Attr("keep", Type::Bool())
            .Optional()
            .Computed()
            .Default(Value::Bool(false)),
        Attr("secret_wo", Type::String()).Optional().WriteOnly(),
    };
  }

  Value Object(Value id, std::string domain, std::string login, Value expires,
               Value keep, Value secret) {
    return Value::Object({{"id", id},
                          {"domain", Value::String(domain)},
                          {"login", Value::String(login)},
                          {"expires_at", expires},
                          {"keep", keep},
                          {"secret_wo", secret}});
  }

  PlanResponse Plan(const Value& prior, const Value& config,
                    const Value& proposed) {
    PlanRequest request{prior, proposed, config, "", {}};
    PlanResponse response;
    PlanBeforeResource(schema_, request, &response);
    PlanAfterResource(schema_, request, &response);
    return response;
  }

  Value Null() { return Value::Null(Type::String()); }
  Value NullBool() { return Value::Null(Type::Bool()); }

  Schema schema_;
};

TEST_F(PlannerTest, CreateMarksComputedUnknownAndAppliesDefault) {
  Value config = Object(Null(), "example.com", "alice", Null(), NullBool(),
                        Value::String("pw"));
  PlanResponse r = Plan(Value::Null(schema_.ImpliedType()), config, config);
  EXPECT_FALSE(r.planned_state.GetAttr("id").IsKnown());
  EXPECT_FALSE(r.planned_state.GetAttr("expires_at").IsKnown());
  EXPECT_EQ(r.planned_state.GetAttr("keep"), Value::Bool(false));
  EXPECT_TRUE(r.planned_state.GetAttr("secret_wo").IsNull());
}

TEST_F(PlannerTest, NoChangeReturnsPriorExactly) {
  Value prior =
      Object(Value::String("u1"), "example.com", "alice",
             Value::String("2030-01-01T00:00:00Z"), Value::Bool(false), Null());
  Value config =
      Object(Null(), "example.com", "alice", Null(), NullBool(), Null());
  PlanResponse r = Plan(prior, config, prior);
  EXPECT_EQ(r.planned_state, prior);
  EXPECT_TRUE(r.requires_replace.empty());
}

TEST_F(PlannerTest, UpdateKeepsStableAndUnknownsVolatile) {
  Value prior =
      Object(Value::String("u1"), "example.com", "alice",
             Value::String("2030-01-01T00:00:00Z"), Value::Bool(false), Null());
  Value config =
      Object(Null(), "example.com", "bob", Null(), NullBool(), Null());
  Value proposed = prior.WithAttr("login", Value::String("bob"));
  PlanResponse r = Plan(prior, config, proposed);
  EXPECT_EQ(r.planned_state.GetAttr("id"), Value::String("u1"));
  EXPECT_FALSE(r.planned_state.GetAttr("expires_at").IsKnown());
  EXPECT_TRUE(r.requires_replace.empty());
}

TEST_F(PlannerTest, ChangedReplaceAttributeIsReported) {
  Value prior =
      Object(Value::String("u1"), "example.com", "alice",
             Value::String("2030-01-01T00:00:00Z"), Value::Bool(false), Null());
  Value config =
      Object(Null(), "example.org", "alice", Null(), NullBool(), Null());
  Value proposed = prior.WithAttr("domain", Value::String("example.org"));
  PlanResponse r = Plan(prior, config, proposed);
  ASSERT_EQ(r.requires_replace.size(), 1u);
  EXPECT_EQ(r.requires_replace[0].ToString(), "domain");
  EXPECT_FALSE(r.planned_state.GetAttr("id").IsKnown());
}

TEST_F(PlannerTest, WriteOnlyChangeAloneIsNoChange) {
  Value prior =
      Object(Value::String("u1"), "example.com", "alice",
             Value::String("2030-01-01T00:00:00Z"), Value::Bool(false), Null());
  Value config = Object(Null(), "example.com", "alice", Null(), NullBool(),
                        Value::String("new"));
  Value proposed = prior.WithAttr("secret_wo", Value::String("new"));
  PlanResponse r = Plan(prior, config, proposed);
  EXPECT_EQ(r.planned_state, prior);
}

TEST_F(PlannerTest, DestroyPlansNull) {
  Value prior = Object(Value::String("u1"), "example.com", "alice",
                       Value::String("x"), Value::Bool(false), Null());
  Value null = Value::Null(schema_.ImpliedType());
  PlanResponse r = Plan(prior, null, null);
  EXPECT_TRUE(r.planned_state.IsNull());
}

}  // namespace
}  // namespace gandimail::tfplugin
