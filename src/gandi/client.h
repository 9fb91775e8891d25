#ifndef GANDIMAIL_SRC_GANDI_CLIENT_H_
#define GANDIMAIL_SRC_GANDI_CLIENT_H_

// A typed client for Gandi's Email API v5 (/v5/email): one method per
// documented operation.
//
// Thread-safe; shares one http::Client (and so its connections, retries and
// pacing) with the rest of the provider. Errors follow errors.h: NotFound
// means the object is gone; ApiErrorOf() gives the API's details;
// IsOutcomeUnknown() marks a POST that may have been carried out.
//
// Create-like operations answer with an Acknowledgement: the API's message,
// its Location header, and the id at the end of that Location. The API is
// asynchronous (202): the object may not be visible at once; see
// WaitUntil() in wait.h.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/http/client.h"
#include "internal/log/redact.h"
#include "nlohmann/json.hpp"
#include "src/gandi/types.h"
#include "src/gandi/url.h"

namespace gandimail::gandi {

struct Credentials {
  enum Scheme { kBearer, kApikey };
  // kBearer: a personal access token; kApikey: the deprecated API key.
  Scheme scheme = kBearer;
  log::Secret secret;
};

class Client {
 public:
  // `http` must outlive the client. `base_url` is the API root such as
  // "https://api.gandi.net" (a trailing "/" or "/v5/email" is accepted);
  // "/v5/email" is added. `sharing_id` (may be empty) is sent as the
  // sharing_id query parameter on the operations that take it: renew one,
  // renew all, mailbox update, both migration routes and slot creation.
  Client(http::Client* http, std::string base_url, Credentials credentials,
         std::string sharing_id);

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // The API root with "/v5/email", without a trailing slash.
  const std::string& api_url() const { return api_url_; }
  const std::string& sharing_id() const { return sharing_id_; }

  // ---- Forwarding addresses ----
  // Every page is read.
  absl::StatusOr<std::vector<Forward>> ListForwards(
      std::string_view domain, const ForwardListOptions& options = {});
  absl::StatusOr<Acknowledgement> CreateForward(std::string_view domain,
                                                const ForwardCreate& forward);
  absl::StatusOr<Acknowledgement> UpdateForward(
      std::string_view domain, std::string_view source,
      const std::vector<std::string>& destinations);
  absl::StatusOr<Acknowledgement> DeleteForward(std::string_view domain,
                                                std::string_view source);

  // ---- Mailboxes ----
  // Every page is read.
  absl::StatusOr<std::vector<MailboxSummary>> ListMailboxes(
      std::string_view domain, const MailboxListOptions& options = {});
  absl::StatusOr<Acknowledgement> CreateMailbox(std::string_view domain,
                                                const MailboxCreate& mailbox);
  // Validates a creation (Dry-Run: 1) without carrying it out.
  absl::StatusOr<DryRunResult> DryRunCreateMailbox(
      std::string_view domain, const MailboxCreate& mailbox);
  absl::StatusOr<Mailbox> GetMailbox(std::string_view domain,
                                     std::string_view mailbox_id);
  absl::StatusOr<Acknowledgement> UpdateMailbox(std::string_view domain,
                                                std::string_view mailbox_id,
                                                const MailboxUpdate& update);
  absl::StatusOr<Acknowledgement> DeleteMailbox(std::string_view domain,
                                                std::string_view mailbox_id);
  // Deletes the mail stored in the mailbox; the mailbox stays.
  absl::StatusOr<Acknowledgement> PurgeMailbox(std::string_view domain,
                                               std::string_view mailbox_id);
  // Renews (and converts) one mailbox for `duration_months`, 1 or 12;
  // other values are refused before any request. Costs money.
  absl::StatusOr<Acknowledgement> RenewMailbox(std::string_view domain,
                                               std::string_view email,
                                               int duration_months);
  absl::StatusOr<DryRunResult> DryRunRenewMailbox(std::string_view domain,
                                                  std::string_view email,
                                                  int duration_months);
  // Renews every mailbox of the domain. Costs money.
  absl::StatusOr<Acknowledgement> RenewAllMailboxes(std::string_view domain);
  absl::StatusOr<DryRunResult> DryRunRenewAllMailboxes(std::string_view domain);

  // ---- Migration from packmail ----
  absl::StatusOr<Migration> GetMigration(std::string_view domain);
  // `token` comes from GetMigration().
  absl::StatusOr<Acknowledgement> LaunchMigration(std::string_view domain,
                                                  std::string_view token);

  // ---- Domain offer ----
  absl::StatusOr<Offer> GetOffer(std::string_view domain);
  absl::StatusOr<Acknowledgement> UpdateOffer(std::string_view domain,
                                              const OfferUpdate& offer);

  // ---- Slots ----
  absl::StatusOr<std::vector<Slot>> ListSlots(std::string_view domain);
  // Costs money.
  absl::StatusOr<Acknowledgement> CreateSlot(std::string_view domain,
                                             const SlotCreate& slot);
  absl::StatusOr<Slot> GetSlot(std::string_view domain, int64_t slot_id);
  // Deletes the slot and refunds it.
  absl::StatusOr<Acknowledgement> RefundSlot(std::string_view domain,
                                             int64_t slot_id);

  // Pages read per list are capped here, whatever the server says, so a
  // server that never ends a list cannot loop the client forever.
  static constexpr int kMaxPages = 10000;

 private:
  // One API call, as the operation methods describe it.
  struct Call {
    std::string method;
    std::string path;  // Escaped, starting with "/", below /v5/email.
    Query query;
    std::optional<nlohmann::json> body;
    bool dry_run = false;
    // Texts to scrub from error messages (passwords in the body).
    std::vector<std::string> secrets;
  };

  Call MakeCall(std::string method, std::string path) const;
  // Adds sharing_id to the query when one is configured.
  void AddSharingId(Call* call) const;

  // Sends `call`; a non-2xx answer becomes an error status.
  absl::StatusOr<http::Response> Send(const Call& call);
  absl::StatusOr<nlohmann::json> SendForJson(const Call& call);
  absl::StatusOr<Acknowledgement> SendForAck(const Call& call);
  absl::StatusOr<DryRunResult> SendDryRun(Call call);
  // GETs every page of a paginated list and returns all items, or stops
  // after the page that brings the count to `max_items`.
  absl::StatusOr<std::vector<nlohmann::json>> ListAllPages(
      const Call& call, std::optional<int> per_page,
      std::optional<int64_t> max_items);

  absl::StatusOr<nlohmann::json> ParseBody(const Call& call,
                                           const http::Response& response);

  http::Client* const http_;
  const std::string api_url_;
  const Credentials credentials_;
  const std::string sharing_id_;
};

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_CLIENT_H_
