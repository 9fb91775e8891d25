#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/listing.h"
#include "src/resources/mailbox.h"
#include "src/resources/mailbox_state.h"

namespace gandimail::list {
namespace {

using cty::Value;

class MailboxList final : public ListOf {
 public:
  explicit MailboxList(const ApiSource* api)
      : ListOf(api, resources::NewMailboxResource(api), "mailboxes") {
    schema_.block.description =
        "Finds a domain's existing mailboxes, optionally filtered, for "
        "`terraform query` and import. Listing is free; each mailbox's full "
        "object (aliases, responder), when asked for with "
        "`include_resource = true`, costs one more API request.";
    for (tfplugin::Attribute& a : listing::MailboxFilterAttributes()) {
      schema_.block.attributes.push_back(std::move(a));
    }
  }

  void List(const tfplugin::ListRequest& request,
            const tfplugin::ListEmitter& emit,
            tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = request.config.GetAttr("domain").AsString();

    gandi::MailboxListOptions options = listing::MailboxFilters(request.config);
    options.max_items = request.limit;
    std::optional<std::vector<gandi::MailboxSummary>> listed =
        listing::ListMailboxes(*api, domain, options, diagnostics);
    if (!listed.has_value()) return;
    for (const gandi::MailboxSummary& summary : *listed) {
      std::optional<Value> state =
          State(*api, summary, request.include_resource_object, diagnostics);
      if (diagnostics->HasError()) return;
      if (state.has_value() && !emit({*state, summary.address})) return;
    }
  }

 private:
  // The mailbox's state: from the list alone, or from its detail when the
  // whole object is wanted (the list lacks aliases and responder). Nothing
  // when the mailbox went away meanwhile or its detail failed.
  std::optional<Value> State(const ApiHandle& api,
                             const gandi::MailboxSummary& summary, bool whole,
                             tfplugin::Diagnostics* diagnostics) const {
    if (!whole) {
      return EmptyState()
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
    cty::Type type = resource_->GetSchema().ImpliedType();
    return resources::MailboxStateFromApi(*got, Value::Null(type), type);
  }
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewMailboxList(const ApiSource* api) {
  return std::make_shared<MailboxList>(api);
}

}  // namespace gandimail::list
