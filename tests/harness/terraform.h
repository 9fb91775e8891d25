#ifndef GANDIMAIL_TESTS_HARNESS_TERRAFORM_H_
#define GANDIMAIL_TESTS_HARNESS_TERRAFORM_H_

// A Terraform working directory of the test's own, driving the real
// terraform binary with a generated CLI config whose dev_overrides point
// at this build's provider. The user's own CLI config is never read.

#include <map>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tests/harness/process.h"

namespace gandimail::testing {

class TerraformDir {
 public:
  // `api_url` and `token` go to GANDI_URL and GANDI_PERSONAL_ACCESS_TOKEN.
  TerraformDir(std::string api_url, std::string token);

  const std::string& path() const { return dir_.path(); }
  // Writes main.tf (replacing it).
  void WriteConfig(const std::string& hcl);
  void SetEnv(const std::string& name, const std::string& value);

  RunResult Run(std::vector<std::string> args);
  // `terraform show -json` of the state, parsed.
  nlohmann::json ShowState();
  // Exit code of `terraform plan -detailed-exitcode` (0 empty, 2 changes).
  RunResult PlanDetailed(std::vector<std::string> extra = {});

 private:
  TempDir dir_;
  std::map<std::string, std::string> env_;
};

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_TERRAFORM_H_
