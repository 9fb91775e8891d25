#ifndef GANDIMAIL_INTERNAL_TFPLUGIN_PROVIDER_SERVER_H_
#define GANDIMAIL_INTERNAL_TFPLUGIN_PROVIDER_SERVER_H_

// The tfplugin6.Provider gRPC service over a Provider: decodes each RPC,
// runs the generic rules, calls the provider's resources and data sources,
// and encodes their answers. Every RPC of the protocol is answered; features
// the provider does not offer answer with an error diagnostic naming the
// type asked for, never with a crash or UNIMPLEMENTED.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "internal/tfplugin/resource.h"
#include "tfplugin6.grpc.pb.h"

namespace gandimail::tfplugin {

class ProviderServer final : public tfplugin6::Provider::Service {
 public:
  // Checks every schema of `provider` against Terraform's rules and fails
  // when one breaks them, so that a bad schema never reaches Terraform.
  static absl::StatusOr<std::unique_ptr<ProviderServer>> Create(
      std::shared_ptr<Provider> provider);

  // How long StopProvider waits for calls in flight.
  void set_stop_grace(absl::Duration grace) { stop_grace_ = grace; }

  using Ctx = grpc::ServerContext;

  grpc::Status GetMetadata(Ctx*, const tfplugin6::GetMetadataRpc::Request*,
                           tfplugin6::GetMetadataRpc::Response*) override;
  grpc::Status GetProviderSchema(
      Ctx*, const tfplugin6::GetProviderSchema::Request*,
      tfplugin6::GetProviderSchema::Response*) override;
  grpc::Status ValidateProviderConfig(
      Ctx*, const tfplugin6::ValidateProviderConfig::Request*,
      tfplugin6::ValidateProviderConfig::Response*) override;
  grpc::Status ValidateResourceConfig(
      Ctx*, const tfplugin6::ValidateResourceConfig::Request*,
      tfplugin6::ValidateResourceConfig::Response*) override;
  grpc::Status ValidateDataResourceConfig(
      Ctx*, const tfplugin6::ValidateDataResourceConfig::Request*,
      tfplugin6::ValidateDataResourceConfig::Response*) override;
  grpc::Status UpgradeResourceState(
      Ctx*, const tfplugin6::UpgradeResourceState::Request*,
      tfplugin6::UpgradeResourceState::Response*) override;
  grpc::Status GetResourceIdentitySchemas(
      Ctx*, const tfplugin6::GetResourceIdentitySchemas::Request*,
      tfplugin6::GetResourceIdentitySchemas::Response*) override;
  grpc::Status UpgradeResourceIdentity(
      Ctx*, const tfplugin6::UpgradeResourceIdentity::Request*,
      tfplugin6::UpgradeResourceIdentity::Response*) override;
  grpc::Status ConfigureProvider(
      Ctx*, const tfplugin6::ConfigureProvider::Request*,
      tfplugin6::ConfigureProvider::Response*) override;
  grpc::Status ReadResource(Ctx*, const tfplugin6::ReadResource::Request*,
                            tfplugin6::ReadResource::Response*) override;
  grpc::Status PlanResourceChange(
      Ctx*, const tfplugin6::PlanResourceChange::Request*,
      tfplugin6::PlanResourceChange::Response*) override;
  grpc::Status ApplyResourceChange(
      Ctx*, const tfplugin6::ApplyResourceChange::Request*,
      tfplugin6::ApplyResourceChange::Response*) override;
  grpc::Status ImportResourceState(
      Ctx*, const tfplugin6::ImportResourceState::Request*,
      tfplugin6::ImportResourceState::Response*) override;
  grpc::Status MoveResourceState(
      Ctx*, const tfplugin6::MoveResourceState::Request*,
      tfplugin6::MoveResourceState::Response*) override;
  grpc::Status ReadDataSource(Ctx*, const tfplugin6::ReadDataSource::Request*,
                              tfplugin6::ReadDataSource::Response*) override;
  grpc::Status GenerateResourceConfig(
      Ctx*, const tfplugin6::GenerateResourceConfig::Request*,
      tfplugin6::GenerateResourceConfig::Response*) override;
  grpc::Status ValidateEphemeralResourceConfig(
      Ctx*, const tfplugin6::ValidateEphemeralResourceConfig::Request*,
      tfplugin6::ValidateEphemeralResourceConfig::Response*) override;
  grpc::Status OpenEphemeralResource(
      Ctx*, const tfplugin6::OpenEphemeralResource::Request*,
      tfplugin6::OpenEphemeralResource::Response*) override;
  grpc::Status RenewEphemeralResource(
      Ctx*, const tfplugin6::RenewEphemeralResource::Request*,
      tfplugin6::RenewEphemeralResource::Response*) override;
  grpc::Status CloseEphemeralResource(
      Ctx*, const tfplugin6::CloseEphemeralResource::Request*,
      tfplugin6::CloseEphemeralResource::Response*) override;
  grpc::Status ListResource(
      Ctx*, const tfplugin6::ListResource::Request*,
      grpc::ServerWriter<tfplugin6::ListResource::Event>*) override;
  grpc::Status ValidateListResourceConfig(
      Ctx*, const tfplugin6::ValidateListResourceConfig::Request*,
      tfplugin6::ValidateListResourceConfig::Response*) override;
  grpc::Status GetFunctions(Ctx*, const tfplugin6::GetFunctions::Request*,
                            tfplugin6::GetFunctions::Response*) override;
  grpc::Status CallFunction(Ctx*, const tfplugin6::CallFunction::Request*,
                            tfplugin6::CallFunction::Response*) override;
  grpc::Status ValidateStateStoreConfig(
      Ctx*, const tfplugin6::ValidateStateStore::Request*,
      tfplugin6::ValidateStateStore::Response*) override;
  grpc::Status ConfigureStateStore(
      Ctx*, const tfplugin6::ConfigureStateStore::Request*,
      tfplugin6::ConfigureStateStore::Response*) override;
  grpc::Status ReadStateBytes(
      Ctx*, const tfplugin6::ReadStateBytes::Request*,
      grpc::ServerWriter<tfplugin6::ReadStateBytes::Response>*) override;
  grpc::Status WriteStateBytes(
      Ctx*, grpc::ServerReader<tfplugin6::WriteStateBytes::RequestChunk>*,
      tfplugin6::WriteStateBytes::Response*) override;
  grpc::Status LockState(Ctx*, const tfplugin6::LockState::Request*,
                         tfplugin6::LockState::Response*) override;
  grpc::Status UnlockState(Ctx*, const tfplugin6::UnlockState::Request*,
                           tfplugin6::UnlockState::Response*) override;
  grpc::Status GetStates(Ctx*, const tfplugin6::GetStates::Request*,
                         tfplugin6::GetStates::Response*) override;
  grpc::Status DeleteState(Ctx*, const tfplugin6::DeleteState::Request*,
                           tfplugin6::DeleteState::Response*) override;
  grpc::Status PlanAction(Ctx*, const tfplugin6::PlanAction::Request*,
                          tfplugin6::PlanAction::Response*) override;
  grpc::Status InvokeAction(
      Ctx*, const tfplugin6::InvokeAction::Request*,
      grpc::ServerWriter<tfplugin6::InvokeAction::Event>*) override;
  grpc::Status ValidateActionConfig(
      Ctx*, const tfplugin6::ValidateActionConfig::Request*,
      tfplugin6::ValidateActionConfig::Response*) override;
  grpc::Status StopProvider(Ctx*, const tfplugin6::StopProvider::Request*,
                            tfplugin6::StopProvider::Response*) override;

 private:
  explicit ProviderServer(std::shared_ptr<Provider> provider);
  // Terraform's schema rules over everything the provider offers.
  absl::Status CheckSchemas() const;

  // Counts a call that may reach the API, so StopProvider can wait for it.
  class InFlight {
   public:
    explicit InFlight(ProviderServer* server);
    ~InFlight();

   private:
    ProviderServer* server_;
  };

  Resource* FindResource(const std::string& type_name) const;
  DataSource* FindDataSource(const std::string& type_name) const;
  const Function* FindFunction(const std::string& name) const;
  EphemeralResource* FindEphemeral(const std::string& type_name) const;
  tfplugin::ListResource* FindList(const std::string& type_name) const;
  Action* FindAction(const std::string& type_name) const;
  void BuildSchemaResponse();
  void PlanWithResource(Resource& resource, const PlanRequest& request,
                        PlanResponse* response);
  void ApplyWithResource(Resource& resource, const ApplyRequest& request,
                         ApplyResponse* response);
  // Imports the object `data` (an identity) names, through the resource's
  // import ID; returns the identity asked for, null when none was given.
  absl::StatusOr<cty::Value> ImportByIdentity(
      Resource& resource, const tfplugin6::ResourceIdentityData& data,
      ImportResponse* response);
  // The error for a move from `source` that no resource accepts, listing
  // the moves every resource does accept.
  Diagnostics UnsupportedMove(const MoveSource& source,
                              const std::string& target) const;
  // Runs `list` for `request` and writes one event per object found, then
  // one event with the diagnostics, if any. Fails only when an object does
  // not fit the resource's schema (a provider bug).
  grpc::Status StreamList(
      tfplugin::ListResource& list, const Resource& resource,
      const tfplugin6::ListResource::Request& request, const cty::Value& config,
      Ctx* context, grpc::ServerWriter<tfplugin6::ListResource::Event>* writer,
      Diagnostics* diagnostics);
  void OpenWithEphemeral(
      EphemeralResource& ephemeral,
      const tfplugin6::OpenEphemeralResource::Request* request,
      const cty::Value& config, OpenEphemeralResponse* response);

  std::shared_ptr<Provider> provider_;
  std::map<std::string, std::shared_ptr<Resource>> resources_;
  std::map<std::string, std::shared_ptr<DataSource>> data_sources_;
  std::map<std::string, std::shared_ptr<Function>> functions_;
  std::map<std::string, std::shared_ptr<EphemeralResource>> ephemerals_;
  std::map<std::string, std::shared_ptr<tfplugin::ListResource>> lists_;
  std::map<std::string, std::shared_ptr<Action>> actions_;
  // Built once: Terraform asks for the schema at every command start.
  tfplugin6::GetProviderSchema::Response schema_response_;

  absl::Duration stop_grace_ = absl::Seconds(10);
  std::mutex in_flight_mu_;
  std::condition_variable in_flight_cv_;
  int in_flight_ = 0;  // Guarded by in_flight_mu_.
};

}  // namespace gandimail::tfplugin

#endif  // GANDIMAIL_INTERNAL_TFPLUGIN_PROVIDER_SERVER_H_
