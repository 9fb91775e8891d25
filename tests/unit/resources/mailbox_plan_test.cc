// The mailbox's own planning rules (PlanMailbox), on values shaped as the
// generic planner leaves them.

#include "src/resources/mailbox_plan.h"

#include <gtest/gtest.h>

#include "src/resources/mailbox.h"

namespace gandimail::resources {
namespace {

using cty::Type;
using cty::Value;

Value Prior() {
  return Value::Null(MailboxSchema().ImpliedType())
      .WithAttr("id", Value::String("066743e5-96e4-4a1d-9195-8b8a700a8a79"))
      .WithAttr("domain", Value::String("example.com"))
      .WithAttr("login", Value::String("alice"))
      .WithAttr("address", Value::String("alice@example.com"))
      .WithAttr("mailbox_type", Value::String("standard"))
      .WithAttr("alias_count", Value::Int(0))
      .WithAttr("expires_at", Value::String("2027-01-01T00:00:00Z"));
}

tfplugin::PlanResponse Plan(const Value& prior, const Value& planned) {
  tfplugin::PlanRequest request;
  request.prior_state = prior;
  request.proposed_new_state = planned;
  request.config = planned;
  tfplugin::PlanResponse response;
  response.planned_state = planned;
  PlanMailbox(request, &response);
  return response;
}

bool HasSummary(const tfplugin::Diagnostics& d, const std::string& summary) {
  for (const tfplugin::Diagnostic& item : d.items()) {
    if (item.summary == summary) return true;
  }
  return false;
}

TEST(MailboxPlanTest, RenamePlansTheNewAddressAndKeepsExpiry) {
  Value planned = Prior().WithAttr("login", Value::String("bob"));
  tfplugin::PlanResponse response = Plan(Prior(), planned);
  EXPECT_FALSE(response.diagnostics.HasError());
  EXPECT_EQ(response.planned_state.GetAttr("address"),
            Value::String("bob@example.com"));
  EXPECT_EQ(response.planned_state.GetAttr("expires_at"),
            Value::String("2027-01-01T00:00:00Z"));
}

TEST(MailboxPlanTest, MoveTo2023TypeLeavesExpiryUnknown) {
  Value planned =
      Prior().WithAttr("mailbox_type", Value::String("premium_2023"));
  tfplugin::PlanResponse response = Plan(Prior(), planned);
  EXPECT_FALSE(response.diagnostics.HasError());
  EXPECT_FALSE(response.planned_state.GetAttr("expires_at").IsKnown());
}

TEST(MailboxPlanTest, LegacyTypeChangeIsRefusedWithTheWayToReplace) {
  Value planned = Prior().WithAttr("mailbox_type", Value::String("premium"));
  tfplugin::PlanResponse response = Plan(Prior(), planned);
  ASSERT_TRUE(response.diagnostics.HasError());
  const tfplugin::Diagnostic& error = response.diagnostics.items()[0];
  EXPECT_EQ(error.path, cty::Path().Attr("mailbox_type"));
  EXPECT_NE(error.detail.find("terraform taint"), std::string::npos);
}

TEST(MailboxPlanTest, DomainChangeWarnsThatMailIsDeleted) {
  Value planned = Prior().WithAttr("domain", Value::String("example.org"));
  tfplugin::PlanResponse response = Plan(Prior(), planned);
  EXPECT_TRUE(HasSummary(
      response.diagnostics,
      "Mailbox Will Be Replaced, Its Mail Deleted: alice@example.com"));
  EXPECT_FALSE(response.diagnostics.HasError());
}

TEST(MailboxPlanTest, AliasCountFollowsKnownAliases) {
  Value planned = Prior().WithAttr(
      "aliases",
      Value::Set(Type::String(), {Value::String("a1"), Value::String("a2")}));
  EXPECT_EQ(Plan(Prior(), planned).planned_state.GetAttr("alias_count"),
            Value::Int(2));
  Value unknown =
      Prior().WithAttr("aliases", Value::Unknown(Type::Set(Type::String())));
  EXPECT_FALSE(
      Plan(Prior(), unknown).planned_state.GetAttr("alias_count").IsKnown());
}

TEST(MailboxPlanTest, CreateWithoutAnyPasswordIsRefused) {
  Value planned = Prior().WithAttr("id", Value::Unknown(Type::String()));
  tfplugin::PlanResponse response = Plan(Value::Null(planned.type()), planned);
  ASSERT_TRUE(response.diagnostics.HasError());
  EXPECT_EQ(response.diagnostics.items()[0].path, cty::Path().Attr("password"));
}

}  // namespace
}  // namespace gandimail::resources
