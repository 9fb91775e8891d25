#ifndef GANDIMAIL_SRC_PROVIDER_H_
#define GANDIMAIL_SRC_PROVIDER_H_

// The gandimail provider: its configuration (names kept from the community
// Gandi provider so a provider block moves over unchanged) and the one API
// client every resource shares once Terraform has configured it.

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "internal/http/client.h"
#include "internal/log/redact.h"
#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail {

inline constexpr char kProviderVersion[] = "0.1.0";
inline constexpr char kProviderAddress[] =
    "registry.terraform.io/gandimail/gandimail";
inline constexpr char kDefaultApiUrl[] = "https://api.gandi.net";

// The provider configuration after environment fallbacks and checks.
struct ProviderSettings {
  enum class Scheme { kBearer, kApikey };

  Scheme scheme = Scheme::kBearer;
  log::Secret credential;
  std::string url = kDefaultApiUrl;  // without /v5/email
  std::string sharing_id;
  http::Options http;
};

// Resolves the settings from `config` (a value of the provider schema) and
// the environment (read through `getenv`), reporting every problem with
// its attribute path.
ProviderSettings ResolveSettings(const cty::Value& config,
                                 const std::string& terraform_version,
                                 tfplugin::Diagnostics* diagnostics,
                                 const char* (*getenv)(const char*));

// The User-Agent Terraform's conventions ask for, with TF_APPEND_USER_AGENT.
std::string UserAgent(const std::string& terraform_version, const char* append);

class GandiMailProvider : public tfplugin::Provider, public ApiSource {
 public:
  GandiMailProvider();

  const tfplugin::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const cty::Value& config,
                      tfplugin::Diagnostics* diagnostics) override;
  void Configure(const tfplugin::ConfigureRequest& request,
                 tfplugin::Diagnostics* diagnostics) override;
  void Stop() override;

  std::vector<std::shared_ptr<tfplugin::Resource>> Resources() override;
  std::vector<std::shared_ptr<tfplugin::DataSource>> DataSources() override;
  std::vector<std::shared_ptr<tfplugin::Function>> Functions() override;
  std::vector<std::shared_ptr<tfplugin::EphemeralResource>> EphemeralResources()
      override;
  std::vector<std::shared_ptr<tfplugin::ListResource>> ListResources() override;
  std::vector<std::shared_ptr<tfplugin::Action>> Actions() override;

  std::shared_ptr<const ApiHandle> Api(
      tfplugin::Diagnostics* diagnostics) const override;

 private:
  std::shared_ptr<const ApiHandle> CurrentApi() const;

  tfplugin::Schema schema_;
  mutable std::mutex mu_;
  std::shared_ptr<const ApiHandle> api_;  // Guarded by mu_.
};

}  // namespace gandimail

#endif  // GANDIMAIL_SRC_PROVIDER_H_
