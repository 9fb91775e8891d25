#include "internal/tfplugin/planner.h"

#include <algorithm>

namespace gandimail::tfplugin {
namespace {

bool IsUnsetInConfig(const cty::Value& config, const Attribute& a) {
  return config.IsNull() || config.GetAttr(a.name).IsNull();
}

// On create every computed value the config leaves null is unknown, except
// defaults, which are known.
cty::Value PlanCreate(const Block& block, const cty::Value& config,
                      cty::Value planned) {
  for (const Attribute& a : block.attributes) {
    if (!IsUnsetInConfig(config, a)) continue;
    if (a.default_value.has_value()) {
      planned = planned.WithAttr(a.name, *a.default_value);
    } else if (a.computed) {
      planned = planned.WithAttr(a.name, cty::Value::Unknown(a.type));
    }
  }
  return planned;
}

cty::Value ApplyDefaults(const Block& block, const cty::Value& config,
                         cty::Value planned) {
  for (const Attribute& a : block.attributes) {
    if (a.default_value.has_value() && IsUnsetInConfig(config, a)) {
      planned = planned.WithAttr(a.name, *a.default_value);
    }
  }
  return planned;
}

cty::Value MarkUnknown(const Block& block, const cty::Value& config,
                       cty::Value planned, bool only_on_update) {
  for (const Attribute& a : block.attributes) {
    if (!a.computed || !IsUnsetInConfig(config, a)) continue;
    if (a.default_value.has_value()) continue;
    bool wanted =
        only_on_update
            ? a.computed_behavior == ComputedBehavior::kUnknownOnUpdate
            : a.computed_behavior != ComputedBehavior::kPlannedByResource;
    if (wanted) planned = planned.WithAttr(a.name, cty::Value::Unknown(a.type));
  }
  return planned;
}

}  // namespace

bool PlanChangesObject(const cty::Value& prior, const cty::Value& planned) {
  return !(prior == planned);
}

void PlanBeforeResource(const Schema& schema, const PlanRequest& request,
                        PlanResponse* response) {
  const Block& block = schema.block;
  response->planned_private = request.prior_private;
  if (request.proposed_new_state.IsNull()) {
    response->planned_state = request.proposed_new_state;
    return;
  }
  cty::Value planned = NullWriteOnly(block, request.proposed_new_state);

  if (request.prior_state.IsNull()) {
    response->planned_state = PlanCreate(block, request.config, planned);
    return;
  }
  planned = ApplyDefaults(block, request.config, planned);
  if (PlanChangesObject(request.prior_state, planned)) {
    planned = MarkUnknown(block, request.config, planned, true);
  }
  response->planned_state = planned;
}

void PlanAfterResource(const Schema& schema, const PlanRequest& request,
                       PlanResponse* response) {
  const cty::Value& prior = request.prior_state;
  cty::Value& planned = response->planned_state;
  if (prior.IsNull() || planned.IsNull()) return;

  for (const Attribute& a : schema.block.attributes) {
    if (!a.requires_replace) continue;
    if (prior.GetAttr(a.name) == planned.GetAttr(a.name)) continue;
    cty::Path path = cty::Path().Attr(a.name);
    auto& paths = response->requires_replace;
    if (std::find(paths.begin(), paths.end(), path) == paths.end()) {
      paths.push_back(path);
    }
  }
  if (!response->requires_replace.empty()) {
    planned = MarkUnknown(schema.block, request.config, planned, false);
  }
  if (!PlanChangesObject(prior, planned)) planned = prior;
}

}  // namespace gandimail::tfplugin
