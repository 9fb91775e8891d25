#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_ACTION_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_ACTION_H_

// Actions (protocol 6.10, Terraform >= 1.14): operations that are not an
// object's lifecycle, such as renewing a subscription, which a configuration
// triggers on purpose (`terraform apply -invoke=...` or a lifecycle
// `action_trigger`). Terraform plans an action, which checks it can run,
// then invokes it, which does the work and reports progress as it goes.

#include <functional>
#include <string>

#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

// Sends one progress line to Terraform, which shows it as it arrives.
using ProgressReporter = std::function<void(const std::string& message)>;

class Action {
 public:
  virtual ~Action() = default;

  virtual std::string TypeName() const = 0;
  // The action's configuration: required and optional attributes only.
  virtual const Schema& GetSchema() const = 0;

  // Cross-attribute checks; per-attribute validators already ran.
  virtual void Validate(const cty::Value& config, Diagnostics* diagnostics) {}

  // Checks at plan time, without changing anything, that the action can
  // run; `config` is wholly known (plans of unknown configs are not
  // passed on). The default checks nothing more than validation did.
  virtual void Plan(const cty::Value& config, Diagnostics* diagnostics) {}

  // Does the work, reporting progress through `progress`; the diagnostics
  // end the invocation.
  virtual void Invoke(const cty::Value& config,
                      const ProgressReporter& progress,
                      Diagnostics* diagnostics) = 0;
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_ACTION_H_
