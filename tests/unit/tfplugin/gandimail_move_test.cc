// MoveResourceState through the tfplugin6 service with the gandimail
// resources, in process: state written by the community provider
// (go-gandi/gandi) as RawState JSON, moved to gandimail_mailbox and
// gandimail_forward, and every other source refused by name.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"
#include "src/provider.h"

namespace gandimail {
namespace {

using cty::Type;
using cty::Value;

constexpr char kCommunity[] = "registry.terraform.io/go-gandi/gandi";
constexpr char kUuid[] = "066743e5-96e4-4a1d-9195-8b8a700a8a79";

class GandiMailMoveTest : public ::testing::Test {
 protected:
  GandiMailMoveTest() : provider_(std::make_shared<GandiMailProvider>()) {
    auto server = tfplugin::ProviderServer::Create(provider_);
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  tfplugin6::MoveResourceState::Response Move(const std::string& address,
                                              const std::string& source_type,
                                              const std::string& target_type,
                                              const std::string& json,
                                              int64_t version = 0) {
    tfplugin6::MoveResourceState::Request request;
    request.set_source_provider_address(address);
    request.set_source_type_name(source_type);
    request.set_source_schema_version(version);
    request.mutable_source_state()->set_json(json);
    request.set_target_type_name(target_type);
    tfplugin6::MoveResourceState::Response response;
    EXPECT_TRUE(
        server_->MoveResourceState(&context_, &request, &response).ok());
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

  std::string MailboxJson() {
    return std::string(R"({"aliases":["bob"],"domain":"example.com","id":")") +
           kUuid +
           R"(","login":"alice","mailbox_type":"premium",)"
           R"("password":"Sup3r-S3cret-1!"})";
  }

  std::shared_ptr<GandiMailProvider> provider_;
  std::unique_ptr<tfplugin::ProviderServer> server_;
  grpc::ServerContext context_;
};

TEST_F(GandiMailMoveTest, SchemaAnnouncesTheMoveCapability) {
  tfplugin6::GetProviderSchema::Request request;
  tfplugin6::GetProviderSchema::Response schema;
  server_->GetProviderSchema(&context_, &request, &schema);
  EXPECT_TRUE(schema.server_capabilities().move_resource_state());
}

TEST_F(GandiMailMoveTest, CommunityMailboxBecomesAGandimailMailbox) {
  auto response =
      Move(kCommunity, "gandi_mailbox", "gandimail_mailbox", MailboxJson());
  ASSERT_EQ(response.diagnostics_size(), 0) << response.diagnostics(0).detail();
  Value state = Decode(response.target_state(), StateType("gandimail_mailbox"));
  EXPECT_EQ(state.GetAttr("id"), Value::String(kUuid));
  EXPECT_EQ(state.GetAttr("domain"), Value::String("example.com"));
  EXPECT_EQ(state.GetAttr("login"), Value::String("alice"));
  EXPECT_EQ(state.GetAttr("mailbox_type"), Value::String("premium"));
  EXPECT_EQ(state.GetAttr("aliases"),
            Value::Set(Type::String(), {Value::String("bob")}));
  EXPECT_EQ(state.GetAttr("password"), Value::String("Sup3r-S3cret-1!"));
  EXPECT_TRUE(state.GetAttr("password_wo").IsNull());
  EXPECT_TRUE(state.GetAttr("expires_at").IsNull());
  EXPECT_TRUE(response.target_private().empty());
}

TEST_F(GandiMailMoveTest, MovedMailboxCarriesItsIdentity) {
  auto response =
      Move(kCommunity, "gandi_mailbox", "gandimail_mailbox", MailboxJson());
  ASSERT_TRUE(response.has_target_identity());
  Value identity = Decode(
      response.target_identity().identity_data(),
      Type::Object({{"domain", Type::String()}, {"id", Type::String()}}));
  EXPECT_EQ(identity, Value::Object({{"domain", Value::String("example.com")},
                                     {"id", Value::String(kUuid)}}));
}

TEST_F(GandiMailMoveTest, CommunityForwardingBecomesAGandimailForward) {
  auto response = Move(
      "registry.opentofu.org/go-gandi/gandi", "gandi_email_forwarding",
      "gandimail_forward",
      R"({"destinations":["alice.doe@example.org"],"id":"alice@example.com",)"
      R"("source":"alice@example.com"})");
  ASSERT_EQ(response.diagnostics_size(), 0) << response.diagnostics(0).detail();
  Value state = Decode(response.target_state(), StateType("gandimail_forward"));
  EXPECT_EQ(state.GetAttr("id"), Value::String("alice@example.com"));
  EXPECT_EQ(state.GetAttr("domain"), Value::String("example.com"));
  EXPECT_EQ(state.GetAttr("source"), Value::String("alice"));
  EXPECT_EQ(
      state.GetAttr("destinations"),
      Value::Set(Type::String(), {Value::String("alice.doe@example.org")}));
  Value identity = Decode(
      response.target_identity().identity_data(),
      Type::Object({{"domain", Type::String()}, {"source", Type::String()}}));
  EXPECT_EQ(identity.GetAttr("source"), Value::String("alice"));
}

TEST_F(GandiMailMoveTest, OtherSourcesAreRefusedNamingWhatIsSupported) {
  auto response = Move(kCommunity, "gandi_livedns_record", "gandimail_forward",
                       R"({"id":"x"})");
  ASSERT_EQ(response.diagnostics_size(), 1);
  const auto& d = response.diagnostics(0);
  EXPECT_EQ(d.summary(), "Unsupported Resource Move");
  EXPECT_NE(d.detail().find("gandi_livedns_record"), std::string::npos);
  EXPECT_NE(d.detail().find("gandi_mailbox of " + std::string(kCommunity) +
                            " to gandimail_mailbox"),
            std::string::npos)
      << d.detail();
  EXPECT_NE(d.detail().find("gandi_email_forwarding of " +
                            std::string(kCommunity) + " to gandimail_forward"),
            std::string::npos)
      << d.detail();
  EXPECT_FALSE(response.has_target_identity());
  Value state = Decode(response.target_state(), StateType("gandimail_forward"));
  EXPECT_TRUE(state.IsNull());
}

TEST_F(GandiMailMoveTest, MailboxCannotBecomeAForward) {
  auto response =
      Move(kCommunity, "gandi_mailbox", "gandimail_forward", MailboxJson());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unsupported Resource Move");
}

TEST_F(GandiMailMoveTest, SameTypeNameFromAnotherProviderIsRefused) {
  auto response = Move("registry.terraform.io/someone/gandi", "gandi_mailbox",
                       "gandimail_mailbox", MailboxJson());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unsupported Resource Move");
}

TEST_F(GandiMailMoveTest, UnreadableStateIsAnErrorWithTheFix) {
  auto response = Move(kCommunity, "gandi_mailbox", "gandimail_mailbox",
                       R"({"domain":"example.com","id":"","login":"alice"})");
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unable to Move Resource State");
  EXPECT_NE(response.diagnostics(0).detail().find("import"), std::string::npos);
  EXPECT_FALSE(response.has_target_identity());
}

TEST_F(GandiMailMoveTest, UnknownTargetTypeIsAnError) {
  auto response =
      Move(kCommunity, "gandi_mailbox", "gandimail_nothing", MailboxJson());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_NE(response.diagnostics(0).detail().find("gandimail_nothing"),
            std::string::npos);
}

}  // namespace
}  // namespace gandimail
