#ifndef GANDIMAIL_SRC_LIST_COMMON_H_
#define GANDIMAIL_SRC_LIST_COMMON_H_

// Pieces the list resources share: the states they emit are states of the
// managed resources, built from what one API list answer says.

#include <optional>
#include <string>

#include "internal/cty/value.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::list {

// An object of `schema`'s type with every attribute at its default, or
// null where it has none: what a state holds before the API's values.
cty::Value EmptyState(const tfplugin::Schema& schema);

// The string at `name` in `config`, or nothing when it is null.
std::optional<std::string> OptionalString(const cty::Value& config,
                                          const char* name);

// `domain`, required in every list: the domain whose objects are listed.
tfplugin::Attribute DomainAttribute(const std::string& what);

}  // namespace gandimail::list

#endif  // GANDIMAIL_SRC_LIST_COMMON_H_
