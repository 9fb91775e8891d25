#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/listing.h"
#include "src/resources/forward.h"

namespace gandimail::list {
namespace {

using cty::Type;
using cty::Value;

class ForwardList final : public ListOf {
 public:
  explicit ForwardList(const ApiSource* api)
      : ListOf(api, resources::NewForwardResource(api), "forwards") {
    schema_.block.description =
        "Finds a domain's existing forwarding addresses, optionally "
        "filtered by source and destination patterns, for `terraform "
        "query` and import. Listing is free and reads the API's list "
        "pages only until the limit is reached.";
    for (tfplugin::Attribute& a : listing::ForwardFilterAttributes()) {
      schema_.block.attributes.push_back(std::move(a));
    }
  }

  void List(const tfplugin::ListRequest& request,
            const tfplugin::ListEmitter& emit,
            tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = request.config.GetAttr("domain").AsString();

    gandi::ForwardListOptions options = listing::ForwardFilters(request.config);
    options.max_items = request.limit;
    std::optional<std::vector<gandi::Forward>> forwards =
        listing::ListForwards(*api, domain, options, diagnostics);
    if (!forwards.has_value()) return;
    for (const gandi::Forward& forward : *forwards) {
      Value state = State(forward, domain);
      if (!emit({state, state.GetAttr("id").AsString()})) return;
    }
  }

 private:
  Value State(const gandi::Forward& forward, const std::string& domain) const {
    std::string source = resources::NormaliseSource(forward.source, domain);
    std::vector<Value> destinations;
    for (const std::string& d : forward.destinations) {
      destinations.push_back(Value::String(d));
    }
    return EmptyState()
        .WithAttr("id", Value::String(absl::StrCat(source, "@", domain)))
        .WithAttr("domain", Value::String(domain))
        .WithAttr("source", Value::String(source))
        .WithAttr("destinations",
                  Value::Set(Type::String(), std::move(destinations)));
  }
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewForwardList(const ApiSource* api) {
  return std::make_shared<ForwardList>(api);
}

}  // namespace gandimail::list
