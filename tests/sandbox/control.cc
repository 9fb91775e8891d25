// The control API under /_sandbox/: no Authorization, JSON bodies. Tests and
// checkers use it to make domains, inject faults and read the real state.
//
// Readings (README.md): reset also clears the fault rules and the request
// counts. A new domain's credit defaults to 0 and packmail to false.
// GET /_sandbox/state shows the committed state (including writes not yet
// visible through the API); ?view=visible shows what API reads see.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

std::string CheckDomainName(const std::string& name) {
  if (name.empty() || name.size() > 253) return "must be 1-253 characters";
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' &&
        c != '.') {
      return "may hold only lower-case letters, digits, '-' and '.'";
    }
  }
  if (!absl::StrContains(name, '.') || name.front() == '.' ||
      name.back() == '.' || absl::StrContains(name, "..")) {
    return "must be a domain name such as example.com";
  }
  return "";
}

struct DomainOrder {
  std::string name;
  std::map<std::string, int> free_slots;
  int64_t credit_cents = 0;
  bool packmail = false;
};

std::vector<FieldError> DecodeDomain(const Json& body, DomainOrder* order) {
  std::vector<FieldError> errors;
  BodyReader reader(body, "", &errors);
  order->name = reader.String("name", true).value_or("");
  if (body.contains("name") && !CheckDomainName(order->name).empty()) {
    reader.Error("name", CheckDomainName(order->name));
  }
  if (const Json* slots = reader.Object("free_slots", false)) {
    for (const auto& [type, count] : slots->items()) {
      if (!IsStoredMailboxType(type) || !count.is_number_integer() ||
          count.get<int64_t>() < 0 || count.get<int64_t>() > 10000) {
        reader.Error("free_slots/" + type,
                     "must be a stored mailbox type with a count 0-10000");
        continue;
      }
      order->free_slots[type] = count.get<int>();
    }
  }
  std::optional<double> credit = reader.Number("credit", false);
  if (credit && *credit < 0) reader.Error("credit", "must be >= 0");
  order->credit_cents = AmountToCents(credit.value_or(0.0));
  order->packmail = reader.Bool("packmail", false).value_or(false);
  reader.RejectUnknown();
  return errors;
}

void AddDomain(Ctx& ctx, Store& store) {
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  DomainOrder order;
  std::vector<FieldError> errors = DecodeDomain(*body, &order);
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  bool added = store.AddDomain(order.name, [&](int64_t* next_slot_id) {
    return NewDomain(order.name, order.credit_cents, order.packmail,
                     order.free_slots, next_slot_id);
  });
  if (!added) {
    ReplyError(ctx.res, 409, "The domain " + order.name + " already exists");
    return;
  }
  Json state = WorldToJson(*store.Committed());
  ReplyJson(ctx.res, 201, state["domains"][order.name]);
}

void PutFaults(Ctx& ctx, Faults& faults) {
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  absl::Status status = faults.Set(*body);
  if (!status.ok()) {
    ReplyError(ctx.res, 400, std::string(status.message()),
               {{"body", "", std::string(status.message())}});
    return;
  }
  ReplyJson(ctx.res, 200, faults.ToJson());
}

void GetState(Ctx& ctx, Store& store) {
  bool visible = ctx.req.get_param_value("view") == "visible";
  ReplyJson(ctx.res, 200,
            WorldToJson(visible ? *store.Visible() : *store.Committed()));
}

}  // namespace

void AddControlRoutes(Router& router, Store& store, Faults& faults,
                      RequestCounter& counter) {
  router.Add("POST", "/_sandbox/reset", [&](Ctx& c) {
    store.Reset();
    faults.Clear();
    counter.Clear();
    ReplyJson(c.res, 200, {{"message", "The sandbox was reset."}});
  });
  router.Add("POST", "/_sandbox/domains",
             [&store](Ctx& c) { AddDomain(c, store); });
  router.Add("GET", "/_sandbox/faults",
             [&faults](Ctx& c) { ReplyJson(c.res, 200, faults.ToJson()); });
  router.Add("PUT", "/_sandbox/faults",
             [&faults](Ctx& c) { PutFaults(c, faults); });
  router.Add("DELETE", "/_sandbox/faults", [&faults](Ctx& c) {
    faults.Clear();
    ReplyJson(c.res, 200, faults.ToJson());
  });
  router.Add("GET", "/_sandbox/state",
             [&store](Ctx& c) { GetState(c, store); });
  router.Add("GET", "/_sandbox/requests",
             [&counter](Ctx& c) { ReplyJson(c.res, 200, counter.ToJson()); });
  router.Add("DELETE", "/_sandbox/requests", [&counter](Ctx& c) {
    counter.Clear();
    ReplyJson(c.res, 200, counter.ToJson());
  });
}

}  // namespace gandimail::sandbox
