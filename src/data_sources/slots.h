#ifndef GANDIMAIL_SRC_DATA_SOURCES_SLOTS_H_
#define GANDIMAIL_SRC_DATA_SOURCES_SLOTS_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_slots": every mailbox slot of a domain.
std::shared_ptr<tfplugin::DataSource> NewSlotsDataSource(const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_SLOTS_H_
