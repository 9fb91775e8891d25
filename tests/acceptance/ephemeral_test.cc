// ephemeral "gandimail_password" through real terraform against a private
// sandbox: a generated password goes into a mailbox's write-only
// password_wo, meets the policy (checked by a postcondition with
// password_problems, and by the sandbox, which refuses any other), and
// reaches neither the plan nor the state.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using nlohmann::json;

constexpr char kConfig[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {}

ephemeral "gandimail_password" "alice" {
  length     = 24
  min_digits = 4
  lifecycle {
    postcondition {
      condition = (length(self.result) == 24 &&
        length(provider::gandimail::password_problems(self.result)) == 0 &&
        length(regexall("[0-9]", self.result)) >= 4)
      error_message = "The generated password breaks its own settings."
    }
  }
}

resource "gandimail_mailbox" "alice" {
  domain              = "example.com"
  login               = "alice"
  mailbox_type        = "standard_2023"
  password_wo         = ephemeral.gandimail_password.alice.result
  password_wo_version = 1
  timeouts            = { create = "30s", update = "30s", delete = "30s" }
}
)";

std::string Output(const RunResult& r) { return r.out + r.err; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// True when `text` looks like what the ephemeral resource above makes: 24
// characters with an upper-case letter, 4 digits and a special character.
bool LooksGenerated(const std::string& text) {
  if (text.size() != 24) return false;
  int upper = 0, digits = 0, special = 0;
  for (unsigned char c : text) {
    upper += std::isupper(c) != 0;
    digits += std::isdigit(c) != 0;
    special += std::isalnum(c) == 0;
  }
  return upper >= 1 && digits >= 4 && special >= 1;
}

// Every string anywhere in `value` that LooksGenerated.
void FindGenerated(const json& value, std::vector<std::string>* found) {
  if (value.is_string() && LooksGenerated(value.get<std::string>())) {
    found->push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const json& child : value) FindGenerated(child, found);
  }
}

struct World {
  World() : tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain(
        {{"name", "example.com"}, {"free_slots", {{"standard_2023", 1}}}});
  }
  Sandbox sandbox;
  TerraformDir tf;
};

TEST(EphemeralPasswordTest, GeneratedPasswordCreatesAMailboxAndIsNeverStored) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(kConfig);
  w.tf.SetEnv("TF_LOG_PROVIDER", "debug");

  RunResult planned = w.tf.Run({"plan", "-out=tfplan", "-no-color"});
  ASSERT_EQ(planned.exit_code, 0) << Output(planned);
  EXPECT_NE(planned.err.find("generated an ephemeral password"),
            std::string::npos);
  RunResult applied =
      w.tf.Run({"apply", "-auto-approve", "-no-color", "tfplan"});
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  // The sandbox refuses passwords that break the policy, so a mailbox with
  // a password digest proves a policy-conforming password was sent.
  json mailboxes = w.sandbox.State()["domains"]["example.com"]["mailboxes"];
  ASSERT_EQ(mailboxes.size(), 1u);
  EXPECT_NE(mailboxes[0]["password_sha256"], "");

  std::vector<std::string> found;
  FindGenerated(w.tf.ShowState(), &found);
  FindGenerated(
      json::parse(w.tf.Run({"show", "-json", "tfplan"}).out, nullptr, false),
      &found);
  FindGenerated(
      json::parse(ReadFile(w.tf.path() + "/terraform.tfstate"), nullptr, false),
      &found);
  EXPECT_TRUE(found.empty()) << found[0];

  // Each run draws a new password, but with password_wo_version unchanged
  // nothing is planned.
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
  ASSERT_EQ(w.tf.Run({"destroy", "-auto-approve", "-no-color"}).exit_code, 0);
}

TEST(EphemeralPasswordTest, MinimumsBelowThePolicyAreRefusedAtValidate) {
  TerraformDir tf("http://127.0.0.1:1", "unused-token");
  tf.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

ephemeral "gandimail_password" "weak" {
  length     = 12
  min_digits = 2
}
)");
  RunResult validated = tf.Run({"validate", "-no-color"});
  EXPECT_NE(validated.exit_code, 0);
  EXPECT_NE(validated.err.find("whole number from 3 to 200; got 2"),
            std::string::npos)
      << Output(validated);
  EXPECT_NE(validated.err.find("min_digits"), std::string::npos)
      << Output(validated);
}

TEST(EphemeralPasswordTest, MinimumsLongerThanTheLengthAreRefused) {
  TerraformDir tf("http://127.0.0.1:1", "unused-token");
  tf.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

ephemeral "gandimail_password" "crowded" {
  length      = 12
  min_digits  = 10
  min_special = 3
}
)");
  RunResult validated = tf.Run({"validate", "-no-color"});
  EXPECT_NE(validated.exit_code, 0);
  EXPECT_NE(validated.err.find("add up to 14"), std::string::npos)
      << Output(validated);
}

}  // namespace
}  // namespace gandimail::testing
