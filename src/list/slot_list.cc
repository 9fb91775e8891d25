#include "absl/strings/str_cat.h"
#include "src/list/common.h"
#include "src/list/list.h"
#include "src/resources/common.h"
#include "src/resources/slot.h"

namespace gandimail::list {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

class SlotList final : public tfplugin::ListResource {
 public:
  explicit SlotList(const ApiSource* api)
      : api_(api), resource_(resources::NewSlotResource(api)) {
    schema_.block.description =
        "Finds a domain's existing mailbox slots, for `terraform query` "
        "and import. Listing is free (one API request; the API has no "
        "filters for slots, so `mailbox_type` and `status` are applied by "
        "the provider).";
    schema_.block.attributes = {
        DomainAttribute("slots"),
        Attr("mailbox_type", Type::String())
            .Optional()
            .Describe("Only slots for this mailbox type, as the API names "
                      "it (such as `standard` or `premium`)."),
        Attr("status", Type::String())
            .Optional()
            .Validate(resources::OneOf({"active", "inactive"}))
            .Describe("Only slots in this status: `active` or `inactive`."),
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

    absl::StatusOr<std::vector<gandi::Slot>> slots =
        api->gandi->ListSlots(domain);
    if (!slots.ok()) {
      diagnostics->AddStatusError(
          "Unable to List Slots",
          absl::StrCat("Listing the mailbox slots of ", domain, " failed."),
          slots.status());
      return;
    }
    for (const gandi::Slot& slot : *slots) {
      if (!Selected(request.config, slot)) continue;
      if (!emit({State(slot, domain), DisplayName(slot)})) return;
    }
  }

 private:
  static bool Selected(const Value& config, const gandi::Slot& slot) {
    std::optional<std::string> type = OptionalString(config, "mailbox_type");
    std::optional<std::string> status = OptionalString(config, "status");
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
    return EmptyState(resource_->GetSchema())
        .WithAttr("id", Value::String(absl::StrCat(slot.id)))
        .WithAttr("domain", Value::String(domain))
        .WithAttr("mailbox_type", Value::String(slot.mailbox_type))
        .WithAttr("status", Value::String(slot.status))
        .WithAttr("capacity", Value::Int(slot.capacity))
        .WithAttr("refundable", Value::Bool(slot.refundable))
        .WithAttr("created_at", Value::String(slot.created_at));
  }

  const ApiSource* api_;
  std::shared_ptr<tfplugin::Resource> resource_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::ListResource> NewSlotList(const ApiSource* api) {
  return std::make_shared<SlotList>(api);
}

}  // namespace gandimail::list
