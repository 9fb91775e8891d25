// Mailbox slots: list, buy, get, refund.
//
// Readings (README.md): a slot is bought with mailbox_type (the four stored
// types), duration 1 or 12 months and an optional autorenew boolean; it
// costs MonthlyPriceCents(type) x duration (402 when the credit is short),
// is active and refundable, and its refund gives the full price back.
// Seeded free slots are not refundable. A slot that holds a mailbox, or is
// not refundable, cannot be refunded (409). The list has Total-Count but no
// pagination, Link or CSV.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

Json SlotJson(Ctx& ctx, const std::string& domain, const Slot& s) {
  return {{"id", s.id},
          {"status", s.status},
          {"mailbox_type", s.mailbox_type},
          {"capacity", CapacityMb(s.mailbox_type)},
          {"refundable", s.refundable},
          {"href", ctx.BaseUrl() + SlotPath(domain, s.id)},
          {"created_at", TimeToString(s.created_at)}};
}

void ListSlots(Ctx& ctx, Store& store) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  Json body = Json::array();
  for (const auto& [id, s] : d->slots)
    body.push_back(SlotJson(ctx, d->name, s));
  ctx.res.set_header("Total-Count", std::to_string(d->slots.size()));
  ReplyJson(ctx.res, 200, body);
}

struct SlotOrder {
  std::string mailbox_type;
  int duration = 12;
  bool autorenew = false;
};

std::vector<FieldError> DecodeOrder(const Json& body, SlotOrder* order) {
  std::vector<FieldError> errors;
  BodyReader reader(body, "", &errors);
  std::optional<std::string> type = reader.String("mailbox_type", true);
  if (type && !IsStoredMailboxType(*type)) {
    reader.Error("mailbox_type",
                 "must be standard, premium, standard_2023 "
                 "or premium_2023");
  }
  std::optional<int64_t> duration = reader.Int("duration", true);
  if (duration && *duration != 1 && *duration != 12) {
    reader.Error("duration", "must be 1 or 12 (months)");
  }
  order->autorenew = reader.Bool("autorenew", false).value_or(false);
  reader.RejectUnknown();
  order->mailbox_type = type.value_or("");
  order->duration = static_cast<int>(duration.value_or(12));
  return errors;
}

void CreateSlot(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  SlotOrder order;
  std::vector<FieldError> errors = DecodeOrder(*body, &order);
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    int64_t price = MonthlyPriceCents(order.mailbox_type) * order.duration;
    if (price > d->credit_cents) {
      ReplyPaymentRequired(
          ctx.res, absl::StrFormat("Not enough prepaid credit: the slot costs "
                                   "%.2f EUR, the account holds %.2f EUR",
                                   CentsToAmount(price),
                                   CentsToAmount(d->credit_cents)));
      return false;
    }
    Slot s;
    s.id = world.next_slot_id++;
    s.mailbox_type = order.mailbox_type;
    s.refundable = true;
    s.created_at = absl::Now();
    s.duration = order.duration;
    s.autorenew = order.autorenew;
    s.price_cents = price;
    Domain* md = world.Mutable(d->name);
    md->credit_cents -= price;
    md->slots[s.id] = s;
    ReplyAccepted(ctx, 202, SlotPath(d->name, s.id),
                  "The slot is being created.");
    return true;
  });
}

// The slot named by {slot_id} in `d`; replies 404 when missing.
const Slot* FindSlot(Ctx& ctx, const Domain& d) {
  int64_t id = 0;
  if (absl::SimpleAtoi(ctx.Param("slot_id"), &id)) {
    auto it = d.slots.find(id);
    if (it != d.slots.end()) return &it->second;
  }
  ReplyError(ctx.res, 404, "No slot " + ctx.Param("slot_id") + " on " + d.name);
  return nullptr;
}

void GetSlot(Ctx& ctx, Store& store) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  const Slot* s = FindSlot(ctx, *d);
  if (s == nullptr) return;
  Json body = SlotJson(ctx, d->name, *s);
  if (s->refundable) {
    body["refund_amount"] = CentsToAmount(s->price_cents);
    body["refund_currency"] = "EUR";
  }
  ReplyJson(ctx.res, 200, body);
}

// Replies 409 and returns false when `s` cannot be refunded.
bool RefundableOrReply(Ctx& ctx, const Slot& s) {
  std::string why;
  if (!s.refundable) {
    why = absl::StrCat("Slot ", s.id, " is not refundable");
  } else if (!s.mailbox_id.empty()) {
    why = absl::StrCat("Slot ", s.id, " holds mailbox ", s.mailbox_id,
                       "; delete the mailbox first");
  } else {
    return true;
  }
  ReplyError(ctx.res, 409, why);
  return false;
}

void RefundSlot(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    const Slot* s = FindSlot(ctx, *d);
    if (s == nullptr || !RefundableOrReply(ctx, *s)) return false;
    int64_t id = s->id;
    Domain* md = world.Mutable(d->name);
    md->credit_cents += md->slots[id].price_cents;
    md->slots.erase(id);
    ReplyAccepted(ctx, 202, SlotPath(d->name, id),
                  "The slot is being refunded.");
    return true;
  });
}

}  // namespace

std::string SlotPath(const std::string& domain, int64_t id) {
  return absl::StrCat("/v5/email/slots/", domain, "/", id);
}

void AddSlotRoutes(Router& router, Store& store) {
  const std::string list = "/v5/email/slots/{domain}";
  const std::string one = "/v5/email/slots/{domain}/{slot_id}";
  router.Add("GET", list, [&store](Ctx& c) { ListSlots(c, store); });
  router.Add("POST", list, [&store](Ctx& c) { CreateSlot(c, store); });
  router.Add("GET", one, [&store](Ctx& c) { GetSlot(c, store); });
  router.Add("DELETE", one, [&store](Ctx& c) { RefundSlot(c, store); });
}

}  // namespace gandimail::sandbox
