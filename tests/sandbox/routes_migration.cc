// Migration from packmail: GET details, POST launch.
//
// Readings (README.md): every domain answers GET; only a packmail domain is
// "available" and has a token (a domain not on packmail gets available
// false and token ""). POST needs that token (400 otherwise) on a packmail
// domain (409 otherwise); it moves the domain off packmail (offer version 2)
// and the token stops working. Prices are the sandbox's price table; quotas
// and usage are in KB (slot capacity x 1024).
#include "absl/strings/str_cat.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

// The yearly packmail price the sandbox charges before migration.
constexpr int64_t kPackmailYearCents = 1200;

std::string MigrationPath(const std::string& domain) {
  return "/v5/email/migration/" + domain;
}

Json MigrationDetails(const Domain& d) {
  Json info = Json::array();
  int64_t price_v2 = 0, quota_v1 = 0, usage_v1 = 0, free = 0;
  for (const auto& [id, m] : d.mailboxes) {
    int64_t month = MonthlyPriceCents(m.mailbox_type);
    int64_t quota = CapacityMb(m.mailbox_type) * 1024;
    info.push_back({{"login", m.login},
                    {"offer_v2", m.mailbox_type},
                    {"price_v2", CentsToAmount(month * 12)},
                    {"price_v2_m", CentsToAmount(month)},
                    {"quota", quota},
                    {"quota_v2", quota},
                    {"usage", m.quota_used}});
    price_v2 += month * 12;
    quota_v1 += quota;
    usage_v1 += m.quota_used;
  }
  for (const auto& [id, s] : d.slots) {
    if (s.status == "active" && s.mailbox_id.empty()) ++free;
  }
  return {{"available", d.packmail},
          {"packmail", d.packmail},
          {"included_mailboxes", d.included_mailboxes},
          {"free_mailboxes", free},
          {"forward_count", d.forwards.size()},
          {"info", info},
          {"currency", "EUR"},
          {"price_v1", CentsToAmount(d.packmail ? kPackmailYearCents : 0)},
          {"price_v2", CentsToAmount(price_v2)},
          {"quota_v1", quota_v1},
          {"usage_v1", usage_v1},
          {"token", d.migration_token}};
}

void GetMigration(Ctx& ctx, Store& store) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  ReplyJson(ctx.res, 200, MigrationDetails(*d));
}

void LaunchMigration(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  std::vector<FieldError> errors;
  BodyReader reader(*body, "", &errors);
  std::optional<std::string> token = reader.String("token", true);
  reader.RejectUnknown();
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    if (!d->packmail) {
      ReplyError(ctx.res, 409, d->name + " is not on the packmail offer");
      return false;
    }
    if (*token != d->migration_token) {
      ReplyInvalid(
          ctx, false,
          {{"body", "token", "does not match the token of GET /migration"}});
      return false;
    }
    Domain* md = world.Mutable(d->name);
    md->packmail = false;
    md->migration_token.clear();
    md->offer.version = 2;
    ReplyAccepted(ctx, 202, MigrationPath(d->name),
                  "The migration has been launched.");
    return true;
  });
}

}  // namespace

void AddMigrationRoutes(Router& router, Store& store) {
  const std::string path = "/v5/email/migration/{domain}";
  router.Add("GET", path, [&store](Ctx& c) { GetMigration(c, store); });
  router.Add("POST", path, [&store](Ctx& c) { LaunchMigration(c, store); });
}

}  // namespace gandimail::sandbox
