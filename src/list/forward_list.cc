#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/resources/forward.h"

namespace gandimail::list {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

tfplugin::Validator NotEmpty() {
  return [](const Value& v, const cty::Path& path, tfplugin::Diagnostics* d) {
    if (!v.AsString().empty()) return;
    d->AddError("Empty Pattern",
                "An empty pattern matches nothing. Remove the argument to "
                "list every forward, or use a pattern such as \"*lice\".",
                path);
  };
}

class ForwardList final : public tfplugin::ListResource {
 public:
  explicit ForwardList(const ApiSource* api)
      : api_(api), resource_(resources::NewForwardResource(api)) {
    schema_.block.description =
        "Finds a domain's existing forwarding addresses, optionally "
        "filtered by source and destination patterns, for `terraform "
        "query` and import. Listing is free and reads the API's list "
        "pages only until the limit is reached.";
    schema_.block.attributes = {
        DomainAttribute("forwards"),
        Attr("source", Type::String())
            .Optional()
            .Validate(NotEmpty())
            .Describe("Only forwards whose source (local part) matches this "
                      "pattern; `*` stands for any run of characters, such "
                      "as `*lice`. Without `*` the match is exact."),
        Attr("destination", Type::String())
            .Optional()
            .Validate(NotEmpty())
            .Describe("Only forwards with a destination matching this "
                      "pattern, such as `*@example.org`."),
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

    gandi::ForwardListOptions options;
    options.source = OptionalString(request.config, "source");
    options.destination = OptionalString(request.config, "destination");
    options.max_items = request.limit;
    absl::StatusOr<std::vector<gandi::Forward>> forwards =
        api->gandi->ListForwards(domain, options);
    if (!forwards.ok()) {
      diagnostics->AddStatusError(
          "Unable to List Forwards",
          absl::StrCat("Listing the forwards of ", domain, " failed."),
          forwards.status());
      return;
    }
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
    return EmptyState(resource_->GetSchema())
        .WithAttr("id", Value::String(absl::StrCat(source, "@", domain)))
        .WithAttr("domain", Value::String(domain))
        .WithAttr("source", Value::String(source))
        .WithAttr("destinations",
                  Value::Set(Type::String(), std::move(destinations)));
  }

  const ApiSource* api_;
  std::shared_ptr<tfplugin::Resource> resource_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewForwardList(const ApiSource* api) {
  return std::make_shared<ForwardList>(api);
}

}  // namespace gandimail::list
