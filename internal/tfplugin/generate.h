#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_GENERATE_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_GENERATE_H_

// The configuration Terraform writes for an imported object
// (`terraform plan -generate-config-out`, GenerateResourceConfig in
// protocol 6.10): the object's state cut down to what a person would
// write, such that the same plan against that state changes nothing.

#include "internal/cty/value.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

// Returns `state` with null in place of: computed-only attributes (the
// provider sets them), write-only and sensitive values (a generated file
// must hold no secret; an import never reads one back), optional+computed
// values equal to their default or an empty collection (the planner keeps
// the state's value when the config leaves them null). Every other
// attribute keeps the state's value, walking nested attributes and blocks.
cty::Value ConfigFromState(const Block& block, const cty::Value& state);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_GENERATE_H_
