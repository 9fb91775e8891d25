// One configuration of 100 forwards and 20 mailboxes over two domains:
// apply, an empty plan, destroy; and what its refresh costs in requests.

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

std::string ScaleConfig() {
  std::string hcl = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
provider "gandimail" {
  requests_per_minute = 0
}
locals {
  domains = ["one.example", "two.example"]
}
resource "gandimail_forward" "f" {
  count        = 100
  domain       = local.domains[count.index % 2]
  source       = "list${count.index}"
  destinations = ["team${count.index}@example.org"]
}
resource "gandimail_mailbox" "m" {
  count        = 20
  domain       = local.domains[count.index % 2]
  login        = "user${count.index}"
  mailbox_type = "standard_2023"
  password     = "Scale-Test-123"
}
)";
  return hcl;
}

TEST(ScaleTest, HundredForwardsTwentyMailboxesRefreshCheaply) {
  Sandbox sandbox({"--page-size", "50"});
  ASSERT_FALSE(sandbox.url().empty()) << sandbox.startup_error();
  for (const char* name : {"one.example", "two.example"}) {
    nlohmann::json domain = {{"name", name},
                             {"free_slots", {{"standard_2023", 10}}}};
    ASSERT_EQ(sandbox.AddDomain(domain).status, 201);
  }
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  tf.WriteConfig(ScaleConfig());
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;

  sandbox.ResetRequests();
  RunResult plan = tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  int64_t requests = sandbox.Requests()["total"].get<int64_t>();
  std::printf(
      "refresh-plan of 100 forwards + 20 mailboxes: %lld requests "
      "(one request per resource would be 120)\n",
      static_cast<long long>(requests));
  // Each mailbox needs its own GET (aliases and responder are only in the
  // detail); forwards and the to_convert flags come from one walk of each
  // domain's lists (2 pages of forwards, 1 of mailboxes), once per cache
  // lifetime.
  EXPECT_LE(requests, 20 + 2 * (2 + 1) * 2);

  RunResult destroy = tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  nlohmann::json state = sandbox.State();
  for (const char* name : {"one.example", "two.example"}) {
    EXPECT_EQ(state["domains"][name]["forwards"].size(), 0u);
    EXPECT_EQ(state["domains"][name]["mailboxes"].size(), 0u);
  }
}

}  // namespace
}  // namespace gandimail::testing
