// The released forms of the provider: the Registry archive and a
// filesystem mirror that `terraform init` uses offline.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

namespace fs = std::filesystem;

std::string Script(const std::string& name) {
  return std::string(GANDIMAIL_SOURCE_DIR) + "/scripts/" + name;
}

TEST(ReleaseTest, ArchiveHoldsVersionedBinaryWithChecksums) {
  TempDir out;
  RunResult packed = testing::Run(
      {Script("release.sh"), BinDir(), out.path(), "0.1.0"}, "", {});
  ASSERT_EQ(packed.exit_code, 0) << packed.err;
  std::string prefix = out.path() + "/terraform-provider-gandimail_0.1.0";
  RunResult listing =
      testing::Run({"unzip", "-l", prefix + "_linux_amd64.zip"}, "", {});
  EXPECT_NE(listing.out.find("terraform-provider-gandimail_v0.1.0"),
            std::string::npos)
      << listing.out;
  EXPECT_NE(ReadFile(prefix + "_manifest.json").find("\"6.0\""),
            std::string::npos);
  RunResult sums =
      testing::Run({"sha256sum", "-c", prefix + "_SHA256SUMS"}, out.path(), {});
  EXPECT_EQ(sums.exit_code, 0) << sums.out << sums.err;
}

TEST(ReleaseTest, OfflineInitFromFilesystemMirrorApplies) {
  Sandbox sandbox;
  ASSERT_FALSE(sandbox.url().empty()) << sandbox.startup_error();
  ASSERT_EQ(sandbox.AddDomain({{"name", "example.com"}}).status, 201);
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  std::string mirror = tf.path() + "/mirror";
  ASSERT_EQ(
      testing::Run({Script("install-mirror.sh"), BinDir(), mirror, "0.1.0"}, "",
                   {})
          .exit_code,
      0);
  // Only the mirror: no dev_overrides and no network installation.
  WriteFile(tf.path() + "/terraformrc",
            "provider_installation {\n  filesystem_mirror {\n    path = \"" +
                mirror + "\"\n  }\n}\n");
  tf.WriteConfig(R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail", version = "= 0.1.0" }
  }
}
data "gandimail_email_offer" "this" {
  domain = "example.com"
}
output "status" {
  value = data.gandimail_email_offer.this.status
}
)");
  RunResult init = tf.Run({"init", "-no-color", "-input=false"});
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  EXPECT_NE(init.out.find("Installing gandimail/gandimail v0.1.0"),
            std::string::npos)
      << init.out;
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
}

}  // namespace
}  // namespace gandimail::testing
