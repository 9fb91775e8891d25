// Provider-defined functions through real terraform: sha512_crypt and
// password_problems in outputs, a bad salt refused with the argument
// named, and password_problems guarding a variable. Functions need no
// API, so no sandbox runs and the provider is never configured.

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

constexpr char kTerraformBlock[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
)";

// The default-rounds vector of Drepper's SHA-crypt specification.
constexpr char kSpecHash[] =
    "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u"
    "4OTLiBFdcbYEdFCoEOfaS35inz1";

constexpr char kPasswordVariable[] = R"(
variable "password" {
  type = string
  validation {
    condition = length(
      provider::gandimail::password_problems(var.password)) == 0
    error_message = "The password ${join(", ",
    provider::gandimail::password_problems(var.password))}."
  }
}

output "accepted" {
  value = "yes"
}
)";

class FunctionsTest : public ::testing::Test {
 protected:
  // The provider is never configured: an unreachable URL proves it.
  FunctionsTest() : tf_("http://127.0.0.1:1", "unused-token") {}

  nlohmann::json Outputs() {
    RunResult shown = tf_.Run({"output", "-json"});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    return nlohmann::json::parse(shown.out, nullptr, false);
  }

  TerraformDir tf_;
};

TEST_F(FunctionsTest, OutputsUseBothFunctions) {
  tf_.WriteConfig(absl::StrCat(kTerraformBlock, R"(
output "hash" {
  value = provider::gandimail::sha512_crypt("Hello world!", "saltstring")
}
output "weak" {
  value = provider::gandimail::password_problems("abc")
}
output "strong" {
  value = provider::gandimail::password_problems("a*6@Xk86cPR2kcZ@qPAi")
}
)"));
  RunResult applied = tf_.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;

  nlohmann::json outputs = Outputs();
  EXPECT_EQ(outputs["hash"]["value"], kSpecHash);
  EXPECT_EQ(outputs["strong"]["value"], nlohmann::json::array());
  ASSERT_EQ(outputs["weak"]["value"].size(), 4u) << outputs.dump();
  EXPECT_EQ(outputs["weak"]["value"][2],
            "must contain at least 3 digits (0-9)");
  EXPECT_EQ(outputs["weak"]["type"],
            nlohmann::json::parse(R"(["list","string"])"));
}

TEST_F(FunctionsTest, BadSaltIsRefusedNamingTheSaltArgument) {
  tf_.WriteConfig(absl::StrCat(kTerraformBlock, R"(
output "hash" {
  value = provider::gandimail::sha512_crypt("Hello world!", "not a salt")
}
)"));
  RunResult planned = tf_.Run({"plan", "-no-color"});
  EXPECT_NE(planned.exit_code, 0);
  EXPECT_NE(planned.err.find("Invalid value for \"salt\" parameter"),
            std::string::npos)
      << planned.err;
  EXPECT_NE(planned.err.find("may contain only the characters"),
            std::string::npos)
      << planned.err;
}

TEST_F(FunctionsTest, VariableValidationRefusesAWeakPassword) {
  tf_.WriteConfig(absl::StrCat(kTerraformBlock, kPasswordVariable));
  RunResult planned =
      tf_.Run({"plan", "-no-color", "-var", "password=Abcdefgh!"});
  EXPECT_NE(planned.exit_code, 0);
  EXPECT_NE(planned.err.find("The password must contain at least 3 digits"),
            std::string::npos)
      << planned.out << planned.err;
}

TEST_F(FunctionsTest, VariableValidationAcceptsAPolicyPassword) {
  tf_.WriteConfig(absl::StrCat(kTerraformBlock, kPasswordVariable));
  RunResult planned =
      tf_.Run({"plan", "-no-color", "-var", "password=a*6@Xk86cPR2kcZ@qPAi"});
  EXPECT_EQ(planned.exit_code, 0) << planned.out << planned.err;
}

}  // namespace
}  // namespace gandimail::testing
