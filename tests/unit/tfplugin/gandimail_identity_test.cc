// The gandimail resources' identities through the tfplugin6 service, in
// process and unconfigured: GetResourceIdentitySchemas field by field, and
// import by identity, which needs no API for any of the four.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"
#include "src/provider.h"

namespace gandimail {
namespace {

using cty::Type;
using cty::Value;

constexpr char kUuid[] = "066743e5-96e4-4a1d-9195-8b8a700a8a79";

class GandiMailIdentityTest : public ::testing::Test {
 protected:
  GandiMailIdentityTest() : provider_(std::make_shared<GandiMailProvider>()) {
    auto server = tfplugin::ProviderServer::Create(provider_);
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    tfplugin6::GetResourceIdentitySchemas::Request request;
    EXPECT_TRUE(
        server_->GetResourceIdentitySchemas(&context_, &request, &schemas_)
            .ok());
  }

  // The names, types and import roles of `type`'s identity attributes.
  std::vector<std::string> Attributes(const std::string& type) {
    std::vector<std::string> out;
    const auto& schema = schemas_.identity_schemas().at(type);
    for (const auto& a : schema.identity_attributes()) {
      out.push_back(a.name() + ":" + a.type() +
                    (a.required_for_import() ? ":required" : "") +
                    (a.optional_for_import() ? ":optional" : "") +
                    (a.description().empty() ? ":undocumented" : ""));
    }
    return out;
  }

  // Imports `type` by `identity` (all strings); returns the response.
  tfplugin6::ImportResourceState::Response Import(
      const std::string& type, std::map<std::string, Value> identity) {
    tfplugin6::ImportResourceState::Request request;
    request.set_type_name(type);
    Value value = Value::Object(std::move(identity));
    request.mutable_identity()->mutable_identity_data()->set_msgpack(
        *cty::EncodeMsgpack(value, value.type()));
    tfplugin6::ImportResourceState::Response response;
    EXPECT_TRUE(
        server_->ImportResourceState(&context_, &request, &response).ok());
    return response;
  }

  Value Decode(const tfplugin6::DynamicValue& v, const Type& type) {
    auto decoded = cty::DecodeMsgpack(v.msgpack(), type);
    EXPECT_TRUE(decoded.ok()) << decoded.status();
    return decoded.ok() ? *decoded : Value();
  }

  Type StateType(const std::string& type) {
    for (const auto& r : provider_->Resources()) {
      if (r->TypeName() == type) return r->GetSchema().ImpliedType();
    }
    return Type();
  }

  std::shared_ptr<GandiMailProvider> provider_;
  std::unique_ptr<tfplugin::ProviderServer> server_;
  grpc::ServerContext context_;
  tfplugin6::GetResourceIdentitySchemas::Response schemas_;
};

TEST_F(GandiMailIdentityTest, EveryResourceDeclaresItsIdentity) {
  EXPECT_EQ(schemas_.identity_schemas_size(), 4);
  EXPECT_EQ(schemas_.diagnostics_size(), 0);
  for (const auto& [name, schema] : schemas_.identity_schemas()) {
    EXPECT_EQ(schema.version(), 0) << name;
  }
}

TEST_F(GandiMailIdentityTest, MailboxIdentityIsDomainAndId) {
  EXPECT_EQ(Attributes("gandimail_mailbox"),
            (std::vector<std::string>{"domain:\"string\":required",
                                      "id:\"string\":required"}));
}

TEST_F(GandiMailIdentityTest, ForwardIdentityIsDomainAndSource) {
  EXPECT_EQ(Attributes("gandimail_forward"),
            (std::vector<std::string>{"domain:\"string\":required",
                                      "source:\"string\":required"}));
}

TEST_F(GandiMailIdentityTest, SlotIdentityIsDomainAndId) {
  EXPECT_EQ(Attributes("gandimail_slot"),
            (std::vector<std::string>{"domain:\"string\":required",
                                      "id:\"string\":required"}));
}

TEST_F(GandiMailIdentityTest, EmailOfferIdentityIsTheDomain) {
  EXPECT_EQ(Attributes("gandimail_email_offer"),
            (std::vector<std::string>{"domain:\"string\":required"}));
}

TEST_F(GandiMailIdentityTest, ForwardImportsByIdentity) {
  auto response =
      Import("gandimail_forward", {{"domain", Value::String("example.com")},
                                   {"source", Value::String("alice")}});
  ASSERT_EQ(response.diagnostics_size(), 0) << response.diagnostics(0).detail();
  ASSERT_EQ(response.imported_resources_size(), 1);
  Value state = Decode(response.imported_resources(0).state(),
                       StateType("gandimail_forward"));
  EXPECT_EQ(state.GetAttr("id"), Value::String("alice@example.com"));
  EXPECT_EQ(state.GetAttr("source"), Value::String("alice"));
  Value identity = Decode(
      response.imported_resources(0).identity().identity_data(),
      Type::Object({{"domain", Type::String()}, {"source", Type::String()}}));
  EXPECT_EQ(identity, Value::Object({{"domain", Value::String("example.com")},
                                     {"source", Value::String("alice")}}));
}

TEST_F(GandiMailIdentityTest, ForwardIdentityWithAnAddressIsRefused) {
  auto response = Import("gandimail_forward",
                         {{"domain", Value::String("example.com")},
                          {"source", Value::String("alice@example.com")}});
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(response.imported_resources_size(), 0);
}

TEST_F(GandiMailIdentityTest, SlotImportsByIdentity) {
  auto response = Import(
      "gandimail_slot",
      {{"domain", Value::String("example.com")}, {"id", Value::String("123")}});
  ASSERT_EQ(response.diagnostics_size(), 0);
  ASSERT_EQ(response.imported_resources_size(), 1);
  Value state = Decode(response.imported_resources(0).state(),
                       StateType("gandimail_slot"));
  EXPECT_EQ(state.GetAttr("id"), Value::String("123"));
  EXPECT_EQ(state.GetAttr("domain"), Value::String("example.com"));
}

TEST_F(GandiMailIdentityTest, EmailOfferImportsByIdentity) {
  auto response = Import("gandimail_email_offer",
                         {{"domain", Value::String("example.com")}});
  ASSERT_EQ(response.diagnostics_size(), 0);
  ASSERT_EQ(response.imported_resources_size(), 1);
  Value state = Decode(response.imported_resources(0).state(),
                       StateType("gandimail_email_offer"));
  EXPECT_EQ(state.GetAttr("domain"), Value::String("example.com"));
}

TEST_F(GandiMailIdentityTest, MailboxImportsByIdentityWithoutTheApi) {
  auto response = Import(
      "gandimail_mailbox",
      {{"domain", Value::String("example.com")}, {"id", Value::String(kUuid)}});
  ASSERT_EQ(response.diagnostics_size(), 0);
  ASSERT_EQ(response.imported_resources_size(), 1);
  Value state = Decode(response.imported_resources(0).state(),
                       StateType("gandimail_mailbox"));
  EXPECT_EQ(state.GetAttr("id"), Value::String(kUuid));
  EXPECT_EQ(state.GetAttr("domain"), Value::String("example.com"));
}

}  // namespace
}  // namespace gandimail
