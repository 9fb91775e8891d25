#include "src/data_sources/slots.h"

#include "absl/strings/str_cat.h"
#include "src/listing.h"

namespace gandimail::data_sources {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;

Type SlotType() {
  return Type::Object({{"id", Type::String()},
                       {"status", Type::String()},
                       {"mailbox_type", Type::String()},
                       {"capacity", Type::Number()},
                       {"refundable", Type::Bool()},
                       {"created_at", Type::String()}});
}

Value SlotValue(const gandi::Slot& slot) {
  return Value::Object({{"id", Value::String(absl::StrCat(slot.id))},
                        {"status", Value::String(slot.status)},
                        {"mailbox_type", Value::String(slot.mailbox_type)},
                        {"capacity", Value::Int(slot.capacity)},
                        {"refundable", Value::Bool(slot.refundable)},
                        {"created_at", Value::String(slot.created_at)}});
}

class SlotsDataSource final : public tfplugin::DataSource {
 public:
  explicit SlotsDataSource(const ApiSource* api) : api_(api) {
    schema_.block.description =
        "Lists every mailbox slot of a domain, free or used, in the API's "
        "order.";
    schema_.block.attributes = {
        Attr("domain", Type::String())
            .Required()
            .Describe("The domain name, such as `example.com`."),
        Attr("id", Type::String()).Computed().Describe("The domain name."),
        Attr("slots", Type::List(SlotType()))
            .Computed()
            .Describe("The slots: `id` (the slot number as a string, as in "
                      "`gandimail_slot`), `status` (`active` or `inactive`), "
                      "`mailbox_type`, `capacity` (MB), `refundable` and "
                      "`created_at` (RFC 3339)."),
    };
  }

  std::string TypeName() const override { return "gandimail_slots"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

  Value Read(const Value& config, tfplugin::Diagnostics* diagnostics) override {
    std::shared_ptr<const ApiHandle> api = api_->Api(diagnostics);
    if (api == nullptr) return Value::Null(schema_.ImpliedType());
    std::string domain = config.GetAttr("domain").AsString();

    std::optional<std::vector<gandi::Slot>> slots =
        listing::ListSlots(*api, domain, diagnostics);
    if (!slots.has_value()) return Value::Null(schema_.ImpliedType());
    std::vector<Value> items;
    for (const gandi::Slot& slot : *slots) items.push_back(SlotValue(slot));
    return Value::Object({{"domain", Value::String(domain)},
                          {"id", Value::String(domain)},
                          {"slots", Value::List(SlotType(), items)}});
  }

 private:
  const ApiSource* api_;
  tfplugin::Schema schema_;
};

}  // namespace

std::shared_ptr<tfplugin::DataSource> NewSlotsDataSource(const ApiSource* api) {
  return std::make_shared<SlotsDataSource>(api);
}

}  // namespace gandimail::data_sources
