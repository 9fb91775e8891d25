// Terraform starts the provider, trusts it over AutoMTLS, reads its schema
// and configures it.

#include <gtest/gtest.h>

#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

constexpr char kProviderBlock[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {}
)";

class ProviderCoreTest : public ::testing::Test {
 protected:
  ProviderCoreTest() : tf_("http://127.0.0.1:1", "unused-token") {}
  TerraformDir tf_;
};

TEST_F(ProviderCoreTest, TerraformReadsTheSchemaOverMtls) {
  tf_.WriteConfig(kProviderBlock);
  RunResult result = tf_.Run({"providers", "schema", "-json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  auto schema = nlohmann::json::parse(result.out, nullptr, false);
  const auto& provider =
      schema["provider_schemas"]["registry.terraform.io/gandimail/gandimail"];
  const auto& attributes = provider["provider"]["block"]["attributes"];
  EXPECT_EQ(attributes["personal_access_token"]["sensitive"], true);
  EXPECT_EQ(attributes["key"]["deprecated"], true);
  EXPECT_EQ(attributes["url"]["type"], "string");
  EXPECT_EQ(attributes["url"]["description_kind"], "markdown");
}

TEST_F(ProviderCoreTest, ValidateSucceedsWithAProviderBlock) {
  tf_.WriteConfig(kProviderBlock);
  RunResult result = tf_.Run({"validate", "-no-color"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("The configuration is valid"), std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace gandimail::testing
