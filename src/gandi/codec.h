#ifndef GANDIMAIL_SRC_GANDI_CODEC_H_
#define GANDIMAIL_SRC_GANDI_CODEC_H_

// JSON <-> struct conversion for the Email API bodies.
//
// Parsing is tolerant of what the API may leave out and strict about what
// it sends: an absent or null field reads as its default, unknown fields
// are ignored, and a field of the wrong type is an error (DataLoss) naming
// the object and the field. Nothing here throws.

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "src/gandi/types.h"

namespace gandimail::gandi {

absl::StatusOr<Autorenew> ParseAutorenew(const nlohmann::json& json);
absl::StatusOr<Responder> ParseResponder(const nlohmann::json& json);
absl::StatusOr<MailboxSummary> ParseMailboxSummary(const nlohmann::json& json);
absl::StatusOr<Mailbox> ParseMailbox(const nlohmann::json& json);
absl::StatusOr<Forward> ParseForward(const nlohmann::json& json);
absl::StatusOr<Slot> ParseSlot(const nlohmann::json& json);
absl::StatusOr<Offer> ParseOffer(const nlohmann::json& json);
absl::StatusOr<MigrationMailbox> ParseMigrationMailbox(
    const nlohmann::json& json);
absl::StatusOr<Migration> ParseMigration(const nlohmann::json& json);
absl::StatusOr<FieldError> ParseFieldError(const nlohmann::json& json);
absl::StatusOr<DryRunResult> ParseDryRunResult(const nlohmann::json& json);

// Parses every element of a JSON array with `parse`; `what` names the list
// in errors ("forwards list").
template <typename T>
absl::StatusOr<std::vector<T>> ParseArray(
    const nlohmann::json& json, std::string_view what,
    absl::StatusOr<T> (*parse)(const nlohmann::json&));

// Request bodies. Secrets are revealed here, into the body only.
nlohmann::json EncodeForwardCreate(const ForwardCreate& forward);
nlohmann::json EncodeForwardUpdate(
    const std::vector<std::string>& destinations);
nlohmann::json EncodeMailboxCreate(const MailboxCreate& mailbox);
// Only the fields that are set; autorenew as {activated, duration}.
nlohmann::json EncodeMailboxUpdate(const MailboxUpdate& update);
nlohmann::json EncodeSlotCreate(const SlotCreate& slot);
nlohmann::json EncodeOfferUpdate(const OfferUpdate& offer);

// ---- implementation ----

absl::Status ArrayElementError(std::string_view what, size_t index,
                               const absl::Status& status);
absl::Status NotAnArrayError(std::string_view what, const nlohmann::json& json);

template <typename T>
absl::StatusOr<std::vector<T>> ParseArray(
    const nlohmann::json& json, std::string_view what,
    absl::StatusOr<T> (*parse)(const nlohmann::json&)) {
  if (!json.is_array()) return NotAnArrayError(what, json);
  std::vector<T> out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    absl::StatusOr<T> item = parse(json[i]);
    if (!item.ok()) return ArrayElementError(what, i, item.status());
    out.push_back(*std::move(item));
  }
  return out;
}

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_CODEC_H_
