#include "src/data_sources/forwards.h"

#include "absl/strings/str_cat.h"
#include "src/listing.h"
#include "src/resources/common.h"
#include "src/resources/forward.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

Type ForwardObjectType() {
  return Type::Object({{"source", Type::String()},
                       {"destinations", Type::Set(Type::String())},
                       {"address", Type::String()}});
}

Value ForwardObject(const gandi::Forward& f, const std::string& domain) {
  std::string source = resources::NormaliseSource(f.source, domain);
  std::vector<Value> destinations;
  for (const std::string& d : f.destinations) {
    destinations.push_back(Value::String(d));
  }
  return Value::Object(
      {{"source", Value::String(source)},
       {"destinations", Value::Set(Type::String(), std::move(destinations))},
       {"address", Value::String(absl::StrCat(source, "@", domain))}});
}

class ForwardsDataSource final : public tfplugin::DataSource {
 public:
  explicit ForwardsDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Lists the forwarding addresses of a domain, optionally filtered by "
        "source and destination patterns.";
    schema_.block.attributes = {
        Attr("domain", Type::String())
            .Required()
            .Describe("The domain name, such as `example.com`."),
        Attr("sort_by", Type::String())
            .Optional()
            .Validate(resources::OneOf(
                {"source", "-source", "destination", "-destination"}))
            .Describe("Order of `forwards`: `source` (the API's default), "
                      "`-source`, `destination` or `-destination`; a "
                      "leading `-` is descending."),
        Attr("forwards", Type::List(ForwardObjectType()))
            .Computed()
            .Describe("The matching forwards, each with `source` (the local "
                      "part), `destinations` (a set) and `address` "
                      "(`source@domain`)."),
    };
    std::vector<tfplugin::Attribute> filters =
        listing::ForwardFilterAttributes();
    schema_.block.attributes.insert(schema_.block.attributes.begin() + 1,
                                    filters.begin(), filters.end());
  }

  std::string TypeName() const override { return "gandimail_forwards"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();
    gandi::ForwardListOptions options = listing::ForwardFilters(config);
    options.sort_by = listing::OptionalString(config, "sort_by");

    std::optional<std::vector<gandi::Forward>> forwards =
        listing::ListForwards(*api, domain, options, diagnostics);
    if (!forwards.has_value()) return Value::Null(schema_.ImpliedType());

    std::vector<Value> items;
    for (const gandi::Forward& f : *forwards) {
      items.push_back(ForwardObject(f, domain));
    }
    return config.WithAttr("forwards",
                           Value::List(ForwardObjectType(), std::move(items)));
  }

 private:
  const ApiSource* api_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewForwardsDataSource(
    const ApiSource* api) {
  return std::make_shared<ForwardsDataSource>(api);
}

}  // namespace gandimail::data_sources
