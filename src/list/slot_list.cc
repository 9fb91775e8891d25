#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/listing.h"
#include "src/resources/common.h"
#include "src/resources/slot.h"

namespace gandimail::list {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

class SlotList final : public ListOf {
 public:
  explicit SlotList(const ApiSource* api)
      : ListOf(api, resources::NewSlotResource(api), "slots") {
    schema_.block.description =
        "Finds a domain's existing mailbox slots, for `terraform query` "
        "and import. Listing is free (one API request; the API has no "
        "filters for slots, so `mailbox_type` and `status` are applied by "
        "the provider).";
    schema_.block.attributes.push_back(
        Attr("mailbox_type", Type::String())
            .Optional()
            .Describe("Only slots for this mailbox type, as the API names "
                      "it (such as `standard` or `premium`)."));
    schema_.block.attributes.push_back(
        Attr("status", Type::String())
            .Optional()
            .Validate(resources::OneOf({"active", "inactive"}))
            .Describe("Only slots in this status: `active` or `inactive`."));
  }

  void List(const tfplugin::ListRequest& request,
            const tfplugin::ListEmitter& emit,
            tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return;
    std::string domain = request.config.GetAttr("domain").AsString();

    std::optional<std::vector<gandi::Slot>> slots =
        listing::ListSlots(*api, domain, diagnostics);
    if (!slots.has_value()) return;
    for (const gandi::Slot& slot : *slots) {
      if (!Selected(request.config, slot)) continue;
      if (!emit({State(slot, domain), DisplayName(slot)})) return;
    }
  }

 private:
  static bool Selected(const Value& config, const gandi::Slot& slot) {
    std::optional<std::string> type =
        listing::OptionalString(config, "mailbox_type");
    std::optional<std::string> status =
        listing::OptionalString(config, "status");
    return (!type.has_value() || *type == slot.mailbox_type) &&
           (!status.has_value() || *status == slot.status);
  }

  static std::string DisplayName(const gandi::Slot& slot) {
    return absl::StrCat("slot ", slot.id, " (", slot.mailbox_type, ", ",
                        slot.capacity, " MB, ", slot.status, ")");
  }

  // The list has no refund fields (only a slot's detail does), so they
  // stay null, as after a refresh that has not read them yet.
  Value State(const gandi::Slot& slot, const std::string& domain) const {
    return EmptyState()
        .WithAttr("id", Value::String(absl::StrCat(slot.id)))
        .WithAttr("domain", Value::String(domain))
        .WithAttr("mailbox_type", Value::String(slot.mailbox_type))
        .WithAttr("status", Value::String(slot.status))
        .WithAttr("capacity", Value::Int(slot.capacity))
        .WithAttr("refundable", Value::Bool(slot.refundable))
        .WithAttr("created_at", Value::String(slot.created_at));
  }
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewSlotList(const ApiSource* api) {
  return std::make_shared<SlotList>(api);
}

}  // namespace gandimail::list
