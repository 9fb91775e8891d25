#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_RESOURCE_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_RESOURCE_H_

// The interfaces a provider implements: a Provider that owns Resources,
// DataSources and Functions (function.h). The tfplugin6 service
// (provider_server.h) decodes every RPC, applies the generic rules (validators,
// planning, write-only nulling) and calls these with decoded values, so a
// resource states only its own rules.

#include <memory>
#include <string>
#include <vector>

#include "internal/cty/value.h"
#include "internal/tfplugin/action.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/ephemeral.h"
#include "internal/tfplugin/function.h"
#include "internal/tfplugin/identity.h"
#include "internal/tfplugin/list.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::tfplugin {

struct ClientCapabilities {
  bool deferral_allowed = false;
  bool write_only_attributes_allowed = false;
};

struct PlanRequest {
  cty::Value prior_state;         // null on create
  cty::Value proposed_new_state;  // null on destroy
  cty::Value config;              // null on destroy
  std::string prior_private;
  ClientCapabilities capabilities;
};

struct PlanResponse {
  // Prefilled by the generic planner; the resource may refine it.
  cty::Value planned_state;
  std::vector<cty::Path> requires_replace;
  std::string planned_private;
  Diagnostics diagnostics;
};

struct ApplyRequest {
  cty::Value prior_state;    // null on create
  cty::Value planned_state;  // null on delete
  cty::Value config;
  std::string planned_private;
};

struct ApplyResponse {
  cty::Value new_state;
  std::string private_data;
  Diagnostics diagnostics;
};

struct ReadRequest {
  cty::Value current_state;
  std::string private_data;
};

struct ReadResponse {
  cty::Value new_state;  // null: the object is gone
  std::string private_data;
  Diagnostics diagnostics;
};

struct ImportedObject {
  cty::Value state;
  std::string private_data;
};

struct ImportResponse {
  std::vector<ImportedObject> objects;
  Diagnostics diagnostics;
};

// A resource type of another provider (or of this one) whose state a
// resource can take over through a `moved` block (Terraform >= 1.8).
struct MoveSource {
  std::string provider_address;  // "registry.terraform.io/go-gandi/gandi"
  std::string type_name;         // "gandi_mailbox"
};

struct MoveRequest {
  MoveSource source;
  int64_t source_schema_version = 0;
  // The source's attribute JSON, as its provider wrote it.
  std::string source_state_json;
  std::string source_private;
};

struct MoveResponse {
  cty::Value target_state;
  std::string target_private;
  Diagnostics diagnostics;
};

class Resource {
 public:
  virtual ~Resource() = default;

  virtual std::string TypeName() const = 0;
  virtual const Schema& GetSchema() const = 0;

  // Cross-attribute checks; per-attribute validators already ran.
  virtual void Validate(const cty::Value& config, Diagnostics* diagnostics) {}

  // Called after the generic planner filled `response->planned_state`;
  // not called for destroy plans.
  virtual void ModifyPlan(const PlanRequest& request, PlanResponse* response) {}

  // Called for destroy plans (the provider announces plan_destroy so that
  // Terraform asks for them); the planned state stays null, so a resource
  // may only add diagnostics here, such as a warning of what is lost.
  virtual void PlanDestroy(const PlanRequest& request, PlanResponse* response) {
  }

  virtual void Create(const ApplyRequest& request, ApplyResponse* response) = 0;
  virtual void Update(const ApplyRequest& request, ApplyResponse* response) = 0;
  virtual void Delete(const ApplyRequest& request, ApplyResponse* response) = 0;
  virtual void Read(const ReadRequest& request, ReadResponse* response) = 0;

  // The default refuses import with a diagnostic.
  virtual void Import(const std::string& id, ImportResponse* response);

  // The sources MoveState accepts; the service refuses any other with a
  // diagnostic that lists what every resource accepts.
  virtual std::vector<MoveSource> MoveSources() const { return {}; }
  // Turns the state of one of MoveSources() into a state of this resource.
  // Terraform refreshes the moved object (ReadResource) before planning,
  // so computed values the source lacks may be null.
  virtual void MoveState(const MoveRequest& request, MoveResponse* response) {}

  // The resource's identity (identity.h), or null when it has none. The
  // service derives the identity from every state the resource returns.
  virtual const IdentitySchema* Identity() const { return nullptr; }

  // Turns a state stored at `version` (as its attribute JSON) into a value
  // of the current schema. The default handles the current version: unknown
  // keys are dropped and missing ones become null.
  virtual cty::Value UpgradeState(int64_t version, std::string_view json,
                                  Diagnostics* diagnostics);

  // The configuration block Terraform writes for an imported `state`
  // (`terraform plan -generate-config-out`); pasted into a configuration,
  // it must plan no change. The default is ConfigFromState (generate.h).
  virtual cty::Value GenerateConfig(const cty::Value& state,
                                    Diagnostics* diagnostics);
};

class DataSource {
 public:
  virtual ~DataSource() = default;

  virtual std::string TypeName() const = 0;
  virtual const Schema& GetSchema() const = 0;
  virtual void Validate(const cty::Value& config, Diagnostics* diagnostics) {}
  // Returns the full state for `config`.
  virtual cty::Value Read(const cty::Value& config,
                          Diagnostics* diagnostics) = 0;
};

struct ConfigureRequest {
  std::string terraform_version;
  cty::Value config;
  ClientCapabilities capabilities;
};

class Provider {
 public:
  virtual ~Provider() = default;

  virtual const Schema& GetSchema() const = 0;
  virtual void ValidateConfig(const cty::Value& config,
                              Diagnostics* diagnostics) {}
  virtual void Configure(const ConfigureRequest& request,
                         Diagnostics* diagnostics) = 0;
  // Asks work in flight to wind down: no new API requests, waits cut short.
  virtual void Stop() {}

  virtual std::vector<std::shared_ptr<Resource>> Resources() = 0;
  virtual std::vector<std::shared_ptr<DataSource>> DataSources() = 0;
  // Provider-defined functions; called without configuration.
  virtual std::vector<std::shared_ptr<Function>> Functions() { return {}; }
  virtual std::vector<std::shared_ptr<EphemeralResource>> EphemeralResources() {
    return {};
  }
  // Each shares its type name with one of Resources() that has an identity.
  virtual std::vector<std::shared_ptr<ListResource>> ListResources() {
    return {};
  }
  virtual std::vector<std::shared_ptr<Action>> Actions() { return {}; }
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_RESOURCE_H_
