// Every example under examples/ runs against the sandbox, so none can rot:
// resource examples are applied and destroyed, data source examples
// planned.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kVersions[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
)";

std::vector<std::string> ExampleDirs(const std::string& kind) {
  std::vector<std::string> dirs;
  fs::path root = fs::path(GANDIMAIL_SOURCE_DIR) / "examples" / kind;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) dirs.push_back(entry.path().string());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

class ExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(sandbox_.url().empty()) << sandbox_.startup_error();
    nlohmann::json domain = {
        {"name", "example.com"},
        {"free_slots", {{"standard_2023", 2}, {"premium_2023", 1}}},
        {"credit", 1000.0},
        {"packmail", true}};
    ASSERT_EQ(sandbox_.AddDomain(domain).status, 201);
  }

  // Copies the example's .tf files into a fresh working directory.
  std::unique_ptr<TerraformDir> Prepare(const std::string& example) {
    auto tf = std::make_unique<TerraformDir>(sandbox_.url(), Sandbox::kToken);
    for (const auto& entry : fs::directory_iterator(example)) {
      if (entry.path().extension() != ".tf") continue;
      if (entry.path().filename() == "import-by-string-id.tf") continue;
      fs::copy_file(entry.path(),
                    fs::path(tf->path()) / entry.path().filename());
    }
    WriteFile(tf->path() + "/versions.tf", kVersions);
    tf->SetEnv("TF_VAR_alice_password", "Example-Pass-123");
    return tf;
  }

  Sandbox sandbox_;
};

TEST_F(ExamplesTest, EveryResourceExampleAppliesAndDestroys) {
  for (const std::string& example : ExampleDirs("resources")) {
    SCOPED_TRACE(example);
    auto tf = Prepare(example);
    RunResult apply = tf->Run({"apply", "-auto-approve", "-no-color"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    EXPECT_EQ(tf->PlanDetailed().exit_code, 0);
    RunResult destroy = tf->Run({"destroy", "-auto-approve", "-no-color"});
    EXPECT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  }
}

TEST_F(ExamplesTest, EveryDataSourceExamplePlans) {
  for (const std::string& example : ExampleDirs("data-sources")) {
    SCOPED_TRACE(example);
    auto tf = Prepare(example);
    if (example.find("gandimail_mailbox") != std::string::npos) {
      sandbox_.Api("POST", "/v5/email/mailboxes/example.com",
                   R"({"login":"alice","mailbox_type":"standard_2023",)"
                   R"("password":"Example-Pass-123"})");
    }
    RunResult plan = tf->Run({"plan", "-no-color"});
    EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  }
}

// The quickstart runs on a domain with no free slot, as a real domain may
// be: it must buy a slot for each mailbox it creates.
TEST_F(ExamplesTest, QuickstartAppliesPlansEmptyAndDestroysCleanly) {
  ASSERT_EQ(
      sandbox_.AddDomain({{"name", "example.net"}, {"credit", 100.0}}).status,
      201);
  auto tf = Prepare(std::string(GANDIMAIL_SOURCE_DIR) + "/examples/quickstart");
  fs::remove(tf->path() + "/versions.tf");
  // Its variables have no defaults; the quickstart script sets them too.
  tf->SetEnv("TF_VAR_domain", "example.net");
  tf->SetEnv("TF_VAR_postmaster_destinations", R"(["admin@example.org"])");
  RunResult apply = tf->Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_EQ(tf->PlanDetailed().exit_code, 0);

  nlohmann::json domain = sandbox_.State()["domains"]["example.net"];
  EXPECT_EQ(domain["mailboxes"].size(), 2u) << domain.dump();
  EXPECT_EQ(domain["slots"].size(), 2u) << domain.dump();
  EXPECT_EQ(domain["forwards"].size(), 3u) << domain.dump();
  for (const nlohmann::json& forward : domain["forwards"]) {
    if (forward["source"] != "postmaster") continue;
    EXPECT_EQ(forward["destinations"],
              nlohmann::json::array({"admin@example.org"}));
  }
  for (const nlohmann::json& mailbox : domain["mailboxes"]) {
    // bob's password comes from the ephemeral gandimail_password.
    EXPECT_FALSE(mailbox["password_sha256"].get<std::string>().empty())
        << mailbox.dump();
  }

  RunResult destroy = tf->Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  domain = sandbox_.State()["domains"]["example.net"];
  EXPECT_EQ(domain["mailboxes"].size(), 0u) << domain.dump();
  EXPECT_EQ(domain["slots"].size(), 0u) << domain.dump();
  EXPECT_EQ(domain["forwards"].size(), 0u) << domain.dump();
}

TEST_F(ExamplesTest, ProviderExampleValidates) {
  auto tf = Prepare(std::string(GANDIMAIL_SOURCE_DIR) + "/examples/provider");
  fs::remove(tf->path() + "/versions.tf");
  RunResult validate = tf->Run({"validate", "-no-color"});
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
}

}  // namespace
}  // namespace gandimail::testing
