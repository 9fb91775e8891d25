// Mailboxes: list (with filters), create (Dry-Run), get, patch, delete and
// purge contents.
//
// Readings (README.md): a mailbox needs an active unused slot of exactly its
// type (deprecated *_new names count as their 2023 type), else 409; a login
// in use is 409. PATCH login renames. PATCH mailbox_type moves the slot to
// the new type and scales the remaining time by the ratio of monthly prices.
// PATCH responder replaces the whole responder. Unknown body fields are 400.
// "<created_at" compares with the mailbox's own creation time.
#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

Json AutorenewJson(const Autorenew& a) {
  return {
      {"enabled", a.enabled}, {"duration", a.duration}, {"duration_type", "m"}};
}

// Fields the list item and the detail share.
Json MailboxCommon(Ctx& ctx, const Domain& d, const Mailbox& m) {
  return {{"id", m.id},
          {"login", m.login},
          {"domain", d.name},
          {"address", absl::StrCat(m.login, "@", d.name)},
          {"mailbox_type", m.mailbox_type},
          {"quota_used", m.quota_used},
          {"alias_count", m.aliases.size()},
          {"antispam", m.antispam},
          {"href", ctx.BaseUrl() + MailboxPath(d.name, m.id)},
          {"expires_at", TimeToString(m.expires_at)},
          {"autorenew", AutorenewJson(m.autorenew)}};
}

Json MailboxDetail(Ctx& ctx, const Domain& d, const Mailbox& m) {
  Json j = MailboxCommon(ctx, d, m);
  Json responder = {{"enabled", m.responder.enabled},
                    {"message", m.responder.message}};
  if (m.responder.starts_at) {
    responder["starts_at"] = TimeToString(*m.responder.starts_at);
  }
  if (m.responder.ends_at) {
    responder["ends_at"] = TimeToString(*m.responder.ends_at);
  }
  j["aliases"] = m.aliases;
  j["fallback_email"] = m.fallback_email;
  j["responder"] = responder;
  return j;
}

// The list filters, parsed once per request.
struct MailboxFilter {
  std::optional<std::string> login;
  std::optional<std::string> login_pattern;
  std::optional<absl::Time> created_before;
  std::optional<bool> antispam;
  std::optional<std::string> mailbox_type;

  bool Matches(const Mailbox& m) const {
    return (!login || m.login == *login) &&
           (!login_pattern || GlobMatch(*login_pattern, m.login)) &&
           (!created_before || m.created_at < *created_before) &&
           (!antispam || m.antispam == *antispam) &&
           (!mailbox_type || m.mailbox_type == *mailbox_type);
  }
};

std::optional<MailboxFilter> ParseFilter(Ctx& ctx) {
  MailboxFilter f;
  std::vector<FieldError> errors;
  auto param = [&](const char* name) -> std::optional<std::string> {
    if (!ctx.req.has_param(name)) return std::nullopt;
    return ctx.req.get_param_value(name);
  };
  f.login = param("login");
  f.login_pattern = param("~login");
  if (auto v = param("<created_at")) {
    f.created_before = ParseDateTime(*v);
    if (!f.created_before) {
      errors.push_back(
          {"querystring", "<created_at", "must be an RFC 3339 date-time"});
    }
  }
  if (auto v = param("antispam")) {
    std::string lower = absl::AsciiStrToLower(*v);
    if (lower == "true" || lower == "false") {
      f.antispam = lower == "true";
    } else {
      errors.push_back({"querystring", "antispam", "must be true or false"});
    }
  }
  f.mailbox_type = param("mailbox_type");
  if (f.mailbox_type && !IsStoredMailboxType(*f.mailbox_type)) {
    errors.push_back({"querystring", "mailbox_type",
                      "must be standard, premium, standard_2023 or "
                      "premium_2023"});
  }
  if (errors.empty()) return f;
  ReplyInvalid(ctx, false, errors);
  return std::nullopt;
}

void WriteMailboxesCsv(Ctx& ctx, const Domain& d,
                       const std::vector<const Mailbox*>& items, size_t begin,
                       size_t end) {
  std::string csv =
      "id,login,domain,address,mailbox_type,quota_used,alias_count,antispam,"
      "href,expires_at,to_convert,autorenew_enabled,autorenew_duration,"
      "autorenew_duration_type\r\n";
  for (size_t i = begin; i < end; ++i) {
    const Mailbox& m = *items[i];
    absl::StrAppend(&csv, m.id, ",", CsvField(m.login), ",", d.name, ",",
                    CsvField(absl::StrCat(m.login, "@", d.name)), ",",
                    m.mailbox_type, ",", m.quota_used, ",", m.aliases.size(),
                    ",", m.antispam ? "true" : "false", ",");
    absl::StrAppend(&csv, ctx.BaseUrl(), MailboxPath(d.name, m.id), ",",
                    TimeToString(m.expires_at), ",",
                    m.to_convert ? "true" : "false", ",",
                    m.autorenew.enabled ? "true" : "false", ",",
                    m.autorenew.duration, ",m\r\n");
  }
  ctx.res.status = 200;
  ctx.res.set_content(csv, "text/csv");
}

void ListMailboxes(Ctx& ctx, Store& store, const ApiOptions& options) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  std::optional<PageRequest> page = ParsePaging(ctx, options.page_size);
  if (!page) return;
  std::optional<MailboxFilter> filter = ParseFilter(ctx);
  if (!filter) return;

  std::vector<const Mailbox*> items;
  for (const auto& [id, m] : d->mailboxes) {
    if (filter->Matches(m)) items.push_back(&m);
  }
  std::sort(items.begin(), items.end(), [](const Mailbox* a, const Mailbox* b) {
    return a->login < b->login;
  });
  SetPageHeaders(ctx, items.size(), *page);
  auto [begin, end] = PageRange(items.size(), *page);

  if (WantsCsv(ctx)) return WriteMailboxesCsv(ctx, *d, items, begin, end);
  Json body = Json::array();
  for (size_t i = begin; i < end; ++i) {
    Json item = MailboxCommon(ctx, *d, *items[i]);
    item["to_convert"] = items[i]->to_convert;
    body.push_back(item);
  }
  ReplyJson(ctx.res, 200, body);
}

void CheckAliasList(const Json* list, std::vector<std::string>* out,
                    std::vector<FieldError>* errors) {
  if (list == nullptr) return;
  std::set<std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    std::string why = item.is_string() ? CheckAlias(item.get<std::string>())
                                       : "must be a string";
    if (why.empty() && !seen.insert(item.get<std::string>()).second) {
      why = "is listed twice";
    }
    if (!why.empty()) {
      errors->push_back({"body", absl::StrCat("aliases/", i), why});
    } else {
      out->push_back(item.get<std::string>());
    }
  }
}

void CheckPasswordField(BodyReader& reader, bool required,
                        std::optional<std::string>* password) {
  *password = reader.String("password", required);
  if (*password && !CheckPassword(**password).empty()) {
    reader.Error("password", CheckPassword(**password));
  }
}

struct MailboxCreate {
  std::string login;
  std::string mailbox_type;
  bool deprecated_type = false;
  std::string password;
  std::vector<std::string> aliases;
  bool antispam = true;
};

std::vector<FieldError> DecodeCreate(const Json& body, MailboxCreate* in) {
  std::vector<FieldError> errors;
  BodyReader reader(body, "", &errors);
  std::optional<std::string> login = reader.String("login", true);
  if (login && !CheckLogin(*login).empty()) {
    reader.Error("login", CheckLogin(*login));
  }
  std::optional<std::string> type = reader.String("mailbox_type", true);
  std::optional<std::string> stored;
  if (type) stored = NormalizeCreateType(*type, &in->deprecated_type);
  if (type && !stored) {
    reader.Error("mailbox_type",
                 "must be standard, premium, standard_2023, premium_2023 "
                 "(or the deprecated standard_new, premium_new)");
  }
  std::optional<std::string> password;
  CheckPasswordField(reader, true, &password);
  CheckAliasList(reader.Array("aliases", false), &in->aliases, &errors);
  in->antispam = reader.Bool("antispam", false).value_or(true);
  reader.RejectUnknown();

  in->login = login.value_or("");
  in->mailbox_type = stored.value_or("");
  in->password = password.value_or("");
  return errors;
}

// The state-dependent refusals of a create: login taken, no free slot.
std::vector<FieldError> CreateConflicts(const Domain& d,
                                        const MailboxCreate& in) {
  std::vector<FieldError> errors;
  if (d.FindLogin(in.login) != nullptr) {
    errors.push_back(
        {"body", "login",
         "the address " + in.login + "@" + d.name + " is already in use"});
  }
  if (d.FindFreeSlot(in.mailbox_type) == nullptr) {
    errors.push_back({"body", "mailbox_type",
                      "no free " + in.mailbox_type + " slot on " + d.name +
                          "; buy one first"});
  }
  return errors;
}

Mailbox NewMailbox(const MailboxCreate& in, const Slot& slot) {
  Mailbox m;
  m.id = NewUuid();
  m.login = in.login;
  m.mailbox_type = in.mailbox_type;
  m.password_sha256 = Sha256Hex(in.password);
  m.aliases = in.aliases;
  m.antispam = in.antispam;
  m.autorenew = {slot.autorenew, slot.duration == 1 ? 1 : 12};
  m.created_at = absl::Now();
  m.expires_at = AddMonths(slot.created_at, slot.duration);
  m.slot_id = slot.id;
  return m;
}

void CreateMailbox(Ctx& ctx, Store& store) {
  std::optional<bool> dry = ParseDryRun(ctx, true);
  if (!dry) return;
  std::optional<Json> body = ParseJsonObject(ctx, *dry);
  if (!body) return;
  MailboxCreate in;
  std::vector<FieldError> errors = DecodeCreate(*body, &in);
  if (!errors.empty()) return ReplyInvalid(ctx, *dry, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    std::vector<FieldError> conflicts = CreateConflicts(*d, in);
    if (!conflicts.empty()) {
      ReplyUnavailable(ctx, *dry, 409, conflicts);
      return false;
    }
    if (*dry) {
      ReplyDryRunSuccess(ctx, in.deprecated_type
                                  ? "299 - \"deprecated mailbox_type; use " +
                                        in.mailbox_type + "\""
                                  : "");
      return false;
    }
    Domain* md = world.Mutable(d->name);
    Slot& slot = md->slots[md->FindFreeSlot(in.mailbox_type)->id];
    Mailbox m = NewMailbox(in, slot);
    slot.mailbox_id = m.id;
    md->mailboxes[m.id] = m;
    ReplyAccepted(ctx, 202, MailboxPath(d->name, m.id),
                  "The mailbox is being created.");
    return true;
  });
}

// The mailbox named by {mailbox_id} in `d`; replies 404 when missing.
const Mailbox* FindMailbox(Ctx& ctx, const Domain& d) {
  auto it = d.mailboxes.find(ctx.Param("mailbox_id"));
  if (it != d.mailboxes.end()) return &it->second;
  ReplyError(ctx.res, 404,
             "No mailbox " + ctx.Param("mailbox_id") + " on " + d.name);
  return nullptr;
}

void GetMailbox(Ctx& ctx, Store& store) {
  auto world = store.Visible();
  const Domain* d = RequireDomain(ctx, *world);
  if (d == nullptr) return;
  const Mailbox* m = FindMailbox(ctx, *d);
  if (m == nullptr) return;
  ReplyJson(ctx.res, 200, MailboxDetail(ctx, *d, *m));
}

struct MailboxPatch {
  std::optional<std::vector<std::string>> aliases;
  std::optional<bool> antispam;
  std::optional<Autorenew> autorenew;
  std::optional<std::string> login;
  std::optional<std::string> mailbox_type;
  std::optional<std::string> password;
  std::optional<Responder> responder;
};

std::optional<absl::Time> TimeField(BodyReader& reader, const char* key) {
  std::optional<std::string> text = reader.String(key, false);
  if (!text) return std::nullopt;
  std::optional<absl::Time> t = ParseDateTime(*text);
  if (!t) reader.Error(key, "must be an RFC 3339 date-time");
  return t;
}

std::optional<Responder> DecodeResponder(const Json* j,
                                         std::vector<FieldError>* errors) {
  if (j == nullptr) return std::nullopt;
  size_t before = errors->size();
  BodyReader reader(*j, "responder/", errors);
  Responder r;
  r.enabled = reader.Bool("enabled", false).value_or(false);
  r.message = reader.String("message", false).value_or("");
  r.starts_at = TimeField(reader, "starts_at");
  r.ends_at = TimeField(reader, "ends_at");
  if (r.starts_at && r.ends_at && *r.ends_at <= *r.starts_at) {
    reader.Error("ends_at", "must be after starts_at");
  }
  reader.RejectUnknown();
  if (errors->size() != before) return std::nullopt;
  return r;
}

std::optional<Autorenew> DecodeAutorenew(const Json* j,
                                         std::vector<FieldError>* errors) {
  if (j == nullptr) return std::nullopt;
  BodyReader reader(*j, "autorenew/", errors);
  std::optional<bool> activated = reader.Bool("activated", true);
  int64_t duration = reader.Int("duration", true).value_or(0);
  bool duration_ok = duration == 1 || duration == 12;
  if (j->contains("duration") && (*j)["duration"].is_number_integer() &&
      !duration_ok) {
    reader.Error("duration", "must be 1 or 12");
  }
  reader.RejectUnknown();
  if (!activated || !duration_ok) return std::nullopt;
  return Autorenew{*activated, static_cast<int>(duration)};
}

std::vector<FieldError> DecodePatch(const Json& body, MailboxPatch* in) {
  std::vector<FieldError> errors;
  BodyReader reader(body, "", &errors);
  if (const Json* list = reader.Array("aliases", false)) {
    in->aliases.emplace();
    CheckAliasList(list, &*in->aliases, &errors);
  }
  in->antispam = reader.Bool("antispam", false);
  in->autorenew = DecodeAutorenew(reader.Object("autorenew", false), &errors);
  in->login = reader.String("login", false);
  if (in->login && !CheckLogin(*in->login).empty()) {
    reader.Error("login", CheckLogin(*in->login));
  }
  in->mailbox_type = reader.String("mailbox_type", false);
  if (in->mailbox_type && !IsPatchMailboxType(*in->mailbox_type)) {
    reader.Error("mailbox_type",
                 "can only move to standard_2023 or "
                 "premium_2023");
  }
  CheckPasswordField(reader, false, &in->password);
  in->responder = DecodeResponder(reader.Object("responder", false), &errors);
  reader.RejectUnknown();
  return errors;
}

// Moves `m` (and its slot) to `type`; the time left is scaled by the ratio
// of the monthly prices, so the money already paid buys the same value.
void ChangeType(Domain& d, Mailbox& m, const std::string& type) {
  if (m.mailbox_type == type) return;
  absl::Time now = absl::Now();
  if (m.expires_at > now) {
    double ratio = static_cast<double>(MonthlyPriceCents(m.mailbox_type)) /
                   static_cast<double>(MonthlyPriceCents(type));
    m.expires_at =
        now + absl::Trunc((m.expires_at - now) * ratio, absl::Seconds(1));
  }
  m.mailbox_type = type;
  auto slot = d.slots.find(m.slot_id);
  if (slot != d.slots.end()) slot->second.mailbox_type = type;
}

void ApplyPatch(const MailboxPatch& in, Domain& d, Mailbox& m) {
  if (in.aliases) m.aliases = *in.aliases;
  if (in.antispam) m.antispam = *in.antispam;
  if (in.autorenew) m.autorenew = *in.autorenew;
  if (in.login) m.login = *in.login;
  if (in.mailbox_type) ChangeType(d, m, *in.mailbox_type);
  if (in.password) m.password_sha256 = Sha256Hex(*in.password);
  if (in.responder) m.responder = *in.responder;
}

void PatchMailbox(Ctx& ctx, Store& store) {
  if (!ParseDryRun(ctx, false)) return;
  std::optional<Json> body = ParseJsonObject(ctx, false);
  if (!body) return;
  MailboxPatch in;
  std::vector<FieldError> errors = DecodePatch(*body, &in);
  if (!errors.empty()) return ReplyInvalid(ctx, false, errors);

  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    const Mailbox* m = FindMailbox(ctx, *d);
    if (m == nullptr) return false;
    const Mailbox* other = in.login ? d->FindLogin(*in.login) : nullptr;
    if (other != nullptr && other->id != m->id) {
      ReplyError(
          ctx.res, 409,
          "The address " + *in.login + "@" + d->name + " is already in use",
          {{"body", "login", "already in use"}});
      return false;
    }
    Domain* md = world.Mutable(d->name);
    ApplyPatch(in, *md, md->mailboxes[m->id]);
    ReplyAccepted(ctx, 202, MailboxPath(d->name, m->id),
                  "The mailbox is being updated.");
    return true;
  });
}

void DeleteMailbox(Ctx& ctx, Store& store, bool contents_only) {
  if (!ParseDryRun(ctx, false)) return;
  store.Write([&](World& world) {
    const Domain* d = RequireDomain(ctx, world);
    if (d == nullptr) return false;
    const Mailbox* m = FindMailbox(ctx, *d);
    if (m == nullptr) return false;
    std::string id = m->id;
    Domain* md = world.Mutable(d->name);
    if (contents_only) {
      md->mailboxes[id].quota_used = 0;
    } else {
      auto slot = md->slots.find(md->mailboxes[id].slot_id);
      if (slot != md->slots.end()) slot->second.mailbox_id.clear();
      md->mailboxes.erase(id);
    }
    ReplyAccepted(ctx, 202, MailboxPath(d->name, id),
                  contents_only ? "The mailbox contents are being purged."
                                : "The mailbox is being deleted.");
    return true;
  });
}

}  // namespace

std::string MailboxPath(const std::string& domain, const std::string& id) {
  return absl::StrCat("/v5/email/mailboxes/", domain, "/", id);
}

void AddMailboxRoutes(Router& router, Store& store, const ApiOptions& options) {
  const std::string list = "/v5/email/mailboxes/{domain}";
  const std::string one = "/v5/email/mailboxes/{domain}/{mailbox_id}";
  router.Add("GET", list,
             [&store, options](Ctx& c) { ListMailboxes(c, store, options); });
  router.Add("POST", list, [&store](Ctx& c) { CreateMailbox(c, store); });
  router.Add("GET", one, [&store](Ctx& c) { GetMailbox(c, store); });
  router.Add("PATCH", one, [&store](Ctx& c) { PatchMailbox(c, store); });
  router.Add("DELETE", one,
             [&store](Ctx& c) { DeleteMailbox(c, store, false); });
  router.Add("DELETE", one + "/contents",
             [&store](Ctx& c) { DeleteMailbox(c, store, true); });
}

}  // namespace gandimail::sandbox
