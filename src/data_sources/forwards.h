#ifndef GANDIMAIL_SRC_DATA_SOURCES_FORWARDS_H_
#define GANDIMAIL_SRC_DATA_SOURCES_FORWARDS_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_forwards": the forwarding addresses of a domain, every
// page of the list, optionally filtered by `source` and `destination`
// patterns (`*` for any run of characters) and ordered by `sort_by`.
std::shared_ptr<tfplugin::DataSource> NewForwardsDataSource(
    const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_FORWARDS_H_
