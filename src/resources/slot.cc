#include "src/resources/slot.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "internal/log/log.h"
#include "nlohmann/json.hpp"
#include "src/gandi/errors.h"
#include "src/gandi/wait.h"
#include "src/resources/common.h"

namespace gandimail::resources {
namespace {

using cty::Path;
using cty::Type;
using cty::Value;
using tfplugin::ApplyRequest;
using tfplugin::ApplyResponse;
using tfplugin::Attr;
using tfplugin::Diagnostics;

constexpr absl::Duration kDefaultTimeout = absl::Minutes(5);
constexpr absl::Duration kFirstPoll = absl::Milliseconds(250);

// The computed attributes filled from the API's slot detail.
const char* const kComputedFromApi[] = {"status",        "capacity",
                                        "refundable",    "created_at",
                                        "refund_amount", "refund_currency"};

std::vector<int64_t> SlotIds(const std::vector<gandi::Slot>& slots) {
  std::vector<int64_t> ids;
  for (const gandi::Slot& slot : slots) ids.push_back(slot.id);
  return ids;
}

// The slot id held in a state's `id`, when it is one.
std::optional<int64_t> SlotIdOf(const Value& state) {
  const Value& id = state.GetAttr("id");
  int64_t parsed = 0;
  if (id.IsNull() || !id.IsKnown() || !absl::SimpleAtoi(id.AsString(), &parsed))
    return std::nullopt;
  return parsed;
}

Value WithApiValues(Value state, const gandi::Slot& slot) {
  Value amount = slot.refund_amount.has_value()
                     ? Value::Float(*slot.refund_amount)
                     : Value::Null(Type::Number());
  Value currency = slot.refund_currency.has_value()
                       ? Value::String(*slot.refund_currency)
                       : Value::Null(Type::String());
  return state.WithAttr("status", Value::String(slot.status))
      .WithAttr("capacity", Value::Int(slot.capacity))
      .WithAttr("refundable", Value::Bool(slot.refundable))
      .WithAttr("created_at", Value::String(slot.created_at))
      .WithAttr("refund_amount", amount)
      .WithAttr("refund_currency", currency);
}

// The computed values as null: what a slot bought but not yet visible has
// until the next refresh (never unknown after apply).
Value WithoutApiValues(Value state) {
  for (const char* name : kComputedFromApi) {
    state = state.WithAttr(name, Value::Null(state.GetAttr(name).type()));
  }
  return state;
}

// One purchase in progress: what is bought and what was there before.
struct Purchase {
  std::string domain;
  gandi::SlotCreate request;
  absl::Time started_at;
  absl::Time deadline;
  std::vector<int64_t> ids_before;
};

Purchase PurchaseFrom(const Value& planned) {
  Purchase purchase;
  purchase.domain = planned.GetAttr("domain").AsString();
  purchase.request.mailbox_type = planned.GetAttr("mailbox_type").AsString();
  purchase.request.duration =
      planned.GetAttr("duration").AsInt64().value_or(12);
  const Value& autorenew = planned.GetAttr("autorenew");
  purchase.request.autorenew = !autorenew.IsNull() && autorenew.AsBool();
  // started_at and deadline are set once the purchase holds its domain's
  // lock (Create).
  return purchase;
}

std::string Describe(const Purchase& p) {
  return absl::StrCat("a ", p.request.mailbox_type, " slot for ", p.domain,
                      " (", p.request.duration, " months)");
}

// The private state of a bought slot: when it was bought and which slots
// were there before, so a later reader can tell this purchase from others.
std::string PrivateData(const Purchase& p, int64_t slot_id) {
  nlohmann::json purchase = {
      {"started_at",
       absl::FormatTime(absl::RFC3339_sec, p.started_at, absl::UTCTimeZone())},
      {"slot_ids_before", p.ids_before},
      {"slot_id", slot_id}};
  return nlohmann::json({{"purchase", purchase}}).dump();
}

// Polls the slot list until a slot of the bought type that was not there
// before shows, or the deadline passes. List failures other than the
// provider stopping count as "not yet": the purchase is what matters.
absl::StatusOr<std::vector<int64_t>> PollForNewSlot(gandi::Client& client,
                                                    const Purchase& p) {
  std::vector<int64_t> found;
  absl::Status waited = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        absl::StatusOr<std::vector<gandi::Slot>> slots =
            client.ListSlots(p.domain);
        if (absl::IsCancelled(slots.status())) return slots.status();
        if (!slots.ok()) return false;
        found = NewSlotIds(p.ids_before, *slots, p.request.mailbox_type);
        return !found.empty();
      },
      p.deadline, kFirstPoll);
  if (!waited.ok()) return waited;
  return found;
}

// Explains why no slot could be tied to a purchase whose answer did not
// name one: the answer was lost (`lost`), or accepted without a Location.
void AddSlotNotFound(const Purchase& p, const absl::Status* lost,
                     const absl::Status& poll, Diagnostics* d) {
  std::string import_hint = absl::StrCat("terraform import ADDRESS ", p.domain,
                                         "/ID instead of buying again.");
  if (lost != nullptr) {
    d->AddError(
        "Slot Purchase Outcome Unknown",
        absl::StrCat("The purchase of ", Describe(p), " got no clear answer (",
                     lost->message(),
                     "), and no new slot of that type "
                     "appeared in the slot list before the create deadline (",
                     poll.message(),
                     "). The purchase most likely failed, "
                     "but it may still show: check the domain's slots (data "
                     "source gandimail_slots) before applying again, and "
                     "import a late slot with ",
                     import_hint));
    return;
  }
  d->AddError(
      "Bought Slot Not Found",
      absl::StrCat("Gandi accepted the purchase of ", Describe(p),
                   " without "
                   "naming the new slot, and no new slot of that type "
                   "appeared in the slot list before the create deadline (",
                   poll.message(),
                   "). Check the domain's slots before "
                   "applying again, and import the new slot with ",
                   import_hint));
}

// Finds the slot a purchase made when its answer did not name it: the
// answer lost (`lost` is its status) or accepted without a Location.
std::optional<int64_t> FindBoughtSlot(gandi::Client& client, const Purchase& p,
                                      const absl::Status* lost,
                                      Diagnostics* d) {
  absl::StatusOr<std::vector<int64_t>> found = PollForNewSlot(client, p);
  if (!found.ok()) {
    AddSlotNotFound(p, lost, found.status(), d);
    return std::nullopt;
  }
  if (found->size() > 1) {
    d->AddWarning(
        "Several New Slots Found",
        absl::StrCat("While buying ", Describe(p),
                     ", several new slots of "
                     "that type appeared (",
                     absl::StrJoin(*found, ", "),
                     "), so another purchase ran at the same time. Terraform "
                     "tracks slot ",
                     found->front(),
                     "; import the others if "
                     "they are yours."));
  }
  if (lost != nullptr) {
    d->AddWarning(
        "Slot Purchase Answer Lost",
        absl::StrCat("The answer to the purchase of ", Describe(p),
                     " was lost (", lost->message(), "), but slot ",
                     found->front(),
                     " appeared in the slot list, so the "
                     "purchase took effect and Terraform tracks that slot. "
                     "Nothing was bought twice."));
  }
  return found->front();
}

// Sends the purchase once and finds the new slot's id; nullopt (with an
// error in `d`) when nothing is known to have been bought.
std::optional<int64_t> Buy(gandi::Client& client, const Purchase& p,
                           Diagnostics* d) {
  absl::StatusOr<gandi::Acknowledgement> ack =
      client.CreateSlot(p.domain, p.request);
  if (ack.ok()) {
    int64_t id = 0;
    if (ack->id.has_value() && absl::SimpleAtoi(*ack->id, &id) && id > 0) {
      return id;
    }
    return FindBoughtSlot(client, p, nullptr, d);
  }

  if (!gandi::MayHaveTakenEffect(ack.status())) {
    AddApiError(d, "Unable to Buy Slot",
                absl::StrCat("Gandi refused the purchase of ", Describe(p),
                             "; nothing was bought."),
                ack.status());
    return std::nullopt;
  }
  log::Warn("slot purchase answer lost; looking for the slot in the list",
            {{"domain", p.domain}, {"mailbox_type", p.request.mailbox_type}});
  absl::Status lost = ack.status();
  return FindBoughtSlot(client, p, &lost, d);
}

// The state of a slot just bought: the plan, the id, and the API's values
// once the slot is visible (null, with a warning, when it is not by the
// deadline: the purchase took effect, so it is not an error).
Value BoughtState(gandi::Client& client, const Purchase& p, int64_t id,
                  const Value& planned, Diagnostics* d) {
  Value state = planned.WithAttr("id", Value::String(absl::StrCat(id)));
  absl::StatusOr<gandi::Slot> slot;
  absl::Status waited = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        slot = client.GetSlot(p.domain, id);
        if (absl::IsCancelled(slot.status())) return slot.status();
        return slot.ok();
      },
      p.deadline, kFirstPoll);
  if (waited.ok()) return WithApiValues(state, *slot);

  d->AddWarning(
      "Slot Not Yet Visible",
      absl::StrCat("Slot ", id, " of ", p.domain,
                   " was bought, but it did "
                   "not show in the API before the create deadline (",
                   waited.message(),
                   "). Terraform tracks it; its status, "
                   "capacity and refund values are filled in at the next "
                   "refresh."));
  return WithoutApiValues(state);
}

// Waits until a refunded slot is gone from reads. The refund took effect,
// so a slot still shown at the deadline is a warning, not an error.
void WaitUntilRefunded(gandi::Client& client, const std::string& domain,
                       int64_t id, absl::Time deadline, Diagnostics* d) {
  absl::Status gone = gandi::WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        absl::StatusOr<gandi::Slot> now = client.GetSlot(domain, id);
        if (absl::IsCancelled(now.status())) return now.status();
        return absl::IsNotFound(now.status());
      },
      deadline, kFirstPoll);
  if (!gone.ok()) {
    d->AddWarning(
        "Refunded Slot Still Listed",
        absl::StrCat("Gandi accepted the refund of slot ", id, " of ", domain,
                     ", but it still showed at the delete "
                     "deadline (",
                     gone.message(), ")."));
  }
}

class SlotResource final : public tfplugin::Resource {
 public:
  explicit SlotResource(const ApiSource* api);

  std::string TypeName() const override { return "gandimail_slot"; }
  const tfplugin::Schema& GetSchema() const override { return schema_; }
  // Identity (Terraform >= 1.12): domain + id; an import by identity runs
  // the import of "<domain>/<id>".
  const tfplugin::IdentitySchema* Identity() const override {
    static const auto* identity = new tfplugin::IdentitySchema{
        0,
        {tfplugin::IdentityAttr("domain", Type::String(),
                                "The domain name, such as `example.com`."),
         tfplugin::IdentityAttr("id", Type::String(),
                                "The slot's numeric id, such as `123`.")},
        nullptr,
        [](const Value& id) -> absl::StatusOr<std::string> {
          return absl::StrCat(id.GetAttr("domain").AsString(), "/",
                              id.GetAttr("id").AsString());
        }};
    return identity;
  }

  void ModifyPlan(const tfplugin::PlanRequest& request,
                  tfplugin::PlanResponse* response) override;
  void Create(const ApplyRequest& request, ApplyResponse* response) override;
  void Update(const ApplyRequest& request, ApplyResponse* response) override;
  void Delete(const ApplyRequest& request, ApplyResponse* response) override;
  void Read(const tfplugin::ReadRequest& request,
            tfplugin::ReadResponse* response) override;
  void Import(const std::string& id,
              tfplugin::ImportResponse* response) override;
  Value GenerateConfig(const Value& state, Diagnostics* diagnostics) override;

 private:
  // The mutex that serialises purchases on `domain`, so that the slot
  // list taken before a purchase tells which new slot is its own.
  std::shared_ptr<std::mutex> DomainLock(const std::string& domain);
  // Refunds the slot of `prior` and waits until it is gone.
  void Refund(gandi::Client& client, const Value& prior, Diagnostics* d);

  const ApiSource* api_;
  tfplugin::Schema schema_;
  std::mutex locks_mu_;
  // Guarded by locks_mu_.
  std::map<std::string, std::shared_ptr<std::mutex>> domain_locks_;
};

SlotResource::SlotResource(const ApiSource* api) : api_(api) {
  schema_.block.description =
      "A mailbox slot of a domain. Every mailbox needs a free slot of its "
      "type. **Creating this resource buys a slot, which Gandi bills**; "
      "destroying it refunds the slot, and fails for a slot that cannot be "
      "refunded unless `keep_on_destroy` is true.\n\n"
      "`duration` and `autorenew` are purchase settings that the API never "
      "reports: after an import they are taken from the configuration "
      "(a plan that changes nothing at Gandi), and changing them later "
      "replaces the slot, buying a new one.";
  schema_.block.attributes = {
      Attr("domain", Type::String())
          .Required()
          .RequiresReplace()
          .Describe("The domain the slot belongs to, such as `example.com`."),
      Attr("mailbox_type", Type::String())
          .Required()
          .RequiresReplace()
          .Validate(
              OneOf({"standard", "premium", "standard_2023", "premium_2023"}))
          .Describe("The mailbox type the slot accepts: `standard`, "
                    "`premium`, `standard_2023` or `premium_2023`."),
      Attr("duration", Type::Number())
          .Required()
          .Validate(OneOfInts({1, 12}))
          .Describe("Months the slot is bought for: 1 or 12. Not reported "
                    "by the API; changing it buys a new slot."),
      Attr("autorenew", Type::Bool())
          .Optional()
          .Computed()
          .Default(Value::Bool(false))
          .Describe("Whether Gandi renews the slot automatically. Defaults "
                    "to `false`. Not reported by the API; changing it buys "
                    "a new slot."),
      Attr("keep_on_destroy", Type::Bool())
          .Optional()
          .Computed()
          .Default(Value::Bool(false))
          .Describe("When `true`, destroying the resource only removes it "
                    "from Terraform and the slot stays in the Gandi account. "
                    "Needed for slots that cannot be refunded. Defaults to "
                    "`false`."),
      Attr("id", Type::String())
          .Computed()
          .Describe("The slot's number, as a string such as `\"123\"`."),
      Attr("status", Type::String())
          .Computed()
          .Describe("`active` or `inactive`."),
      Attr("capacity", Type::Number())
          .Computed()
          .Describe("Storage of a mailbox in this slot, in MB."),
      Attr("refundable", Type::Bool())
          .Computed()
          .Describe("Whether destroying the slot refunds it."),
      Attr("created_at", Type::String())
          .Computed()
          .Describe("When the slot was bought (RFC 3339)."),
      Attr("refund_amount", Type::Number())
          .Computed()
          .Describe("What a refund would give back now, in "
                    "`refund_currency`; null when not refundable."),
      Attr("refund_currency", Type::String())
          .Computed()
          .Describe("Currency of `refund_amount`, such as `EUR`."),
      TimeoutsAttribute({"create", "delete"}, kDefaultTimeout),
  };
}

std::shared_ptr<std::mutex> SlotResource::DomainLock(
    const std::string& domain) {
  std::lock_guard<std::mutex> guard(locks_mu_);
  std::shared_ptr<std::mutex>& lock = domain_locks_[domain];
  if (lock == nullptr) lock = std::make_shared<std::mutex>();
  return lock;
}

std::string PurchaseText(const Value& planned) {
  const Value& duration = planned.GetAttr("duration");
  const Value& type = planned.GetAttr("mailbox_type");
  const Value& domain = planned.GetAttr("domain");
  return absl::StrCat(
      type.IsKnown() ? type.AsString() : "(known after apply)", " slot for ",
      domain.IsKnown() ? domain.AsString() : "its domain",
      duration.IsKnown()
          ? absl::StrCat(", for ", duration.NumberString(), " months")
          : "");
}

void SlotResource::ModifyPlan(const tfplugin::PlanRequest& request,
                              tfplugin::PlanResponse* response) {
  const Value& prior = request.prior_state;
  const Value& planned = response->planned_state;
  if (prior.IsNull()) {
    response->diagnostics.AddWarning(
        "Plan Buys 1 Mailbox Slot",
        absl::StrCat("Applying this plan buys 1 new ", PurchaseText(planned),
                     ". Gandi bills the purchase to the account."));
    return;
  }

  // Purchase settings: a null prior (after import) takes the config's value
  // as it is, since the slot was bought with settings the API never tells;
  // a known one that changes can only be had by buying a new slot.
  std::vector<std::string> changed;
  for (const char* name : {"domain", "mailbox_type", "duration", "autorenew"}) {
    const Value& before = prior.GetAttr(name);
    if (before.IsNull() || before == planned.GetAttr(name)) continue;
    changed.push_back(name);
    if (std::string(name) == "duration" || std::string(name) == "autorenew")
      response->requires_replace.push_back(Path().Attr(name));
  }
  if (changed.empty()) return;

  std::string refund = "refunds the old slot, then buys";
  const Value& refundable = prior.GetAttr("refundable");
  if (!refundable.IsNull() && !refundable.AsBool() &&
      !prior.GetAttr("keep_on_destroy").AsBool()) {
    refund =
        "tries to refund the old slot, which is not refundable, so the "
        "destroy fails before anything is bought (set keep_on_destroy "
        "= true and apply first to keep it), then buys";
  }
  response->diagnostics.AddWarning(
      "Plan Buys 1 Mailbox Slot",
      absl::StrCat("Slot ", prior.GetAttr("id").AsString(), " of ",
                   prior.GetAttr("domain").AsString(),
                   " must be replaced because ", absl::StrJoin(changed, ", "),
                   " changed, and a bought slot's settings cannot change. "
                   "Applying this plan ",
                   refund, " 1 new ", PurchaseText(planned),
                   ", billed to the account."));
}

void SlotResource::Create(const ApplyRequest& request,
                          ApplyResponse* response) {
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  Purchase purchase = PurchaseFrom(request.planned_state);

  std::shared_ptr<std::mutex> lock = DomainLock(purchase.domain);
  std::lock_guard<std::mutex> guard(*lock);
  absl::StatusOr<std::vector<gandi::Slot>> before =
      api->gandi->ListSlots(purchase.domain);
  if (!before.ok()) {
    AddApiError(&response->diagnostics, "Unable to Buy Slot",
                absl::StrCat("Listing the slots of ", purchase.domain,
                             " before buying failed, so nothing was bought."),
                before.status());
    return;
  }
  purchase.ids_before = SlotIds(*before);
  // The wait for this purchase starts now, not while it queued behind
  // another purchase of the domain (which may have spent its own create
  // timeout looking for a slot whose answer was lost): a lost answer to
  // this one still gets its whole timeout to show.
  purchase.started_at = absl::Now();
  purchase.deadline =
      purchase.started_at +
      TimeoutFor(request.planned_state, "create", kDefaultTimeout);

  std::optional<int64_t> id =
      Buy(*api->gandi, purchase, &response->diagnostics);
  if (!id.has_value()) return;
  log::Info("bought a mailbox slot",
            {{"domain", purchase.domain}, {"slot_id", *id}});
  response->private_data = PrivateData(purchase, *id);
  response->new_state =
      BoughtState(*api->gandi, purchase, *id, request.planned_state,
                  &response->diagnostics);
}

void SlotResource::Update(const ApplyRequest& request,
                          ApplyResponse* response) {
  // Only settings Gandi does not hold change in place (keep_on_destroy,
  // timeouts, purchase settings adopted after import): nothing to send.
  response->new_state = request.planned_state;
}

void SlotResource::Refund(gandi::Client& client, const Value& prior,
                          Diagnostics* d) {
  const std::string domain = prior.GetAttr("domain").AsString();
  const int64_t id = SlotIdOf(prior).value_or(0);
  absl::StatusOr<gandi::Slot> slot = client.GetSlot(domain, id);
  if (absl::IsNotFound(slot.status())) return;
  if (!slot.ok()) {
    AddApiError(d, "Unable to Refund Slot",
                absl::StrCat("Reading slot ", id, " of ", domain,
                             " before refunding it failed; it is kept."),
                slot.status());
    return;
  }
  if (!slot->refundable) {
    d->AddError(
        "Slot Not Refundable",
        absl::StrCat("Slot ", id, " of ", domain,
                     " cannot be refunded, so "
                     "Terraform cannot destroy it. To stop managing it and "
                     "keep it in the Gandi account, set keep_on_destroy = "
                     "true, apply, then destroy again."));
    return;
  }

  absl::StatusOr<gandi::Acknowledgement> ack = client.RefundSlot(domain, id);
  if (absl::IsNotFound(ack.status())) return;
  if (!ack.ok()) {
    AddApiError(
        d, "Unable to Refund Slot",
        absl::StrCat("Gandi refused to refund slot ", id, " of ", domain,
                     ". A slot that holds a mailbox must be "
                     "emptied first: delete the mailbox."),
        ack.status());
    return;
  }
  WaitUntilRefunded(client, domain, id,
                    absl::Now() + TimeoutFor(prior, "delete", kDefaultTimeout),
                    d);
}

void SlotResource::Delete(const ApplyRequest& request,
                          ApplyResponse* response) {
  const Value& prior = request.prior_state;
  if (prior.GetAttr("keep_on_destroy").AsBool()) {
    response->diagnostics.AddWarning(
        "Slot Kept",
        absl::StrCat("Slot ", prior.GetAttr("id").AsString(), " of ",
                     prior.GetAttr("domain").AsString(),
                     " was removed from Terraform only (keep_on_destroy is "
                     "true); it stays in the Gandi account."));
    return;
  }
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api != nullptr) Refund(*api->gandi, prior, &response->diagnostics);
  // A failed destroy keeps the object in state.
  if (response->diagnostics.HasError()) response->new_state = prior;
}

void SlotResource::Read(const tfplugin::ReadRequest& request,
                        tfplugin::ReadResponse* response) {
  const Value& current = request.current_state;
  response->new_state = current;
  std::shared_ptr<const ApiHandle> api = api_->Api(&response->diagnostics);
  if (api == nullptr) return;
  std::optional<int64_t> id = SlotIdOf(current);
  const std::string domain = current.GetAttr("domain").AsString();
  if (!id.has_value()) {
    response->diagnostics.AddError(
        "Invalid Slot ID",
        absl::StrCat("The state of a slot of ", domain,
                     " holds no slot "
                     "number. This is a bug in the provider; remove the "
                     "resource from state and import it again."));
    return;
  }

  absl::StatusOr<gandi::Slot> slot = api->gandi->GetSlot(domain, *id);
  if (absl::IsNotFound(slot.status())) {
    response->new_state = Value::Null(schema_.ImpliedType());
    return;
  }
  if (!slot.ok()) {
    AddApiError(&response->diagnostics, "Unable to Read Slot",
                absl::StrCat("Reading slot ", *id, " of ", domain, " failed."),
                slot.status());
    return;
  }
  response->new_state =
      WithApiValues(current, *slot)
          .WithAttr("mailbox_type", Value::String(slot->mailbox_type));
}

void SlotResource::Import(const std::string& id,
                          tfplugin::ImportResponse* response) {
  std::optional<SlotImportId> parsed = ParseSlotImportId(id);
  if (!parsed.has_value()) {
    response->diagnostics.AddError(
        "Invalid Import ID",
        absl::StrCat("Expected an import ID of the form <domain>/<slot id>, "
                     "such as \"example.com/123\"; got \"",
                     id, "\"."));
    return;
  }
  // duration and autorenew stay null: the API cannot tell them, and the
  // next plan takes them from the configuration.
  Value state =
      Value::Null(schema_.ImpliedType())
          .WithAttr("domain", Value::String(parsed->domain))
          .WithAttr("id", Value::String(absl::StrCat(parsed->slot_id)))
          .WithAttr("keep_on_destroy", Value::Bool(false));
  response->objects.push_back({state, ""});
}

}  // namespace

std::optional<SlotImportId> ParseSlotImportId(const std::string& id) {
  size_t slash = id.find('/');
  if (slash == std::string::npos || slash == 0) return std::nullopt;
  SlotImportId parsed;
  parsed.domain = id.substr(0, slash);
  std::string number = id.substr(slash + 1);
  if (number.empty() ||
      !std::all_of(number.begin(), number.end(),
                   [](char c) { return c >= '0' && c <= '9'; }) ||
      !absl::SimpleAtoi(number, &parsed.slot_id) || parsed.slot_id <= 0) {
    return std::nullopt;
  }
  return parsed;
}

std::vector<int64_t> NewSlotIds(const std::vector<int64_t>& before_ids,
                                const std::vector<gandi::Slot>& after,
                                const std::string& mailbox_type) {
  std::vector<int64_t> ids;
  for (const gandi::Slot& slot : after) {
    if (slot.mailbox_type != mailbox_type) continue;
    if (std::find(before_ids.begin(), before_ids.end(), slot.id) !=
        before_ids.end()) {
      continue;
    }
    ids.push_back(slot.id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// `duration` is required but never reported by the API, so an imported
// slot has none: the generated configuration names the common 12 months,
// which only matters if the slot is ever bought again, and says so.
Value SlotResource::GenerateConfig(const Value& state,
                                   Diagnostics* diagnostics) {
  Value config = tfplugin::Resource::GenerateConfig(state, diagnostics);
  if (config.IsNull() || !config.GetAttr("duration").IsNull()) return config;
  diagnostics->AddWarning(
      "Slot Duration Assumed",
      absl::StrCat("The Gandi API does not report how long slot ",
                   state.GetAttr("id").AsString(),
                   " was bought for, so the generated configuration says "
                   "duration = 12. Importing records it without buying "
                   "anything. Set the months you bought before the first "
                   "apply: a later change of duration buys a new slot."),
      cty::Path().Attr("duration"));
  return config.WithAttr("duration", Value::Int(12));
}

std::shared_ptr<tfplugin::Resource> NewSlotResource(const ApiSource* api) {
  return std::make_shared<SlotResource>(api);
}

}  // namespace gandimail::resources
