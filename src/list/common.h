#ifndef GANDIMAIL_SRC_LIST_COMMON_H_
#define GANDIMAIL_SRC_LIST_COMMON_H_

// Pieces the list resources share: each lists the objects of one managed
// resource, and the states it emits are that resource's, built from what
// the API's list says.

#include <memory>
#include <string>

#include "internal/cty/value.h"
#include "internal/tfplugin/list.h"
#include "internal/tfplugin/resource.h"
#include "src/api_source.h"

namespace gandimail::list {

// A list of `resource`'s objects, named as it is, with `domain` as its
// first (required) filter.
class ListOf : public tfplugin::ListResource {
 public:
  // `what` names the objects in the domain attribute's description.
  ListOf(const ApiSource* api, std::shared_ptr<tfplugin::Resource> resource,
         const std::string& what);

  std::string TypeName() const override { return resource_->TypeName(); }
  const tfplugin::Schema& GetSchema() const override { return schema_; }

 protected:
  // An object of the resource's type with every attribute at its default,
  // or null where it has none: a state before the API's values go in.
  cty::Value EmptyState() const;

  const ApiSource* api_;
  std::shared_ptr<tfplugin::Resource> resource_;
  tfplugin::Schema schema_;
};

}  // namespace gandimail::list

#endif  // GANDIMAIL_SRC_LIST_COMMON_H_
