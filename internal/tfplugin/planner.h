#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_PLANNER_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_PLANNER_H_

// The part of planning every resource shares, driven by the schema's rules:
// defaults, unknown computed values on create, stable values kept across
// updates, replace paths, and a no-op plan that is exactly the prior state.

#include "internal/tfplugin/resource.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

// Fills `response->planned_state` before the resource's own ModifyPlan:
// the proposed state with write-only values nulled, defaults applied where
// the config is null, computed values unknown on create, and on update the
// kUnknownOnUpdate ones unknown when anything else changes.
void PlanBeforeResource(const Schema& schema, const PlanRequest& request,
                        PlanResponse* response);

// Finishes the plan after ModifyPlan: adds the paths of requires_replace
// attributes whose planned value differs from the prior one (and then
// marks the new object's computed values unknown), and returns the prior
// state itself when nothing differs.
void PlanAfterResource(const Schema& schema, const PlanRequest& request,
                       PlanResponse* response);

// True when the plan would change the object, comparing as Terraform does.
bool PlanChangesObject(const cty::Value& prior, const cty::Value& planned);

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_PLANNER_H_
