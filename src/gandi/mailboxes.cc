// Mailboxes: /mailboxes/{domain}[/{mailbox_id}[/contents]] and renewals.

#include <set>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "src/gandi/client.h"
#include "src/gandi/codec.h"

namespace gandimail::gandi {
namespace {

std::string MailboxesPath(std::string_view domain) {
  return "/mailboxes/" + EscapePathSegment(domain);
}

std::string MailboxPath(std::string_view domain, std::string_view id) {
  return MailboxesPath(domain) + "/" + EscapePathSegment(id);
}

absl::Status CheckRenewDuration(int duration_months) {
  if (duration_months == 1 || duration_months == 12) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "a mailbox renews for 1 or 12 months, not ", duration_months));
}

}  // namespace

absl::StatusOr<std::vector<MailboxSummary>> Client::ListMailboxes(
    std::string_view domain, const MailboxListOptions& options) {
  Call call = MakeCall("GET", MailboxesPath(domain));
  if (options.login) call.query.emplace_back("login", *options.login);
  if (options.login_pattern) {
    call.query.emplace_back("~login", *options.login_pattern);
  }
  if (options.created_before) {
    call.query.emplace_back("<created_at", *options.created_before);
  }
  if (options.antispam) {
    call.query.emplace_back("antispam", *options.antispam ? "true" : "false");
  }
  if (options.mailbox_type) {
    call.query.emplace_back("mailbox_type", *options.mailbox_type);
  }
  GM_ASSIGN_OR_RETURN(std::vector<nlohmann::json> items,
                      ListAllPages(call, options.per_page, options.max_items));

  std::vector<MailboxSummary> mailboxes;
  std::set<std::string> seen;  // See ListForwards.
  for (size_t i = 0; i < items.size(); ++i) {
    absl::StatusOr<MailboxSummary> mailbox = ParseMailboxSummary(items[i]);
    if (!mailbox.ok()) {
      return ArrayElementError("mailboxes list", i, mailbox.status());
    }
    if (seen.insert(mailbox->id).second) {
      mailboxes.push_back(*std::move(mailbox));
    }
  }
  return mailboxes;
}

absl::StatusOr<Acknowledgement> Client::CreateMailbox(
    std::string_view domain, const MailboxCreate& mailbox) {
  Call call = MakeCall("POST", MailboxesPath(domain));
  call.body = EncodeMailboxCreate(mailbox);
  call.secrets = {mailbox.password.Reveal()};
  return SendForAck(call);
}

absl::StatusOr<DryRunResult> Client::DryRunCreateMailbox(
    std::string_view domain, const MailboxCreate& mailbox) {
  Call call = MakeCall("POST", MailboxesPath(domain));
  call.body = EncodeMailboxCreate(mailbox);
  call.secrets = {mailbox.password.Reveal()};
  return SendDryRun(std::move(call));
}

absl::StatusOr<Mailbox> Client::GetMailbox(std::string_view domain,
                                           std::string_view mailbox_id) {
  GM_ASSIGN_OR_RETURN(
      nlohmann::json body,
      SendForJson(MakeCall("GET", MailboxPath(domain, mailbox_id))));
  return ParseMailbox(body);
}

absl::StatusOr<Acknowledgement> Client::UpdateMailbox(
    std::string_view domain, std::string_view mailbox_id,
    const MailboxUpdate& update) {
  Call call = MakeCall("PATCH", MailboxPath(domain, mailbox_id));
  AddSharingId(&call);
  call.body = EncodeMailboxUpdate(update);
  if (update.password.has_value()) {
    call.secrets = {update.password->Reveal()};
  }
  return SendForAck(call);
}

absl::StatusOr<Acknowledgement> Client::DeleteMailbox(
    std::string_view domain, std::string_view mailbox_id) {
  return SendForAck(MakeCall("DELETE", MailboxPath(domain, mailbox_id)));
}

absl::StatusOr<Acknowledgement> Client::PurgeMailbox(
    std::string_view domain, std::string_view mailbox_id) {
  return SendForAck(
      MakeCall("DELETE", MailboxPath(domain, mailbox_id) + "/contents"));
}

absl::StatusOr<Acknowledgement> Client::RenewMailbox(std::string_view domain,
                                                     std::string_view email,
                                                     int duration_months) {
  GM_RETURN_IF_ERROR(CheckRenewDuration(duration_months));
  Call call = MakeCall("POST", MailboxPath(domain, email) + "/renew");
  AddSharingId(&call);
  call.body = nlohmann::json{{"duration", duration_months}};
  return SendForAck(call);
}

absl::StatusOr<DryRunResult> Client::DryRunRenewMailbox(std::string_view domain,
                                                        std::string_view email,
                                                        int duration_months) {
  GM_RETURN_IF_ERROR(CheckRenewDuration(duration_months));
  Call call = MakeCall("POST", MailboxPath(domain, email) + "/renew");
  AddSharingId(&call);
  call.body = nlohmann::json{{"duration", duration_months}};
  return SendDryRun(std::move(call));
}

namespace {

// The documented example of the renew-all body carries sharing_id.
nlohmann::json RenewAllBody(const std::string& sharing_id) {
  nlohmann::json body = nlohmann::json::object();
  if (!sharing_id.empty()) body["sharing_id"] = sharing_id;
  return body;
}

}  // namespace

absl::StatusOr<Acknowledgement> Client::RenewAllMailboxes(
    std::string_view domain) {
  Call call = MakeCall("POST", MailboxesPath(domain) + "/renew");
  AddSharingId(&call);
  call.body = RenewAllBody(sharing_id_);
  return SendForAck(call);
}

absl::StatusOr<DryRunResult> Client::DryRunRenewAllMailboxes(
    std::string_view domain) {
  Call call = MakeCall("POST", MailboxesPath(domain) + "/renew");
  AddSharingId(&call);
  call.body = RenewAllBody(sharing_id_);
  return SendDryRun(std::move(call));
}

}  // namespace gandimail::gandi
