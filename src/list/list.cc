#include "src/list/list.h"

namespace gandimail::list {

std::vector<std::shared_ptr<tfplugin::ListResource>> NewListResources(
    const ApiSource* api) {
  return {NewMailboxList(api), NewForwardList(api), NewSlotList(api)};
}

}  // namespace gandimail::list
