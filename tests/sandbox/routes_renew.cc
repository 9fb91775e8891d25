// Renewals: one mailbox, or every mailbox of a domain. Both spend prepaid
// credit and support Dry-Run.
//
// Readings (README.md): {email} takes the full address or the mailbox UUID
// (a bare login is 404). Renew all takes an optional {"duration": 1|12}
// (default 12) and an optional sharing_id, and like renew one answers 402
// when the credit is short. A renewal extends expires_at from the later of
// now and the current expiry, and clears to_convert.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

std::string Euros(int64_t cents) {
  return absl::StrFormat("%.2f EUR", CentsToAmount(cents));
}

// Reads {"duration": 1|12}; `required` false makes 12 the default.
std::optional<int> DecodeDuration(const Json& body, bool required,
                                  bool allow_sharing_id,
                                  std::vector<FieldError>* errors) {
  BodyReader reader(body, "", errors);
  std::optional<int64_t> duration = reader.Int("duration", required);
  if (duration && *duration != 1 && *duration != 12) {
    reader.Error("duration", "must be 1 or 12");
  }
  if (allow_sharing_id) reader.String("sharing_id", false);
  reader.RejectUnknown();
  if (!errors->empty()) return std::nullopt;
  return static_cast<int>(duration.value_or(12));
}

// The mailbox that {email} names in `d`: a full address of this domain, or
// a mailbox id. Replies 404 when there is none.
const Mailbox* FindByEmail(Ctx& ctx, const Domain& d) {
  const std::string& key = ctx.Param("email");
  size_t at = key.find('@');
  const Mailbox* m = nullptr;
  if (at == std::string::npos) {
    auto it = d.mailboxes.find(key);
    if (it != d.mailboxes.end()) m = &it->second;
  } else if (absl::EqualsIgnoreCase(key.substr(at + 1), d.name)) {
    m = d.FindLogin(key.substr(0, at));
  }
  if (m == nullptr) {
    ReplyError(ctx.res, 404, "No mailbox " + key + " on " + d.name);
  }
  return m;
}

void Renew(Mailbox& m, int months) {
  m.expires_at = AddMonths(std::max(m.expires_at, absl::Now()), months);
  m.to_convert = false;
}

// With Dry-Run, or when the credit is short, answers and returns false.
bool AffordOrReply(Ctx& ctx, bool dry, const Domain& d, int64_t cost) {
  if (cost > d.credit_cents) {
    ReplyUnavailable(ctx, dry, 402,
                     {{"body", "duration",
                       absl::StrCat("not enough prepaid credit: the renewal "
                                    "costs ",
                                    Euros(cost), ", the account holds ",
                                    Euros(d.credit_cents))}});
    return false;
  }
  if (dry) {
    ReplyDryRunSuccess(ctx, "");
    return false;
  }
  return true;
}

void RenewOne(Ctx& ctx, Store& store) {
  std::optional<bool> dry = ParseDryRun(ctx, true);
  if (!dry) return;
  std::optional<Json> body = ParseJsonObject(ctx, *dry);
  if (!body) return;
  std::vector<FieldError> errors;
  std::optional<int> months = DecodeDuration(*body, true, false, &errors);
  if (!months) return ReplyInvalid(ctx, *dry, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    const Mailbox* m = FindByEmail(ctx, *d);
    if (m == nullptr) return false;
    int64_t cost = MonthlyPriceCents(m->mailbox_type) * *months;
    if (!AffordOrReply(ctx, *dry, *d, cost)) return false;

    Domain* md = world.Mutable(d->name);
    md->credit_cents -= cost;
    Renew(md->mailboxes[m->id], *months);
    ReplyAccepted(ctx, 202, MailboxPath(d->name, m->id),
                  "The mailbox is being renewed.");
    return true;
  });
}

void RenewAll(Ctx& ctx, Store& store) {
  std::optional<bool> dry = ParseDryRun(ctx, true);
  if (!dry) return;
  std::optional<Json> body = ParseJsonObject(ctx, *dry, /*empty_ok=*/true);
  if (!body) return;
  std::vector<FieldError> errors;
  std::optional<int> months = DecodeDuration(*body, false, true, &errors);
  if (!months) return ReplyInvalid(ctx, *dry, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    int64_t cost = 0;
    for (const auto& [id, m] : d->mailboxes) {
      cost += MonthlyPriceCents(m.mailbox_type) * *months;
    }
    if (!AffordOrReply(ctx, *dry, *d, cost)) return false;

    Domain* md = world.Mutable(d->name);
    md->credit_cents -= cost;
    for (auto& [id, m] : md->mailboxes) Renew(m, *months);
    ReplyAccepted(ctx, 202, "/v5/email/mailboxes/" + d->name,
                  "The mailboxes are being renewed.");
    return true;
  });
}

}  // namespace

void AddRenewRoutes(Router& router, Store& store) {
  router.Add("POST", "/v5/email/mailboxes/{domain}/renew",
             [&store](Ctx& c) { RenewAll(c, store); });
  router.Add("POST", "/v5/email/mailboxes/{domain}/{email}/renew",
             [&store](Ctx& c) { RenewOne(c, store); });
}

}  // namespace gandimail::sandbox
