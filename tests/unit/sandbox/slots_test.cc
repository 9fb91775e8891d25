// Slots: list, buy (credit, 402), get (refund fields), refund rules.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kSlots[] = "/v5/email/slots/example.com";

class SlotsTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"},
               {"free_slots", {{"standard", 1}}},
               {"credit", 20.0}});
  }

  int64_t Buy(const Json& body) {
    auto res = Post(kSlots, body);
    EXPECT_EQ(res->status, 202) << res->body;
    return std::stoll(LastSegment(res->get_header_value("Location")));
  }

  double Credit() { return DomainState("example.com")["credit"]; }
};

TEST_F(SlotsTest, ListHasTotalCountAndNoLink) {
  auto res = Get(kSlots);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Total-Count"), "1");
  EXPECT_FALSE(res->has_header("Link"));
  Json slot = BodyOf(res)[0];
  EXPECT_EQ(slot["id"], 1);
  EXPECT_EQ(slot["status"], "active");
  EXPECT_EQ(slot["mailbox_type"], "standard");
  EXPECT_EQ(slot["capacity"], 3072);
  EXPECT_EQ(slot["refundable"], false);
  EXPECT_EQ(slot["href"], Base() + "/v5/email/slots/example.com/1");
  EXPECT_TRUE(slot["created_at"].is_string());
}

TEST_F(SlotsTest, BuyAnswers202WithLocationAndSpendsCredit) {
  auto res = Post(kSlots, {{"mailbox_type", "premium_2023"}, {"duration", 1}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/slots/example.com/2");
  EXPECT_DOUBLE_EQ(Credit(), 18.0);
}

TEST_F(SlotsTest, BoughtSlotIsRefundableWithRefundFields) {
  int64_t id = Buy({{"mailbox_type", "standard_2023"},
                    {"duration", 12},
                    {"autorenew", true}});
  Json slot = BodyOf(Get(std::string(kSlots) + "/" + std::to_string(id)));
  EXPECT_EQ(slot["refundable"], true);
  EXPECT_EQ(slot["capacity"], 10240);
  EXPECT_EQ(slot["refund_amount"], 6.0);
  EXPECT_EQ(slot["refund_currency"], "EUR");
}

TEST_F(SlotsTest, SeededSlotHasNoRefundFieldsAndRefundIs409) {
  Json slot = BodyOf(Get(std::string(kSlots) + "/1"));
  EXPECT_FALSE(slot.contains("refund_amount"));
  auto res = Delete(std::string(kSlots) + "/1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["message"], "Slot 1 is not refundable");
}

TEST_F(SlotsTest, RefundGivesCreditBackAndRemoves) {
  int64_t id = Buy({{"mailbox_type", "premium"}, {"duration", 1}});
  EXPECT_DOUBLE_EQ(Credit(), 18.5);
  auto res = Delete(std::string(kSlots) + "/" + std::to_string(id));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_DOUBLE_EQ(Credit(), 20.0);
  EXPECT_EQ(Get(std::string(kSlots) + "/" + std::to_string(id))->status, 404);
}

TEST_F(SlotsTest, SlotHoldingMailboxCannotBeRefunded) {
  int64_t id = Buy({{"mailbox_type", "premium"}, {"duration", 1}});
  std::string mb = CreateMailbox("example.com", "boss", "premium");
  auto res = Delete(std::string(kSlots) + "/" + std::to_string(id));
  EXPECT_EQ(res->status, 409);
  Delete("/v5/email/mailboxes/example.com/" + mb);
  EXPECT_EQ(Delete(std::string(kSlots) + "/" + std::to_string(id))->status,
            202);
}

TEST_F(SlotsTest, ShortCreditIs402) {
  auto res = Post(kSlots, {{"mailbox_type", "premium_2023"}, {"duration", 12}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 402);
  EXPECT_EQ(BodyOf(res), Json({{"message",
                                "Not enough prepaid credit: the slot costs "
                                "24.00 EUR, the account holds 20.00 EUR"},
                               {"status_code", 402}}));
  EXPECT_EQ(Get(kSlots)->get_header_value("Total-Count"), "1");
}

TEST_F(SlotsTest, BuyValidatesTypeAndDuration) {
  auto res = Post(kSlots, {{"mailbox_type", "standard_new"}, {"duration", 12}});
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "mailbox_type");
  res = Post(kSlots, {{"mailbox_type", "standard"}, {"duration", 24}});
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "duration");
  res = Post(kSlots, {{"mailbox_type", "standard"}});
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"], "is required");
  res = Post(
      kSlots,
      {{"mailbox_type", "standard"}, {"duration", 1}, {"autorenew", "yes"}});
  EXPECT_EQ(BodyOf(res)["errors"][0]["description"], "must be a boolean");
}

TEST_F(SlotsTest, UnknownOrNonIntegerSlotIs404) {
  EXPECT_EQ(Get(std::string(kSlots) + "/999")->status, 404);
  EXPECT_EQ(Get(std::string(kSlots) + "/abc")->status, 404);
  EXPECT_EQ(Delete(std::string(kSlots) + "/999")->status, 404);
}

TEST_F(SlotsTest, BoughtSlotTakesAMailbox) {
  EXPECT_EQ(
      Post("/v5/email/mailboxes/example.com", {{"login", "p"},
                                               {"mailbox_type", "premium"},
                                               {"password", kPassword}})
          ->status,
      409);
  Buy({{"mailbox_type", "premium"}, {"duration", 1}, {"autorenew", true}});
  std::string id = CreateMailbox("example.com", "p", "premium");
  Json d = BodyOf(Get("/v5/email/mailboxes/example.com/" + id));
  EXPECT_EQ(d["autorenew"],
            Json({{"enabled", true}, {"duration", 1}, {"duration_type", "m"}}));
}

}  // namespace
}  // namespace gandimail::sandbox
