#include "src/list/list.h"

namespace gandimail::list {

std::vector<std::shared_ptr<tfplugin::ListResource>> NewListResources(
    const ApiSource* api) {
  return {};
}

}  // namespace gandimail::list
