#include "src/actions/actions.h"

namespace gandimail::actions {

std::vector<std::shared_ptr<tfplugin::Action>> NewActions(
    const ApiSource* api) {
  return {};
}

}  // namespace gandimail::actions
