#include "tests/sandbox/model.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/sandbox/rules.h"

namespace gandimail::sandbox {
namespace {

Json TimeOrNull(const std::optional<absl::Time>& t) {
  return t ? Json(TimeToString(*t)) : Json(nullptr);
}

Json MailboxToJson(const Domain& d, const Mailbox& m) {
  Json responder = {{"enabled", m.responder.enabled},
                    {"message", m.responder.message},
                    {"starts_at", TimeOrNull(m.responder.starts_at)},
                    {"ends_at", TimeOrNull(m.responder.ends_at)}};
  return {{"id", m.id},
          {"login", m.login},
          {"address", absl::StrCat(m.login, "@", d.name)},
          {"mailbox_type", m.mailbox_type},
          {"password_sha256", m.password_sha256},
          {"aliases", m.aliases},
          {"antispam", m.antispam},
          {"responder", responder},
          {"autorenew",
           {{"enabled", m.autorenew.enabled},
            {"duration", m.autorenew.duration},
            {"duration_type", "m"}}},
          {"fallback_email", m.fallback_email},
          {"quota_used", m.quota_used},
          {"created_at", TimeToString(m.created_at)},
          {"expires_at", TimeToString(m.expires_at)},
          {"to_convert", m.to_convert},
          {"slot_id", m.slot_id}};
}

Json SlotToJson(const Slot& s) {
  return {{"id", s.id},
          {"mailbox_type", s.mailbox_type},
          {"status", s.status},
          {"capacity", CapacityMb(s.mailbox_type)},
          {"refundable", s.refundable},
          {"created_at", TimeToString(s.created_at)},
          {"duration", s.duration},
          {"autorenew", s.autorenew},
          {"price", CentsToAmount(s.price_cents)},
          {"mailbox_id",
           s.mailbox_id.empty() ? Json(nullptr) : Json(s.mailbox_id)}};
}

Json DomainToJson(const Domain& d) {
  Json mailboxes = Json::array(), forwards = Json::array(),
       slots = Json::array();
  std::map<std::string, const Mailbox*> by_login;
  for (const auto& [id, m] : d.mailboxes) by_login[m.login] = &m;
  for (const auto& [login, m] : by_login) {
    mailboxes.push_back(MailboxToJson(d, *m));
  }
  for (const auto& [source, f] : d.forwards) {
    forwards.push_back(
        {{"source", f.source}, {"destinations", f.destinations}});
  }
  for (const auto& [id, s] : d.slots) slots.push_back(SlotToJson(s));

  return {{"name", d.name},
          {"credit", CentsToAmount(d.credit_cents)},
          {"packmail", d.packmail},
          {"included_mailboxes", d.included_mailboxes},
          {"migration_token", d.migration_token},
          {"offer",
           {{"status", d.offer.status},
            {"version", d.offer.version},
            {"antispam", d.offer.antispam},
            {"antispam_reported", OfferAntispam(d)},
            {"dkim", d.offer.dkim}}},
          {"mailboxes", mailboxes},
          {"forwards", forwards},
          {"slots", slots}};
}

// Seed decoding. nlohmann's accessors throw on a wrong type; the caller
// turns that into a Status, so these helpers only check what types cannot.
absl::Time TimeField(const Json& j, const char* key, absl::Time fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  std::optional<absl::Time> t = ParseDateTime(j[key].get<std::string>());
  if (!t) throw std::invalid_argument(absl::StrCat(key, ": not RFC 3339"));
  return *t;
}

std::optional<absl::Time> OptionalTime(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return TimeField(j, key, absl::Time());
}

void Require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

Slot SlotFromJson(const Json& j, World* world) {
  Slot s;
  s.id = j.value("id", world->next_slot_id);
  s.mailbox_type = j.at("mailbox_type").get<std::string>();
  Require(IsStoredMailboxType(s.mailbox_type),
          "slot mailbox_type: unknown type " + s.mailbox_type);
  s.status = j.value("status", std::string("active"));
  s.refundable = j.value("refundable", false);
  s.created_at = TimeField(j, "created_at", absl::Now());
  s.duration = j.value("duration", 12);
  s.autorenew = j.value("autorenew", false);
  s.price_cents = AmountToCents(j.value("price", 0.0));
  if (j.contains("mailbox_id") && !j["mailbox_id"].is_null()) {
    s.mailbox_id = j["mailbox_id"].get<std::string>();
  }
  world->next_slot_id = std::max(world->next_slot_id, s.id + 1);
  return s;
}

Responder ResponderFromJson(const Json& j) {
  Responder r;
  if (j.is_null()) return r;
  r.enabled = j.value("enabled", false);
  r.message = j.value("message", std::string());
  r.starts_at = OptionalTime(j, "starts_at");
  r.ends_at = OptionalTime(j, "ends_at");
  return r;
}

Mailbox MailboxFromJson(const Json& j) {
  Mailbox m;
  m.id = j.value("id", NewUuid());
  m.login = j.at("login").get<std::string>();
  Require(CheckLogin(m.login).empty(), "mailbox login: invalid " + m.login);
  m.mailbox_type = j.at("mailbox_type").get<std::string>();
  Require(IsStoredMailboxType(m.mailbox_type),
          "mailbox mailbox_type: unknown type " + m.mailbox_type);
  m.password_sha256 = j.value("password_sha256", std::string());
  if (j.contains("password")) {
    m.password_sha256 = Sha256Hex(j["password"].get<std::string>());
  }
  m.aliases = j.value("aliases", std::vector<std::string>());
  m.antispam = j.value("antispam", true);
  m.responder = ResponderFromJson(j.value("responder", Json()));
  Json autorenew = j.value("autorenew", Json::object());
  m.autorenew.enabled = autorenew.value("enabled", false);
  m.autorenew.duration = autorenew.value("duration", 12);
  m.fallback_email = j.value("fallback_email", std::string());
  m.quota_used = j.value("quota_used", int64_t{0});
  m.created_at = TimeField(j, "created_at", absl::Now());
  m.expires_at = TimeField(j, "expires_at", AddMonths(m.created_at, 12));
  m.to_convert = j.value("to_convert", false);
  m.slot_id = j.value("slot_id", int64_t{0});
  return m;
}

// Puts a seeded mailbox into its slot: the named one, else a free one of
// its type, else a new non-refundable slot made for it.
void SeatMailbox(Mailbox& m, Domain& d, World* world) {
  Slot* slot = nullptr;
  if (m.slot_id != 0) {
    auto it = d.slots.find(m.slot_id);
    Require(it != d.slots.end(),
            absl::StrCat("mailbox ", m.login, ": no slot ", m.slot_id));
    slot = &it->second;
  } else if (const Slot* free = d.FindFreeSlot(m.mailbox_type)) {
    slot = &d.slots[free->id];
  } else {
    Slot s;
    s.id = world->next_slot_id++;
    s.mailbox_type = m.mailbox_type;
    s.created_at = m.created_at;
    slot = &d.slots.emplace(s.id, s).first->second;
  }
  Require(slot->mailbox_id.empty() || slot->mailbox_id == m.id,
          absl::StrCat("slot ", slot->id, " holds two mailboxes"));
  slot->mailbox_id = m.id;
  m.slot_id = slot->id;
}

Domain DomainFromJson(const std::string& name, const Json& j, World* world) {
  Domain d;
  d.name = name;
  d.credit_cents = AmountToCents(j.value("credit", 0.0));
  d.packmail = j.value("packmail", false);
  d.included_mailboxes = j.value("included_mailboxes", d.packmail ? 5 : 0);
  d.migration_token = j.value("migration_token", std::string());
  if (d.packmail && d.migration_token.empty())
    d.migration_token = RandomHex(40);
  Json offer = j.value("offer", Json::object());
  d.offer.status = offer.value("status", std::string("active"));
  d.offer.version = offer.value("version", d.packmail ? 1 : 2);
  d.offer.antispam = offer.value("antispam", std::string("active"));
  d.offer.dkim = offer.value("dkim", std::string("inactive"));

  for (const Json& s : j.value("slots", Json::array())) {
    Slot slot = SlotFromJson(s, world);
    d.slots[slot.id] = slot;
  }
  for (const Json& f : j.value("forwards", Json::array())) {
    Forward fw{f.at("source").get<std::string>(),
               f.at("destinations").get<std::vector<std::string>>()};
    d.forwards[fw.source] = fw;
  }
  for (const Json& mj : j.value("mailboxes", Json::array())) {
    Mailbox m = MailboxFromJson(mj);
    SeatMailbox(m, d, world);
    d.mailboxes[m.id] = m;
  }
  return d;
}

}  // namespace

const Mailbox* Domain::FindLogin(const std::string& login) const {
  for (const auto& [id, m] : mailboxes) {
    if (m.login == login) return &m;
  }
  return nullptr;
}

const Slot* Domain::FindFreeSlot(const std::string& type) const {
  for (const auto& [id, s] : slots) {
    if (s.mailbox_type == type && s.status == "active" &&
        s.mailbox_id.empty()) {
      return &s;
    }
  }
  return nullptr;
}

std::string OfferAntispam(const Domain& domain) {
  if (domain.mailboxes.empty()) return domain.offer.antispam;
  bool on = domain.mailboxes.begin()->second.antispam;
  for (const auto& [id, m] : domain.mailboxes) {
    if (m.antispam != on) return "mixed";
  }
  return on ? "active" : "inactive";
}

const Domain* World::Find(const std::string& name) const {
  auto it = domains.find(name);
  return it == domains.end() ? nullptr : it->second.get();
}

Domain* World::Mutable(const std::string& name) {
  auto it = domains.find(name);
  if (it == domains.end()) return nullptr;
  auto copy = std::make_shared<Domain>(*it->second);
  it->second = copy;
  return copy.get();
}

Domain NewDomain(const std::string& name, int64_t credit_cents, bool packmail,
                 const std::map<std::string, int>& free_slots,
                 int64_t* next_slot_id) {
  Domain d;
  d.name = name;
  d.credit_cents = credit_cents;
  d.packmail = packmail;
  d.included_mailboxes = packmail ? 5 : 0;
  d.offer.version = packmail ? 1 : 2;
  if (packmail) d.migration_token = RandomHex(40);

  absl::Time now = absl::Now();
  for (const char* type : kMailboxTypes) {
    auto it = free_slots.find(type);
    for (int i = 0; it != free_slots.end() && i < it->second; ++i) {
      Slot s;
      s.id = (*next_slot_id)++;
      s.mailbox_type = type;
      s.created_at = now;
      d.slots[s.id] = s;
    }
  }
  return d;
}

Json WorldToJson(const World& world) {
  Json domains = Json::object();
  for (const auto& [name, d] : world.domains) domains[name] = DomainToJson(*d);
  return {{"domains", domains}, {"next_slot_id", world.next_slot_id}};
}

absl::StatusOr<World> WorldFromJson(const Json& json) {
  World world;
  try {
    Require(json.is_object(), "the state must be a JSON object");
    world.next_slot_id = json.value("next_slot_id", int64_t{1});
    // Kept in a variable: items() of a temporary would dangle.
    const Json domains = json.value("domains", Json::object());
    Require(domains.is_object(), "domains must be an object keyed by name");
    for (const auto& [name, j] : domains.items()) {
      Require(j.is_object(), "domain " + name + " must be an object");
      Domain d = DomainFromJson(name, j, &world);
      world.domains[name] = std::make_shared<const Domain>(std::move(d));
    }
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(e.what());
  }
  return world;
}

double CentsToAmount(int64_t cents) { return cents / 100.0; }

int64_t AmountToCents(double amount) {
  return static_cast<int64_t>(std::llround(amount * 100.0));
}

}  // namespace gandimail::sandbox
