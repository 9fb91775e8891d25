// Secrets stay secret: with Terraform's most verbose logging on, a full
// apply, update and destroy of a mailbox (a password in the state, another
// sent write-only, a third through a password change), a slot and a
// forward leave the token and every password out of every log line and
// every command output. And the sandbox, which holds the test token,
// refuses to listen anywhere but loopback.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/harness/process.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

constexpr char kPassword[] = "Sup3r-S3cret-1!";
constexpr char kChangedPassword[] = "Chang3d-S3cret-2?";
constexpr char kWriteOnlyPassword[] = "Wr1te-0nly-S3cret-3#";

std::string Config(const std::string& alice_password) {
  return absl::StrCat(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {
  requests_per_minute = 0
}

resource "gandimail_slot" "extra" {
  domain       = "example.com"
  mailbox_type = "standard_2023"
  duration     = 1
}

resource "gandimail_mailbox" "alice" {
  domain       = "example.com"
  login        = "alice"
  mailbox_type = "standard_2023"
  password     = ")",
                      alice_password, R"("
  depends_on   = [gandimail_slot.extra]
}

resource "gandimail_mailbox" "bob" {
  domain              = "example.com"
  login               = "bob"
  mailbox_type        = "standard_2023"
  password_wo         = ")",
                      kWriteOnlyPassword, R"("
  password_wo_version = 1
  depends_on          = [gandimail_slot.extra]
}

resource "gandimail_forward" "info" {
  domain       = "example.com"
  source       = "info"
  destinations = ["alice@example.com"]
}
)");
}

// Every place a secret could be found, with the name of the place.
struct Finding {
  std::string where;
  std::string secret;
};

std::vector<Finding> FindSecrets(
    const std::vector<std::pair<std::string, std::string>>& texts) {
  std::vector<Finding> found;
  for (const auto& [where, text] : texts) {
    for (const char* secret :
         {Sandbox::kToken, kPassword, kChangedPassword, kWriteOnlyPassword}) {
      if (text.find(secret) != std::string::npos) {
        found.push_back({where, secret});
      }
    }
  }
  return found;
}

TEST(SecurityTest, TraceLogsAndOutputsOfAFullCycleHoldNoSecret) {
  Sandbox sandbox;
  ASSERT_EQ(sandbox.startup_error(), "");
  sandbox.AddDomain({{"name", "example.com"},
                     {"credit", 10.0},
                     {"free_slots", {{"standard_2023", 1}}}});
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  std::string log_path = tf.path() + "/terraform.log";
  tf.SetEnv("TF_LOG", "trace");
  tf.SetEnv("TF_LOG_PATH", log_path);

  std::vector<std::pair<std::string, std::string>> texts;
  auto run = [&](const std::string& name, std::vector<std::string> args) {
    RunResult r = tf.Run(std::move(args));
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.out << r.err;
    texts.push_back({name + " stdout", r.out});
    texts.push_back({name + " stderr", r.err});
  };
  tf.WriteConfig(Config(kPassword));
  run("apply", {"apply", "-auto-approve", "-no-color"});
  run("plan", {"plan", "-no-color"});
  tf.WriteConfig(Config(kChangedPassword));
  run("update", {"apply", "-auto-approve", "-no-color"});
  run("destroy", {"destroy", "-auto-approve", "-no-color"});
  std::string log = ReadFile(log_path);
  texts.push_back({"TF_LOG_PATH file", log});

  // The log really holds the provider's trace of API calls, bodies
  // included, so finding nothing in it means something.
  EXPECT_NE(log.find("/v5/email/mailboxes/example.com"), std::string::npos);
  EXPECT_NE(log.find("request_body="), std::string::npos);
  EXPECT_NE(log.find("Bearer (redacted)"), std::string::npos);
  EXPECT_TRUE(sandbox.State()["domains"]["example.com"]["mailboxes"].empty());

  for (const Finding& f : FindSecrets(texts)) {
    ADD_FAILURE() << "\"" << f.secret << "\" appears in " << f.where;
  }
}

TEST(SecurityTest, SandboxRefusesToListenBeyondLoopback) {
  for (const char* address :
       {"0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:0"}) {
    SCOPED_TRACE(address);
    RunResult r = testing::Run(
        {BinDir() + "/gandimail-sandbox", "--listen", address, "--token", "t"},
        "", {});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out.find("listening"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("loopback"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace gandimail::testing
