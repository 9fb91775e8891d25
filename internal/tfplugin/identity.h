#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_IDENTITY_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_IDENTITY_H_

// Resource identity (protocol 6.9, Terraform >= 1.12): a small object that
// names the remote object of a resource instance (such as domain + id),
// stored by Terraform beside the state and usable in an `import` block
// instead of an import ID. A resource declares its identity schema and how
// its state maps to it; the service (provider_server.h) then sends the
// identity with every read, plan, apply and import, and turns an import by
// identity into the resource's import by ID. Older Terraform ignores all of
// it.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "internal/cty/type.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"
#include "tfplugin6.pb.h"

namespace gandimail::tfplugin {

struct IdentityAttribute {
  std::string name;
  // A primitive type, or a list of one: what Terraform allows here.
  cty::Type type = cty::Type::String();
  // Exactly one of the two: whether an `import` block's identity must or
  // may give it.
  bool required_for_import = false;
  bool optional_for_import = false;
  std::string description;  // markdown
};

// A required-for-import attribute, the common case.
IdentityAttribute IdentityAttr(std::string name, cty::Type type,
                               std::string description);

struct IdentitySchema {
  int64_t version = 0;
  std::vector<IdentityAttribute> attributes;

  // The identity of the object whose state is `state` (non-null). Unset:
  // each identity attribute takes the state's attribute of the same name,
  // which CheckIdentitySchema then requires to exist with the same type.
  std::function<cty::Value(const cty::Value& state)> from_state;

  // The import ID of the object `identity` names, so that an import by
  // identity runs the resource's Import. Required-for-import attributes are
  // non-null when it is called. Unset: import by identity is refused.
  std::function<absl::StatusOr<std::string>(const cty::Value& identity)>
      import_id;

  cty::Type ImpliedType() const;
};

// The identity of `state` under `schema`: null for a null state; values
// unknown in the state stay unknown.
cty::Value IdentityFromState(const IdentitySchema& schema,
                             const cty::Value& state);

// Checks `identity` against Terraform's rules and against `resource` (the
// schema of the resource declaring it): at least one attribute, valid and
// unique names, allowed types, exactly one of required/optional for import
// each, and without `from_state`, a same-named attribute of the same type in
// the resource. `where` prefixes the messages.
absl::Status CheckIdentitySchema(const IdentitySchema& identity,
                                 const Schema& resource,
                                 absl::string_view where);

// Turns an identity stored at `version` (its JSON) into a value of
// `schema`: an error for a version newer than the schema's; else unknown
// keys are dropped and missing ones become null. `type_name` names the
// resource in diagnostics.
cty::Value UpgradeIdentityJson(const IdentitySchema& schema,
                               absl::string_view type_name, int64_t version,
                               std::string_view json, Diagnostics* diagnostics);

void IdentitySchemaToProto(const IdentitySchema& schema,
                           tfplugin6::ResourceIdentitySchema* out);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_IDENTITY_H_
