// gandimail_email_offer through real terraform against a private sandbox:
// one switch set sends the other as Gandi has it, empty plan, import,
// "mixed" antispam asks the user to choose, destroy leaves the offer, and
// refusals before any request.

#include <gtest/gtest.h>

#include <string>

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

constexpr char kAddress[] = "gandimail_email_offer.o";

std::string OfferHcl(const std::string& body) {
  return absl::StrCat(kProviderBlock,
                      "resource \"gandimail_email_offer\" \"o\" {\n"
                      "  domain = \"example.com\"\n",
                      body, "}\n");
}

struct World {
  World() : tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain(
        {{"name", "example.com"}, {"free_slots", {{"standard", 2}}}});
  }
  Sandbox sandbox;
  TerraformDir tf;
};

std::string Output(const RunResult& r) { return r.out + r.err; }

RunResult Apply(TerraformDir& tf) {
  return tf.Run({"apply", "-auto-approve", "-no-color"});
}

json Offer(Sandbox& sandbox) {
  return sandbox.Api("GET", "/v5/email/offers/example.com").Json();
}

json ResourceValues(const json& shown, const std::string& address) {
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    if (r["address"] == address) return r["values"];
  }
  return json();
}

// Two mailboxes whose antispam differs, so the domain reads "mixed".
void MakeAntispamMixed(Sandbox& sandbox) {
  for (const char* login : {"alice", "bob"}) {
    json body = {{"login", login},
                 {"mailbox_type", "standard"},
                 {"password", "Xyzzy123!pw"}};
    ASSERT_EQ(
        sandbox.Api("POST", "/v5/email/mailboxes/example.com", body.dump())
            .status,
        202);
  }
  std::string id =
      sandbox.State()["domains"]["example.com"]["mailboxes"][0]["id"];
  ASSERT_EQ(sandbox
                .Api("PATCH", "/v5/email/mailboxes/example.com/" + id,
                     R"({"antispam": false})")
                .status,
            202);
  ASSERT_EQ(Offer(sandbox)["antispam"], "mixed");
}

TEST(EmailOfferTest, DkimOnlySendsCurrentAntispamAndImports) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  // A domain value other than the API's default, so that the test tells
  // "sent as it is" from "sent as a default".
  ASSERT_EQ(w.sandbox
                .Api("PATCH", "/v5/email/offers/example.com",
                     R"({"antispam": "inactive", "dkim": "inactive"})")
                .status,
            202);
  w.tf.WriteConfig(OfferHcl("  dkim   = \"active\"\n"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  json offer = Offer(w.sandbox);
  EXPECT_EQ(offer["dkim"], "active");
  EXPECT_EQ(offer["antispam"], "inactive");
  json values = ResourceValues(w.tf.ShowState(), kAddress);
  EXPECT_EQ(values["antispam"], "inactive");
  EXPECT_EQ(values["id"], "example.com");
  EXPECT_EQ(values["version"], 2);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
  EXPECT_EQ(w.tf.PlanDetailed({"-refresh=false"}).exit_code, 0);

  ASSERT_EQ(w.tf.Run({"state", "rm", kAddress}).exit_code, 0);
  RunResult imported =
      w.tf.Run({"import", "-no-color", kAddress, "example.com"});
  ASSERT_EQ(imported.exit_code, 0) << Output(imported);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress), values);
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);

  RunResult destroyed = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroyed.exit_code, 0) << Output(destroyed);
  EXPECT_EQ(Offer(w.sandbox)["dkim"], "active");
}

TEST(EmailOfferTest, MixedAntispamLeftUnsetAsksToSetIt) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  MakeAntispamMixed(w.sandbox);
  w.sandbox.ResetRequests();
  w.tf.WriteConfig(OfferHcl("  dkim   = \"active\"\n"));
  RunResult plan = w.tf.Run({"plan", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_NE(plan.err.find("Set Antispam Explicitly"), std::string::npos)
      << Output(plan);
  EXPECT_NE(plan.err.find("antispam = \"active\" or \"inactive\""),
            std::string::npos);
  EXPECT_EQ(w.sandbox.Requests()["routes"]["PATCH /v5/email/offers/{domain}"],
            nullptr);

  w.tf.WriteConfig(
      OfferHcl("  dkim     = \"active\"\n"
               "  antispam = \"inactive\"\n"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  json offer = Offer(w.sandbox);
  EXPECT_EQ(offer["antispam"], "inactive");
  EXPECT_EQ(offer["dkim"], "active");
  for (const json& m : w.sandbox.State()["domains"]["example.com"]["mailboxes"])
    EXPECT_EQ(m["antispam"], false);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(EmailOfferTest, MixedAntispamBlocksADkimUpdateUntilSet) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(OfferHcl("  dkim   = \"active\"\n"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  MakeAntispamMixed(w.sandbox);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);  // The drift alone is fine.

  w.tf.WriteConfig(OfferHcl("  dkim   = \"inactive\"\n"));
  RunResult plan = w.tf.Run({"plan", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_NE(plan.err.find("Set Antispam Explicitly"), std::string::npos)
      << Output(plan);
  EXPECT_EQ(Offer(w.sandbox)["dkim"], "active");
}

TEST(EmailOfferTest, UpdateWaitsUntilTheSwitchesShow) {
  Sandbox sandbox({"--visibility-delay-ms", "700"});
  ASSERT_EQ(sandbox.startup_error(), "");
  sandbox.AddDomain({{"name", "example.com"}});
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  tf.WriteConfig(OfferHcl("  dkim   = \"active\"\n"));
  ASSERT_EQ(Apply(tf).exit_code, 0);
  EXPECT_EQ(tf.PlanDetailed().exit_code, 0);

  tf.WriteConfig(
      OfferHcl("  dkim     = \"inactive\"\n"
               "  antispam = \"inactive\"\n"));
  RunResult applied = Apply(tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(applied.out.find("Not Yet Visible"), std::string::npos);
  json offer = Offer(sandbox);
  EXPECT_EQ(offer["dkim"], "inactive");
  EXPECT_EQ(offer["antispam"], "inactive");
  EXPECT_EQ(tf.PlanDetailed().exit_code, 0);
}

TEST(EmailOfferTest, NothingSetAdoptsMixedAndDestroyLeavesIt) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  MakeAntispamMixed(w.sandbox);
  w.tf.WriteConfig(OfferHcl(""));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(ResourceValues(w.tf.ShowState(), kAddress)["antispam"], "mixed");
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  RunResult destroyed = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroyed.exit_code, 0) << Output(destroyed);
  EXPECT_EQ(Offer(w.sandbox)["antispam"], "mixed");
}

TEST(EmailOfferTest, BadInputsFailValidateWithoutRequests) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.sandbox.ResetRequests();
  w.tf.WriteConfig(OfferHcl("  antispam = \"mixed\"\n"));
  RunResult r = w.tf.Run({"validate", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("antispam = \"mixed\""), std::string::npos) << Output(r);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 1);

  w.tf.WriteConfig(OfferHcl("  dkim = \"on\"\n"));
  RunResult dkim = w.tf.Run({"validate", "-no-color"});
  EXPECT_EQ(dkim.exit_code, 1);
  EXPECT_NE(dkim.err.find("dkim = \"on\""), std::string::npos) << Output(dkim);
  EXPECT_EQ(w.sandbox.Requests()["total"], 0);
}

TEST(EmailOfferTest, BadImportIdIsRefusedWithTheExpectedForm) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(OfferHcl(""));
  RunResult r = w.tf.Run({"import", "-no-color", kAddress, "example.com/1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("such as \"example.com\""), std::string::npos)
      << Output(r);
}

}  // namespace
}  // namespace gandimail::testing
