#include "src/gandi/codec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gandimail::gandi {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

nlohmann::json J(const char* text) { return nlohmann::json::parse(text); }

TEST(CodecTest, MailboxSummaryFromTheDocumentedExample) {
  auto list = ParseArray<MailboxSummary>(J(R"([{
    "domain": "example.net", "login": "alice", "address": "alice@example.net",
    "id": "066743e5-96e4-4a1d-9195-8b8a700a8a79",
    "mailbox_type": "standard_2023", "quota_used": 1200, "alias_count": 2,
    "antispam": true, "href": "https://api.test/x",
    "expires_at": "2021-05-04T10:04:18Z", "to_convert": false,
    "autorenew": {"enabled": true, "duration": 1, "duration_type": "m"}}])"),
                                         "mailboxes", &ParseMailboxSummary);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 1u);
  const MailboxSummary& m = (*list)[0];
  EXPECT_EQ(m.id, "066743e5-96e4-4a1d-9195-8b8a700a8a79");
  EXPECT_EQ(m.address, "alice@example.net");
  EXPECT_EQ(m.quota_used, 1200);
  EXPECT_EQ(m.alias_count, 2);
  EXPECT_TRUE(m.antispam);
  ASSERT_TRUE(m.autorenew.has_value());
  EXPECT_TRUE(m.autorenew->enabled);
  EXPECT_EQ(m.autorenew->duration, 1);
  EXPECT_EQ(m.autorenew->duration_type, "m");
  EXPECT_EQ(m.autorenew->sharing_id, std::nullopt);
}

TEST(CodecTest, MailboxDetailReadsAliasesResponderAndSharingId) {
  auto m = ParseMailbox(J(R"({"id": "u1", "aliases": ["bob", "bob*"],
    "responder": {"message": "", "enabled": false},
    "fallback_email": "x@y.z",
    "autorenew": {"enabled": false, "duration": 12, "duration_type": "m",
                  "sharing_id": "org-1"}})"));
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(m->aliases, ElementsAre("bob", "bob*"));
  ASSERT_TRUE(m->responder.has_value());
  EXPECT_FALSE(m->responder->enabled);
  EXPECT_EQ(m->responder->message, "");
  EXPECT_EQ(m->fallback_email, "x@y.z");
  EXPECT_EQ(m->autorenew->sharing_id, "org-1");
}

TEST(CodecTest, MissingAndNullFieldsReadAsDefaults) {
  auto m = ParseMailbox(J(R"({"id": "u1", "login": null})"));
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->login, "");
  EXPECT_TRUE(m->aliases.empty());
  EXPECT_EQ(m->alias_count, 0);
  EXPECT_FALSE(m->responder.has_value());
  EXPECT_FALSE(m->autorenew.has_value());
}

TEST(CodecTest, UnknownFieldsAreIgnored) {
  auto f = ParseForward(J(R"({"source": "alice", "destinations": ["a@b.c"],
                             "new_field": {"x": [1, 2]}})"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->source, "alice");
  EXPECT_THAT(f->destinations, ElementsAre("a@b.c"));
}

TEST(CodecTest, WrongTypeNamesTheObjectAndField) {
  auto m = ParseMailbox(J(R"({"id": "u1", "quota_used": "1200"})"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(m.status().message(),
              HasSubstr("field \"quota_used\" of the API's mailbox is a "
                        "string, expected integer"));
}

TEST(CodecTest, WrongTypeInsideANestedObjectIsReported) {
  auto m = ParseMailbox(J(R"({"autorenew": {"enabled": "yes"}})"));
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(m.status().message(), HasSubstr("autorenew"));
  EXPECT_THAT(m.status().message(), HasSubstr("enabled"));
}

TEST(CodecTest, NonStringAliasIsAnError) {
  auto m = ParseMailbox(J(R"({"aliases": ["bob", 3]})"));
  EXPECT_EQ(m.status().code(), absl::StatusCode::kDataLoss);
}

TEST(CodecTest, IntegralFloatIsAcceptedAsInteger) {
  auto s = ParseSlot(J(R"({"id": 124.0, "capacity": 3072})"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->id, 124);
  EXPECT_EQ(ParseSlot(J(R"({"id": 1.5})")).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(CodecTest, SlotDetailFromTheDocumentedExample) {
  auto s = ParseSlot(J(R"({"status": "inactive", "capacity": 51200,
    "refund_amount": 16.16, "mailbox_type": "premium", "refundable": true,
    "refund_currency": "EUR", "id": 125,
    "href": "http://api.test/v5/email/slots/mailbox-api-test-1.fr/125",
    "created_at": "2019-04-08T08:48:41Z"})"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id, 125);
  EXPECT_EQ(s->capacity, 51200);
  EXPECT_TRUE(s->refundable);
  EXPECT_DOUBLE_EQ(*s->refund_amount, 16.16);
  EXPECT_EQ(s->refund_currency, "EUR");
}

TEST(CodecTest, MigrationFromTheDocumentedExample) {
  auto m = ParseMigration(J(R"({"available": true, "packmail": true,
    "included_mailboxes": 5, "free_mailboxes": 2, "forward_count": 0,
    "info": [{"login": "mb1", "offer_v2": "standard", "price_v2": 4.2,
              "price_v2_m": 0.35, "quota": 0, "usage": 2097152,
              "quota_v2": 3145728}],
    "currency": "EUR", "price_v1": 12, "price_v2": 4.2, "quota_v1": 3145728,
    "usage_v1": 1887436, "token": "fa64"})"));
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_TRUE(m->available);
  EXPECT_EQ(m->included_mailboxes, 5);
  EXPECT_DOUBLE_EQ(m->price_v1, 12);
  EXPECT_EQ(m->token, "fa64");
  ASSERT_EQ(m->info.size(), 1u);
  EXPECT_EQ(m->info[0].login, "mb1");
  EXPECT_DOUBLE_EQ(m->info[0].price_v2_m, 0.35);
  EXPECT_DOUBLE_EQ(m->info[0].quota_v2, 3145728);
}

TEST(CodecTest, OfferAndDryRunResult) {
  auto o = ParseOffer(J(R"({"status": "active", "version": 2,
                           "antispam": "mixed", "dkim": "active"})"));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->version, 2);
  EXPECT_EQ(o->antispam, "mixed");
  auto d = ParseDryRunResult(J(R"({"status": "error", "errors": [
    {"description": "too short", "location": "body", "name": "password"}]})"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, "error");
  ASSERT_EQ(d->errors.size(), 1u);
  EXPECT_EQ(d->errors[0].name, "password");
  EXPECT_EQ(d->errors[0].location, "body");
}

TEST(CodecTest, NonObjectWhereAnObjectWasExpected) {
  auto o = ParseOffer(J("[1, 2]"));
  EXPECT_EQ(o.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(o.status().message(), HasSubstr("array"));
  auto l = ParseArray<Slot>(J("{}"), "slots list", &ParseSlot);
  EXPECT_THAT(l.status().message(), HasSubstr("slots list"));
}

TEST(CodecTest, MailboxUpdateSendsOnlyTheFieldsSet) {
  MailboxUpdate update;
  update.autorenew = AutorenewUpdate{true, 12};
  update.password = log::Secret("a*6@Xk86cPR2kcZ@qPAi");
  EXPECT_EQ(EncodeMailboxUpdate(update),
            J(R"({"autorenew": {"activated": true, "duration": 12},
                  "password": "a*6@Xk86cPR2kcZ@qPAi"})"));
  EXPECT_EQ(EncodeMailboxUpdate(MailboxUpdate{}), J("{}"));
}

TEST(CodecTest, MailboxUpdateWritesEveryField) {
  MailboxUpdate update;
  update.aliases = std::vector<std::string>{};
  update.antispam = false;
  update.login = "bob";
  update.mailbox_type = "premium_2023";
  update.responder =
      ResponderUpdate{true, "Out", "2019-07-10T18:00:01Z", std::nullopt};
  EXPECT_EQ(EncodeMailboxUpdate(update),
            J(R"({"aliases": [], "antispam": false, "login": "bob",
                  "mailbox_type": "premium_2023",
                  "responder": {"enabled": true, "message": "Out",
                                "starts_at": "2019-07-10T18:00:01Z"}})"));
}

TEST(CodecTest, CreateBodies) {
  MailboxCreate mailbox{"alice", "standard", log::Secret("pw"),
                        std::vector<std::string>{"bob", "bob*"}, std::nullopt};
  EXPECT_EQ(EncodeMailboxCreate(mailbox),
            J(R"({"login": "alice", "mailbox_type": "standard",
                  "password": "pw", "aliases": ["bob", "bob*"]})"));
  EXPECT_EQ(EncodeSlotCreate({"standard_2023", 12, true}),
            J(R"({"mailbox_type": "standard_2023", "duration": 12,
                  "autorenew": true})"));
  EXPECT_EQ(EncodeSlotCreate({"premium", 1, std::nullopt}),
            J(R"({"mailbox_type": "premium", "duration": 1})"));
  EXPECT_EQ(EncodeOfferUpdate({"active", "inactive"}),
            J(R"({"antispam": "active", "dkim": "inactive"})"));
  EXPECT_EQ(EncodeForwardCreate({"alice", {"a@b.c"}}),
            J(R"({"source": "alice", "destinations": ["a@b.c"]})"));
}

}  // namespace
}  // namespace gandimail::gandi
