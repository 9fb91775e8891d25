// ConfigureProvider through real Terraform: credentials, URL rules and
// environment fallbacks, observed through a data source read.

#include <gtest/gtest.h>

#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

std::string ConfigWith(const std::string& provider_body) {
  return R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {
)" + provider_body +
         R"(
}

data "gandimail_email_offer" "this" {
  domain = "example.com"
}

output "dkim" {
  value = data.gandimail_email_offer.this.dkim
}
)";
}

class ProviderConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(sandbox_.url().empty()) << sandbox_.startup_error();
    ASSERT_EQ(sandbox_.AddDomain({{"name", "example.com"}}).status, 201);
  }

  Sandbox sandbox_;
  TerraformDir tf_{sandbox_.url(), Sandbox::kToken};
};

TEST_F(ProviderConfigTest, TokenFromEnvironmentReadsTheOffer) {
  tf_.WriteConfig(ConfigWith(""));
  RunResult result = tf_.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  RunResult output = tf_.Run({"output", "-raw", "dkim"});
  EXPECT_TRUE(output.out == "active" || output.out == "inactive") << output.out;
}

TEST_F(ProviderConfigTest, ConfigTokenBeatsEnvironment) {
  tf_.SetEnv("GANDI_PERSONAL_ACCESS_TOKEN", "wrong-token");
  tf_.WriteConfig(ConfigWith(std::string("personal_access_token = \"") +
                             Sandbox::kToken + "\""));
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST_F(ProviderConfigTest, WrongTokenFailsWithTheApiMessage) {
  tf_.SetEnv("GANDI_PERSONAL_ACCESS_TOKEN", "wrong-token");
  tf_.WriteConfig(ConfigWith(""));
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Unable to Read Email Offer"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("wrong-token"), std::string::npos) << result.err;
}

TEST_F(ProviderConfigTest, MissingCredentialNamesTheAttribute) {
  tf_.SetEnv("GANDI_PERSONAL_ACCESS_TOKEN", "\x01");
  tf_.WriteConfig(ConfigWith(""));
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Missing Gandi Credentials"), std::string::npos)
      << result.err;
  EXPECT_EQ(sandbox_.Requests()["total"], 0);
}

TEST_F(ProviderConfigTest, TwoCredentialsInConfigConflict) {
  tf_.WriteConfig(ConfigWith("personal_access_token = \"a\"\n key = \"b\""));
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Conflicting Gandi Credentials"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("provider \"gandimail\""), std::string::npos);
}

TEST_F(ProviderConfigTest, PlainHttpToRemoteHostIsRefused) {
  tf_.WriteConfig(ConfigWith("url = \"http://api.example.net\""));
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Insecure Gandi API URL"), std::string::npos)
      << result.err;
}

TEST_F(ProviderConfigTest, BadTimeoutIsReportedAtValidate) {
  tf_.WriteConfig(ConfigWith("request_timeout = \"soon\""));
  RunResult result = tf_.Run({"validate", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Invalid Request Timeout"), std::string::npos)
      << result.err;
  EXPECT_EQ(sandbox_.Requests()["total"], 0);
}

TEST_F(ProviderConfigTest, UnknownProviderValueIsReported) {
  tf_.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
resource "terraform_data" "later" {
  input = "x"
}
provider "gandimail" {
  sharing_id = terraform_data.later.output
}
data "gandimail_email_offer" "this" {
  domain = "example.com"
}
)");
  RunResult result = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("Unknown Provider Configuration"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace gandimail::testing
