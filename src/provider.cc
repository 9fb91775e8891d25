#include "src/provider.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "internal/log/log.h"
#include "src/actions/actions.h"
#include "src/data_sources/email_offer.h"
#include "src/data_sources/forwards.h"
#include "src/data_sources/mailbox.h"
#include "src/data_sources/mailboxes.h"
#include "src/data_sources/migration.h"
#include "src/data_sources/slots.h"
#include "src/ephemeral/password.h"
#include "src/functions/password_policy.h"
#include "src/functions/sha512_crypt.h"
#include "src/list/list.h"
#include "src/resources/email_offer.h"
#include "src/resources/forward.h"
#include "src/resources/mailbox.h"
#include "src/resources/slot.h"

namespace gandimail {
namespace {

using tfplugin::Attr;
using tfplugin::Diagnostics;

tfplugin::Schema ProviderSchema() {
  tfplugin::Schema schema;
  schema.block.description =
      "Manages Gandi mail (mailboxes, forwards, slots and the domain's email "
      "options) through the Gandi Email API v5.";
  schema.block.attributes = {
      Attr("personal_access_token", cty::Type::String())
          .Optional()
          .Sensitive()
          .Describe("A Gandi personal access token, sent as `Bearer`. "
                    "Falls back to the `GANDI_PERSONAL_ACCESS_TOKEN` "
                    "environment variable. Set this or `key`, not both."),
      Attr("key", cty::Type::String())
          .Optional()
          .Sensitive()
          .Deprecated("Gandi deprecated API keys; use personal_access_token.")
          .Describe("Deprecated Gandi API key, sent as `Apikey`. Falls back "
                    "to `GANDI_KEY`. Use `personal_access_token` instead."),
      Attr("url", cty::Type::String())
          .Optional()
          .Describe("Base URL of the Gandi API, without `/v5/email`. "
                    "Defaults to `https://api.gandi.net`; falls back to "
                    "`GANDI_URL`. Plain `http://` is refused unless the host "
                    "is loopback, so a token never crosses a network in "
                    "clear."),
      Attr("sharing_id", cty::Type::String())
          .Optional()
          .Describe("Organization to act for and bill, sent as the "
                    "`sharing_id` query parameter where the API takes it. "
                    "Falls back to `GANDI_SHARING_ID`."),
      Attr("request_timeout", cty::Type::String())
          .Optional()
          .Describe("Time limit for one HTTP request, as a duration such as "
                    "`60s` or `2m`. Defaults to `60s`."),
      Attr("max_retries", cty::Type::Number())
          .Optional()
          .Describe("How many times a failed idempotent request (429, 5xx, "
                    "reset, timeout) is retried with backoff. Defaults to "
                    "4."),
      Attr("requests_per_minute", cty::Type::Number())
          .Optional()
          .Describe("Client-side pace for all API requests. Defaults to "
                    "1000, the limit Gandi's API reference states; 0 turns "
                    "pacing off."),
      Attr("ca_bundle_file", cty::Type::String())
          .Optional()
          .Describe("Path of a PEM file of CA certificates to verify the API "
                    "with, instead of the system's. TLS verification is "
                    "always on."),
  };
  return schema;
}

// One setting from config, else from the environment.
struct Layered {
  std::string value;
  bool from_config = false;
  bool set = false;
};

Layered Pick(const cty::Value& config, const char* name, const char* env,
             const char* (*getenv)(const char*)) {
  const cty::Value& v = config.GetAttr(name);
  if (!v.IsNull()) return {v.AsString(), true, true};
  const char* text = env == nullptr ? nullptr : getenv(env);
  if (text != nullptr && *text != '\0') return {text, false, true};
  return {};
}

void ReportUnknowns(const cty::Value& config, Diagnostics* diagnostics) {
  for (const auto& [name, value] : config.attributes()) {
    if (value.IsWhollyKnown()) continue;
    diagnostics->AddError(
        "Unknown Provider Configuration",
        absl::StrCat("The provider's \"", name,
                     "\" depends on a value that "
                     "is not known until apply. Set it from a variable or a "
                     "value known at plan time, or apply the resources it "
                     "depends on first with -target."),
        cty::Path().Attr(name));
  }
}

void ResolveCredential(const cty::Value& config,
                       const char* (*getenv)(const char*),
                       ProviderSettings* settings, Diagnostics* diagnostics) {
  const cty::Value& token = config.GetAttr("personal_access_token");
  const cty::Value& key = config.GetAttr("key");
  if (!token.IsNull() && !key.IsNull()) {
    diagnostics->AddError(
        "Conflicting Gandi Credentials",
        "Both personal_access_token and key are set in the provider block. "
        "Keep only personal_access_token; API keys are deprecated.",
        cty::Path().Attr("key"));
    return;
  }
  Layered pat = Pick(config, "personal_access_token",
                     "GANDI_PERSONAL_ACCESS_TOKEN", getenv);
  Layered api_key = Pick(config, "key", "GANDI_KEY", getenv);
  if (pat.set && api_key.set && !pat.from_config && !api_key.from_config) {
    diagnostics->AddError(
        "Conflicting Gandi Credentials",
        "Both GANDI_PERSONAL_ACCESS_TOKEN and GANDI_KEY are set in the "
        "environment. Unset GANDI_KEY, or set one credential in the provider "
        "block, which takes precedence.",
        cty::Path().Attr("personal_access_token"));
    return;
  }
  bool use_token = pat.set && (pat.from_config || !api_key.from_config);
  if (use_token) {
    settings->credential = log::Secret(pat.value);
    settings->scheme = ProviderSettings::Scheme::kBearer;
  } else if (api_key.set) {
    settings->credential = log::Secret(api_key.value);
    settings->scheme = ProviderSettings::Scheme::kApikey;
    diagnostics->AddWarning(
        "Deprecated Gandi API Key",
        "The provider authenticates with an API key, which Gandi deprecated. "
        "Create a personal access token and set personal_access_token.",
        cty::Path().Attr("key"));
  } else {
    diagnostics->AddError(
        "Missing Gandi Credentials",
        "Set personal_access_token in the provider block, or the "
        "GANDI_PERSONAL_ACCESS_TOKEN environment variable, to a Gandi "
        "personal access token.",
        cty::Path().Attr("personal_access_token"));
  }
}

bool IsLoopbackHost(absl::string_view host) {
  return host == "localhost" || host == "[::1]" ||
         absl::StartsWith(host, "127.");
}

// Checks the scheme and strips a trailing slash; the host part is what
// sits between "://" and the next '/', ':' (or "]:" for IPv6).
void ResolveUrl(const cty::Value& config, const char* (*getenv)(const char*),
                ProviderSettings* settings, Diagnostics* diagnostics) {
  Layered url = Pick(config, "url", "GANDI_URL", getenv);
  std::string text = url.set ? url.value : kDefaultApiUrl;
  while (absl::EndsWith(text, "/")) text.pop_back();
  std::string lower = absl::AsciiStrToLower(text);

  bool https = absl::StartsWith(lower, "https://");
  bool http = absl::StartsWith(lower, "http://");
  std::string rest = text.substr(https ? 8 : http ? 7 : 0);
  std::string host = rest.substr(0, rest.find('/'));
  if (!absl::StartsWith(host, "["))
    host = host.substr(0, host.find(':'));
  else
    host = host.substr(0, host.find(']') + 1);

  if ((!https && !http) || host.empty()) {
    diagnostics->AddError("Invalid Gandi API URL",
                          absl::StrCat("\"", text,
                                       "\" is not an http(s) URL. Use the form "
                                       "https://api.gandi.net."),
                          cty::Path().Attr("url"));
  } else if (http && !IsLoopbackHost(host)) {
    diagnostics->AddError(
        "Insecure Gandi API URL",
        absl::StrCat("\"", text,
                     "\" uses plain http to a host that is not "
                     "loopback, which would send the credential in clear. "
                     "Use https."),
        cty::Path().Attr("url"));
  }
  settings->url = text;
}

void ResolveHttpOptions(const cty::Value& config, ProviderSettings* settings,
                        Diagnostics* diagnostics) {
  const cty::Value& timeout = config.GetAttr("request_timeout");
  if (!timeout.IsNull()) {
    absl::Duration parsed;
    if (!absl::ParseDuration(timeout.AsString(), &parsed) ||
        parsed <= absl::ZeroDuration()) {
      diagnostics->AddError(
          "Invalid Request Timeout",
          absl::StrCat("\"", timeout.AsString(),
                       "\" is not a positive "
                       "duration. Use a form such as \"60s\" or \"2m\"."),
          cty::Path().Attr("request_timeout"));
    } else {
      settings->http.request_timeout = parsed;
    }
  }
  auto whole = [&](const char* name, int min, int max, int* out) {
    const cty::Value& v = config.GetAttr(name);
    if (v.IsNull()) return;
    std::optional<int64_t> n = v.AsInt64();
    if (!n.has_value() || *n < min || *n > max) {
      diagnostics->AddError(
          "Invalid Provider Setting",
          absl::StrCat(name, " must be a whole number from ", min, " to ", max,
                       "; got ", v.NumberString(), "."),
          cty::Path().Attr(name));
      return;
    }
    *out = static_cast<int>(*n);
  };
  whole("max_retries", 0, 20, &settings->http.max_retries);
  whole("requests_per_minute", 0, 1000000, &settings->http.requests_per_minute);
  const cty::Value& ca = config.GetAttr("ca_bundle_file");
  if (!ca.IsNull()) settings->http.ca_bundle_path = ca.AsString();
}

}  // namespace

std::string UserAgent(const std::string& terraform_version,
                      const char* append) {
  std::string agent = absl::StrCat(
      "terraform-provider-gandimail/", kProviderVersion, " Terraform/",
      terraform_version, " (+https://www.terraform.io)");
  if (append != nullptr && *append != '\0')
    absl::StrAppend(&agent, " ", append);
  return agent;
}

ProviderSettings ResolveSettings(const cty::Value& config,
                                 const std::string& terraform_version,
                                 Diagnostics* diagnostics,
                                 const char* (*getenv)(const char*)) {
  ProviderSettings settings;
  ReportUnknowns(config, diagnostics);
  if (diagnostics->HasError()) return settings;

  ResolveCredential(config, getenv, &settings, diagnostics);
  ResolveUrl(config, getenv, &settings, diagnostics);
  Layered sharing = Pick(config, "sharing_id", "GANDI_SHARING_ID", getenv);
  settings.sharing_id = sharing.value;
  ResolveHttpOptions(config, &settings, diagnostics);
  settings.http.user_agent =
      UserAgent(terraform_version, getenv("TF_APPEND_USER_AGENT"));
  return settings;
}

GandiMailProvider::GandiMailProvider() : schema_(ProviderSchema()) {}

void GandiMailProvider::ValidateConfig(const cty::Value& config,
                                       Diagnostics* diagnostics) {
  // Only what the config itself says is checked here; the environment and
  // values unknown until apply are Configure's business.
  cty::Value known = config;
  for (const auto& [name, value] : config.attributes()) {
    if (!value.IsKnown())
      known = known.WithAttr(name, cty::Value::Null(value.type()));
  }
  auto no_env = [](const char*) -> const char* { return nullptr; };
  ProviderSettings scratch;
  ResolveHttpOptions(known, &scratch, diagnostics);
  if (!known.GetAttr("url").IsNull()) {
    ResolveUrl(known, no_env, &scratch, diagnostics);
  }
  if (!known.GetAttr("personal_access_token").IsNull() &&
      !known.GetAttr("key").IsNull()) {
    ResolveCredential(known, no_env, &scratch, diagnostics);
  }
}

void GandiMailProvider::Configure(const tfplugin::ConfigureRequest& request,
                                  Diagnostics* diagnostics) {
  auto getenv = [](const char* name) -> const char* {
    return std::getenv(name);
  };
  ProviderSettings settings = ResolveSettings(
      request.config, request.terraform_version, diagnostics, getenv);
  if (diagnostics->HasError()) return;

  log::Info("configuring the Gandi email API client",
            {{"url", settings.url},
             {"auth", settings.scheme == ProviderSettings::Scheme::kBearer
                          ? "personal access token"
                          : "api key"},
             {"requests_per_minute", settings.http.requests_per_minute}});
  auto api = std::make_shared<ApiHandle>();
  api->http = std::make_shared<http::Client>(settings.http);
  gandi::Credentials credentials;
  credentials.scheme = settings.scheme == ProviderSettings::Scheme::kBearer
                           ? gandi::Credentials::kBearer
                           : gandi::Credentials::kApikey;
  credentials.secret = settings.credential;
  api->gandi = std::make_shared<gandi::Client>(
      api->http.get(), settings.url, credentials, settings.sharing_id);
  api->sharing_id = settings.sharing_id;

  std::lock_guard<std::mutex> lock(mu_);
  api_ = std::move(api);
}

void GandiMailProvider::Stop() {
  std::shared_ptr<const ApiHandle> api = CurrentApi();
  if (api != nullptr) api->http->Stop();
}

std::shared_ptr<const ApiHandle> GandiMailProvider::CurrentApi() const {
  std::lock_guard<std::mutex> lock(mu_);
  return api_;
}

std::shared_ptr<const ApiHandle> GandiMailProvider::Api(
    Diagnostics* diagnostics) const {
  std::shared_ptr<const ApiHandle> api = CurrentApi();
  if (api == nullptr) {
    diagnostics->AddError(
        "Provider Not Configured",
        "The gandimail provider was asked to reach the Gandi API before "
        "Terraform configured it. This is a bug in Terraform or in the "
        "provider.");
  }
  return api;
}

std::vector<std::shared_ptr<tfplugin::Resource>>
GandiMailProvider::Resources() {
  return {
      resources::NewMailboxResource(this),
      resources::NewForwardResource(this),
      resources::NewSlotResource(this),
      resources::NewEmailOfferResource(this),
  };
}

std::vector<std::shared_ptr<tfplugin::DataSource>>
GandiMailProvider::DataSources() {
  return {
      data_sources::NewEmailOfferDataSource(this),
      data_sources::NewMailboxDataSource(this),
      data_sources::NewMailboxesDataSource(this),
      data_sources::NewForwardsDataSource(this),
      data_sources::NewSlotsDataSource(this),
      data_sources::NewMigrationDataSource(this),
  };
}

std::vector<std::shared_ptr<tfplugin::Function>>
GandiMailProvider::Functions() {
  return {
      functions::NewPasswordProblemsFunction(),
      functions::NewSha512CryptFunction(),
  };
}

std::vector<std::shared_ptr<tfplugin::EphemeralResource>>
GandiMailProvider::EphemeralResources() {
  return {ephemeral::NewPasswordEphemeralResource()};
}

std::vector<std::shared_ptr<tfplugin::ListResource>>
GandiMailProvider::ListResources() {
  return list::NewListResources(this);
}

std::vector<std::shared_ptr<tfplugin::Action>> GandiMailProvider::Actions() {
  return actions::NewActions(this);
}

}  // namespace gandimail
