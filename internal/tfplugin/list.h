#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_LIST_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_LIST_H_

// List resources (protocol 6.10, `terraform query` in Terraform >= 1.14):
// a search over the existing objects of a managed resource type, answered
// as a stream of the objects found, each with its identity and a name for
// people. A list resource shares its type name with the managed resource
// whose objects it finds, and that resource must declare an identity.

#include <cstdint>
#include <functional>
#include <string>

#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

struct ListRequest {
  // The list block's `config`, wholly known: its filters.
  cty::Value config;
  // Whether each object's full state is wanted, not only its identity.
  bool include_resource_object = false;
  // The most objects to send; the service stops the search there.
  int64_t limit = 0;
};

// One object found: a state of the managed resource's schema (the service
// derives the identity from it and sends the state only when asked) and
// the line Terraform shows for it.
struct ListedObject {
  cty::Value state;
  std::string display_name;
};

// Sends one object; returns false when the search should stop (the limit
// is reached or Terraform went away).
using ListEmitter = std::function<bool(ListedObject)>;

class ListResource {
 public:
  virtual ~ListResource() = default;

  // The managed resource type whose objects this lists.
  virtual std::string TypeName() const = 0;
  // The `config` block's schema: required and optional attributes only.
  virtual const Schema& GetSchema() const = 0;

  // Cross-attribute checks; per-attribute validators already ran.
  virtual void Validate(const cty::Value& config, Diagnostics* diagnostics) {}

  // Emits the objects `request.config` selects, in a stable order, until
  // `emit` returns false. Errors go to `diagnostics`, which the service
  // sends after the objects already emitted.
  virtual void List(const ListRequest& request, const ListEmitter& emit,
                    Diagnostics* diagnostics) = 0;
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_LIST_H_
