#include "src/gandi/client.h"

#include <atomic>
#include <mutex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/log/log.h"
#include "src/gandi/errors.h"
#include "tests/unit/gandi/fake_api.h"

namespace gandimail::gandi {
namespace {

using ::gandimail::gandi::testing::FakeApi;
using ::gandimail::gandi::testing::SeenRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kToken[] = "pat-TOKEN-123";
constexpr char kPassword[] = "a*6@Xk86cPR2kcZ@qPAi";
constexpr char kUuid[] = "066743e5-96e4-4a1d-9195-8b8a700a8a79";

nlohmann::json J(const std::string& text) {
  return nlohmann::json::parse(text);
}

http::Options TestHttpOptions() {
  http::Options options;
  options.requests_per_minute = 0;
  options.max_retries = 1;
  options.initial_backoff = absl::Milliseconds(1);
  return options;
}

// Fixture: a fake API, one HTTP client and a gandi client without
// sharing_id (`client_`) and one with it (`shared_`).
class ClientTest : public ::testing::Test {
 protected:
  ClientTest()
      : http_(TestHttpOptions()),
        client_(&http_, api_.base_url(),
                {Credentials::kBearer, log::Secret(kToken)}, ""),
        shared_(&http_, api_.base_url() + "/",
                {Credentials::kBearer, log::Secret(kToken)}, "org-1") {}

  FakeApi api_;
  http::Client http_;
  Client client_;
  Client shared_;
};

void ExpectJsonBody(const SeenRequest& seen, const std::string& expected) {
  EXPECT_EQ(seen.Header("Content-Type"), "application/json");
  EXPECT_EQ(J(seen.body), J(expected));
}

// ---- Common request shape ----

TEST_F(ClientTest, EveryRequestCarriesBearerTokenAndAcceptsJson) {
  ASSERT_TRUE(client_.GetOffer("example.com").ok());
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.Header("Authorization"), "Bearer pat-TOKEN-123");
  EXPECT_EQ(seen.Header("Accept"), "application/json");
  EXPECT_FALSE(seen.HasHeader("Dry-Run"));
}

TEST_F(ClientTest, ApiKeyIsSentWithTheApikeyScheme) {
  Client client(&http_, api_.base_url(),
                {Credentials::kApikey, log::Secret("KEY-1")}, "");
  ASSERT_TRUE(client.GetOffer("example.com").ok());
  EXPECT_EQ(api_.last().Header("Authorization"), "Apikey KEY-1");
}

TEST_F(ClientTest, BaseUrlGetsV5EmailOnce) {
  EXPECT_EQ(client_.api_url(), api_.base_url() + "/v5/email");
  EXPECT_EQ(shared_.api_url(), api_.base_url() + "/v5/email");
  Client explicit_prefix(&http_, api_.base_url() + "/v5/email/",
                         {Credentials::kBearer, log::Secret(kToken)}, "");
  EXPECT_EQ(explicit_prefix.api_url(), api_.base_url() + "/v5/email");
}

TEST_F(ClientTest, MissingCredentialsFailBeforeAnyRequest) {
  Client client(&http_, api_.base_url(), {}, "");
  EXPECT_EQ(client.GetOffer("example.com").status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(api_.seen(), SizeIs(0));
}

TEST_F(ClientTest, PathParametersAreEscaped) {
  ASSERT_TRUE(client_.DeleteForward("ex/ample.com", "al+ice?x").ok());
  EXPECT_EQ(api_.last().target,
            "/v5/email/forwards/ex%2Fample.com/al%2Bice%3Fx");
}

// ---- Forwards ----

TEST_F(ClientTest, ListForwardsSendsFiltersAndReadsItems) {
  api_.Answer(200,
              R"([{"source": "alice", "destinations": ["a@b.c"],
                   "href": "h"}])",
              {{"Total-Count", "1"}});
  ForwardListOptions options;
  options.source = "*lice";
  options.destination = "*@toto.net";
  options.sort_by = "-source";
  options.per_page = 50;
  auto forwards = client_.ListForwards("example.com", options);
  ASSERT_TRUE(forwards.ok()) << forwards.status();
  ASSERT_THAT(*forwards, SizeIs(1));
  EXPECT_EQ((*forwards)[0].source, "alice");
  EXPECT_THAT((*forwards)[0].destinations, ElementsAre("a@b.c"));
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target,
            "/v5/email/forwards/example.com?source=%2Alice"
            "&destination=%2A%40toto.net&sort_by=-source&page=1&per_page=50");
}

TEST_F(ClientTest, CreateForwardPostsAndReadsLocation) {
  api_.Answer(201, R"({"message": "Forward created"})",
              {{"Location",
                "https://api.test/v5/email/forwards/example.com/"
                "alice"}});
  auto ack =
      client_.CreateForward("example.com", {"alice", {"a@b.c", "d@e.f"}});
  ASSERT_TRUE(ack.ok()) << ack.status();
  EXPECT_EQ(ack->message, "Forward created");
  EXPECT_EQ(ack->location,
            "https://api.test/v5/email/forwards/example.com/alice");
  EXPECT_EQ(ack->id, "alice");
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/v5/email/forwards/example.com");
  ExpectJsonBody(seen,
                 R"({"source": "alice", "destinations": ["a@b.c", "d@e.f"]})");
}

TEST_F(ClientTest, UpdateForwardPutsDestinations) {
  api_.Answer(202, R"({"message": "ok"})");
  ASSERT_TRUE(client_.UpdateForward("example.com", "alice", {"x@y.z"}).ok());
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.target, "/v5/email/forwards/example.com/alice");
  ExpectJsonBody(seen, R"({"destinations": ["x@y.z"]})");
}

TEST_F(ClientTest, DeleteForwardSendsNoBody) {
  api_.Answer(202, R"({"message": "deleted"})");
  auto ack = client_.DeleteForward("example.com", "alice");
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->message, "deleted");
  EXPECT_EQ(ack->location, std::nullopt);
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "DELETE");
  EXPECT_EQ(seen.target, "/v5/email/forwards/example.com/alice");
  EXPECT_EQ(seen.body, "");
}

// ---- Mailboxes ----

TEST_F(ClientTest, ListMailboxesSendsEveryFilter) {
  api_.Answer(200, "[]");
  MailboxListOptions options;
  options.login = "alice";
  options.login_pattern = "alic*";
  options.created_before = "2021-05-04T10:04:18Z";
  options.antispam = true;
  options.mailbox_type = "premium_2023";
  options.per_page = 2;
  ASSERT_TRUE(client_.ListMailboxes("example.com", options).ok());
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target,
            "/v5/email/mailboxes/example.com?login=alice&~login=alic%2A"
            "&%3Ccreated_at=2021-05-04T10%3A04%3A18Z&antispam=true"
            "&mailbox_type=premium_2023&page=1&per_page=2");
  EXPECT_EQ(seen.params.find("<created_at")->second, "2021-05-04T10:04:18Z");
}

TEST_F(ClientTest, ListMailboxesReadsSummaries) {
  api_.Answer(200,
              std::string(R"([{"id": ")") + kUuid +
                  R"(", "login": "alice", "to_convert": true}])",
              {{"Total-Count", "1"}});
  MailboxListOptions options;
  options.antispam = false;
  auto list = client_.ListMailboxes("example.com", options);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_THAT(*list, SizeIs(1));
  EXPECT_EQ((*list)[0].id, kUuid);
  EXPECT_TRUE((*list)[0].to_convert);
  EXPECT_EQ(api_.last().params.find("antispam")->second, "false");
}

MailboxCreate Alice() {
  return {"alice", "standard", log::Secret(kPassword),
          std::vector<std::string>{"bob", "bob*"}, false};
}

TEST_F(ClientTest, CreateMailboxPostsBodyAndReadsIdFromLocation) {
  api_.Answer(
      202, R"({"message": "Mailbox being created"})",
      {{"Location", std::string("/v5/email/mailboxes/example.com/") + kUuid}});
  auto ack = client_.CreateMailbox("example.com", Alice());
  ASSERT_TRUE(ack.ok()) << ack.status();
  EXPECT_EQ(ack->id, kUuid);
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/v5/email/mailboxes/example.com");
  EXPECT_FALSE(seen.HasHeader("Dry-Run"));
  ExpectJsonBody(seen, std::string(R"({"login": "alice",
      "mailbox_type": "standard", "password": ")") +
                           kPassword +
                           R"(", "aliases": ["bob", "bob*"],
      "antispam": false})");
}

TEST_F(ClientTest, DryRunCreateMailboxSendsDryRunAndReadsResult) {
  api_.Answer(200,
              R"({"status": "error", "errors": [{"description": "taken",
                  "location": "body", "name": "login"}]})",
              {{"Warning", "299 - \"deprecated type\""}});
  auto result = client_.DryRunCreateMailbox("example.com", Alice());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, "error");
  ASSERT_THAT(result->errors, SizeIs(1));
  EXPECT_EQ(result->errors[0].name, "login");
  EXPECT_EQ(result->warning, "299 - \"deprecated type\"");
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/v5/email/mailboxes/example.com");
  EXPECT_EQ(seen.Header("Dry-Run"), "1");
}

TEST_F(ClientTest, DryRunAnsweredWith202IsAnError) {
  api_.Answer(202, R"({"message": "created"})");
  auto result = client_.DryRunCreateMailbox("example.com", Alice());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(result.status().message(), HasSubstr("may have carried it out"));
}

TEST_F(ClientTest, GetMailboxReadsTheDetail) {
  api_.Answer(200, std::string(R"({"id": ")") + kUuid +
                       R"(", "aliases": ["bob"], "responder":
                       {"enabled": true, "message": "away"}})");
  auto mailbox = client_.GetMailbox("example.com", kUuid);
  ASSERT_TRUE(mailbox.ok()) << mailbox.status();
  EXPECT_THAT(mailbox->aliases, ElementsAre("bob"));
  EXPECT_EQ(mailbox->responder->message, "away");
  EXPECT_EQ(api_.last().method, "GET");
  EXPECT_EQ(api_.last().target,
            std::string("/v5/email/mailboxes/example.com/") + kUuid);
}

TEST_F(ClientTest, UpdateMailboxPatchesOnlySetFieldsWithSharingId) {
  api_.Answer(202, R"({"message": "updated"})");
  MailboxUpdate update;
  update.autorenew = AutorenewUpdate{true, 1};
  update.antispam = true;
  ASSERT_TRUE(shared_.UpdateMailbox("example.com", kUuid, update).ok());
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "PATCH");
  EXPECT_EQ(seen.target, std::string("/v5/email/mailboxes/example.com/") +
                             kUuid + "?sharing_id=org-1");
  ExpectJsonBody(seen,
                 R"({"antispam": true,
                     "autorenew": {"activated": true, "duration": 1}})");
}

TEST_F(ClientTest, DeleteAndPurgeMailbox) {
  api_.Answer(202, R"({"message": "ok"})");
  ASSERT_TRUE(client_.DeleteMailbox("example.com", kUuid).ok());
  EXPECT_EQ(api_.last().method, "DELETE");
  EXPECT_EQ(api_.last().target,
            std::string("/v5/email/mailboxes/example.com/") + kUuid);
  ASSERT_TRUE(client_.PurgeMailbox("example.com", kUuid).ok());
  EXPECT_EQ(api_.last().method, "DELETE");
  EXPECT_EQ(
      api_.last().target,
      std::string("/v5/email/mailboxes/example.com/") + kUuid + "/contents");
}

TEST_F(ClientTest, RenewMailboxPostsDurationWithSharingId) {
  api_.Answer(202, R"({"message": "renewed"})");
  ASSERT_TRUE(
      shared_.RenewMailbox("example.com", "alice@example.com", 12).ok());
  const SeenRequest seen = api_.last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target,
            "/v5/email/mailboxes/example.com/alice@example.com/renew"
            "?sharing_id=org-1");
  EXPECT_FALSE(seen.HasHeader("Dry-Run"));
  ExpectJsonBody(seen, R"({"duration": 12})");
}

TEST_F(ClientTest, DryRunRenewMailboxSendsDryRun) {
  api_.Answer(200, R"({"status": "success"})");
  auto result = client_.DryRunRenewMailbox("example.com", kUuid, 1);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, "success");
  EXPECT_EQ(api_.last().Header("Dry-Run"), "1");
  ExpectJsonBody(api_.last(), R"({"duration": 1})");
}

TEST_F(ClientTest, RenewDurationOtherThan1Or12IsRefusedUnsent) {
  EXPECT_EQ(client_.RenewMailbox("example.com", kUuid, 6).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client_.DryRunRenewMailbox("example.com", kUuid, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(api_.seen(), SizeIs(0));
}

TEST_F(ClientTest, PaymentRequiredOnRenewKeepsTheMessage) {
  api_.Answer(402, R"({"message": "Not enough credit", "status_code": 402})");
  auto ack = client_.RenewMailbox("example.com", kUuid, 12);
  EXPECT_EQ(ack.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(ack.status().message(), HasSubstr("Not enough credit"));
  EXPECT_EQ(ApiErrorOf(ack.status())->http_status, 402);
}

TEST_F(ClientTest, RenewAllMailboxes) {
  api_.Answer(202, R"({"message": "ok"})");
  ASSERT_TRUE(client_.RenewAllMailboxes("example.com").ok());
  EXPECT_EQ(api_.last().method, "POST");
  EXPECT_EQ(api_.last().target, "/v5/email/mailboxes/example.com/renew");
  ExpectJsonBody(api_.last(), "{}");

  ASSERT_TRUE(shared_.RenewAllMailboxes("example.com").ok());
  EXPECT_EQ(api_.last().target,
            "/v5/email/mailboxes/example.com/renew?sharing_id=org-1");
  ExpectJsonBody(api_.last(), R"({"sharing_id": "org-1"})");
}

TEST_F(ClientTest, DryRunRenewAllMailboxes) {
  api_.Answer(200, R"({"status": "success"})");
  ASSERT_TRUE(client_.DryRunRenewAllMailboxes("example.com").ok());
  EXPECT_EQ(api_.last().target, "/v5/email/mailboxes/example.com/renew");
  EXPECT_EQ(api_.last().Header("Dry-Run"), "1");
}

// ---- Migration, offers, slots ----

TEST_F(ClientTest, GetMigrationWithSharingId) {
  api_.Answer(200, R"({"available": true, "token": "fa64", "info": []})");
  auto migration = shared_.GetMigration("example.com");
  ASSERT_TRUE(migration.ok()) << migration.status();
  EXPECT_TRUE(migration->available);
  EXPECT_EQ(migration->token, "fa64");
  EXPECT_EQ(api_.last().method, "GET");
  EXPECT_EQ(api_.last().target,
            "/v5/email/migration/example.com?sharing_id=org-1");
}

TEST_F(ClientTest, LaunchMigrationPostsTheToken) {
  api_.Answer(202, R"({"message": "started"})");
  ASSERT_TRUE(client_.LaunchMigration("example.com", "fa64").ok());
  EXPECT_EQ(api_.last().method, "POST");
  EXPECT_EQ(api_.last().target, "/v5/email/migration/example.com");
  ExpectJsonBody(api_.last(), R"({"token": "fa64"})");
}

TEST_F(ClientTest, GetAndUpdateOffer) {
  api_.Answer(200, R"({"status": "active", "version": 2,
                       "antispam": "active", "dkim": "inactive"})");
  auto offer = client_.GetOffer("example.com");
  ASSERT_TRUE(offer.ok());
  EXPECT_EQ(offer->dkim, "inactive");
  EXPECT_EQ(api_.last().target, "/v5/email/offers/example.com");

  api_.Answer(202, R"({"message": "ok"})");
  ASSERT_TRUE(client_.UpdateOffer("example.com", {"inactive", "active"}).ok());
  EXPECT_EQ(api_.last().method, "PATCH");
  EXPECT_EQ(api_.last().target, "/v5/email/offers/example.com");
  ExpectJsonBody(api_.last(), R"({"antispam": "inactive", "dkim": "active"})");
}

TEST_F(ClientTest, ListSlotsIsOneRequest) {
  api_.Answer(200,
              R"([{"id": 123, "status": "inactive", "capacity": 3072},
                  {"id": 124, "status": "active", "capacity": 3072}])",
              {{"Total-Count", "2"}});
  auto slots = client_.ListSlots("example.com");
  ASSERT_TRUE(slots.ok()) << slots.status();
  ASSERT_THAT(*slots, SizeIs(2));
  EXPECT_EQ((*slots)[1].id, 124);
  EXPECT_THAT(api_.seen(), SizeIs(1));
  EXPECT_EQ(api_.last().target, "/v5/email/slots/example.com");
}

TEST_F(ClientTest, CreateSlotWithSharingIdReadsIntegerId) {
  api_.Answer(
      202, R"({"message": "ok"})",
      {{"Location", "https://api.test/v5/email/slots/example.com/125"}});
  auto ack = shared_.CreateSlot("example.com", {"standard_2023", 12, true});
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->id, "125");
  EXPECT_EQ(api_.last().method, "POST");
  EXPECT_EQ(api_.last().target, "/v5/email/slots/example.com?sharing_id=org-1");
  ExpectJsonBody(api_.last(), R"({"mailbox_type": "standard_2023",
                                  "duration": 12, "autorenew": true})");
}

TEST_F(ClientTest, GetAndRefundSlot) {
  api_.Answer(200, R"({"id": 125, "refundable": true, "refund_amount": 16.16,
                       "refund_currency": "EUR"})");
  auto slot = client_.GetSlot("example.com", 125);
  ASSERT_TRUE(slot.ok());
  EXPECT_EQ(slot->refund_currency, "EUR");
  EXPECT_EQ(api_.last().target, "/v5/email/slots/example.com/125");

  api_.Answer(202, R"({"message": "refunded"})");
  ASSERT_TRUE(client_.RefundSlot("example.com", 125).ok());
  EXPECT_EQ(api_.last().method, "DELETE");
  EXPECT_EQ(api_.last().target, "/v5/email/slots/example.com/125");
}

// ---- Pagination ----

// Serves `count` forwards `page_size` at a time, with the headers chosen.
void ServeForwards(FakeApi& api, int count, int page_size, bool link,
                   bool total) {
  api.OnRequest([=](const httplib::Request& req, httplib::Response& res) {
    const int page =
        req.has_param("page") ? std::stoi(req.get_param_value("page")) : 1;
    nlohmann::json items = nlohmann::json::array();
    for (int i = (page - 1) * page_size; i < std::min(count, page * page_size);
         ++i) {
      items.push_back(
          {{"source", "f" + std::to_string(i)}, {"destinations", {"d@e.f"}}});
    }
    const int last = (count + page_size - 1) / page_size;
    if (link) {
      std::string value = "<https://api.test/x?page=" + std::to_string(last) +
                          ">; rel=\"last\"";
      if (page < last) {
        value = "<https://api.test/x?page=" + std::to_string(page + 1) +
                ">; rel=\"next\", " + value;
      }
      res.set_header("Link", value);
    }
    if (total) res.set_header("Total-Count", std::to_string(count));
    res.set_content(items.dump(), "application/json");
  });
}

std::vector<std::string> Pages(FakeApi& api) {
  std::vector<std::string> pages;
  for (const auto& seen : api.seen()) {
    pages.push_back(seen.params.find("page")->second);
  }
  return pages;
}

TEST_F(ClientTest, ListFollowsLinkOverThreePages) {
  ServeForwards(api_, 7, 3, /*link=*/true, /*total=*/false);
  ForwardListOptions options;
  options.per_page = 3;
  auto forwards = client_.ListForwards("example.com", options);
  ASSERT_TRUE(forwards.ok()) << forwards.status();
  ASSERT_THAT(*forwards, SizeIs(7));
  EXPECT_EQ((*forwards)[6].source, "f6");
  EXPECT_THAT(Pages(api_), ElementsAre("1", "2", "3"));
}

TEST_F(ClientTest, ListStopsAtTotalCount) {
  ServeForwards(api_, 7, 3, /*link=*/false, /*total=*/true);
  auto forwards = client_.ListForwards("example.com");
  ASSERT_TRUE(forwards.ok());
  EXPECT_THAT(*forwards, SizeIs(7));
  EXPECT_THAT(Pages(api_), ElementsAre("1", "2", "3"));
}

TEST_F(ClientTest, ListWithoutLinkOrTotalStopsAtAnEmptyPage) {
  ServeForwards(api_, 7, 3, /*link=*/false, /*total=*/false);
  auto forwards = client_.ListForwards("example.com");
  ASSERT_TRUE(forwards.ok());
  EXPECT_THAT(*forwards, SizeIs(7));
  EXPECT_THAT(Pages(api_), ElementsAre("1", "2", "3", "4"));
}

TEST_F(ClientTest, ListReadsEveryPageWhateverThePageSize) {
  // The server caps pages at 2 although 100 were asked for.
  ServeForwards(api_, 5, 2, /*link=*/true, /*total=*/true);
  ForwardListOptions options;
  options.per_page = 100;
  auto forwards = client_.ListForwards("example.com", options);
  ASSERT_TRUE(forwards.ok());
  EXPECT_THAT(*forwards, SizeIs(5));
  EXPECT_THAT(Pages(api_), ElementsAre("1", "2", "3"));
}

TEST_F(ClientTest, ListFromAServerThatNeverEndsFails) {
  api_.Answer(200, R"([{"source": "same", "destinations": []}])",
              {{"Link", "<https://api.test/x?page=2>; rel=\"next\""}});
  auto forwards = client_.ListForwards("example.com");
  EXPECT_EQ(forwards.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(forwards.status().message(), HasSubstr("would not end"));
  EXPECT_THAT(api_.seen(), SizeIs(2));
}

TEST_F(ClientTest, ListKeepsOneCopyOfAnItemShiftedAcrossPages) {
  api_.OnRequest([](const httplib::Request& req, httplib::Response& res) {
    const std::string page = req.get_param_value("page");
    const char* body = page == "1"   ? R"([{"id": "a"}, {"id": "b"}])"
                       : page == "2" ? R"([{"id": "b"}, {"id": "c"}])"
                                     : "[]";
    res.set_content(body, "application/json");
  });
  auto mailboxes = client_.ListMailboxes("example.com");
  ASSERT_TRUE(mailboxes.ok());
  ASSERT_THAT(*mailboxes, SizeIs(3));
  EXPECT_EQ((*mailboxes)[2].id, "c");
}

// ---- Errors and bad bodies ----

TEST_F(ClientTest, NotFoundMapsToNotFoundWithDetails) {
  api_.Answer(404, R"({"cause": "Not Found", "code": 404,
                       "message": "The resource could not be found.",
                       "object": "HTTPNotFound"})");
  auto mailbox = client_.GetMailbox("example.com", kUuid);
  EXPECT_EQ(mailbox.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(mailbox.status().message(),
              HasSubstr("the API answered 404 Not Found: The resource could "
                        "not be found."));
  const auto error = ApiErrorOf(mailbox.status());
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->object, "HTTPNotFound");
}

TEST_F(ClientTest, ForbiddenSayingNotFoundIsNotFound) {
  api_.Answer(403, R"({"cause": "Not Found", "message": "no such slot"})");
  EXPECT_EQ(client_.GetSlot("example.com", 9).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ClientTest, HtmlErrorPageGivesAClearStatus) {
  const std::string html(1234, 'x');
  api_.Answer(502, html, {}, "text/html");
  auto offer = client_.GetOffer("example.com");
  EXPECT_EQ(offer.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(offer.status().message(),
              HasSubstr("the API answered 502 Bad Gateway with a non-JSON "
                        "body (text/html, 1234 bytes)"));
}

TEST_F(ClientTest, TruncatedSuccessBodyIsDataLoss) {
  api_.Answer(200, R"({"id": "u1", "login": "al)");
  auto mailbox = client_.GetMailbox("example.com", "u1");
  EXPECT_EQ(mailbox.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(mailbox.status().message(),
              HasSubstr("non-JSON or truncated body (application/json, 25 "
                        "bytes)"));
}

TEST_F(ClientTest, EmptySuccessBodyIsDataLoss) {
  api_.Answer(200, "");
  EXPECT_THAT(client_.GetOffer("example.com").status().message(),
              HasSubstr("with an empty body"));
}

TEST_F(ClientTest, WrongTypesAreDataLoss) {
  api_.Answer(200, R"({"version": "two"})");
  auto offer = client_.GetOffer("example.com");
  EXPECT_EQ(offer.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(offer.status().message(), HasSubstr("\"version\""));

  api_.Answer(200, R"({"not": "a list"})");
  auto forwards = client_.ListForwards("example.com");
  EXPECT_EQ(forwards.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(forwards.status().message(), HasSubstr("list was expected"));

  api_.Answer(200, R"([{"source": 12}])", {{"Total-Count", "1"}});
  forwards = client_.ListForwards("example.com");
  EXPECT_THAT(forwards.status().message(), HasSubstr("item 0"));
}

TEST_F(ClientTest, AcceptedChangeWithAnOddBodyStillSucceeds) {
  api_.Answer(202, "<html>accepted</html>", {}, "text/html");
  auto ack = client_.DeleteMailbox("example.com", kUuid);
  ASSERT_TRUE(ack.ok()) << ack.status();
  EXPECT_EQ(ack->message, "");
}

TEST_F(ClientTest, DroppedPostIsOutcomeUnknown) {
  api_.OnRequest([](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  });
  http::Options options = TestHttpOptions();
  options.request_timeout = absl::Milliseconds(100);
  http::Client http(options);
  Client client(&http, api_.base_url(),
                {Credentials::kBearer, log::Secret(kToken)}, "");
  auto ack = client.CreateSlot("example.com", {"standard", 12, std::nullopt});
  ASSERT_FALSE(ack.ok());
  EXPECT_TRUE(IsOutcomeUnknown(ack.status()));
  EXPECT_THAT(api_.seen(), SizeIs(1));
}

// ---- Secrets ----

class CapturedLog {
 public:
  CapturedLog() {
    log::SetLevelForTest(log::Level::kTrace);
    log::SetSinkForTest([this](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu_);
      text_ += std::string(line) + "\n";
    });
  }
  ~CapturedLog() {
    log::SetSinkForTest(nullptr);
    log::SetLevelForTest(log::Level::kOff);
  }
  std::string text() {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }

 private:
  std::mutex mu_;
  std::string text_;
};

TEST_F(ClientTest, TraceLogsAndErrorsNeverHoldTheTokenOrAPassword) {
  CapturedLog captured;
  // The API echoes what it was sent, secrets included.
  api_.OnRequest([](const httplib::Request& req, httplib::Response& res) {
    res.status = 400;
    res.set_content(
        nlohmann::json{{"message", "refused " + req.body + " for " +
                                       req.get_header_value("Authorization")},
                       {"cause", "Bad Request"}}
            .dump(),
        "application/json");
  });
  auto created = client_.CreateMailbox("example.com", Alice());
  MailboxUpdate update;
  update.password = log::Secret("N3w-Passw0rd!!x");
  auto updated = client_.UpdateMailbox("example.com", kUuid, update);

  ASSERT_FALSE(created.ok());
  ASSERT_FALSE(updated.ok());
  const std::string logs = captured.text();
  EXPECT_THAT(logs, HasSubstr("HTTP exchange"));
  for (const std::string secret : {kToken, kPassword, "N3w-Passw0rd!!x"}) {
    EXPECT_THAT(logs, Not(HasSubstr(secret)));
    EXPECT_THAT(created.status().message(), Not(HasSubstr(secret)));
    EXPECT_THAT(updated.status().message(), Not(HasSubstr(secret)));
  }
  EXPECT_THAT(created.status().message(), HasSubstr("(redacted)"));
}

}  // namespace
}  // namespace gandimail::gandi
