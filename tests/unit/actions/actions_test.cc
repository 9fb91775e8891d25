// What every action shares, through the tfplugin6 service: the schemas and
// metadata Terraform reads, validation with attribute paths, and the
// answer of a provider Terraform has not configured.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/actions/action_fixture.h"

namespace gandimail::actions {
namespace {

using cty::Type;
using cty::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class ActionSchemaTest : public ActionTest {
 protected:
  ActionSchemaTest() {
    tfplugin6::GetProviderSchema::Request request;
    grpc::ClientContext context;
    EXPECT_TRUE(
        server_->stub().GetProviderSchema(&context, request, &schema_).ok());
  }

  const tfplugin6::Schema::Block& Block(const std::string& type) {
    return schema_.action_schemas().at(type).schema().block();
  }

  // "name:required" or "name:optional" per attribute, each described.
  std::vector<std::string> Attributes(const std::string& type) {
    std::vector<std::string> out;
    for (const auto& a : Block(type).attributes()) {
      EXPECT_FALSE(a.description().empty()) << type << "." << a.name();
      EXPECT_FALSE(a.computed()) << type << "." << a.name();
      out.push_back(a.name() + (a.required() ? ":required" : ":optional"));
    }
    return out;
  }

  tfplugin6::GetProviderSchema::Response schema_;
};

TEST_F(ActionSchemaTest, SchemasListTheFourActions) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schema_.action_schemas()) {
    names.push_back(name);
  }
  EXPECT_THAT(names, UnorderedElementsAre("gandimail_mailbox_renew",
                                          "gandimail_domain_renew",
                                          "gandimail_mailbox_purge",
                                          "gandimail_migration_launch"));
  EXPECT_EQ(schema_.diagnostics_size(), 0);
}

TEST_F(ActionSchemaTest, MailboxRenewTakesDomainMailboxIdAndDuration) {
  EXPECT_THAT(Attributes("gandimail_mailbox_renew"),
              ElementsAre("domain:required", "mailbox_id:required",
                          "duration:required"));
  EXPECT_THAT(Block("gandimail_mailbox_renew").description(),
              HasSubstr("**Costs money.**"));
}

TEST_F(ActionSchemaTest, DomainRenewTakesTheDomain) {
  EXPECT_THAT(Attributes("gandimail_domain_renew"),
              ElementsAre("domain:required"));
  EXPECT_THAT(Block("gandimail_domain_renew").description(),
              HasSubstr("**Costs money, per mailbox.**"));
}

TEST_F(ActionSchemaTest, MailboxPurgeTakesDomainAndMailboxId) {
  EXPECT_THAT(Attributes("gandimail_mailbox_purge"),
              ElementsAre("domain:required", "mailbox_id:required"));
  EXPECT_THAT(Block("gandimail_mailbox_purge").description(),
              HasSubstr("**Destroys data.**"));
}

TEST_F(ActionSchemaTest, MigrationLaunchTakesTheDomain) {
  EXPECT_THAT(Attributes("gandimail_migration_launch"),
              ElementsAre("domain:required"));
  EXPECT_THAT(Block("gandimail_migration_launch").description(),
              HasSubstr("**Changes billing.**"));
}

TEST_F(ActionSchemaTest, MetadataListsTheFourActions) {
  tfplugin6::GetMetadataRpc::Response metadata;
  grpc::ClientContext context;
  ASSERT_TRUE(server_->stub().GetMetadata(&context, {}, &metadata).ok());

  std::vector<std::string> names;
  for (const auto& a : metadata.actions()) names.push_back(a.type_name());
  EXPECT_THAT(names, UnorderedElementsAre("gandimail_mailbox_renew",
                                          "gandimail_domain_renew",
                                          "gandimail_mailbox_purge",
                                          "gandimail_migration_launch"));
}

class ActionValidateTest : public ActionTest {};

TEST_F(ActionValidateTest, DurationSixIsRefusedAtItsPath) {
  auto response = Validate("gandimail_mailbox_renew",
                           Config("gandimail_mailbox_renew",
                                  {{"domain", Value::String("a.com")},
                                   {"mailbox_id", Value::String(kAliceId)},
                                   {"duration", Value::Int(6)}}));

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid Attribute Value");
  EXPECT_EQ(PathOf(response.diagnostics(0)), "duration");
}

TEST_F(ActionValidateTest, MissingDomainIsRefusedAtItsPath) {
  for (const char* type :
       {"gandimail_mailbox_renew", "gandimail_domain_renew",
        "gandimail_mailbox_purge", "gandimail_migration_launch"}) {
    SCOPED_TRACE(type);
    auto response =
        Validate(type, Config(type, {{"mailbox_id", Value::String(kAliceId)},
                                     {"duration", Value::Int(1)}}));

    ASSERT_EQ(response.diagnostics_size(), 1);
    EXPECT_EQ(response.diagnostics(0).summary(), "Missing Required Argument");
    EXPECT_EQ(PathOf(response.diagnostics(0)), "domain");
  }
}

TEST_F(ActionValidateTest, AnAddressAsMailboxIdIsRefusedWithTheFix) {
  auto response =
      Validate("gandimail_mailbox_purge",
               Config("gandimail_mailbox_purge",
                      {{"domain", Value::String("example.com")},
                       {"mailbox_id", Value::String("alice@example.com")}}));

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid Mailbox ID");
  EXPECT_EQ(PathOf(response.diagnostics(0)), "mailbox_id");
  EXPECT_THAT(response.diagnostics(0).detail(), HasSubstr("UUID"));
}

TEST_F(ActionValidateTest, AnAddressAsDomainIsRefused) {
  auto response =
      Validate("gandimail_domain_renew",
               Config("gandimail_domain_renew",
                      {{"domain", Value::String("alice@example.com")}}));

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid Domain Name");
  EXPECT_EQ(PathOf(response.diagnostics(0)), "domain");
}

TEST_F(ActionValidateTest, UnknownValuesPassValidation) {
  auto response =
      Validate("gandimail_mailbox_renew",
               Config("gandimail_mailbox_renew",
                      {{"domain", Value::String("example.com")},
                       {"mailbox_id", Value::Unknown(Type::String())},
                       {"duration", Value::Unknown(Type::Number())}}));

  EXPECT_EQ(response.diagnostics_size(), 0);
}

TEST_F(ActionValidateTest, InvokeOfAnInvalidConfigSendsNothing) {
  auto result =
      Summarize(Invoke("gandimail_mailbox_renew",
                       Config("gandimail_mailbox_renew",
                              {{"domain", Value::String("example.com")},
                               {"mailbox_id", Value::String(kAliceId)},
                               {"duration", Value::Int(6)}})));

  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Invalid Attribute Value"));
  EXPECT_EQ(sandbox_->Requests()["total"], 0);
}

class UnconfiguredActionTest : public ActionTest {
 protected:
  UnconfiguredActionTest() { configure_ = false; }

  Value PurgeAlice() {
    return Config("gandimail_mailbox_purge",
                  {{"domain", Value::String("example.com")},
                   {"mailbox_id", Value::String(kAliceId)}});
  }
};

TEST_F(UnconfiguredActionTest, PlanAnswersProviderNotConfigured) {
  auto response = Plan("gandimail_mailbox_purge", PurgeAlice());

  EXPECT_THAT(Summaries(response.diagnostics()),
              ElementsAre("error: Provider Not Configured"));
}

TEST_F(UnconfiguredActionTest, InvokeCompletesWithProviderNotConfigured) {
  auto result = Summarize(Invoke("gandimail_mailbox_purge", PurgeAlice()));

  EXPECT_TRUE(result.progress.empty());
  EXPECT_EQ(result.completed_events, 1);
  EXPECT_THAT(Summaries(result.diagnostics),
              ElementsAre("error: Provider Not Configured"));
  EXPECT_EQ(sandbox_->Requests()["total"], 0);
}

}  // namespace
}  // namespace gandimail::actions
