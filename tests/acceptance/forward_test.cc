// gandimail_forward and data "gandimail_forwards" through real terraform
// against a private sandbox: the acceptance cycle (apply, empty plan,
// import, update, replace, drift, destroy), refusals before any request,
// the request cost of a large refresh, and eventual visibility.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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

std::string ForwardHcl(const std::string& name, const std::string& source,
                       const std::vector<std::string>& destinations,
                       const std::string& extra = "") {
  std::vector<std::string> quoted;
  for (const std::string& d : destinations) quoted.push_back("\"" + d + "\"");
  return absl::StrCat("resource \"gandimail_forward\" \"", name, "\" {\n",
                      "  domain       = \"example.com\"\n",
                      "  source       = \"", source, "\"\n",
                      "  destinations = [", absl::StrJoin(quoted, ", "), "]\n",
                      extra, "}\n");
}

std::string TwoForwards(const std::vector<std::string>& alice_destinations,
                        const std::string& alice_source = "alice") {
  return absl::StrCat(kProviderBlock,
                      ForwardHcl("alice", alice_source, alice_destinations),
                      ForwardHcl("bob", "bob", {"bob@example.org"}));
}

// A sandbox with example.com and a Terraform directory pointed at it.
struct World {
  explicit World(std::vector<std::string> args = {})
      : sandbox(std::move(args)), tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain({{"name", "example.com"}});
  }
  Sandbox sandbox;
  TerraformDir tf;
};

std::string Output(const RunResult& r) { return r.out + r.err; }

// `text` with each run of whitespace made one space, since Terraform wraps
// diagnostic details at 78 columns.
std::string Unwrapped(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n';
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

void Apply(TerraformDir& tf) {
  RunResult r = tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << Output(r);
}

// The visible forwards of `domain` as the sandbox holds them:
// source -> sorted destinations.
std::map<std::string, std::vector<std::string>> SandboxForwards(
    Sandbox& sandbox, const std::string& domain = "example.com") {
  std::map<std::string, std::vector<std::string>> out;
  json state = sandbox.State();
  for (const json& f : state["domains"][domain]["forwards"]) {
    std::vector<std::string> destinations = f["destinations"];
    std::sort(destinations.begin(), destinations.end());
    out[f["source"]] = destinations;
  }
  return out;
}

// `values` of the resource at `address` in `terraform show -json`.
json ResourceValues(const json& shown, const std::string& address) {
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    if (r["address"] == address) return r["values"];
  }
  return json();
}

// The actions planned for `address`, from `terraform show -json` of a
// saved plan.
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

int64_t TotalRequests(Sandbox& sandbox) {
  return sandbox.Requests()["total"].get<int64_t>();
}

TEST(ForwardTest, CreateThenPlanIsEmptyWithAndWithoutRefresh) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org", "ruth@example.org"}));
  Apply(w.tf);

  auto forwards = SandboxForwards(w.sandbox);
  ASSERT_EQ(forwards.size(), 2u);
  EXPECT_EQ(
      forwards["alice"],
      (std::vector<std::string>{"alice.doe@example.org", "ruth@example.org"}));
  EXPECT_EQ(forwards["bob"], std::vector<std::string>{"bob@example.org"});
  json alice = ResourceValues(w.tf.ShowState(), "gandimail_forward.alice");
  EXPECT_EQ(alice["id"], "alice@example.com");

  RunResult refreshed = w.tf.PlanDetailed();
  EXPECT_EQ(refreshed.exit_code, 0) << Output(refreshed);
  RunResult unrefreshed = w.tf.PlanDetailed({"-refresh=false"});
  EXPECT_EQ(unrefreshed.exit_code, 0) << Output(unrefreshed);
}

TEST(ForwardTest, CliImportInFreshDirReproducesStateAndPlansEmpty) {
  World w;
  std::string config = TwoForwards({"alice.doe@example.org"});
  w.tf.WriteConfig(config);
  Apply(w.tf);
  json applied = w.tf.ShowState();

  TerraformDir fresh(w.sandbox.url(), Sandbox::kToken);
  fresh.WriteConfig(config);
  for (const char* name : {"alice", "bob"}) {
    RunResult r = fresh.Run({"import", "-no-color",
                             absl::StrCat("gandimail_forward.", name),
                             absl::StrCat(name, "@example.com")});
    ASSERT_EQ(r.exit_code, 0) << Output(r);
  }

  json imported = fresh.ShowState();
  for (const char* address :
       {"gandimail_forward.alice", "gandimail_forward.bob"}) {
    EXPECT_EQ(ResourceValues(imported, address),
              ResourceValues(applied, address))
        << address;
  }
  RunResult plan = fresh.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

TEST(ForwardTest, ImportBlockReproducesStateAndPlansEmpty) {
  World w;
  std::string config = TwoForwards({"alice.doe@example.org"});
  w.tf.WriteConfig(config);
  Apply(w.tf);
  json applied = w.tf.ShowState();

  TerraformDir fresh(w.sandbox.url(), Sandbox::kToken);
  fresh.WriteConfig(absl::StrCat(config, R"(
import {
  to = gandimail_forward.alice
  id = "alice@example.com"
}
import {
  to = gandimail_forward.bob
  id = "bob@example.com"
}
)"));
  RunResult apply = fresh.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(apply.exit_code, 0) << Output(apply);
  EXPECT_NE(apply.out.find("2 imported, 0 added, 0 changed, 0 destroyed"),
            std::string::npos)
      << apply.out;

  json imported = fresh.ShowState();
  EXPECT_EQ(ResourceValues(imported, "gandimail_forward.alice"),
            ResourceValues(applied, "gandimail_forward.alice"));
  RunResult plan = fresh.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

TEST(ForwardTest, ImportRefusesAnIdWithoutDomain) {
  World w;
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}));
  RunResult r =
      w.tf.Run({"import", "-no-color", "gandimail_forward.alice", "alice"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(Output(r).find("expected <local>@<domain>"), std::string::npos)
      << Output(r);
}

TEST(ForwardTest, DestinationChangeUpdatesInPlace) {
  World w;
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}));
  Apply(w.tf);

  w.tf.WriteConfig(TwoForwards({"ruth@example.org", "zoe@example.org"}));
  EXPECT_EQ(PlannedActions(w.tf, "gandimail_forward.alice"),
            json::array({"update"}));
  Apply(w.tf);

  EXPECT_EQ(SandboxForwards(w.sandbox)["alice"],
            (std::vector<std::string>{"ruth@example.org", "zoe@example.org"}));
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

TEST(ForwardTest, SourceChangeReplacesTheForward) {
  World w;
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}));
  Apply(w.tf);

  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}, "alicia"));
  EXPECT_EQ(PlannedActions(w.tf, "gandimail_forward.alice"),
            json::array({"delete", "create"}));
  Apply(w.tf);

  auto forwards = SandboxForwards(w.sandbox);
  EXPECT_EQ(forwards.count("alice"), 0u);
  EXPECT_EQ(forwards.count("alicia"), 1u);
  json alice = ResourceValues(w.tf.ShowState(), "gandimail_forward.alice");
  EXPECT_EQ(alice["id"], "alicia@example.com");
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

TEST(ForwardTest, ForwardDeletedOutsideTerraformIsPlannedForCreation) {
  World w;
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}));
  Apply(w.tf);

  HttpReply deleted =
      w.sandbox.Api("DELETE", "/v5/email/forwards/example.com/alice");
  ASSERT_EQ(deleted.status, 202) << deleted.body;

  EXPECT_EQ(PlannedActions(w.tf, "gandimail_forward.alice"),
            json::array({"create"}));
  EXPECT_EQ(PlannedActions(w.tf, "gandimail_forward.bob"),
            json::array({"no-op"}));
}

TEST(ForwardTest, DestroyLeavesNoForwards) {
  World w;
  w.tf.WriteConfig(TwoForwards({"alice.doe@example.org"}));
  Apply(w.tf);
  ASSERT_EQ(SandboxForwards(w.sandbox).size(), 2u);

  RunResult destroy = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroy.exit_code, 0) << Output(destroy);
  EXPECT_TRUE(SandboxForwards(w.sandbox).empty());
}

struct BadInput {
  std::string name;
  std::string hcl;
  std::string expected;  // A piece of the diagnostic.
  std::string line;      // The config line Terraform points at.
};

TEST(ForwardTest, BadInputsFailAtPlanWithTheirPathAndNoRequest) {
  World w;
  std::vector<BadInput> cases = {
      {"source with @", ForwardHcl("a", "alice@example.com", {"x@example.org"}),
       "Use source = \"alice\" and domain = \"example.com\"",
       "source       = \"alice@example.com\""},
      {"empty destinations", ForwardHcl("a", "alice", {}),
       "at least one destination", "destinations = []"},
      {"invalid address", ForwardHcl("a", "alice", {"not-an-address"}),
       "\"not-an-address\" is not a full email address",
       "destinations = [\"not-an-address\"]"},
      {"upper-case source", ForwardHcl("a", "Alice", {"x@example.org"}),
       "Write it in lower case: \"alice\"", "source       = \"Alice\""},
      {"bad sort_by", R"(
data "gandimail_forwards" "all" {
  domain  = "example.com"
  sort_by = "name"
}
)",
       "Use one of: source, -source, destination, -destination",
       "sort_by = \"name\""},
  };
  w.sandbox.ResetRequests();
  for (const BadInput& c : cases) {
    w.tf.WriteConfig(absl::StrCat(kProviderBlock, c.hcl));
    RunResult plan = w.tf.Run({"plan", "-no-color"});
    EXPECT_EQ(plan.exit_code, 1) << c.name << "\n" << Output(plan);
    EXPECT_NE(Unwrapped(Output(plan)).find(c.expected), std::string::npos)
        << c.name << "\n"
        << Output(plan);
    EXPECT_NE(Output(plan).find(c.line), std::string::npos) << c.name << "\n"
                                                            << Output(plan);
  }
  EXPECT_EQ(TotalRequests(w.sandbox), 0);
}

TEST(ForwardTest, RefreshOfHundredForwardsWalksEachDomainOnce) {
  constexpr int kPageSize = 20;
  constexpr int kPerDomain = 50;
  World w({"--page-size", absl::StrCat(kPageSize)});
  w.sandbox.AddDomain({{"name", "example.net"}});
  std::string config = kProviderBlock;
  for (const char* domain : {"example.com", "example.net"}) {
    absl::StrAppend(&config, "resource \"gandimail_forward\" \"",
                    std::string(domain).substr(8), "\" {\n",
                    "  for_each     = toset([for i in range(", kPerDomain,
                    ") : \"user${i}\"])\n", "  domain       = \"", domain,
                    "\"\n", "  source       = each.key\n",
                    "  destinations = [\"${each.key}@example.org\"]\n}\n");
  }
  w.tf.WriteConfig(config);
  Apply(w.tf);
  ASSERT_EQ(SandboxForwards(w.sandbox, "example.net").size(), 50u);

  w.sandbox.ResetRequests();
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
  int64_t total = TotalRequests(w.sandbox);
  std::printf("refresh of %d forwards on 2 domains cost %lld requests\n",
              2 * kPerDomain, static_cast<long long>(total));

  // One walk of a domain's list is ceil(50 / 20) = 3 pages; nothing is
  // missing, so no confirmation query. The bound allows one more walk per
  // domain in case the refresh outlives the cache's few seconds.
  const int pages = (kPerDomain + kPageSize - 1) / kPageSize;
  EXPECT_GE(total, 2 * pages);
  EXPECT_LE(total, 2 * 2 * pages);
  EXPECT_EQ(w.sandbox.Requests()["routes"]["GET /v5/email/forwards/{domain}"],
            total);
}

TEST(ForwardTest, DelayedVisibilityApplyThenImmediatePlanIsEmpty) {
  World w({"--visibility-delay-ms", "1500"});
  std::string timeouts =
      "  timeouts = { create = \"30s\", update = \"30s\", delete = \"30s\" "
      "}\n";
  auto config = [&](const std::string& destination) {
    return absl::StrCat(
        kProviderBlock, ForwardHcl("alice", "alice", {destination}, timeouts),
        ForwardHcl("bob", "bob", {"bob@example.org"}, timeouts));
  };
  w.tf.WriteConfig(config("alice.doe@example.org"));
  RunResult created = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(created.exit_code, 0) << Output(created);
  EXPECT_EQ(created.out.find("Not Yet Visible"), std::string::npos)
      << created.out;
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);

  w.tf.WriteConfig(config("ruth@example.org"));
  Apply(w.tf);
  RunResult after_update = w.tf.PlanDetailed();
  EXPECT_EQ(after_update.exit_code, 0) << Output(after_update);
}

TEST(ForwardTest, SlowVisibilityReturnsPlannedStateWithWarning) {
  World w({"--visibility-delay-ms", "4000"});
  w.tf.WriteConfig(absl::StrCat(
      kProviderBlock, ForwardHcl("alice", "alice", {"alice.doe@example.org"},
                                 "  timeouts = { create = \"1s\" }\n")));
  RunResult r = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << Output(r);
  EXPECT_NE(Output(r).find("Forward Change Not Yet Visible"), std::string::npos)
      << Output(r);

  json alice = ResourceValues(w.tf.ShowState(), "gandimail_forward.alice");
  EXPECT_EQ(alice["id"], "alice@example.com");
  RunResult shown = w.tf.Run({"show", "-no-color"});
  EXPECT_EQ(shown.out.find("tainted"), std::string::npos) << shown.out;
}

TEST(ForwardsDataSourceTest, ListsFilteredAndSortedForwards) {
  World w;
  for (const char* body :
       {R"({"source": "alice", "destinations": ["a@example.org"]})",
        R"({"source": "alfred", )"
        R"("destinations": ["z@example.org", "b@example.org"]})",
        R"({"source": "bob", "destinations": ["c@example.net"]})"}) {
    ASSERT_EQ(
        w.sandbox.Api("POST", "/v5/email/forwards/example.com", body).status,
        201);
  }
  w.tf.WriteConfig(absl::StrCat(kProviderBlock, R"(
data "gandimail_forwards" "al" {
  domain  = "example.com"
  source  = "al*"
  sort_by = "-source"
}
data "gandimail_forwards" "org" {
  domain      = "example.com"
  destination = "*@example.org"
}
output "al" { value = data.gandimail_forwards.al.forwards }
output "org" {
  value = [for f in data.gandimail_forwards.org.forwards : f.address]
}
)"));
  Apply(w.tf);
  RunResult out = w.tf.Run({"output", "-json"});
  json outputs = json::parse(out.out, nullptr, false);

  const json& al = outputs["al"]["value"];
  ASSERT_EQ(al.size(), 2u) << out.out;
  EXPECT_EQ(al[0]["source"], "alice");
  EXPECT_EQ(al[0]["address"], "alice@example.com");
  EXPECT_EQ(al[1]["source"], "alfred");
  EXPECT_EQ(al[1]["destinations"],
            json::array({"b@example.org", "z@example.org"}));
  EXPECT_EQ(outputs["org"]["value"],
            json::array({"alfred@example.com", "alice@example.com"}));
}

}  // namespace
}  // namespace gandimail::testing
