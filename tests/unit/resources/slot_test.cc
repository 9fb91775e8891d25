// gandimail_slot's pure rules: import IDs, telling a bought slot from the
// list difference, and plans for purchase settings (adopted when the prior
// state lacks them, a replacement when a known one changes).

#include "src/resources/slot.h"

#include <gtest/gtest.h>

#include "internal/tfplugin/planner.h"

namespace gandimail::resources {
namespace {

using cty::Path;
using cty::Value;

TEST(SlotImportIdTest, DomainAndNumberParse) {
  std::optional<SlotImportId> id = ParseSlotImportId("example.com/123");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->domain, "example.com");
  EXPECT_EQ(id->slot_id, 123);
}

TEST(SlotImportIdTest, MalformedIdsAreRefused) {
  for (const char* bad :
       {"example.com", "example.com/", "/123", "example.com/12a",
        "example.com/-1", "example.com/0", "example.com/1/2"}) {
    EXPECT_FALSE(ParseSlotImportId(bad).has_value()) << bad;
  }
}

gandi::Slot MakeSlot(int64_t id, const std::string& type) {
  gandi::Slot slot;
  slot.id = id;
  slot.mailbox_type = type;
  return slot;
}

TEST(NewSlotIdsTest, OnlyNewSlotsOfTheBoughtTypeCount) {
  std::vector<gandi::Slot> after = {
      MakeSlot(1, "standard"), MakeSlot(9, "premium"), MakeSlot(7, "standard"),
      MakeSlot(4, "standard")};
  EXPECT_EQ(NewSlotIds({1}, after, "standard"), (std::vector<int64_t>{4, 7}));
  EXPECT_TRUE(NewSlotIds({1, 4, 7}, after, "standard").empty());
}

class NoApi : public ApiSource {
 public:
  std::shared_ptr<const ApiHandle> Api(
      tfplugin::Diagnostics* diagnostics) const override {
    diagnostics->AddError("No API", "unit test");
    return nullptr;
  }
};

class SlotPlanTest : public ::testing::Test {
 protected:
  SlotPlanTest() : resource_(NewSlotResource(&api_)) {}

  Value Object() const {
    return Value::Null(resource_->GetSchema().ImpliedType());
  }
  // A slot as Read leaves it, with the purchase settings given.
  Value Prior(Value duration, Value autorenew) const {
    return Object()
        .WithAttr("domain", Value::String("example.com"))
        .WithAttr("mailbox_type", Value::String("standard"))
        .WithAttr("duration", duration)
        .WithAttr("autorenew", autorenew)
        .WithAttr("keep_on_destroy", Value::Bool(false))
        .WithAttr("id", Value::String("5"))
        .WithAttr("status", Value::String("active"))
        .WithAttr("capacity", Value::Int(3072))
        .WithAttr("refundable", Value::Bool(true))
        .WithAttr("created_at", Value::String("2024-01-01T00:00:00Z"));
  }
  Value Config(int64_t duration) const {
    return Object()
        .WithAttr("domain", Value::String("example.com"))
        .WithAttr("mailbox_type", Value::String("standard"))
        .WithAttr("duration", Value::Int(duration));
  }
  // The plan as the service makes it: generic planner, then the resource.
  tfplugin::PlanResponse Plan(const Value& prior, const Value& config) {
    Value proposed = config;
    if (!prior.IsNull()) {
      for (const char* name : {"id", "status", "capacity", "refundable",
                               "created_at", "refund_amount", "refund_currency",
                               "autorenew", "keep_on_destroy"}) {
        if (config.GetAttr(name).IsNull())
          proposed = proposed.WithAttr(name, prior.GetAttr(name));
      }
    }
    tfplugin::PlanRequest request{prior, proposed, config, "", {}};
    tfplugin::PlanResponse response;
    const tfplugin::Schema& schema = resource_->GetSchema();
    tfplugin::PlanBeforeResource(schema, request, &response);
    resource_->ModifyPlan(request, &response);
    tfplugin::PlanAfterResource(schema, request, &response);
    return response;
  }

  NoApi api_;
  std::shared_ptr<tfplugin::Resource> resource_;
};

TEST_F(SlotPlanTest, CreateWarnsThatOneSlotIsBought) {
  tfplugin::PlanResponse plan = Plan(Object(), Config(12));
  ASSERT_EQ(plan.diagnostics.items().size(), 1u);
  EXPECT_EQ(plan.diagnostics.items()[0].summary, "Plan Buys 1 Mailbox Slot");
  EXPECT_FALSE(plan.diagnostics.HasError());
  EXPECT_EQ(plan.planned_state.GetAttr("autorenew"), Value::Bool(false));
}

TEST_F(SlotPlanTest, ImportedSlotAdoptsPurchaseSettingsWithoutReplace) {
  Value prior =
      Prior(Value::Null(cty::Type::Number()), Value::Null(cty::Type::Bool()));
  tfplugin::PlanResponse plan = Plan(prior, Config(12));
  EXPECT_TRUE(plan.requires_replace.empty());
  EXPECT_TRUE(plan.diagnostics.empty());
  EXPECT_EQ(plan.planned_state.GetAttr("duration"), Value::Int(12));
  EXPECT_EQ(plan.planned_state.GetAttr("autorenew"), Value::Bool(false));
  EXPECT_EQ(plan.planned_state.GetAttr("id"), Value::String("5"));
}

TEST_F(SlotPlanTest, KnownDurationChangeReplacesAndWarns) {
  Value prior = Prior(Value::Int(12), Value::Bool(false));
  tfplugin::PlanResponse plan = Plan(prior, Config(1));
  EXPECT_EQ(plan.requires_replace, std::vector<Path>{Path().Attr("duration")});
  ASSERT_EQ(plan.diagnostics.items().size(), 1u);
  EXPECT_NE(plan.diagnostics.items()[0].detail.find("duration changed"),
            std::string::npos);
  EXPECT_FALSE(plan.planned_state.GetAttr("id").IsKnown());
}

TEST_F(SlotPlanTest, UnchangedSlotPlansThePriorState) {
  Value prior = Prior(Value::Int(12), Value::Bool(false));
  tfplugin::PlanResponse plan = Plan(prior, Config(12));
  EXPECT_EQ(plan.planned_state, prior);
  EXPECT_TRUE(plan.requires_replace.empty());
  EXPECT_TRUE(plan.diagnostics.empty());
}

}  // namespace
}  // namespace gandimail::resources
