#ifndef GANDIMAIL_SRC_LIST_LIST_H_
#define GANDIMAIL_SRC_LIST_LIST_H_

// The provider's list resources (protocol 6.10, `terraform query`): the
// existing mailboxes, forwards and slots of a domain, found with the
// filters the API offers, as objects Terraform can import.

#include <memory>
#include <vector>

#include "internal/tfplugin/list.h"
#include "src/api_source.h"

namespace gandimail::list {

// Every list resource, reaching the API through `api`.
std::vector<std::shared_ptr<tfplugin::ListResource>> NewListResources(
    const ApiSource* api);

// Each lists the objects of the managed resource type of its name.
std::shared_ptr<tfplugin::ListResource> NewMailboxList(const ApiSource* api);
std::shared_ptr<tfplugin::ListResource> NewForwardList(const ApiSource* api);
std::shared_ptr<tfplugin::ListResource> NewSlotList(const ApiSource* api);

}  // namespace gandimail::list

#endif  // GANDIMAIL_SRC_LIST_LIST_H_
