#include "src/actions/actions.h"

#include "src/actions/domain_renew.h"
#include "src/actions/mailbox_purge.h"
#include "src/actions/mailbox_renew.h"
#include "src/actions/migration_launch.h"

namespace gandimail::actions {

std::vector<std::shared_ptr<tfplugin::Action>> NewActions(
    const ApiSource* api) {
  return {NewMailboxRenewAction(api), NewDomainRenewAction(api),
          NewMailboxPurgeAction(api), NewMigrationLaunchAction(api)};
}

}  // namespace gandimail::actions
