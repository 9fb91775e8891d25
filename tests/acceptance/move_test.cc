// `moved` blocks from the community Gandi provider (go-gandi/gandi) through
// real terraform against a private sandbox: a state written by that
// provider for gandi_mailbox and gandi_email_forwarding becomes gandimail
// state with nothing deleted or re-created, and the next plan is empty.
//
// Terraform insists that every provider named in the state is installed,
// and the community binary cannot be downloaded here, so a stand-in (a
// link to this build's provider under the community binary's name)
// answers for it; Terraform only reads its schema.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tests/harness/process.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "Sup3r-S3cret-1!";

std::string Output(const RunResult& r) { return r.out + r.err; }

// A v4 state file holding `resources`, as Terraform 1.5 wrote it for the
// community provider.
std::string CommunityState(const json& resources) {
  return json({{"version", 4},
               {"terraform_version", "1.5.7"},
               {"serial", 3},
               {"lineage", "5a4c7c3e-3f0e-4c5b-9d2e-3f7a1b2c3d4e"},
               {"outputs", json::object()},
               {"resources", resources},
               {"check_results", nullptr}})
      .dump(2);
}

json CommunityResource(const std::string& type, const json& attributes) {
  return {{"mode", "managed"},
          {"type", type},
          {"name", "alice"},
          {"provider", "provider[\"registry.terraform.io/go-gandi/gandi\"]"},
          {"instances",
           {{{"schema_version", 0},
             {"attributes", attributes},
             {"sensitive_attributes", json::array()}}}}};
}

constexpr char kConfig[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {}

moved {
  from = gandi_mailbox.alice
  to   = gandimail_mailbox.alice
}

moved {
  from = gandi_email_forwarding.alice
  to   = gandimail_forward.alice
}

resource "gandimail_mailbox" "alice" {
  domain       = "example.com"
  login        = "alice"
  mailbox_type = "standard"
  password     = "Sup3r-S3cret-1!"
  aliases      = ["bob"]
}

resource "gandimail_forward" "alice" {
  domain       = "example.com"
  source       = "sales"
  destinations = ["alice.doe@example.org"]
}
)";

class MoveTest : public ::testing::Test {
 protected:
  MoveTest() : tf_(sandbox_.url(), Sandbox::kToken) {
    sandbox_.AddDomain(
        {{"name", "example.com"}, {"free_slots", {{"standard", 1}}}});
    InstallCommunityStandIn();
  }

  void InstallCommunityStandIn() {
    std::string dir = tf_.path() + "/community";
    std::filesystem::create_directories(dir);
    std::filesystem::create_symlink(BinDir() + "/terraform-provider-gandimail",
                                    dir + "/terraform-provider-gandi");
    std::string rc = tf_.path() + "/terraformrc-move";
    WriteFile(rc, absl::StrCat(
                      "provider_installation {\n  dev_overrides {\n"
                      "    \"registry.terraform.io/gandimail/gandimail\" = \"",
                      BinDir(),
                      "\"\n"
                      "    \"registry.terraform.io/go-gandi/gandi\" = \"",
                      dir, "\"\n  }\n  direct {}\n}\n"));
    tf_.SetEnv("TF_CLI_CONFIG_FILE", rc);
  }

  // What the community provider made: a mailbox and a forward in the
  // sandbox, and its state for them.
  void WriteCommunityWorld() {
    json mailbox = {{"login", "alice"},
                    {"mailbox_type", "standard"},
                    {"password", kPassword},
                    {"aliases", {"bob"}}};
    ASSERT_EQ(
        sandbox_.Api("POST", "/v5/email/mailboxes/example.com", mailbox.dump())
            .status,
        202);
    json forward = {{"source", "sales"},
                    {"destinations", {"alice.doe@example.org"}}};
    int status =
        sandbox_.Api("POST", "/v5/email/forwards/example.com", forward.dump())
            .status;
    ASSERT_TRUE(status == 201 || status == 202) << status;
    mailbox_id_ =
        sandbox_.State()["domains"]["example.com"]["mailboxes"][0]["id"];

    json resources = json::array(
        {CommunityResource("gandi_mailbox", {{"aliases", {"bob"}},
                                             {"domain", "example.com"},
                                             {"id", mailbox_id_},
                                             {"login", "alice"},
                                             {"mailbox_type", "standard"},
                                             {"password", kPassword}}),
         CommunityResource("gandi_email_forwarding",
                           {{"destinations", {"alice.doe@example.org"}},
                            {"id", "sales@example.com"},
                            {"source", "sales@example.com"}})});
    WriteFile(tf_.path() + "/terraform.tfstate", CommunityState(resources));
  }

  Sandbox sandbox_;
  TerraformDir tf_;
  std::string mailbox_id_;
};

TEST_F(MoveTest, CommunityMailboxAndForwardMoveWithoutReplacement) {
  ASSERT_EQ(sandbox_.startup_error(), "");
  ASSERT_NO_FATAL_FAILURE(WriteCommunityWorld());
  tf_.WriteConfig(kConfig);

  RunResult planned = tf_.Run({"plan", "-no-color"});
  ASSERT_EQ(planned.exit_code, 0) << Output(planned);
  EXPECT_NE(planned.out.find("gandi_mailbox.alice has moved to "
                             "gandimail_mailbox.alice"),
            std::string::npos)
      << planned.out;
  EXPECT_NE(planned.out.find("0 to add, 0 to change, 0 to destroy"),
            std::string::npos)
      << planned.out;

  sandbox_.ResetRequests();
  RunResult applied = tf_.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  json requests = sandbox_.Requests();
  for (const auto& [route, count] : requests["routes"].items()) {
    EXPECT_EQ(route.rfind("GET ", 0), 0u) << route << " was called";
  }

  json shown = tf_.ShowState();
  std::map<std::string, json> values;
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    values[r["address"]] = r["values"];
  }
  ASSERT_EQ(values.size(), 2u) << shown.dump();
  EXPECT_EQ(values["gandimail_mailbox.alice"]["id"], mailbox_id_);
  EXPECT_EQ(values["gandimail_mailbox.alice"]["address"], "alice@example.com");
  EXPECT_EQ(values["gandimail_forward.alice"]["id"], "sales@example.com");
  EXPECT_EQ(values["gandimail_forward.alice"]["source"], "sales");

  EXPECT_EQ(tf_.PlanDetailed().exit_code, 0);
  EXPECT_EQ(sandbox_.State()["domains"]["example.com"]["mailboxes"].size(), 1u);
}

TEST_F(MoveTest, UnsupportedSourceIsRefusedNamingTheSupportedMoves) {
  ASSERT_EQ(sandbox_.startup_error(), "");
  WriteFile(tf_.path() + "/terraform.tfstate",
            CommunityState(json::array({CommunityResource(
                "gandi_livedns_record",
                {{"id", "example.com/www/A"}, {"zone", "example.com"}})})));
  tf_.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

moved {
  from = gandi_livedns_record.alice
  to   = gandimail_forward.alice
}

resource "gandimail_forward" "alice" {
  domain       = "example.com"
  source       = "sales"
  destinations = ["alice.doe@example.org"]
}
)");
  RunResult planned = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(planned.exit_code, 0);
  EXPECT_NE(planned.err.find("Unsupported Resource Move"), std::string::npos)
      << Output(planned);
  EXPECT_NE(planned.err.find("gandi_email_forwarding of"), std::string::npos)
      << Output(planned);
}

}  // namespace
}  // namespace gandimail::testing
