#ifndef GANDIMAIL_SRC_GANDI_TYPES_H_
#define GANDIMAIL_SRC_GANDI_TYPES_H_

// Plain structs for the bodies of Gandi's Email API v5. Field names follow
// the API; see the parse functions in parse.h for how absent fields read.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "internal/log/redact.h"

namespace gandimail::gandi {

// Read shape of autorenew, on mailbox list items and details.
struct Autorenew {
  bool enabled = false;
  int64_t duration = 0;
  std::string duration_type;  // "m" (months) is the only documented unit.
  std::optional<std::string> sharing_id;  // The organization billed.
};

// Out-of-office responder, read from mailbox details.
struct Responder {
  bool enabled = false;
  std::optional<std::string> message;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
};

// An item of GET /mailboxes/{domain}.
struct MailboxSummary {
  std::string id;  // UUID.
  std::string login;
  std::string domain;
  std::string address;
  std::string mailbox_type;
  int64_t quota_used = 0;
  int64_t alias_count = 0;
  bool antispam = false;
  std::string href;
  std::string expires_at;
  bool to_convert = false;  // Only the list reports it.
  std::optional<Autorenew> autorenew;
};

// GET /mailboxes/{domain}/{mailbox_id}.
struct Mailbox {
  std::string id;
  std::string login;
  std::string domain;
  std::string address;
  std::string mailbox_type;
  int64_t quota_used = 0;
  std::vector<std::string> aliases;
  bool antispam = false;
  std::string href;
  std::string expires_at;
  std::optional<Autorenew> autorenew;
  int64_t alias_count = 0;
  std::optional<std::string> fallback_email;
  std::optional<Responder> responder;
};

struct Forward {
  std::string source;
  std::vector<std::string> destinations;
  std::string href;
};

// An item of GET /slots/{domain}, or GET /slots/{domain}/{slot_id} (which
// adds the refund fields).
struct Slot {
  int64_t id = 0;
  std::string status;
  std::string mailbox_type;
  int64_t capacity = 0;  // MB.
  bool refundable = false;
  std::string href;
  std::string created_at;
  std::optional<double> refund_amount;
  std::optional<std::string> refund_currency;
};

struct Offer {
  std::string status;    // active | inactive
  int64_t version = 0;   // 1, 2 or 3
  std::string antispam;  // active | inactive | mixed
  std::string dkim;      // active | inactive
};

struct MigrationMailbox {
  std::string login;
  std::string offer_v2;
  double price_v2 = 0;
  double price_v2_m = 0;
  double quota = 0;
  double quota_v2 = 0;
  double usage = 0;
};

// GET /migration/{domain}.
struct Migration {
  bool available = false;
  bool packmail = false;
  int64_t included_mailboxes = 0;
  int64_t free_mailboxes = 0;
  int64_t forward_count = 0;
  std::string currency;
  double price_v1 = 0;
  double price_v2 = 0;
  double quota_v1 = 0;
  double usage_v1 = 0;
  std::string token;  // Launches the migration; log lines redact "token".
  std::vector<MigrationMailbox> info;
};

// One problem found in a request: in a Dry-Run result or an error body.
struct FieldError {
  std::string description;
  std::string location;  // header | path | querystring | body
  std::string name;      // The faulty field.
};

// The 200 answer to a request sent with Dry-Run: 1.
struct DryRunResult {
  std::string status;  // success | error
  std::vector<FieldError> errors;
  std::optional<std::string> warning;  // The Warning header, if any.
};

// The body of every 201/202, with the Location header when sent and the
// object id it ends with (its last path segment, unescaped).
struct Acknowledgement {
  std::string message;
  std::optional<std::string> location;
  std::optional<std::string> id;
};

// ---- Request inputs ----

struct ForwardListOptions {
  std::optional<std::string> source;       // Pattern, e.g. "*lice".
  std::optional<std::string> destination;  // Pattern, e.g. "*@toto.net".
  std::optional<std::string> sort_by;      // [-]source | [-]destination
  std::optional<int> per_page;             // Page size; every page is read,
  std::optional<int64_t> max_items;        // unless this many are in.
};

struct MailboxListOptions {
  std::optional<std::string> login;           // Exact match.
  std::optional<std::string> login_pattern;   // Sent as "~login".
  std::optional<std::string> created_before;  // Sent as "<created_at".
  std::optional<bool> antispam;
  std::optional<std::string> mailbox_type;
  std::optional<int> per_page;
  std::optional<int64_t> max_items;  // As in ForwardListOptions.
};

struct ForwardCreate {
  std::string source;
  std::vector<std::string> destinations;
};

struct MailboxCreate {
  std::string login;
  std::string mailbox_type;
  log::Secret password;
  std::optional<std::vector<std::string>> aliases;
  std::optional<bool> antispam;
};

// Write shape of autorenew: both keys are required when it is sent.
struct AutorenewUpdate {
  bool activated = false;
  int64_t duration = 1;  // 1 or 12 months.
};

struct ResponderUpdate {
  std::optional<bool> enabled;
  std::optional<std::string> message;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
};

// PATCH /mailboxes/{domain}/{mailbox_id}: only the fields set are sent.
struct MailboxUpdate {
  std::optional<std::vector<std::string>> aliases;
  std::optional<bool> antispam;
  std::optional<AutorenewUpdate> autorenew;
  std::optional<std::string> login;
  std::optional<std::string> mailbox_type;
  std::optional<log::Secret> password;
  std::optional<ResponderUpdate> responder;
};

struct SlotCreate {
  std::string mailbox_type;
  int64_t duration = 12;  // Months.
  std::optional<bool> autorenew;
};

struct OfferUpdate {
  std::string antispam;  // active | inactive
  std::string dkim;      // active | inactive
};

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_TYPES_H_
