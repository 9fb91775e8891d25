// Ephemeral resources through the tfplugin6 service: schema, metadata,
// validate, open, renew and close, field by field.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

// fake_token: `prefix` (required, non-empty) and a computed `token`.
class FakeToken : public EphemeralResource {
 public:
  FakeToken() {
    schema_.block.attributes = {
        Attr("prefix", Type::String())
            .Required()
            .Validate(
                [](const Value& v, const cty::Path& path, Diagnostics* d) {
                  if (v.AsString().empty()) d->AddError("Empty", "empty", path);
                }),
        Attr("token", Type::String()).Computed().Sensitive(),
    };
  }
  std::string TypeName() const override { return "fake_token"; }
  const Schema& GetSchema() const override { return schema_; }
  void Open(const OpenEphemeralRequest& request,
            OpenEphemeralResponse* response) override {
    ++opens;
    response->result = request.config.WithAttr(
        "token",
        Value::String(request.config.GetAttr("prefix").AsString() + "-1"));
    response->private_data = private_to_return;
  }
  void Close(const std::string& private_data, Diagnostics*) override {
    closed_with = private_data;
  }

  int opens = 0;
  std::string private_to_return;
  std::string closed_with = "(not closed)";

 private:
  Schema schema_;
};

class EphemeralProvider : public Provider {
 public:
  explicit EphemeralProvider(std::shared_ptr<FakeToken> token)
      : token_(std::move(token)) {}
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  std::vector<std::shared_ptr<Resource>> Resources() override { return {}; }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }
  std::vector<std::shared_ptr<EphemeralResource>> EphemeralResources()
      override {
    return {token_};
  }

 private:
  Schema schema_;
  std::shared_ptr<FakeToken> token_;
};

class EphemeralServerTest : public ::testing::Test {
 protected:
  EphemeralServerTest()
      : token_(std::make_shared<FakeToken>()),
        type_(token_->GetSchema().ImpliedType()) {
    auto server =
        ProviderServer::Create(std::make_shared<EphemeralProvider>(token_));
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  std::string Config(Value prefix) {
    return *cty::EncodeMsgpack(
        Value::Object({{"prefix", std::move(prefix)},
                       {"token", Value::Null(Type::String())}}),
        type_);
  }

  tfplugin6::OpenEphemeralResource::Response Open(Value prefix) {
    tfplugin6::OpenEphemeralResource::Request request;
    request.set_type_name("fake_token");
    request.mutable_config()->set_msgpack(Config(std::move(prefix)));
    tfplugin6::OpenEphemeralResource::Response response;
    EXPECT_TRUE(
        server_->OpenEphemeralResource(&context_, &request, &response).ok());
    return response;
  }

  Value Decode(const tfplugin6::DynamicValue& v) {
    auto decoded = cty::DecodeMsgpack(v.msgpack(), type_);
    EXPECT_TRUE(decoded.ok()) << decoded.status();
    return decoded.ok() ? *decoded : Value::Null(type_);
  }

  std::shared_ptr<FakeToken> token_;
  Type type_;
  std::unique_ptr<ProviderServer> server_;
  grpc::ServerContext context_;
};

TEST_F(EphemeralServerTest, SchemaListsTheEphemeralResource) {
  tfplugin6::GetProviderSchema::Request request;
  tfplugin6::GetProviderSchema::Response schema;
  server_->GetProviderSchema(&context_, &request, &schema);
  ASSERT_EQ(schema.ephemeral_resource_schemas().count("fake_token"), 1u);
  const auto& block =
      schema.ephemeral_resource_schemas().at("fake_token").block();
  ASSERT_EQ(block.attributes_size(), 2);
  EXPECT_EQ(block.attributes(1).name(), "token");
  EXPECT_TRUE(block.attributes(1).sensitive());
  EXPECT_TRUE(block.attributes(1).computed());
  EXPECT_EQ(schema.resource_schemas_size(), 0);
}

TEST_F(EphemeralServerTest, MetadataNamesTheEphemeralResource) {
  tfplugin6::GetMetadataRpc::Request request;
  tfplugin6::GetMetadataRpc::Response response;
  server_->GetMetadata(&context_, &request, &response);
  ASSERT_EQ(response.ephemeral_resources_size(), 1);
  EXPECT_EQ(response.ephemeral_resources(0).type_name(), "fake_token");
}

TEST_F(EphemeralServerTest, ValidateRunsAttributeValidators) {
  tfplugin6::ValidateEphemeralResourceConfig::Request request;
  request.set_type_name("fake_token");
  request.mutable_config()->set_msgpack(Config(Value::String("")));
  tfplugin6::ValidateEphemeralResourceConfig::Response response;
  ASSERT_TRUE(
      server_->ValidateEphemeralResourceConfig(&context_, &request, &response)
          .ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(),
            "prefix");
}

TEST_F(EphemeralServerTest, OpenReturnsTheResultWithoutRenewal) {
  auto response = Open(Value::String("abc"));
  EXPECT_EQ(response.diagnostics_size(), 0);
  Value result = Decode(response.result());
  EXPECT_EQ(result.GetAttr("token"), Value::String("abc-1"));
  EXPECT_EQ(result.GetAttr("prefix"), Value::String("abc"));
  EXPECT_FALSE(response.has_renew_at());
  EXPECT_FALSE(response.has_private_());
  EXPECT_FALSE(response.has_deferred());
}

TEST_F(EphemeralServerTest, OpenPassesPrivateDataOn) {
  token_->private_to_return = "handle-7";
  auto response = Open(Value::String("abc"));
  ASSERT_TRUE(response.has_private_());
  EXPECT_EQ(response.private_(), "handle-7");
}

TEST_F(EphemeralServerTest, UnknownConfigIsNotOpened) {
  auto response = Open(Value::Unknown(Type::String()));
  EXPECT_EQ(token_->opens, 0);
  Value result = Decode(response.result());
  EXPECT_FALSE(result.GetAttr("prefix").IsKnown());
  EXPECT_FALSE(result.GetAttr("token").IsKnown());
}

TEST_F(EphemeralServerTest, InvalidConfigIsNotOpened) {
  auto response = Open(Value::String(""));
  EXPECT_EQ(token_->opens, 0);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
}

TEST_F(EphemeralServerTest, CloseHandsBackThePrivateData) {
  tfplugin6::CloseEphemeralResource::Request request;
  request.set_type_name("fake_token");
  request.set_private_("handle-7");
  tfplugin6::CloseEphemeralResource::Response response;
  ASSERT_TRUE(
      server_->CloseEphemeralResource(&context_, &request, &response).ok());
  EXPECT_EQ(token_->closed_with, "handle-7");
  EXPECT_EQ(response.diagnostics_size(), 0);
}

TEST_F(EphemeralServerTest, RenewIsRefusedByDefault) {
  tfplugin6::RenewEphemeralResource::Request request;
  request.set_type_name("fake_token");
  tfplugin6::RenewEphemeralResource::Response response;
  ASSERT_TRUE(
      server_->RenewEphemeralResource(&context_, &request, &response).ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Renewal Not Supported");
  EXPECT_FALSE(response.has_renew_at());
}

TEST_F(EphemeralServerTest, UnknownTypeIsAnErrorDiagnostic) {
  tfplugin6::OpenEphemeralResource::Request request;
  request.set_type_name("fake_other");
  tfplugin6::OpenEphemeralResource::Response response;
  ASSERT_TRUE(
      server_->OpenEphemeralResource(&context_, &request, &response).ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_NE(response.diagnostics(0).detail().find("fake_other"),
            std::string::npos);
}

}  // namespace
}  // namespace gandimail::tfplugin
