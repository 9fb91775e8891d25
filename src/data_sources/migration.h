#ifndef GANDIMAIL_SRC_DATA_SOURCES_MIGRATION_H_
#define GANDIMAIL_SRC_DATA_SOURCES_MIGRATION_H_

#include <memory>

#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::data_sources {

// data "gandimail_migration": what moving a domain off packmail would give
// and cost, and the (sensitive) token that launches it.
std::shared_ptr<tfplugin::DataSource> NewMigrationDataSource(
    const ApiSource* api);

}  // namespace gandimail::data_sources

#endif  // GANDIMAIL_SRC_DATA_SOURCES_MIGRATION_H_
