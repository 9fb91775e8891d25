#include "src/data_sources/mailboxes.h"

#include "absl/strings/str_cat.h"
#include "src/data_sources/mailbox_values.h"
#include "src/resources/common.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::NestedAttr;
using tfplugin::NestedObject;

std::optional<std::string> OptionalString(const Value& config,
                                          const char* name) {
  const Value& v = config.GetAttr(name);
  if (v.IsNull()) return std::nullopt;
  return v.AsString();
}

class MailboxesDataSource final : public tfplugin::DataSource {
 public:
  explicit MailboxesDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Lists a domain's mailboxes (every page), optionally filtered.";
    schema_.block.attributes = {
        Attr("domain", Type::String())
            .Required()
            .Describe("The domain, such as `example.com`."),
        Attr("login", Type::String())
            .Optional()
            .Describe("Only the mailbox with exactly this login."),
        Attr("login_pattern", Type::String())
            .Optional()
            .Describe("Only logins matching this `*` pattern, such as "
                      "`ali*`."),
        Attr("mailbox_type", Type::String())
            .Optional()
            .Validate(resources::OneOf(
                {"standard", "premium", "standard_2023", "premium_2023"}))
            .Describe("Only mailboxes of this type."),
        Attr("antispam", Type::Bool())
            .Optional()
            .Describe("Only mailboxes with antispam on (`true`) or off."),
        Attr("id", Type::String()).Computed().Describe("The domain name."),
        NestedAttr("mailboxes", NestedObject::Nesting::kList,
                   MailboxSummaryAttributes())
            .Computed()
            .Describe("The mailboxes, sorted by login as the API sends "
                      "them."),
    };
  }

  std::string TypeName() const override { return "gandimail_mailboxes"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();

    gandi::MailboxListOptions options;
    options.login = OptionalString(config, "login");
    options.login_pattern = OptionalString(config, "login_pattern");
    options.mailbox_type = OptionalString(config, "mailbox_type");
    if (!config.GetAttr("antispam").IsNull()) {
      options.antispam = config.GetAttr("antispam").AsBool();
    }
    absl::StatusOr<std::vector<gandi::MailboxSummary>> listed =
        api->gandi->ListMailboxes(domain, options);
    if (!listed.ok()) {
      diagnostics->AddStatusError(
          "Unable to List Mailboxes",
          absl::StrCat("Listing the mailboxes of ", domain, " failed."),
          listed.status());
      return Value::Null(schema_.ImpliedType());
    }

    std::vector<Value> mailboxes;
    for (const gandi::MailboxSummary& m : *listed) {
      mailboxes.push_back(MailboxSummaryValue(m));
    }
    const tfplugin::Attribute* list = schema_.block.FindAttribute("mailboxes");
    return config.WithAttr("id", Value::String(domain))
        .WithAttr("mailboxes",
                  Value::List(list->type.element_type(), std::move(mailboxes)));
  }

 private:
  const ApiSource* api_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewMailboxesDataSource(
    const ApiSource* api) {
  return std::make_shared<MailboxesDataSource>(api);
}

}  // namespace gandimail::data_sources
