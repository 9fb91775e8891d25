// The sandbox's in-memory model of a Gandi account: domains with their
// mailboxes, forwards, slots, offer and prepaid credit. Plain values; the
// Store (store.h) owns them and makes them thread-safe.
#ifndef GANDIMAIL_TESTS_SANDBOX_MODEL_H_
#define GANDIMAIL_TESTS_SANDBOX_MODEL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace gandimail::sandbox {

using Json = nlohmann::json;

struct Responder {
  bool enabled = false;
  std::string message;
  std::optional<absl::Time> starts_at;
  std::optional<absl::Time> ends_at;
};

struct Autorenew {
  bool enabled = false;
  int duration = 12;  // months, 1 or 12
};

struct Mailbox {
  std::string id;  // UUID
  std::string login;
  std::string mailbox_type;     // one of the four stored types
  std::string password_sha256;  // digest of the value sent, never the value
  std::vector<std::string> aliases;
  bool antispam = true;
  Responder responder;
  Autorenew autorenew;
  std::string fallback_email;
  int64_t quota_used = 0;
  absl::Time created_at;
  absl::Time expires_at;
  bool to_convert = false;
  int64_t slot_id = 0;  // the slot the mailbox occupies
};

struct Forward {
  std::string source;  // local part
  std::vector<std::string> destinations;
};

struct Slot {
  int64_t id = 0;
  std::string mailbox_type;
  std::string status = "active";  // only an active slot can take a mailbox
  bool refundable = false;
  absl::Time created_at;
  int duration = 12;  // months bought
  bool autorenew = false;
  int64_t price_cents = 0;  // paid, and refunded on delete
  std::string mailbox_id;   // empty while the slot is unused
};

struct Offer {
  std::string status = "active";
  int version = 2;
  // Stored domain value; the API reports it only while the domain has no
  // mailbox (otherwise it is derived from the mailboxes, see OfferAntispam).
  std::string antispam = "active";
  std::string dkim = "inactive";
};

struct Domain {
  std::string name;
  int64_t credit_cents = 0;
  bool packmail = false;
  int included_mailboxes = 0;
  std::string migration_token;  // empty unless packmail
  Offer offer;
  std::map<std::string, Mailbox> mailboxes;  // by id
  std::map<std::string, Forward> forwards;   // by source
  std::map<int64_t, Slot> slots;             // by id

  // Returns the mailbox with `login`, or nullptr.
  const Mailbox* FindLogin(const std::string& login) const;
  // Returns an active unused slot of exactly `type`, or nullptr. Picks the
  // lowest id, so that seeded (non-refundable) slots fill first.
  const Slot* FindFreeSlot(const std::string& type) const;
};

// "active", "inactive" or "mixed", as GET /offers reports the antispam of
// `domain`.
std::string OfferAntispam(const Domain& domain);

// The whole account. Domains are shared immutable values so that a snapshot
// of the world is cheap to copy; a write replaces the domains it changes.
struct World {
  std::map<std::string, std::shared_ptr<const Domain>> domains;
  int64_t next_slot_id = 1;

  const Domain* Find(const std::string& name) const;
  // Copies the named domain so it can be changed without touching other
  // snapshots. Returns nullptr when there is no such domain.
  Domain* Mutable(const std::string& name);
};

// A new domain as POST /_sandbox/domains makes it: `free_slots` maps a
// stored type to a count of active, unused, non-refundable slots.
// Slot ids are taken from *next_slot_id.
Domain NewDomain(const std::string& name, int64_t credit_cents, bool packmail,
                 const std::map<std::string, int>& free_slots,
                 int64_t* next_slot_id);

// The shape of GET /_sandbox/state and of the --seed file.
Json WorldToJson(const World& world);
absl::StatusOr<World> WorldFromJson(const Json& json);

// Cents as the JSON number the API and the state use (12.34).
double CentsToAmount(int64_t cents);
int64_t AmountToCents(double amount);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_MODEL_H_
