#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/resources/common.h"
#include "src/resources/mailbox.h"
#include "src/resources/mailbox_state.h"

namespace gandimail::list {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

class MailboxList final : public tfplugin::ListResource {
 public:
  explicit MailboxList(const ApiSource* api)
      : api_(api), resource_(resources::NewMailboxResource(api)) {
    schema_.block.description =
        "Finds a domain's existing mailboxes, optionally filtered, for "
        "`terraform query` and import. Listing is free; each mailbox's full "
        "object (aliases, responder), when asked for with "
        "`include_resource = true`, costs one more API request.";
    schema_.block.attributes = {
        DomainAttribute("mailboxes"),
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
    };
  }

  std::string TypeName() const override { return resource_->TypeName(); }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  void List(const tfplugin::ListRequest& request,
            const tfplugin::ListEmitter& emit,
            tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = request.config.GetAttr("domain").AsString();

    absl::StatusOr<std::vector<gandi::MailboxSummary>> listed =
        api->gandi->ListMailboxes(domain, Options(request));
    if (!listed.ok()) {
      diagnostics->AddStatusError(
          "Unable to List Mailboxes",
          absl::StrCat("Listing the mailboxes of ", domain, " failed."),
          listed.status());
      return;
    }
    for (const gandi::MailboxSummary& summary : *listed) {
      std::optional<Value> state =
          State(*api, summary, request.include_resource_object, diagnostics);
      if (diagnostics->HasError()) return;
      if (state.has_value() && !emit({*state, summary.address})) return;
    }
  }

 private:
  static gandi::MailboxListOptions Options(
      const tfplugin::ListRequest& request) {
    const Value& config = request.config;
    gandi::MailboxListOptions options;
    options.login = OptionalString(config, "login");
    options.login_pattern = OptionalString(config, "login_pattern");
    options.mailbox_type = OptionalString(config, "mailbox_type");
    if (!config.GetAttr("antispam").IsNull()) {
      options.antispam = config.GetAttr("antispam").AsBool();
    }
    options.max_items = request.limit;
    return options;
  }

  // The mailbox's state: from the list alone, or from its detail when the
  // whole object is wanted (the list lacks aliases and responder). Nothing
  // when the mailbox went away meanwhile or its detail failed.
  std::optional<Value> State(const ApiHandle& api,
                             const gandi::MailboxSummary& summary, bool whole,
                             tfplugin::Diagnostics* diagnostics) const {
    const tfplugin::Schema& schema = resource_->GetSchema();
    if (!whole) {
      return EmptyState(schema)
          .WithAttr("id", Value::String(summary.id))
          .WithAttr("domain", Value::String(summary.domain))
          .WithAttr("login", Value::String(summary.login))
          .WithAttr("address", Value::String(summary.address))
          .WithAttr("mailbox_type", Value::String(summary.mailbox_type));
    }
    absl::StatusOr<gandi::Mailbox> got =
        api.gandi->GetMailbox(summary.domain, summary.id);
    if (absl::IsNotFound(got.status())) return std::nullopt;
    if (!got.ok()) {
      diagnostics->AddStatusError(
          "Unable to Read Mailbox",
          absl::StrCat("Reading mailbox ", summary.address, " failed."),
          got.status());
      return std::nullopt;
    }
    Value none = Value::Null(schema.ImpliedType());
    return resources::MailboxStateFromApi(*got, none, schema.ImpliedType());
  }

  const ApiSource* api_;
  std::shared_ptr<tfplugin::Resource> resource_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewMailboxList(const ApiSource* api) {
  return std::make_shared<MailboxList>(api);
}

}  // namespace gandimail::list
