// Drives the tfplugin6 service in-process with a small fake provider.

#include "internal/tfplugin/provider_server.h"

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

class FakeResource : public Resource {
 public:
  FakeResource() {
    schema_.block.attributes = {
        Attr("id", Type::String()).Computed(),
        Attr("name", Type::String()).Required(),
        Attr("secret_wo", Type::String()).Optional().WriteOnly(),
    };
  }
  std::string TypeName() const override { return "fake_thing"; }
  const Schema& GetSchema() const override { return schema_; }
  void Create(const ApplyRequest& r, ApplyResponse* out) override {
    out->new_state = r.planned_state.WithAttr("id", Value::String("id-1"));
  }
  void Update(const ApplyRequest& r, ApplyResponse* out) override {
    out->new_state = r.planned_state;
  }
  void Delete(const ApplyRequest&, ApplyResponse*) override {}
  void Read(const ReadRequest& r, ReadResponse* out) override {
    out->new_state = r.current_state;
  }

 private:
  Schema schema_;
};

class FakeProvider : public Provider {
 public:
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  void Stop() override { stopped = true; }
  std::vector<std::shared_ptr<Resource>> Resources() override {
    return {std::make_shared<FakeResource>()};
  }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }
  bool stopped = false;

 private:
  Schema schema_;
};

class ProviderServerTest : public ::testing::Test {
 protected:
  ProviderServerTest() : provider_(std::make_shared<FakeProvider>()) {
    auto server = ProviderServer::Create(provider_);
    EXPECT_TRUE(server.ok());
    server_ = std::move(*server);
  }

  Value Decode(const tfplugin6::DynamicValue& v) {
    Type type = FakeResource().GetSchema().ImpliedType();
    auto decoded = cty::DecodeMsgpack(v.msgpack(), type);
    EXPECT_TRUE(decoded.ok()) << decoded.status();
    return decoded.ok() ? *decoded : Value::Null(type);
  }

  std::shared_ptr<FakeProvider> provider_;
  std::unique_ptr<ProviderServer> server_;
  grpc::ServerContext context_;
};

TEST_F(ProviderServerTest, UpgradeDropsUnknownKeysAndNullsMissingOnes) {
  tfplugin6::UpgradeResourceState::Request request;
  request.set_type_name("fake_thing");
  request.mutable_raw_state()->set_json(R"({"name":"a","gone":1})");
  tfplugin6::UpgradeResourceState::Response response;
  ASSERT_TRUE(
      server_->UpgradeResourceState(&context_, &request, &response).ok());
  EXPECT_EQ(response.diagnostics_size(), 0);
  Value state = Decode(response.upgraded_state());
  EXPECT_EQ(state.GetAttr("name"), Value::String("a"));
  EXPECT_TRUE(state.GetAttr("id").IsNull());
}

TEST_F(ProviderServerTest, UnknownTypeIsAnErrorDiagnostic) {
  tfplugin6::ReadResource::Request request;
  request.set_type_name("fake_other");
  tfplugin6::ReadResource::Response response;
  grpc::Status status = server_->ReadResource(&context_, &request, &response);
  EXPECT_TRUE(status.ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_NE(response.diagnostics(0).detail().find("fake_other"),
            std::string::npos);
}

TEST_F(ProviderServerTest, MalformedStateIsAProtocolFault) {
  tfplugin6::ReadResource::Request request;
  request.set_type_name("fake_thing");
  request.mutable_current_state()->set_msgpack("\xc1");
  tfplugin6::ReadResource::Response response;
  grpc::Status status = server_->ReadResource(&context_, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ProviderServerTest, ApplyNullsWriteOnlyInNewState) {
  Type type = FakeResource().GetSchema().ImpliedType();
  Value planned = Value::Object({{"id", Value::Unknown(Type::String())},
                                 {"name", Value::String("a")},
                                 {"secret_wo", Value::String("s3cr3t!")}});
  tfplugin6::ApplyResourceChange::Request request;
  request.set_type_name("fake_thing");
  request.mutable_prior_state()->set_msgpack(
      *cty::EncodeMsgpack(Value::Null(type), type));
  request.mutable_planned_state()->set_msgpack(
      *cty::EncodeMsgpack(planned, type));
  request.mutable_config()->set_msgpack(*cty::EncodeMsgpack(planned, type));
  tfplugin6::ApplyResourceChange::Response response;
  ASSERT_TRUE(
      server_->ApplyResourceChange(&context_, &request, &response).ok());
  Value state = Decode(response.new_state());
  EXPECT_EQ(state.GetAttr("id"), Value::String("id-1"));
  EXPECT_TRUE(state.GetAttr("secret_wo").IsNull());
}

TEST_F(ProviderServerTest, WriteOnlyRefusedForOldClients) {
  Type type = FakeResource().GetSchema().ImpliedType();
  Value config = Value::Object({{"id", Value::Null(Type::String())},
                                {"name", Value::String("a")},
                                {"secret_wo", Value::String("x")}});
  tfplugin6::ValidateResourceConfig::Request request;
  request.set_type_name("fake_thing");
  request.mutable_config()->set_msgpack(*cty::EncodeMsgpack(config, type));
  tfplugin6::ValidateResourceConfig::Response response;
  ASSERT_TRUE(
      server_->ValidateResourceConfig(&context_, &request, &response).ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(),
            "secret_wo");
}

TEST_F(ProviderServerTest, MetadataListsWhatTheSchemaHas) {
  tfplugin6::GetMetadataRpc::Request request;
  tfplugin6::GetMetadataRpc::Response response;
  ASSERT_TRUE(server_->GetMetadata(&context_, &request, &response).ok());
  ASSERT_EQ(response.resources_size(), 1);
  EXPECT_EQ(response.resources(0).type_name(), "fake_thing");
  tfplugin6::GetProviderSchema::Request schema_request;
  tfplugin6::GetProviderSchema::Response schema;
  server_->GetProviderSchema(&context_, &schema_request, &schema);
  EXPECT_EQ(schema.resource_schemas().count("fake_thing"), 1u);
  EXPECT_TRUE(schema.server_capabilities().get_provider_schema_optional());
}

TEST_F(ProviderServerTest, StopProviderStopsTheProvider) {
  tfplugin6::StopProvider::Request request;
  tfplugin6::StopProvider::Response response;
  ASSERT_TRUE(server_->StopProvider(&context_, &request, &response).ok());
  EXPECT_TRUE(provider_->stopped);
  EXPECT_EQ(response.error(), "");
}

TEST_F(ProviderServerTest, BadSchemaIsRefusedAtCreate) {
  class BadResource : public FakeResource {
   public:
    BadResource() {
      bad_.block.attributes = {Attr("Bad", Type::String()).Optional()};
    }
    const Schema& GetSchema() const override { return bad_; }
    Schema bad_;
  };
  class BadProvider : public FakeProvider {
    std::vector<std::shared_ptr<Resource>> Resources() override {
      return {std::make_shared<BadResource>()};
    }
  };
  EXPECT_FALSE(ProviderServer::Create(std::make_shared<BadProvider>()).ok());
}

}  // namespace
}  // namespace gandimail::tfplugin
