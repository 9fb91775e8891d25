#include "src/moves/community.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gandimail::moves {
namespace {

using cty::Type;
using cty::Value;
using ::testing::HasSubstr;

// The attributes of gandimail_mailbox and gandimail_forward that a move
// fills; the rest of their schemas does not matter here.
const Type kMailboxType = Type::Object({
    {"id", Type::String()},
    {"domain", Type::String()},
    {"login", Type::String()},
    {"mailbox_type", Type::String()},
    {"aliases", Type::Set(Type::String())},
    {"password", Type::String()},
    {"password_wo", Type::String()},
    {"address", Type::String()},
});
const Type kForwardType = Type::Object({
    {"id", Type::String()},
    {"domain", Type::String()},
    {"source", Type::String()},
    {"destinations", Type::Set(Type::String())},
});

// gandi_mailbox as the community provider (SDKv2) writes its attributes:
// every schema attribute plus the implicit id.
constexpr char kCommunityMailbox[] =
    R"({"aliases":["carol","bob"],"domain":"example.com",)"
    R"("id":"066743e5-96e4-4a1d-9195-8b8a700a8a79","login":"alice",)"
    R"("mailbox_type":"standard","password":"Sup3r-S3cret-1!"})";

constexpr char kCommunityForward[] =
    R"({"destinations":["alice.doe@example.org","a@example.net"],)"
    R"("id":"alice@example.com","source":"alice@example.com"})";

TEST(CommunityMailboxTest, KeepsIdDomainLoginTypeAliasesAndPassword) {
  auto state = MailboxFromCommunity(kCommunityMailbox, kMailboxType);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->GetAttr("id"),
            Value::String("066743e5-96e4-4a1d-9195-8b8a700a8a79"));
  EXPECT_EQ(state->GetAttr("domain"), Value::String("example.com"));
  EXPECT_EQ(state->GetAttr("login"), Value::String("alice"));
  EXPECT_EQ(state->GetAttr("mailbox_type"), Value::String("standard"));
  EXPECT_EQ(state->GetAttr("aliases"),
            Value::Set(Type::String(),
                       {Value::String("bob"), Value::String("carol")}));
  EXPECT_EQ(state->GetAttr("password"), Value::String("Sup3r-S3cret-1!"));
}

TEST(CommunityMailboxTest, LeavesTheRestNullForTheRefresh) {
  auto state = MailboxFromCommunity(kCommunityMailbox, kMailboxType);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->GetAttr("address").IsNull());
  EXPECT_TRUE(state->GetAttr("password_wo").IsNull());
  EXPECT_EQ(state->type(), kMailboxType);
}

TEST(CommunityMailboxTest, MissingTypeIsTheOldDefaultAndNoAliasesIsNull) {
  auto state = MailboxFromCommunity(
      R"({"domain":"example.com","id":"u-1","login":"alice",)"
      R"("aliases":[],"password":null,"mailbox_type":null})",
      kMailboxType);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->GetAttr("mailbox_type"), Value::String("standard"));
  EXPECT_TRUE(state->GetAttr("aliases").IsNull());
  EXPECT_TRUE(state->GetAttr("password").IsNull());
}

TEST(CommunityMailboxTest, UnknownKeysAreIgnored) {
  auto state = MailboxFromCommunity(
      R"({"domain":"example.com","id":"u-1","login":"alice",)"
      R"("href":"https://api.gandi.net/v5/email/x","quota_used":3})",
      kMailboxType);
  EXPECT_TRUE(state.ok()) << state.status();
}

// The community provider guessed the id after create and could miss it.
TEST(CommunityMailboxTest, EmptyIdAsksForAnImportByAddress) {
  auto state = MailboxFromCommunity(
      R"({"domain":"example.com","id":"","login":"alice"})", kMailboxType);
  ASSERT_FALSE(state.ok());
  EXPECT_THAT(state.status().message(), HasSubstr("\"alice@example.com\""));
}

TEST(CommunityMailboxTest, NotAnObjectIsRefused) {
  EXPECT_FALSE(MailboxFromCommunity("[1]", kMailboxType).ok());
  EXPECT_FALSE(MailboxFromCommunity("{", kMailboxType).ok());
}

TEST(CommunityForwardTest, FullAddressSplitsIntoDomainAndSource) {
  auto state = ForwardFromCommunity(kCommunityForward, kForwardType);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->GetAttr("id"), Value::String("alice@example.com"));
  EXPECT_EQ(state->GetAttr("domain"), Value::String("example.com"));
  EXPECT_EQ(state->GetAttr("source"), Value::String("alice"));
  EXPECT_EQ(
      state->GetAttr("destinations"),
      Value::Set(Type::String(), {Value::String("a@example.net"),
                                  Value::String("alice.doe@example.org")}));
}

TEST(CommunityForwardTest, SourceIsUsedWhenIdIsMissing) {
  auto state = ForwardFromCommunity(
      R"({"source":"bob@example.com","destinations":["b@example.org"]})",
      kForwardType);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->GetAttr("source"), Value::String("bob"));
}

TEST(CommunityForwardTest, AddressWithoutDomainIsRefused) {
  EXPECT_FALSE(
      ForwardFromCommunity(R"({"id":"alice","destinations":["b@example.org"]})",
                           kForwardType)
          .ok());
  EXPECT_FALSE(
      ForwardFromCommunity(R"({"id":"a@b@c","destinations":["b@example.org"]})",
                           kForwardType)
          .ok());
}

TEST(CommunityForwardTest, NoDestinationsIsRefused) {
  auto state = ForwardFromCommunity(
      R"({"id":"alice@example.com","destinations":[]})", kForwardType);
  ASSERT_FALSE(state.ok());
  EXPECT_THAT(state.status().message(), HasSubstr("destinations"));
}

TEST(CommunitySourcesTest, BothRegistriesAreAccepted) {
  auto sources = CommunityMailboxSources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].provider_address,
            "registry.terraform.io/go-gandi/gandi");
  EXPECT_EQ(sources[0].type_name, "gandi_mailbox");
  EXPECT_EQ(sources[1].provider_address,
            "registry.opentofu.org/go-gandi/gandi");
  EXPECT_EQ(CommunityForwardSources()[0].type_name, "gandi_email_forwarding");
}

TEST(MoveFromCommunityTest, NewerSchemaVersionIsRefused) {
  tfplugin::MoveRequest request{CommunityMailboxSources()[0], 1,
                                kCommunityMailbox, ""};
  tfplugin::MoveResponse response;
  MoveFromCommunity(request, kMailboxType, &MailboxFromCommunity, &response);
  ASSERT_TRUE(response.diagnostics.HasError());
  EXPECT_THAT(response.diagnostics.items()[0].detail,
              HasSubstr("schema version 1"));
}

TEST(MoveFromCommunityTest, ConversionFailureNeverQuotesThePassword) {
  tfplugin::MoveRequest request{CommunityMailboxSources()[0], 0,
                                R"({"domain":"example.com","login":"alice",)"
                                R"("password":"Sup3r-S3cret-1!"})",
                                ""};
  tfplugin::MoveResponse response;
  MoveFromCommunity(request, kMailboxType, &MailboxFromCommunity, &response);
  ASSERT_TRUE(response.diagnostics.HasError());
  EXPECT_THAT(response.diagnostics.items()[0].detail,
              ::testing::Not(HasSubstr("Sup3r")));
}

}  // namespace
}  // namespace gandimail::moves
