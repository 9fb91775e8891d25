// A destroy plan that deletes a mailbox says whose mail is lost.

#include <gtest/gtest.h>

#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

TEST(MailboxDestroyTest, DestroyPlanWarnsWhichMailboxLosesItsMail) {
  Sandbox sandbox;
  ASSERT_FALSE(sandbox.url().empty()) << sandbox.startup_error();
  ASSERT_EQ(sandbox
                .AddDomain({{"name", "example.com"},
                            {"free_slots", {{"standard_2023", 1}}}})
                .status,
            201);
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  tf.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
resource "gandimail_mailbox" "carol" {
  domain       = "example.com"
  login        = "carol"
  mailbox_type = "standard_2023"
  password     = "Destroy-Test-123"
}
)");
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;

  RunResult plan = tf.Run({"plan", "-destroy", "-no-color"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  std::string shown = plan.out + plan.err;
  EXPECT_NE(shown.find("Mailbox Will Be Deleted With Its Mail"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("carol@example.com"), std::string::npos) << shown;
}

}  // namespace
}  // namespace gandimail::testing
