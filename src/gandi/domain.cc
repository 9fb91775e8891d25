// Domain-level routes: /migration/{domain}, /offers/{domain} and
// /slots/{domain}[/{slot_id}].

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "src/gandi/client.h"
#include "src/gandi/codec.h"

namespace gandimail::gandi {
namespace {

std::string DomainPath(std::string_view area, std::string_view domain) {
  return absl::StrCat("/", absl::string_view(area.data(), area.size()), "/",
                      EscapePathSegment(domain));
}

std::string SlotPath(std::string_view domain, int64_t slot_id) {
  return absl::StrCat(DomainPath("slots", domain), "/", slot_id);
}

}  // namespace

absl::StatusOr<Migration> Client::GetMigration(std::string_view domain) {
  Call call = MakeCall("GET", DomainPath("migration", domain));
  AddSharingId(&call);
  GM_ASSIGN_OR_RETURN(nlohmann::json body, SendForJson(call));
  return ParseMigration(body);
}

absl::StatusOr<Acknowledgement> Client::LaunchMigration(
    std::string_view domain, std::string_view token) {
  Call call = MakeCall("POST", DomainPath("migration", domain));
  AddSharingId(&call);
  call.body = nlohmann::json{{"token", std::string(token)}};
  return SendForAck(call);
}

absl::StatusOr<Offer> Client::GetOffer(std::string_view domain) {
  GM_ASSIGN_OR_RETURN(
      nlohmann::json body,
      SendForJson(MakeCall("GET", DomainPath("offers", domain))));
  return ParseOffer(body);
}

absl::StatusOr<Acknowledgement> Client::UpdateOffer(std::string_view domain,
                                                    const OfferUpdate& offer) {
  Call call = MakeCall("PATCH", DomainPath("offers", domain));
  call.body = EncodeOfferUpdate(offer);
  return SendForAck(call);
}

absl::StatusOr<std::vector<Slot>> Client::ListSlots(std::string_view domain) {
  // Not paginated: one answer holds every slot.
  GM_ASSIGN_OR_RETURN(
      nlohmann::json body,
      SendForJson(MakeCall("GET", DomainPath("slots", domain))));
  return ParseArray<Slot>(body, "slots list", &ParseSlot);
}

absl::StatusOr<Acknowledgement> Client::CreateSlot(std::string_view domain,
                                                   const SlotCreate& slot) {
  Call call = MakeCall("POST", DomainPath("slots", domain));
  AddSharingId(&call);
  call.body = EncodeSlotCreate(slot);
  return SendForAck(call);
}

absl::StatusOr<Slot> Client::GetSlot(std::string_view domain, int64_t slot_id) {
  GM_ASSIGN_OR_RETURN(nlohmann::json body,
                      SendForJson(MakeCall("GET", SlotPath(domain, slot_id))));
  return ParseSlot(body);
}

absl::StatusOr<Acknowledgement> Client::RefundSlot(std::string_view domain,
                                                   int64_t slot_id) {
  return SendForAck(MakeCall("DELETE", SlotPath(domain, slot_id)));
}

}  // namespace gandimail::gandi
