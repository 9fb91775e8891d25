#include "src/data_sources/mailbox.h"

#include "absl/strings/str_cat.h"
#include "src/data_sources/mailbox_values.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::Diagnostics;

bool IsSet(const Value& config, const char* name) {
  return !config.GetAttr(name).IsNull();
}

// The domain and login an address names; false when it is not one.
bool SplitAddress(const std::string& address, std::string* login,
                  std::string* domain) {
  size_t at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string::npos) {
    return false;
  }
  *login = address.substr(0, at);
  *domain = address.substr(at + 1);
  return true;
}

class MailboxDataSource final : public tfplugin::DataSource {
 public:
  explicit MailboxDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Reads one mailbox: by `id` or `login` with `domain`, or by "
        "`address`.";
    schema_.block.attributes = MailboxDetailAttributes();
  }

  std::string TypeName() const override { return "gandimail_mailbox"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void Validate(const Value& config, Diagnostics* diagnostics) override {
    int ways =
        IsSet(config, "id") + IsSet(config, "login") + IsSet(config, "address");
    if (ways != 1) {
      diagnostics->AddError(
          "Ambiguous Mailbox Lookup",
          "Set exactly one of id, login or address to say which mailbox to "
          "read.",
          cty::Path().Attr(ways == 0 ? "id" : "address"));
    }
    if (!IsSet(config, "address") && !IsSet(config, "domain")) {
      diagnostics->AddError(
          "Missing Mailbox Domain",
          "domain is required when the mailbox is looked up by id or login.",
          cty::Path().Attr("domain"));
    }
    const Value& address = config.GetAttr("address");
    std::string login, domain;
    if (!address.IsNull() && address.IsKnown() &&
        !SplitAddress(address.AsString(), &login, &domain)) {
      diagnostics->AddError(
          "Invalid Mailbox Address",
          absl::StrCat("\"", address.AsString(),
                       "\" is not a full address such as alice@example.com."),
          cty::Path().Attr("address"));
    }
  }

  Value Read(const Value& config, Diagnostics* diagnostics) override;

 private:
  // The id of the mailbox `config` names, looking up a login when needed.
  absl::StatusOr<std::string> FindId(gandi::Client* client,
                                     const std::string& domain,
                                     const Value& config);

  const ApiSource* api_;
  tfplugin::Schema schema_;
};

absl::StatusOr<std::string> MailboxDataSource::FindId(gandi::Client* client,
                                                      const std::string& domain,
                                                      const Value& config) {
  if (IsSet(config, "id")) return config.GetAttr("id").AsString();
  std::string login, ignored;
  if (IsSet(config, "login")) {
    login = config.GetAttr("login").AsString();
  } else {
    SplitAddress(config.GetAttr("address").AsString(), &login, &ignored);
  }
  gandi::MailboxListOptions options;
  options.login = login;
  absl::StatusOr<std::vector<gandi::MailboxSummary>> listed =
      client->ListMailboxes(domain, options);
  if (!listed.ok()) return listed.status();
  for (const gandi::MailboxSummary& m : *listed) {
    if (m.login == login) return m.id;
  }
  return absl::NotFoundError(
      absl::StrCat("the domain has no mailbox with login \"", login, "\""));
}

Value MailboxDataSource::Read(const Value& config, Diagnostics* diagnostics) {
  Value none = Value::Null(schema_.ImpliedType());
  std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
  if (api == nullptr) return none;
  std::string domain, login;
  if (IsSet(config, "address")) {
    SplitAddress(config.GetAttr("address").AsString(), &login, &domain);
  } else {
    domain = config.GetAttr("domain").AsString();
  }

  absl::StatusOr<std::string> id = FindId(api->gandi.get(), domain, config);
  absl::StatusOr<gandi::Mailbox> mailbox =
      id.ok() ? api->gandi->GetMailbox(domain, *id)
              : absl::StatusOr<gandi::Mailbox>(id.status());
  if (!mailbox.ok()) {
    diagnostics->AddStatusError(
        "Unable to Read Mailbox",
        absl::StrCat("Reading the mailbox asked for on ", domain,
                     " failed. Check its id, login or address."),
        mailbox.status());
    return none;
  }

  // Only the list reports to_convert.
  gandi::MailboxListOptions options;
  options.login = mailbox->login;
  absl::StatusOr<std::vector<gandi::MailboxSummary>> listed =
      api->gandi->ListMailboxes(domain, options);
  if (!listed.ok()) {
    diagnostics->AddStatusError(
        "Unable to Read Mailbox",
        absl::StrCat("Listing ", mailbox->address, " failed."),
        listed.status());
    return none;
  }
  bool to_convert = false;
  for (const gandi::MailboxSummary& m : *listed) {
    if (m.id == mailbox->id) to_convert = m.to_convert;
  }
  return MailboxDetailValue(*mailbox, to_convert);
}

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewMailboxDataSource(
    const ApiSource* api) {
  return std::make_shared<MailboxDataSource>(api);
}

}  // namespace gandimail::data_sources
