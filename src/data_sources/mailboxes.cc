#include "src/data_sources/mailboxes.h"

#include "src/data_sources/mailbox_values.h"
#include "src/listing.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::NestedAttr;
using tfplugin::NestedObject;

class MailboxesDataSource final : public tfplugin::DataSource {
 public:
  explicit MailboxesDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Lists a domain's mailboxes (every page), optionally filtered.";
    schema_.block.attributes = {
        Attr("domain", Type::String())
            .Required()
            .Describe("The domain, such as `example.com`."),
        Attr("id", Type::String()).Computed().Describe("The domain name."),
        NestedAttr("mailboxes", NestedObject::Nesting::kList,
                   MailboxSummaryAttributes())
            .Computed()
            .Describe("The mailboxes, sorted by login as the API sends "
                      "them."),
    };
    std::vector<tfplugin::Attribute> filters =
        listing::MailboxFilterAttributes();
    schema_.block.attributes.insert(schema_.block.attributes.begin() + 1,
                                    filters.begin(), filters.end());
  }

  std::string TypeName() const override { return "gandimail_mailboxes"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();

    std::optional<std::vector<gandi::MailboxSummary>> listed =
        listing::ListMailboxes(*api, domain, listing::MailboxFilters(config),
                               diagnostics);
    if (!listed.has_value()) return Value::Null(schema_.ImpliedType());

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
