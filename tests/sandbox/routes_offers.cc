// The domain offer: GET and PATCH /v5/email/offers/{domain}.
//
// Readings (README.md): GET's antispam is derived from the mailboxes while
// the domain has any ("mixed" when they differ), else it is the stored
// domain value. PATCH needs both antispam and dkim, each active|inactive,
// and sets every mailbox's antispam to the new value.
#include "tests/sandbox/routes.h"

namespace gandimail::sandbox {
namespace {

std::string OfferPath(const std::string& domain) {
  return "/v5/email/offers/" + domain;
}

void GetOffer(Ctx& ctx, Store& store) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  ReplyJson(ctx.res, 200,
            {{"status", d->offer.status},
             {"version", d->offer.version},
             {"antispam", OfferAntispam(*d)},
             {"dkim", d->offer.dkim}});
}

std::optional<std::string> Switch(BodyReader& reader, const char* key) {
  std::optional<std::string> v = reader.String(key, true);
  if (v && *v != "active" && *v != "inactive") {
    reader.Error(key, "must be active or inactive");
    return std::nullopt;
  }
  return v;
}

void PatchOffer(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  std::vector<FieldError> errors;
  BodyReader reader(*body, "", &errors);
  std::optional<std::string> antispam = Switch(reader, "antispam");
  std::optional<std::string> dkim = Switch(reader, "dkim");
  reader.RejectUnknown();
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    Domain* md = world.Mutable(d->name);
    md->offer.antispam = *antispam;
    md->offer.dkim = *dkim;
    for (auto& [id, m] : md->mailboxes) m.antispam = *antispam == "active";
    ReplyAccepted(ctx, 202, OfferPath(d->name),
                  "The email offer is being updated.");
    return true;
  });
}

}  // namespace

void AddOfferRoutes(Router& router, Store& store) {
  const std::string path = "/v5/email/offers/{domain}";
  router.Add("GET", path, [&store](Ctx& c) { GetOffer(c, store); });
  router.Add("PATCH", path, [&store](Ctx& c) { PatchOffer(c, store); });
}

}  // namespace gandimail::sandbox
