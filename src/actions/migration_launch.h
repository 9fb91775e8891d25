#ifndef GANDIMAIL_SRC_ACTIONS_MIGRATION_LAUNCH_H_
#define GANDIMAIL_SRC_ACTIONS_MIGRATION_LAUNCH_H_

#include <memory>

#include "internal/tfplugin/action.h"
#include "src/api_source.h"

namespace gandimail::actions {

// action "gandimail_migration_launch": moves a domain off the packmail
// offer. Plan reads the migration and refuses when it is not available;
// Invoke reads it again for a fresh token and launches it once.
std::shared_ptr<tfplugin::Action> NewMigrationLaunchAction(
    const ApiSource* api);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_MIGRATION_LAUNCH_H_
