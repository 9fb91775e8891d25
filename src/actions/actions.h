#ifndef GANDIMAIL_SRC_ACTIONS_ACTIONS_H_
#define GANDIMAIL_SRC_ACTIONS_ACTIONS_H_

// The provider's actions (protocol 6.10): operations on Gandi mail that are
// not an object's lifecycle, such as renewing or purging a mailbox.

#include <memory>
#include <vector>

#include "internal/tfplugin/action.h"
#include "src/api_source.h"

namespace gandimail::actions {

// Every action, reaching the API through `api`.
std::vector<std::shared_ptr<tfplugin::Action>> NewActions(const ApiSource* api);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_SRC_ACTIONS_ACTIONS_H_
