#include "internal/tfplugin/provider_server.h"

#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "internal/base/status_macros.h"
#include "internal/tfplugin/convert.h"
#include "internal/tfplugin/planner.h"

namespace gandimail::tfplugin {
namespace {

// Terraform sent bytes that do not decode against the schema it was given:
// a protocol fault, not a user error.
grpc::Status ProtocolFault(absl::string_view what, const absl::Status& status) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat(what, ": ", status.message()));
}

grpc::Status EncodeFault(const absl::Status& status) {
  return grpc::Status(
      grpc::StatusCode::INTERNAL,
      absl::StrCat("provider bug: a value does not fit its schema: ",
                   status.message()));
}

Diagnostics UnsupportedType(absl::string_view kind, absl::string_view name) {
  Diagnostics d;
  d.AddError(
      absl::StrCat("Unknown ", kind),
      absl::StrCat("The gandimail provider has no ", kind, " named \"", name,
                   "\". This is a bug in Terraform or in the "
                   "provider; upgrading both usually helps."));
  return d;
}

template <typename Response>
grpc::Status AnswerUnsupported(absl::string_view kind, absl::string_view name,
                               Response* response) {
  DiagnosticsToProto(UnsupportedType(kind, name),
                     response->mutable_diagnostics());
  return grpc::Status::OK;
}

// Refuses write-only values when the client cannot keep them out of state.
void CheckWriteOnlyAllowed(const Schema& schema, const cty::Value& config,
                           const ClientCapabilities& capabilities,
                           Diagnostics* diagnostics) {
  if (capabilities.write_only_attributes_allowed || config.IsNull()) return;
  for (const Attribute& a : schema.block.attributes) {
    if (!a.write_only || config.GetAttr(a.name).IsNull()) continue;
    diagnostics->AddError(
        "Write-only Attribute Not Allowed",
        absl::StrCat("\"", a.name,
                     "\" is write-only, which needs Terraform "
                     "1.11 or later. Upgrade Terraform, or use the attribute "
                     "that is stored in state instead."),
        cty::Path().Attr(a.name));
  }
}

// Reports each required-for-import attribute that `identity` (from an
// import block) leaves null or unknown.
void CheckImportIdentity(const IdentitySchema& schema,
                         const cty::Value& identity,
                         absl::string_view type_name,
                         Diagnostics* diagnostics) {
  if (identity.IsNull()) return;
  if (!identity.IsKnown()) {
    diagnostics->AddError(
        "Unknown Import Identity",
        absl::StrCat("The identity to import this ", type_name,
                     " by is not known yet. Use values known at plan time."));
    return;
  }
  for (const IdentityAttribute& a : schema.attributes) {
    const cty::Value& value = identity.GetAttr(a.name);
    if (!a.required_for_import || (value.IsKnown() && !value.IsNull())) {
      continue;
    }
    diagnostics->AddError(
        "Incomplete Import Identity",
        absl::StrCat("Importing a ", type_name, " by identity needs \"", a.name,
                     "\". Add it to the import block's identity."));
  }
}

bool AcceptsMove(const Resource& resource, const MoveSource& source) {
  for (const MoveSource& s : resource.MoveSources()) {
    if (s.provider_address == source.provider_address &&
        s.type_name == source.type_name) {
      return true;
    }
  }
  return false;
}

void FunctionErrorToProto(const FunctionError& error,
                          tfplugin6::FunctionError* out) {
  out->set_text(error.text);
  if (error.argument.has_value()) out->set_function_argument(*error.argument);
}

// Decodes each argument against its parameter. The value returned is a
// tuple of the arguments, or an unknown of the return type when an argument
// is unknown where its parameter does not take unknowns: the function's
// result is then unknown too, as Terraform itself would decide.
FunctionResult DecodeArguments(
    const FunctionSignature& signature,
    const google::protobuf::RepeatedPtrField<tfplugin6::DynamicValue>& in) {
  const auto& parameters = signature.parameters;
  if (static_cast<size_t>(in.size()) != parameters.size()) {
    return CallError(absl::StrCat("The function takes ", parameters.size(),
                                  " arguments; Terraform sent ", in.size(),
                                  ". This is a bug in Terraform or in the "
                                  "provider."));
  }
  std::vector<cty::Value> arguments;
  bool unknown = false;
  for (int i = 0; i < in.size(); ++i) {
    const FunctionParameter& p = parameters[i];
    absl::StatusOr<cty::Value> value = DecodeDynamic(in[i], p.type);
    if (!value.ok()) {
      return ArgumentError(i,
                           absl::StrCat("Argument \"", p.name, "\" must be a ",
                                        p.type.FriendlyName(), "."));
    }
    if (value->IsNull() && !p.allow_null) {
      return ArgumentError(
          i, absl::StrCat("Argument \"", p.name, "\" must not be null."));
    }
    if (!value->IsWhollyKnown() && !p.allow_unknown) unknown = true;
    arguments.push_back(*std::move(value));
  }
  if (unknown) return Returned(cty::Value::Unknown(signature.return_type));
  return Returned(cty::Value::Tuple(std::move(arguments)));
}

// `config` with each computed attribute it leaves null made unknown: the
// result of an ephemeral resource that could not be opened yet.
cty::Value UnknownComputed(const Block& block, const cty::Value& config) {
  if (config.IsNull() || !config.IsKnown()) {
    return cty::Value::Unknown(block.ImpliedType());
  }
  cty::Value out = config;
  for (const Attribute& a : block.attributes) {
    if (a.computed && config.GetAttr(a.name).IsNull()) {
      out = out.WithAttr(a.name, cty::Value::Unknown(a.type));
    }
  }
  return out;
}

// Refuses an identity that changes a value Terraform already holds: an
// object's identity is fixed for its life. Attributes `prior` leaves null or
// unknown may be filled in (an import by login learns the id on read).
void CheckIdentityKept(const IdentitySchema& schema, const cty::Value& prior,
                       const cty::Value& identity, absl::string_view type_name,
                       Diagnostics* diagnostics) {
  if (prior.IsNull() || !prior.IsKnown() || !identity.IsKnown()) return;
  for (const IdentityAttribute& a : schema.attributes) {
    const cty::Value& before = prior.GetAttr(a.name);
    if (before.IsNull() || !before.IsWhollyKnown()) continue;
    if (before == identity.GetAttr(a.name)) continue;
    diagnostics->AddError(
        "Unexpected Identity Change",
        absl::StrCat("The identity attribute \"", a.name, "\" of this ",
                     type_name,
                     " changed, yet an object's identity never "
                     "changes. This is a bug in the provider; please report "
                     "it."));
  }
}

// Writes to `out()` (called only then, so that a response without identity
// has no identity field at all) the identity of `state` when `resource`
// declares one and `state` is not null, after checking it against `prior` (the
// identity Terraform holds; null when it has none or the object is new). A
// protocol fault when `prior` does not decode; an encoding fault when the
// identity does not fit its schema.
grpc::Status WriteIdentity(
    const Resource& resource, const cty::Value& state,
    const tfplugin6::ResourceIdentityData* prior, Diagnostics* diagnostics,
    const std::function<tfplugin6::ResourceIdentityData*()>& out) {
  const IdentitySchema* schema = resource.Identity();
  if (schema == nullptr || state.IsNull()) return grpc::Status::OK;
  cty::Type type = schema->ImpliedType();
  absl::StatusOr<cty::Value> before = cty::Value::Null(type);
  if (prior != nullptr) before = DecodeDynamic(prior->identity_data(), type);
  if (!before.ok()) return ProtocolFault("prior identity", before.status());

  cty::Value identity = IdentityFromState(*schema, state);
  CheckIdentityKept(*schema, *before, identity, resource.TypeName(),
                    diagnostics);
  absl::Status encoded =
      EncodeDynamic(identity, type, out()->mutable_identity_data());
  if (!encoded.ok()) return EncodeFault(encoded);
  return grpc::Status::OK;
}

// `identity` with its null attributes taken from `requested`: the identity
// an import by identity returns when the imported state lacks a part.
cty::Value FillIdentity(const cty::Value& identity,
                        const cty::Value& requested) {
  if (requested.IsNull() || !identity.IsKnown() || identity.IsNull()) {
    return identity;
  }
  cty::Value out = identity;
  for (const auto& [name, value] : identity.attributes()) {
    if (value.IsNull()) out = out.WithAttr(name, requested.GetAttr(name));
  }
  return out;
}

cty::Value NullIfUnset(const cty::Value& value, const cty::Type& type) {
  if (value.IsNull() && value.type() != type) return cty::Value::Null(type);
  return value;
}

// List and action schemas describe a configuration only: Terraform has no
// state of them to hold computed values.
absl::Status CheckConfigOnly(const Schema& schema, absl::string_view where) {
  GM_RETURN_IF_ERROR(CheckSchema(schema, where));
  for (const Attribute& a : schema.block.attributes) {
    if (a.computed) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": attribute \"", a.name,
          "\" is computed, but this schema describes a configuration only"));
    }
  }
  return absl::OkStatus();
}

// A list resource needs the managed resource it lists, with an identity,
// since every object found is sent as that resource's identity.
absl::Status CheckListed(
    const ListResource& list,
    const std::map<std::string, std::shared_ptr<Resource>>& resources) {
  std::string name = list.TypeName();
  GM_RETURN_IF_ERROR(CheckConfigOnly(list.GetSchema(), name));
  auto it = resources.find(name);
  if (it == resources.end() || it->second->Identity() == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("list resource ", name,
                     " has no managed resource of its name with an identity"));
  }
  return absl::OkStatus();
}

// Validates a list or action `config`; an unknown value (allowed at
// validation) is reported only when `need_known`.
void ValidateConfig(const Schema& schema, const cty::Value& config,
                    bool need_known, absl::string_view what,
                    Diagnostics* diagnostics) {
  RunValidators(schema.block, config, diagnostics);
  if (need_known && !config.IsWhollyKnown()) {
    diagnostics->AddError(
        absl::StrCat("Unknown ", what, " Configuration"),
        absl::StrCat("Some values of this ", absl::AsciiStrToLower(what),
                     " are not known yet. Use values known before the run."));
  }
}

}  // namespace

ProviderServer::InFlight::InFlight(ProviderServer* server) : server_(server) {
  std::lock_guard<std::mutex> lock(server_->in_flight_mu_);
  ++server_->in_flight_;
}

ProviderServer::InFlight::~InFlight() {
  std::lock_guard<std::mutex> lock(server_->in_flight_mu_);
  if (--server_->in_flight_ == 0) server_->in_flight_cv_.notify_all();
}

absl::StatusOr<std::unique_ptr<ProviderServer>> ProviderServer::Create(
    std::shared_ptr<Provider> provider) {
  auto server =
      std::unique_ptr<ProviderServer>(new ProviderServer(std::move(provider)));
  GM_RETURN_IF_ERROR(server->CheckSchemas());
  return server;
}

// Walks what the constructor collected, so that each resource, data
// source, function and action is made once at start-up.
absl::Status ProviderServer::CheckSchemas() const {
  GM_RETURN_IF_ERROR(CheckSchema(provider_->GetSchema(), "provider"));
  for (const auto& [name, r] : resources_) {
    GM_RETURN_IF_ERROR(CheckSchema(r->GetSchema(), name));
    if (r->Identity() == nullptr) continue;
    GM_RETURN_IF_ERROR(
        CheckIdentitySchema(*r->Identity(), r->GetSchema(), name));
  }
  for (const auto& [name, d] : data_sources_) {
    GM_RETURN_IF_ERROR(CheckSchema(d->GetSchema(), name));
  }
  for (const auto& [name, f] : functions_) {
    GM_RETURN_IF_ERROR(CheckFunction(*f));
  }
  for (const auto& [name, e] : ephemerals_) {
    GM_RETURN_IF_ERROR(CheckSchema(e->GetSchema(), name));
  }
  for (const auto& [name, a] : actions_) {
    GM_RETURN_IF_ERROR(CheckConfigOnly(a->GetSchema(), name));
  }
  for (const auto& [name, list] : lists_) {
    GM_RETURN_IF_ERROR(CheckListed(*list, resources_));
  }
  return absl::OkStatus();
}

ProviderServer::ProviderServer(std::shared_ptr<Provider> provider)
    : provider_(std::move(provider)) {
  for (auto& r : provider_->Resources()) resources_[r->TypeName()] = r;
  for (auto& d : provider_->DataSources()) data_sources_[d->TypeName()] = d;
  for (auto& f : provider_->Functions()) functions_[f->Name()] = f;
  for (auto& e : provider_->EphemeralResources()) {
    ephemerals_[e->TypeName()] = e;
  }
  for (auto& l : provider_->ListResources()) lists_[l->TypeName()] = l;
  for (auto& a : provider_->Actions()) actions_[a->TypeName()] = a;
  BuildSchemaResponse();
}

void ProviderServer::BuildSchemaResponse() {
  SchemaToProto(provider_->GetSchema(), schema_response_.mutable_provider());
  auto& resource_schemas = *schema_response_.mutable_resource_schemas();
  for (const auto& [name, r] : resources_) {
    SchemaToProto(r->GetSchema(), &resource_schemas[name]);
  }
  auto& data_schemas = *schema_response_.mutable_data_source_schemas();
  for (const auto& [name, d] : data_sources_) {
    SchemaToProto(d->GetSchema(), &data_schemas[name]);
  }
  auto& functions = *schema_response_.mutable_functions();
  for (const auto& [name, f] : functions_) {
    FunctionToProto(f->Signature(), &functions[name]);
  }
  auto& ephemeral_schemas =
      *schema_response_.mutable_ephemeral_resource_schemas();
  for (const auto& [name, e] : ephemerals_) {
    SchemaToProto(e->GetSchema(), &ephemeral_schemas[name]);
  }
  auto& list_schemas = *schema_response_.mutable_list_resource_schemas();
  for (const auto& [name, l] : lists_) {
    SchemaToProto(l->GetSchema(), &list_schemas[name]);
  }
  auto& action_schemas = *schema_response_.mutable_action_schemas();
  for (const auto& [name, a] : actions_) {
    SchemaToProto(a->GetSchema(), action_schemas[name].mutable_schema());
  }
  auto* capabilities = schema_response_.mutable_server_capabilities();
  capabilities->set_get_provider_schema_optional(true);
  // Destroy plans reach the resources, which can then warn of what a
  // destroy loses (a mailbox's mail).
  capabilities->set_plan_destroy(true);
  capabilities->set_move_resource_state(true);
  capabilities->set_generate_resource_config(true);
}

Resource* ProviderServer::FindResource(const std::string& type_name) const {
  auto it = resources_.find(type_name);
  return it == resources_.end() ? nullptr : it->second.get();
}

DataSource* ProviderServer::FindDataSource(const std::string& name) const {
  auto it = data_sources_.find(name);
  return it == data_sources_.end() ? nullptr : it->second.get();
}

const Function* ProviderServer::FindFunction(const std::string& name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : it->second.get();
}

EphemeralResource* ProviderServer::FindEphemeral(
    const std::string& type_name) const {
  auto it = ephemerals_.find(type_name);
  return it == ephemerals_.end() ? nullptr : it->second.get();
}

tfplugin::ListResource* ProviderServer::FindList(
    const std::string& type_name) const {
  auto it = lists_.find(type_name);
  return it == lists_.end() ? nullptr : it->second.get();
}

Action* ProviderServer::FindAction(const std::string& type_name) const {
  auto it = actions_.find(type_name);
  return it == actions_.end() ? nullptr : it->second.get();
}

grpc::Status ProviderServer::GetMetadata(
    Ctx*, const tfplugin6::GetMetadataRpc::Request*,
    tfplugin6::GetMetadataRpc::Response* response) {
  *response->mutable_server_capabilities() =
      schema_response_.server_capabilities();
  for (const auto& [name, r] : resources_) {
    response->add_resources()->set_type_name(name);
  }
  for (const auto& [name, d] : data_sources_) {
    response->add_data_sources()->set_type_name(name);
  }
  for (const auto& [name, f] : functions_) {
    response->add_functions()->set_name(name);
  }
  for (const auto& [name, e] : ephemerals_) {
    response->add_ephemeral_resources()->set_type_name(name);
  }
  for (const auto& [name, l] : lists_) {
    response->add_list_resources()->set_type_name(name);
  }
  for (const auto& [name, a] : actions_) {
    response->add_actions()->set_type_name(name);
  }
  return grpc::Status::OK;
}

grpc::Status ProviderServer::GetProviderSchema(
    Ctx*, const tfplugin6::GetProviderSchema::Request*,
    tfplugin6::GetProviderSchema::Response* response) {
  *response = schema_response_;
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateProviderConfig(
    Ctx*, const tfplugin6::ValidateProviderConfig::Request* request,
    tfplugin6::ValidateProviderConfig::Response* response) {
  const Schema& schema = provider_->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("provider config", config.status());

  Diagnostics diagnostics;
  RunValidators(schema.block, *config, &diagnostics);
  provider_->ValidateConfig(*config, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateResourceConfig(
    Ctx*, const tfplugin6::ValidateResourceConfig::Request* request,
    tfplugin6::ValidateResourceConfig::Response* response) {
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  const Schema& schema = resource->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("resource config", config.status());

  Diagnostics diagnostics;
  CheckWriteOnlyAllowed(schema, *config,
                        CapabilitiesFromProto(request->client_capabilities()),
                        &diagnostics);
  RunValidators(schema.block, *config, &diagnostics);
  resource->Validate(*config, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateDataResourceConfig(
    Ctx*, const tfplugin6::ValidateDataResourceConfig::Request* request,
    tfplugin6::ValidateDataResourceConfig::Response* response) {
  DataSource* data_source = FindDataSource(request->type_name());
  if (data_source == nullptr) {
    return AnswerUnsupported("data source", request->type_name(), response);
  }
  const Schema& schema = data_source->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("data source config", config.status());

  Diagnostics diagnostics;
  RunValidators(schema.block, *config, &diagnostics);
  data_source->Validate(*config, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::UpgradeResourceState(
    Ctx*, const tfplugin6::UpgradeResourceState::Request* request,
    tfplugin6::UpgradeResourceState::Response* response) {
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  const Schema& schema = resource->GetSchema();
  Diagnostics diagnostics;
  cty::Value upgraded = cty::Value::Null(schema.ImpliedType());
  if (request->raw_state().json().empty() &&
      !request->raw_state().flatmap().empty()) {
    diagnostics.AddError(
        "Legacy State Format",
        "This state was written in the flatmap format of Terraform 0.11, "
        "which the gandimail provider never wrote. Remove the resource from "
        "state and import it again.");
  } else {
    upgraded = resource->UpgradeState(
        request->version(), request->raw_state().json(), &diagnostics);
  }
  upgraded = NullWriteOnly(schema.block, upgraded);

  absl::Status encoded = EncodeDynamic(upgraded, schema.ImpliedType(),
                                       response->mutable_upgraded_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::GetResourceIdentitySchemas(
    Ctx*, const tfplugin6::GetResourceIdentitySchemas::Request*,
    tfplugin6::GetResourceIdentitySchemas::Response* response) {
  auto& schemas = *response->mutable_identity_schemas();
  for (const auto& [name, r] : resources_) {
    if (r->Identity() != nullptr) {
      IdentitySchemaToProto(*r->Identity(), &schemas[name]);
    }
  }
  return grpc::Status::OK;
}

grpc::Status ProviderServer::UpgradeResourceIdentity(
    Ctx*, const tfplugin6::UpgradeResourceIdentity::Request* request,
    tfplugin6::UpgradeResourceIdentity::Response* response) {
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr || resource->Identity() == nullptr) {
    return AnswerUnsupported("resource identity", request->type_name(),
                             response);
  }
  const IdentitySchema& schema = *resource->Identity();
  Diagnostics diagnostics;
  cty::Value upgraded =
      UpgradeIdentityJson(schema, resource->TypeName(), request->version(),
                          request->raw_identity().json(), &diagnostics);

  absl::Status encoded = EncodeDynamic(
      upgraded, schema.ImpliedType(),
      response->mutable_upgraded_identity()->mutable_identity_data());
  if (!encoded.ok()) return EncodeFault(encoded);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ConfigureProvider(
    Ctx*, const tfplugin6::ConfigureProvider::Request* request,
    tfplugin6::ConfigureProvider::Response* response) {
  InFlight in_flight(this);
  const Schema& schema = provider_->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("provider config", config.status());

  ConfigureRequest configure;
  configure.terraform_version = request->terraform_version();
  configure.config = *config;
  configure.capabilities =
      CapabilitiesFromProto(request->client_capabilities());
  Diagnostics diagnostics;
  provider_->Configure(configure, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ReadResource(
    Ctx*, const tfplugin6::ReadResource::Request* request,
    tfplugin6::ReadResource::Response* response) {
  InFlight in_flight(this);
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  const Schema& schema = resource->GetSchema();
  cty::Type type = schema.ImpliedType();
  auto current = DecodeDynamic(request->current_state(), type);
  if (!current.ok()) return ProtocolFault("current state", current.status());

  ReadRequest read{*current, request->private_()};
  ReadResponse result;
  result.private_data = request->private_();
  resource->Read(read, &result);
  cty::Value state =
      NullIfUnset(NullWriteOnly(schema.block, result.new_state), type);

  absl::Status encoded =
      EncodeDynamic(state, type, response->mutable_new_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  grpc::Status identity = WriteIdentity(
      *resource, state,
      request->has_current_identity() ? &request->current_identity() : nullptr,
      &result.diagnostics,
      [response] { return response->mutable_new_identity(); });
  if (!identity.ok()) return identity;
  response->set_private_(result.private_data);
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

void ProviderServer::OpenWithEphemeral(
    EphemeralResource& ephemeral,
    const tfplugin6::OpenEphemeralResource::Request* request,
    const cty::Value& config, OpenEphemeralResponse* response) {
  // Validation runs again: an invalid config must never reach Open, even
  // from a client that skipped ValidateEphemeralResourceConfig.
  RunValidators(ephemeral.GetSchema().block, config, &response->diagnostics);
  ephemeral.Validate(config, &response->diagnostics);
  if (response->diagnostics.HasError()) return;

  OpenEphemeralRequest open;
  open.config = config;
  open.deferral_allowed = request->client_capabilities().deferral_allowed();
  ephemeral.Open(open, response);
}

absl::StatusOr<cty::Value> ProviderServer::ImportByIdentity(
    Resource& resource, const tfplugin6::ResourceIdentityData& data,
    ImportResponse* response) {
  const IdentitySchema* schema = resource.Identity();
  if (schema == nullptr || !schema->import_id) {
    response->diagnostics.AddError(
        "Import by Identity Not Supported",
        absl::StrCat(resource.TypeName(),
                     " cannot be imported by identity. "
                     "Use its import ID instead (see its documentation)."));
    return cty::Value();
  }
  GM_ASSIGN_OR_RETURN(
      cty::Value identity,
      DecodeDynamic(data.identity_data(), schema->ImpliedType()));
  CheckImportIdentity(*schema, identity, resource.TypeName(),
                      &response->diagnostics);
  if (identity.IsNull() || response->diagnostics.HasError()) return identity;

  absl::StatusOr<std::string> id = schema->import_id(identity);
  if (!id.ok()) {
    response->diagnostics.AddStatusError(
        "Invalid Import Identity",
        absl::StrCat("This identity names no ", resource.TypeName(), "."),
        id.status());
    return identity;
  }
  resource.Import(*id, response);
  return identity;
}

Diagnostics ProviderServer::UnsupportedMove(const MoveSource& source,
                                            const std::string& target) const {
  std::vector<std::string> supported;
  for (const auto& [name, r] : resources_) {
    for (const MoveSource& s : r->MoveSources()) {
      supported.push_back(
          absl::StrCat(s.type_name, " of ", s.provider_address, " to ", name));
    }
  }
  std::string list =
      supported.empty() ? "none" : absl::StrJoin(supported, "; ");
  Diagnostics diagnostics;
  diagnostics.AddError(
      "Unsupported Resource Move",
      absl::StrCat("The gandimail provider cannot move ", source.type_name,
                   " of ", source.provider_address, " to ", target,
                   ". The moves it supports: ", list,
                   ". Otherwise remove the old resource from state "
                   "(terraform state rm) and import the object."));
  return diagnostics;
}

void ProviderServer::PlanWithResource(Resource& resource,
                                      const PlanRequest& request,
                                      PlanResponse* response) {
  const Schema& schema = resource.GetSchema();
  PlanBeforeResource(schema, request, response);
  if (request.proposed_new_state.IsNull()) {
    resource.PlanDestroy(request, response);
    return;
  }

  resource.ModifyPlan(request, response);
  if (response->diagnostics.HasError()) return;
  response->planned_state =
      NullWriteOnly(schema.block, response->planned_state);
  PlanAfterResource(schema, request, response);
}

grpc::Status ProviderServer::PlanResourceChange(
    Ctx*, const tfplugin6::PlanResourceChange::Request* request,
    tfplugin6::PlanResourceChange::Response* response) {
  InFlight in_flight(this);
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  cty::Type type = resource->GetSchema().ImpliedType();
  auto prior = DecodeDynamic(request->prior_state(), type);
  auto proposed = DecodeDynamic(request->proposed_new_state(), type);
  auto config = DecodeDynamic(request->config(), type);
  if (!prior.ok()) return ProtocolFault("prior state", prior.status());
  if (!proposed.ok()) return ProtocolFault("proposed state", proposed.status());
  if (!config.ok()) return ProtocolFault("config", config.status());

  PlanRequest plan{*prior, *proposed, *config, request->prior_private(),
                   CapabilitiesFromProto(request->client_capabilities())};
  PlanResponse result;
  PlanWithResource(*resource, plan, &result);

  cty::Value planned = NullIfUnset(result.planned_state, type);
  absl::Status encoded =
      EncodeDynamic(planned, type, response->mutable_planned_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  // A replacement makes a new object, whose identity may differ.
  bool same_object = !prior->IsNull() && result.requires_replace.empty();
  grpc::Status identity = WriteIdentity(
      *resource, planned,
      same_object && request->has_prior_identity() ? &request->prior_identity()
                                                   : nullptr,
      &result.diagnostics,
      [response] { return response->mutable_planned_identity(); });
  if (!identity.ok()) return identity;
  for (const cty::Path& path : result.requires_replace) {
    PathToProto(path, response->add_requires_replace());
  }
  response->set_planned_private(result.planned_private);
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

void ProviderServer::ApplyWithResource(Resource& resource,
                                       const ApplyRequest& request,
                                       ApplyResponse* response) {
  response->private_data = request.planned_private;
  if (request.planned_state.IsNull()) {
    resource.Delete(request, response);
    if (!response->diagnostics.HasError()) {
      response->new_state = cty::Value::Null(request.planned_state.type());
    }
  } else if (request.prior_state.IsNull()) {
    resource.Create(request, response);
  } else {
    resource.Update(request, response);
  }
  response->new_state =
      NullWriteOnly(resource.GetSchema().block, response->new_state);
}

grpc::Status ProviderServer::ApplyResourceChange(
    Ctx*, const tfplugin6::ApplyResourceChange::Request* request,
    tfplugin6::ApplyResourceChange::Response* response) {
  InFlight in_flight(this);
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  cty::Type type = resource->GetSchema().ImpliedType();
  auto prior = DecodeDynamic(request->prior_state(), type);
  auto planned = DecodeDynamic(request->planned_state(), type);
  auto config = DecodeDynamic(request->config(), type);
  if (!prior.ok()) return ProtocolFault("prior state", prior.status());
  if (!planned.ok()) return ProtocolFault("planned state", planned.status());
  if (!config.ok()) return ProtocolFault("config", config.status());

  ApplyRequest apply{*prior, *planned, *config, request->planned_private()};
  ApplyResponse result;
  result.new_state = cty::Value::Null(type);
  ApplyWithResource(*resource, apply, &result);

  cty::Value state = NullIfUnset(result.new_state, type);
  absl::Status encoded =
      EncodeDynamic(state, type, response->mutable_new_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  grpc::Status identity = WriteIdentity(
      *resource, state,
      request->has_planned_identity() ? &request->planned_identity() : nullptr,
      &result.diagnostics,
      [response] { return response->mutable_new_identity(); });
  if (!identity.ok()) return identity;
  response->set_private_(result.private_data);
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ImportResourceState(
    Ctx*, const tfplugin6::ImportResourceState::Request* request,
    tfplugin6::ImportResourceState::Response* response) {
  InFlight in_flight(this);
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  const Schema& schema = resource->GetSchema();
  ImportResponse result;
  cty::Value requested;
  if (request->has_identity()) {
    auto by_identity =
        ImportByIdentity(*resource, request->identity(), &result);
    if (!by_identity.ok())
      return ProtocolFault("identity", by_identity.status());
    requested = *by_identity;
  } else {
    resource->Import(request->id(), &result);
  }

  for (const ImportedObject& object : result.objects) {
    auto* imported = response->add_imported_resources();
    imported->set_type_name(request->type_name());
    imported->set_private_(object.private_data);
    cty::Value state = NullWriteOnly(schema.block, object.state);
    absl::Status encoded =
        EncodeDynamic(state, schema.ImpliedType(), imported->mutable_state());
    if (!encoded.ok()) return EncodeFault(encoded);
    if (resource->Identity() == nullptr || state.IsNull()) continue;
    const IdentitySchema& identity = *resource->Identity();
    encoded = EncodeDynamic(
        FillIdentity(IdentityFromState(identity, state), requested),
        identity.ImpliedType(),
        imported->mutable_identity()->mutable_identity_data());
    if (!encoded.ok()) return EncodeFault(encoded);
  }
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::MoveResourceState(
    Ctx*, const tfplugin6::MoveResourceState::Request* request,
    tfplugin6::MoveResourceState::Response* response) {
  Resource* resource = FindResource(request->target_type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->target_type_name(),
                             response);
  }
  MoveRequest move{
      {request->source_provider_address(), request->source_type_name()},
      request->source_schema_version(),
      request->source_state().json(),
      request->source_private()};
  MoveResponse result;
  const Schema& schema = resource->GetSchema();
  cty::Type type = schema.ImpliedType();
  result.target_state = cty::Value::Null(type);
  if (!AcceptsMove(*resource, move.source)) {
    result.diagnostics = UnsupportedMove(move.source, resource->TypeName());
  } else {
    resource->MoveState(move, &result);
  }
  cty::Value state = NullWriteOnly(schema.block, result.target_state);

  absl::Status encoded = EncodeDynamic(NullIfUnset(state, type), type,
                                       response->mutable_target_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  response->set_target_private(result.target_private);
  if (!result.diagnostics.HasError()) {
    grpc::Status identity = WriteIdentity(
        *resource, NullIfUnset(state, type), nullptr, &result.diagnostics,
        [response] { return response->mutable_target_identity(); });
    if (!identity.ok()) return identity;
  }
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ReadDataSource(
    Ctx*, const tfplugin6::ReadDataSource::Request* request,
    tfplugin6::ReadDataSource::Response* response) {
  InFlight in_flight(this);
  DataSource* data_source = FindDataSource(request->type_name());
  if (data_source == nullptr) {
    return AnswerUnsupported("data source", request->type_name(), response);
  }
  cty::Type type = data_source->GetSchema().ImpliedType();
  auto config = DecodeDynamic(request->config(), type);
  if (!config.ok()) return ProtocolFault("data source config", config.status());

  Diagnostics diagnostics;
  cty::Value state = data_source->Read(*config, &diagnostics);
  absl::Status encoded =
      EncodeDynamic(NullIfUnset(state, type), type, response->mutable_state());
  if (!encoded.ok()) return EncodeFault(encoded);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::GenerateResourceConfig(
    Ctx*, const tfplugin6::GenerateResourceConfig::Request* request,
    tfplugin6::GenerateResourceConfig::Response* response) {
  Resource* resource = FindResource(request->type_name());
  if (resource == nullptr) {
    return AnswerUnsupported("resource type", request->type_name(), response);
  }
  cty::Type type = resource->GetSchema().ImpliedType();
  auto state = DecodeDynamic(request->state(), type);
  if (!state.ok()) return ProtocolFault("state", state.status());

  Diagnostics diagnostics;
  cty::Value config = resource->GenerateConfig(*state, &diagnostics);
  absl::Status encoded = EncodeDynamic(NullIfUnset(config, type), type,
                                       response->mutable_config());
  if (!encoded.ok()) return EncodeFault(encoded);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateEphemeralResourceConfig(
    Ctx*, const tfplugin6::ValidateEphemeralResourceConfig::Request* request,
    tfplugin6::ValidateEphemeralResourceConfig::Response* response) {
  EphemeralResource* ephemeral = FindEphemeral(request->type_name());
  if (ephemeral == nullptr) {
    return AnswerUnsupported("ephemeral resource", request->type_name(),
                             response);
  }
  const Schema& schema = ephemeral->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("ephemeral config", config.status());

  Diagnostics diagnostics;
  RunValidators(schema.block, *config, &diagnostics);
  ephemeral->Validate(*config, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::OpenEphemeralResource(
    Ctx*, const tfplugin6::OpenEphemeralResource::Request* request,
    tfplugin6::OpenEphemeralResource::Response* response) {
  InFlight in_flight(this);
  EphemeralResource* ephemeral = FindEphemeral(request->type_name());
  if (ephemeral == nullptr) {
    return AnswerUnsupported("ephemeral resource", request->type_name(),
                             response);
  }
  const Schema& schema = ephemeral->GetSchema();
  cty::Type type = schema.ImpliedType();
  auto config = DecodeDynamic(request->config(), type);
  if (!config.ok()) return ProtocolFault("ephemeral config", config.status());

  OpenEphemeralResponse result;
  result.result = UnknownComputed(schema.block, *config);
  // Terraform opens only wholly known configs; anything else gets the
  // unknown result Terraform itself would make, rather than a guess.
  if (config->IsWhollyKnown())
    OpenWithEphemeral(*ephemeral, request, *config, &result);

  absl::Status encoded = EncodeDynamic(NullIfUnset(result.result, type), type,
                                       response->mutable_result());
  if (!encoded.ok()) return EncodeFault(encoded);
  if (!result.private_data.empty()) response->set_private_(result.private_data);
  if (result.renew_at.has_value()) {
    response->mutable_renew_at()->set_seconds(
        absl::ToUnixSeconds(*result.renew_at));
  }
  DiagnosticsToProto(result.diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::RenewEphemeralResource(
    Ctx*, const tfplugin6::RenewEphemeralResource::Request* request,
    tfplugin6::RenewEphemeralResource::Response* response) {
  InFlight in_flight(this);
  EphemeralResource* ephemeral = FindEphemeral(request->type_name());
  if (ephemeral == nullptr) {
    return AnswerUnsupported("ephemeral resource", request->type_name(),
                             response);
  }
  std::optional<absl::Time> renew_at;
  std::string private_data = request->private_();
  Diagnostics diagnostics;
  ephemeral->Renew(request->private_(), &renew_at, &private_data, &diagnostics);
  if (!private_data.empty()) response->set_private_(private_data);
  if (renew_at.has_value()) {
    response->mutable_renew_at()->set_seconds(absl::ToUnixSeconds(*renew_at));
  }
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::CloseEphemeralResource(
    Ctx*, const tfplugin6::CloseEphemeralResource::Request* request,
    tfplugin6::CloseEphemeralResource::Response* response) {
  InFlight in_flight(this);
  EphemeralResource* ephemeral = FindEphemeral(request->type_name());
  if (ephemeral == nullptr) {
    return AnswerUnsupported("ephemeral resource", request->type_name(),
                             response);
  }
  Diagnostics diagnostics;
  ephemeral->Close(request->private_(), &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::StreamList(
    tfplugin::ListResource& list, const Resource& resource,
    const tfplugin6::ListResource::Request& request, const cty::Value& config,
    Ctx* context, grpc::ServerWriter<tfplugin6::ListResource::Event>* writer,
    Diagnostics* diagnostics) {
  const Block& block = resource.GetSchema().block;
  cty::Type type = block.ImpliedType();
  const IdentitySchema& identity = *resource.Identity();
  ListRequest list_request{config, request.include_resource_object(),
                           request.limit()};
  int64_t sent = 0;
  absl::Status fault;

  // Refuses every object past the limit or a fault, even from a list that
  // ignores the first refusal.
  auto emit = [&](ListedObject object) {
    if (!fault.ok() || sent >= list_request.limit) return false;
    if (context != nullptr && context->IsCancelled()) return false;
    tfplugin6::ListResource::Event event;
    cty::Value state = NullWriteOnly(block, object.state);
    fault = EncodeDynamic(IdentityFromState(identity, state),
                          identity.ImpliedType(),
                          event.mutable_identity()->mutable_identity_data());
    if (fault.ok() && list_request.include_resource_object) {
      fault = EncodeDynamic(state, type, event.mutable_resource_object());
    }
    if (!fault.ok()) return false;
    event.set_display_name(object.display_name);
    return writer->Write(event) && ++sent < list_request.limit;
  };
  list.List(list_request, emit, diagnostics);
  if (!fault.ok()) return EncodeFault(fault);
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ListResource(
    Ctx* context, const tfplugin6::ListResource::Request* request,
    grpc::ServerWriter<tfplugin6::ListResource::Event>* writer) {
  InFlight in_flight(this);
  tfplugin6::ListResource::Event last;
  tfplugin::ListResource* list = FindList(request->type_name());
  if (list == nullptr) {
    DiagnosticsToProto(UnsupportedType("list resource", request->type_name()),
                       last.mutable_diagnostic());
    writer->Write(last);
    return grpc::Status::OK;
  }
  const Schema& schema = list->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("list config", config.status());

  Diagnostics diagnostics;
  ValidateConfig(schema, *config, true, "List", &diagnostics);
  if (!diagnostics.HasError()) list->Validate(*config, &diagnostics);
  // A limit of zero asks for nothing, so the API is not asked either.
  if (!diagnostics.HasError() && request->limit() > 0) {
    grpc::Status streamed =
        StreamList(*list, *FindResource(request->type_name()), *request,
                   *config, context, writer, &diagnostics);
    if (!streamed.ok()) return streamed;
  }
  if (diagnostics.empty()) return grpc::Status::OK;
  DiagnosticsToProto(diagnostics, last.mutable_diagnostic());
  writer->Write(last);
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateListResourceConfig(
    Ctx*, const tfplugin6::ValidateListResourceConfig::Request* request,
    tfplugin6::ValidateListResourceConfig::Response* response) {
  tfplugin::ListResource* list = FindList(request->type_name());
  if (list == nullptr) {
    return AnswerUnsupported("list resource", request->type_name(), response);
  }
  const Schema& schema = list->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("list config", config.status());
  auto limit = DecodeDynamic(request->limit(), cty::Type::Number());
  if (!limit.ok()) return ProtocolFault("list limit", limit.status());

  Diagnostics diagnostics;
  ValidateConfig(schema, *config, false, "List", &diagnostics);
  list->Validate(*config, &diagnostics);
  if (limit->IsKnown() && !limit->IsNull() && limit->AsDouble() < 0) {
    diagnostics.AddError("Invalid List Limit",
                         "\"limit\" must be zero or more.");
  }
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::GetFunctions(
    Ctx*, const tfplugin6::GetFunctions::Request*,
    tfplugin6::GetFunctions::Response* response) {
  *response->mutable_functions() = schema_response_.functions();
  return grpc::Status::OK;
}

grpc::Status ProviderServer::CallFunction(
    Ctx*, const tfplugin6::CallFunction::Request* request,
    tfplugin6::CallFunction::Response* response) {
  const Function* function = FindFunction(request->name());
  if (function == nullptr) {
    response->mutable_error()->set_text(absl::StrCat(
        "The gandimail provider has no function named \"", request->name(),
        "\". This is a bug in Terraform or in "
        "the provider."));
    return grpc::Status::OK;
  }
  const FunctionSignature& signature = function->Signature();
  FunctionResult result = DecodeArguments(signature, request->arguments());
  if (!result.error.has_value() && result.value.IsKnown()) {
    result = function->Call(result.value.elements());
  }

  if (result.error.has_value()) {
    FunctionErrorToProto(*result.error, response->mutable_error());
    return grpc::Status::OK;
  }
  absl::Status encoded = EncodeDynamic(result.value, signature.return_type,
                                       response->mutable_result());
  if (!encoded.ok()) return EncodeFault(encoded);
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateStateStoreConfig(
    Ctx*, const tfplugin6::ValidateStateStore::Request* request,
    tfplugin6::ValidateStateStore::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::ConfigureStateStore(
    Ctx*, const tfplugin6::ConfigureStateStore::Request* request,
    tfplugin6::ConfigureStateStore::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::ReadStateBytes(
    Ctx*, const tfplugin6::ReadStateBytes::Request* request,
    grpc::ServerWriter<tfplugin6::ReadStateBytes::Response>* writer) {
  tfplugin6::ReadStateBytes::Response response;
  AnswerUnsupported("state store", request->type_name(), &response);
  writer->Write(response);
  return grpc::Status::OK;
}

grpc::Status ProviderServer::WriteStateBytes(
    Ctx*, grpc::ServerReader<tfplugin6::WriteStateBytes::RequestChunk>* reader,
    tfplugin6::WriteStateBytes::Response* response) {
  tfplugin6::WriteStateBytes::RequestChunk chunk;
  std::string type_name;
  while (reader->Read(&chunk)) {
    if (chunk.has_meta()) type_name = chunk.meta().type_name();
  }
  return AnswerUnsupported("state store", type_name, response);
}

grpc::Status ProviderServer::LockState(
    Ctx*, const tfplugin6::LockState::Request* request,
    tfplugin6::LockState::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::UnlockState(
    Ctx*, const tfplugin6::UnlockState::Request* request,
    tfplugin6::UnlockState::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::GetStates(
    Ctx*, const tfplugin6::GetStates::Request* request,
    tfplugin6::GetStates::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::DeleteState(
    Ctx*, const tfplugin6::DeleteState::Request* request,
    tfplugin6::DeleteState::Response* response) {
  return AnswerUnsupported("state store", request->type_name(), response);
}

grpc::Status ProviderServer::PlanAction(
    Ctx*, const tfplugin6::PlanAction::Request* request,
    tfplugin6::PlanAction::Response* response) {
  InFlight in_flight(this);
  Action* action = FindAction(request->action_type());
  if (action == nullptr) {
    return AnswerUnsupported("action", request->action_type(), response);
  }
  const Schema& schema = action->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("action config", config.status());

  Diagnostics diagnostics;
  ValidateConfig(schema, *config, false, "Action", &diagnostics);
  if (!diagnostics.HasError()) action->Validate(*config, &diagnostics);
  // An unknown config is checked again when the invocation has its values.
  if (!diagnostics.HasError() && config->IsWhollyKnown()) {
    action->Plan(*config, &diagnostics);
  }
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::InvokeAction(
    Ctx*, const tfplugin6::InvokeAction::Request* request,
    grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer) {
  InFlight in_flight(this);
  tfplugin6::InvokeAction::Event completed;
  Action* action = FindAction(request->action_type());
  if (action == nullptr) {
    DiagnosticsToProto(UnsupportedType("action", request->action_type()),
                       completed.mutable_completed()->mutable_diagnostics());
    writer->Write(completed);
    return grpc::Status::OK;
  }
  const Schema& schema = action->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("action config", config.status());

  // Validation runs again: an invalid config must never reach the API,
  // even from a client that skipped ValidateActionConfig.
  Diagnostics diagnostics;
  ValidateConfig(schema, *config, true, "Action", &diagnostics);
  if (!diagnostics.HasError()) action->Validate(*config, &diagnostics);
  if (!diagnostics.HasError()) {
    auto progress = [writer](const std::string& message) {
      tfplugin6::InvokeAction::Event event;
      event.mutable_progress()->set_message(message);
      writer->Write(event);
    };
    action->Invoke(*config, progress, &diagnostics);
  }
  DiagnosticsToProto(diagnostics,
                     completed.mutable_completed()->mutable_diagnostics());
  writer->Write(completed);
  return grpc::Status::OK;
}

grpc::Status ProviderServer::ValidateActionConfig(
    Ctx*, const tfplugin6::ValidateActionConfig::Request* request,
    tfplugin6::ValidateActionConfig::Response* response) {
  Action* action = FindAction(request->type_name());
  if (action == nullptr) {
    return AnswerUnsupported("action", request->type_name(), response);
  }
  const Schema& schema = action->GetSchema();
  auto config = DecodeDynamic(request->config(), schema.ImpliedType());
  if (!config.ok()) return ProtocolFault("action config", config.status());

  Diagnostics diagnostics;
  ValidateConfig(schema, *config, false, "Action", &diagnostics);
  action->Validate(*config, &diagnostics);
  DiagnosticsToProto(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderServer::StopProvider(
    Ctx*, const tfplugin6::StopProvider::Request*,
    tfplugin6::StopProvider::Response* response) {
  provider_->Stop();
  std::unique_lock<std::mutex> lock(in_flight_mu_);
  bool drained =
      in_flight_cv_.wait_for(lock, absl::ToChronoNanoseconds(stop_grace_),
                             [this] { return in_flight_ == 0; });
  if (!drained) {
    response->set_error(absl::StrCat(
        in_flight_, " calls were still running when the stop grace ended"));
  }
  return grpc::Status::OK;
}

}  // namespace gandimail::tfplugin
