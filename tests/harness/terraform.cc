#include "tests/harness/terraform.h"

#include "tests/harness/sandbox.h"

namespace gandimail::testing {

TerraformDir::TerraformDir(std::string api_url, std::string token) {
  std::string cli_config = path() + "/terraformrc";
  WriteFile(cli_config,
            "provider_installation {\n"
            "  dev_overrides {\n"
            "    \"registry.terraform.io/gandimail/gandimail\" = \"" +
                BinDir() +
                "\"\n"
                "  }\n"
                "  direct {}\n"
                "}\n");
  env_ = {
      {"TF_CLI_CONFIG_FILE", cli_config},
      {"TF_DATA_DIR", path() + "/.terraform"},
      {"TF_IN_AUTOMATION", "1"},
      {"CHECKPOINT_DISABLE", "1"},
      {"TF_INPUT", "0"},
      {"GANDI_URL", std::move(api_url)},
      {"GANDI_PERSONAL_ACCESS_TOKEN", std::move(token)},
      {"TF_LOG", "\x01"},
      {"TF_LOG_PATH", "\x01"},
      {"GANDI_KEY", "\x01"},
      {"GANDI_SHARING_ID", "\x01"},
  };
}

void TerraformDir::WriteConfig(const std::string& hcl) {
  WriteFile(path() + "/main.tf", hcl);
}

void TerraformDir::SetEnv(const std::string& name, const std::string& value) {
  env_[name] = value;
}

RunResult TerraformDir::Run(std::vector<std::string> args) {
  args.insert(args.begin(), "terraform");
  return testing::Run(args, path(), env_);
}

nlohmann::json TerraformDir::ShowState() {
  RunResult shown = Run({"show", "-json"});
  return nlohmann::json::parse(shown.out, nullptr, false);
}

RunResult TerraformDir::PlanDetailed(std::vector<std::string> extra) {
  std::vector<std::string> args = {"plan", "-detailed-exitcode", "-no-color"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Run(args);
}

}  // namespace gandimail::testing
