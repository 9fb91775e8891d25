#ifndef GANDIMAIL_SRC_RESOURCES_SLOT_H_
#define GANDIMAIL_SRC_RESOURCES_SLOT_H_

// resource "gandimail_slot": a paid mailbox slot of a domain.
//
// Buying spends money, so a purchase request already sent is never
// abandoned nor blindly repeated: purchases of one domain are serialised,
// the slot list is taken before buying, and when the purchase answer is
// lost the list is polled for the new slot until the create deadline
// before the purchase is declared failed.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"
#include "src/gandi/types.h"

namespace gandimail::resources {

std::shared_ptr<tfplugin::Resource> NewSlotResource(const ApiSource* api);

// An import ID "example.com/123" split into its parts.
struct SlotImportId {
  std::string domain;
  int64_t slot_id = 0;
};

// Parses `id`; nullopt unless it is "<domain>/<positive integer>".
std::optional<SlotImportId> ParseSlotImportId(const std::string& id);

// The ids of the slots in `after` of type `mailbox_type` whose id is not in
// `before_ids`, lowest first: the candidates for a slot just bought.
std::vector<int64_t> NewSlotIds(const std::vector<int64_t>& before_ids,
                                const std::vector<gandi::Slot>& after,
                                const std::string& mailbox_type);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_SLOT_H_
