#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_EPHEMERAL_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_EPHEMERAL_H_

// Ephemeral resources (protocol 6.7, Terraform >= 1.10): values Terraform
// asks for during a plan or apply and never writes to a plan or state file,
// such as a freshly generated password for a write-only attribute.
// Terraform opens one each run that needs it, may renew it, and closes it
// when the run is done.

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

struct OpenEphemeralRequest {
  cty::Value config;  // wholly known: unknown configs are never opened
  bool deferral_allowed = false;
};

struct OpenEphemeralResponse {
  // Prefilled with the config; the resource sets its computed values.
  cty::Value result;
  // Kept by Terraform and handed to Renew and Close.
  std::string private_data;
  // When set, Terraform calls Renew before this time.
  std::optional<absl::Time> renew_at;
  Diagnostics diagnostics;
};

class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;

  virtual std::string TypeName() const = 0;
  // Attributes are required, optional, optional+computed or computed, as in
  // a resource; there are no plans, so planning rules do not apply.
  virtual const Schema& GetSchema() const = 0;

  // Cross-attribute checks; per-attribute validators already ran.
  virtual void Validate(const cty::Value& config, Diagnostics* diagnostics) {}

  virtual void Open(const OpenEphemeralRequest& request,
                    OpenEphemeralResponse* response) = 0;

  // Only called when Open set renew_at. The default refuses.
  virtual void Renew(const std::string& private_data,
                     std::optional<absl::Time>* renew_at,
                     std::string* new_private_data, Diagnostics* diagnostics);

  // Releases what Open acquired. The default does nothing.
  virtual void Close(const std::string& private_data,
                     Diagnostics* diagnostics) {}
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_EPHEMERAL_H_
