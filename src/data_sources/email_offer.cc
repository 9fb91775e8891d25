#include "src/data_sources/email_offer.h"

#include "absl/strings/str_cat.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

class EmailOfferDataSource final : public tfplugin::DataSource {
 public:
  explicit EmailOfferDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Reads a domain's email offer: its status and version, and the "
        "domain-wide antispam and DKIM switches.";
    schema_.block.attributes = {
        Attr("domain", Type::String())
            .Required()
            .Describe("The domain name, such as `example.com`."),
        Attr("id", Type::String()).Computed().Describe("The domain name."),
        Attr("status", Type::String())
            .Computed()
            .Describe("`active` or `inactive`."),
        Attr("version", Type::Number())
            .Computed()
            .Describe("The offer's version (1, 2 or 3)."),
        Attr("antispam", Type::String())
            .Computed()
            .Describe("`active`, `inactive`, or `mixed` when the domain's "
                      "mailboxes differ."),
        Attr("dkim", Type::String())
            .Computed()
            .Describe("`active` or `inactive`."),
    };
  }

  std::string TypeName() const override { return "gandimail_email_offer"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();

    absl::StatusOr<gandi::Offer> offer = api->gandi->GetOffer(domain);
    if (!offer.ok()) {
      diagnostics->AddStatusError(
          "Unable to Read Email Offer",
          absl::StrCat("Reading the email offer of ", domain, " failed."),
          offer.status());
      return Value::Null(schema_.ImpliedType());
    }
    return Value::Object({{"domain", Value::String(domain)},
                          {"id", Value::String(domain)},
                          {"status", Value::String(offer->status)},
                          {"version", Value::Int(offer->version)},
                          {"antispam", Value::String(offer->antispam)},
                          {"dkim", Value::String(offer->dkim)}});
  }

 private:
  const ApiSource* api_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewEmailOfferDataSource(
    const ApiSource* api) {
  return std::make_shared<EmailOfferDataSource>(api);
}

}  // namespace gandimail::data_sources
