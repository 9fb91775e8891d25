// gandimail_slot and data "gandimail_slots" / "gandimail_migration"
// through real terraform against a private sandbox: buy, empty plan,
// import with purchase settings from the config, replace on a settings
// change, refund; non-refundable slots and keep_on_destroy; a purchase
// whose answer is lost buys exactly one slot; refusals before any request.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using nlohmann::json;

constexpr char kProviderBlock[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {}
)";

constexpr char kAddress[] = "gandimail_slot.s";

std::string SlotHcl(const std::string& body) {
  return absl::StrCat(kProviderBlock,
                      "resource \"gandimail_slot\" \"s\" {\n"
                      "  domain       = \"example.com\"\n"
                      "  mailbox_type = \"standard\"\n",
                      body, "}\n");
}

struct World {
  explicit World(json domain = {{"name", "example.com"}, {"credit", 100.0}})
      : tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain(domain);
  }
  Sandbox sandbox;
  TerraformDir tf;
};

std::string Output(const RunResult& r) { return r.out + r.err; }

RunResult Apply(TerraformDir& tf) {
  return tf.Run({"apply", "-auto-approve", "-no-color"});
}

json Domain(Sandbox& sandbox) {
  return sandbox.State()["domains"]["example.com"];
}

json ResourceValues(const json& shown, const std::string& address) {
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    if (r["address"] == address) return r["values"];
  }
  return json();
}

json PlannedActions(TerraformDir& tf, const std::string& address) {
  RunResult plan = tf.Run({"plan", "-out=tfplan", "-no-color"});
  EXPECT_NE(plan.exit_code, 1) << Output(plan);
  RunResult shown = tf.Run({"show", "-json", "tfplan"});
  json plan_json = json::parse(shown.out, nullptr, false);
  for (const json& change : plan_json["resource_changes"]) {
    if (change["address"] == address) return change["change"]["actions"];
  }
  return json();
}

int64_t RouteCount(Sandbox& sandbox, const std::string& route) {
  json routes = sandbox.Requests()["routes"];
  return routes.contains(route) ? routes[route].get<int64_t>() : 0;
}

constexpr char kPostSlot[] = "POST /v5/email/slots/{domain}";

TEST(SlotTest, BuyPlanEmptyImportReplaceThenRefund) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_NE(applied.out.find("Plan Buys 1 Mailbox Slot"), std::string::npos);

  json domain = Domain(w.sandbox);
  ASSERT_EQ(domain["slots"].size(), 1u);
  const int64_t slot_id = domain["slots"][0]["id"];
  EXPECT_DOUBLE_EQ(domain["credit"].get<double>(), 95.8);  // 12 x 0.35
  json values = ResourceValues(w.tf.ShowState(), kAddress);
  EXPECT_EQ(values["id"], std::to_string(slot_id));
  EXPECT_EQ(values["refundable"], true);
  EXPECT_EQ(values["capacity"], 3072);
  EXPECT_EQ(values["autorenew"], false);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  // Import: the API cannot tell the purchase settings, so the next plan
  // records the configuration's values in place (Terraform's plan is not
  // empty while the state lacks them), buying and replacing nothing.
  ASSERT_EQ(w.tf.Run({"state", "rm", kAddress}).exit_code, 0);
  RunResult imported = w.tf.Run(
      {"import", "-no-color", kAddress, absl::StrCat("example.com/", slot_id)});
  ASSERT_EQ(imported.exit_code, 0) << Output(imported);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress)["duration"], nullptr);
  EXPECT_EQ(PlannedActions(w.tf, kAddress), json({"update"}));
  w.sandbox.ResetRequests();
  RunResult adopted = Apply(w.tf);
  ASSERT_EQ(adopted.exit_code, 0) << Output(adopted);
  EXPECT_EQ(RouteCount(w.sandbox, kPostSlot), 0);
  EXPECT_EQ(RouteCount(w.sandbox, "DELETE /v5/email/slots/{domain}/{slot_id}"),
            0);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress)["duration"], 12);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  // A known purchase setting that changes buys a new slot.
  w.tf.WriteConfig(SlotHcl("  duration     = 1\n"));
  EXPECT_EQ(PlannedActions(w.tf, kAddress), json({"delete", "create"}));
  RunResult warned = w.tf.PlanDetailed();
  EXPECT_NE(warned.out.find("duration changed"), std::string::npos)
      << Output(warned);

  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult destroyed = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroyed.exit_code, 0) << Output(destroyed);
  domain = Domain(w.sandbox);
  EXPECT_TRUE(domain["slots"].empty()) << domain.dump();
  EXPECT_DOUBLE_EQ(domain["credit"].get<double>(), 100.0);
}

TEST(SlotTest, NonRefundableSlotFailsDestroyUnlessKept) {
  World w({{"name", "example.com"}, {"free_slots", {{"standard", 1}}}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  const int64_t slot_id = Domain(w.sandbox)["slots"][0]["id"];
  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult imported = w.tf.Run(
      {"import", "-no-color", kAddress, absl::StrCat("example.com/", slot_id)});
  ASSERT_EQ(imported.exit_code, 0) << Output(imported);
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress)["refundable"], false);

  RunResult refused = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Slot Not Refundable"), std::string::npos)
      << Output(refused);
  EXPECT_NE(refused.err.find("keep_on_destroy"), std::string::npos);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress)["id"],
            std::to_string(slot_id));

  w.tf.WriteConfig(
      SlotHcl("  duration        = 12\n  keep_on_destroy = true\n"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  RunResult kept = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(kept.exit_code, 0) << Output(kept);
  json slots = Domain(w.sandbox)["slots"];
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0]["id"], slot_id);
}

TEST(SlotTest, LostPurchaseAnswerBuysExactlyOneSlot) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.sandbox.SetFaults(
      {{"rules",
        {{{"route", kPostSlot}, {"kind", "after_effect"}, {"count", 1}}}}});
  w.sandbox.ResetRequests();
  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_NE(applied.out.find("Slot Purchase Answer Lost"), std::string::npos)
      << Output(applied);

  json slots = Domain(w.sandbox)["slots"];
  ASSERT_EQ(slots.size(), 1u) << slots.dump();
  EXPECT_EQ(RouteCount(w.sandbox, kPostSlot), 1);
  json values = ResourceValues(w.tf.ShowState(), kAddress);
  EXPECT_EQ(values["id"], std::to_string(slots[0]["id"].get<int64_t>()));
  EXPECT_EQ(values["status"], "active");
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(SlotTest, PurchaseAndRefundWaitForVisibility) {
  Sandbox sandbox({"--visibility-delay-ms", "700"});
  ASSERT_EQ(sandbox.startup_error(), "");
  sandbox.AddDomain({{"name", "example.com"}, {"credit", 10.0}});
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  tf.WriteConfig(SlotHcl("  duration     = 1\n"));
  RunResult applied = Apply(tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(applied.out.find("Not Yet Visible"), std::string::npos);
  json values = ResourceValues(tf.ShowState(), kAddress);
  EXPECT_EQ(values["status"], "active");
  EXPECT_EQ(values["refund_currency"], "EUR");
  EXPECT_EQ(tf.PlanDetailed().exit_code, 0);

  RunResult destroyed = tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroyed.exit_code, 0) << Output(destroyed);
  EXPECT_EQ(destroyed.out.find("Still Listed"), std::string::npos);
  json visible = sandbox.Api("GET", "/v5/email/slots/example.com").Json();
  EXPECT_TRUE(visible.empty()) << visible.dump();
}

TEST(SlotTest, RefusedPurchaseIsAnErrorAndBuysNothing) {
  World w({{"name", "example.com"}, {"credit", 1.0}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult applied = Apply(w.tf);
  EXPECT_EQ(applied.exit_code, 1);
  EXPECT_NE(applied.err.find("Unable to Buy Slot"), std::string::npos)
      << Output(applied);
  EXPECT_TRUE(Domain(w.sandbox)["slots"].empty());
  EXPECT_EQ(RouteCount(w.sandbox, kPostSlot), 1);
  EXPECT_EQ(w.tf.Run({"state", "list"}).out, "");
}

TEST(SlotTest, RateLimitedSlotListStillApplies) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.sandbox.SetFaults({{"rules",
                        {{{"route", "GET /v5/email/slots/{domain}"},
                          {"kind", "status"},
                          {"status", 429},
                          {"retry_after_s", 1},
                          {"count", 1}}}}});
  w.tf.WriteConfig(SlotHcl("  duration     = 1\n  autorenew    = true\n"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  json slots = Domain(w.sandbox)["slots"];
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0]["duration"], 1);
  EXPECT_EQ(slots[0]["autorenew"], true);
  EXPECT_EQ(RouteCount(w.sandbox, kPostSlot), 1);
}

TEST(SlotTest, BadInputsFailValidateWithoutRequests) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  duration     = 0\n", "duration"},
      {"  duration     = -1\n", "duration"},
  };
  w.sandbox.ResetRequests();
  for (const auto& [body, attribute] : cases) {
    w.tf.WriteConfig(SlotHcl(body));
    RunResult r = w.tf.Run({"validate", "-no-color"});
    EXPECT_EQ(r.exit_code, 1) << body;
    EXPECT_NE(r.err.find("Invalid Attribute Value"), std::string::npos)
        << Output(r);
    EXPECT_NE(r.err.find(absl::StrCat(attribute, " ")), std::string::npos)
        << Output(r);
    EXPECT_EQ(w.tf.PlanDetailed().exit_code, 1);
  }
  w.tf.WriteConfig(absl::StrCat(kProviderBlock, R"(
resource "gandimail_slot" "s" {
  domain       = "example.com"
  mailbox_type = "gold"
  duration     = 12
}
)"));
  RunResult bad_type = w.tf.Run({"validate", "-no-color"});
  EXPECT_EQ(bad_type.exit_code, 1);
  EXPECT_NE(bad_type.err.find("mailbox_type = \"gold\""), std::string::npos)
      << Output(bad_type);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 1);
  EXPECT_EQ(w.sandbox.Requests()["total"], 0);
}

TEST(SlotTest, BadImportIdIsRefusedWithTheExpectedForm) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(SlotHcl("  duration     = 12\n"));
  RunResult r = w.tf.Run({"import", "-no-color", kAddress, "example.com"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("<domain>/<slot id>"), std::string::npos) << Output(r);
}

TEST(SlotTest, DataSourcesListSlotsAndMigration) {
  World w({{"name", "example.com"},
           {"packmail", true},
           {"free_slots", {{"standard", 2}}}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(absl::StrCat(kProviderBlock, R"(
data "gandimail_slots" "all" { domain = "example.com" }
data "gandimail_migration" "m" { domain = "example.com" }
)"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  json shown = w.tf.ShowState();
  json slots = ResourceValues(shown, "data.gandimail_slots.all")["slots"];
  ASSERT_EQ(slots.size(), 2u) << shown.dump();
  EXPECT_EQ(slots[0]["mailbox_type"], "standard");
  EXPECT_EQ(slots[0]["refundable"], false);
  json migration = ResourceValues(shown, "data.gandimail_migration.m");
  EXPECT_EQ(migration["available"], true);
  EXPECT_EQ(migration["free_mailboxes"], 2);
  EXPECT_EQ(migration["token"].get<std::string>().size(), 40u);
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    if (r["address"] == "data.gandimail_migration.m") {
      EXPECT_EQ(r["sensitive_values"]["token"], true);
    }
  }
}

}  // namespace
}  // namespace gandimail::testing
