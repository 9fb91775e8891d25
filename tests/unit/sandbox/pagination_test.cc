// Pagination of the two list routes: Total-Count, Link next/last, pages past
// the end, page and per_page limits, --page-size.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

class PaginationTest : public SandboxTest {
 protected:
  // --page-size 2: the default per_page and its maximum.
  std::vector<std::string> ExtraArgs() override { return {"--page-size", "2"}; }

  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}});
    for (const char* s : {"a1", "a2", "a3", "a4", "a5", "b1"}) {
      Post("/v5/email/forwards/example.com",
           {{"source", s}, {"destinations", {"x@example.org"}}});
    }
  }

  std::vector<std::string> Sources(const httplib::Result& res) {
    std::vector<std::string> out;
    for (const Json& f : BodyOf(res)) out.push_back(f["source"]);
    return out;
  }
};

TEST_F(PaginationTest, ThreePagesWithNextAndLastLinks) {
  const std::string list = "/v5/email/forwards/example.com?source=a*";
  const std::string url = Base() + "/v5/email/forwards/example.com";
  auto p1 = Get(list);
  ASSERT_TRUE(p1);
  EXPECT_EQ(p1->get_header_value("Total-Count"), "5");
  EXPECT_EQ(Sources(p1), std::vector<std::string>({"a1", "a2"}));
  EXPECT_EQ(Sources(Get(list + "&page=2")),
            std::vector<std::string>({"a3", "a4"}));
  EXPECT_EQ(Sources(Get(list + "&page=3")), std::vector<std::string>({"a5"}));

  // Links keep the filter, percent-encoded.
  EXPECT_NE(RawGet(list).find(
                "\r\nLink: <" + url +
                "?source=a%2A&page=2&per_page=2>; rel=\"next\", <" + url +
                "?source=a%2A&page=3&per_page=2>; "
                "rel=\"last\"\r\n"),
            std::string::npos);
  EXPECT_NE(RawGet(list + "&page=2")
                .find("\r\nLink: <" + url +
                      "?source=a%2A&page=3&per_page=2>; rel=\"next\", <" + url +
                      "?source=a%2A&page=3&per_page=2>; rel=\"last\"\r\n"),
            std::string::npos);
  EXPECT_NE(RawGet(list + "&page=3")
                .find("\r\nLink: <" + url +
                      "?source=a%2A&page=3&per_page=2>; rel=\"last\"\r\n"),
            std::string::npos);
}

TEST_F(PaginationTest, LinkUsesTheRequestHost) {
  httplib::Headers h = Auth();
  h.emplace("Host", "api.sandbox.test:8443");
  auto res = client_->Get("/v5/email/forwards/example.com", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Link").rfind(
                "<http://api.sandbox.test:8443/v5/email/forwards/", 0),
            0u);
  EXPECT_EQ(BodyOf(res)[0]["href"],
            "http://api.sandbox.test:8443/v5/email/forwards/example.com/a1");
}

TEST_F(PaginationTest, PagePastTheEndIsEmpty) {
  auto res = Get("/v5/email/forwards/example.com?page=9");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(BodyOf(res), Json::array());
  EXPECT_EQ(res->get_header_value("Total-Count"), "6");
}

TEST_F(PaginationTest, PageAndPerPageMustBePositive) {
  for (const char* q : {"?page=0", "?per_page=0", "?page=x", "?per_page=-1"}) {
    auto res = Get(std::string("/v5/email/forwards/example.com") + q);
    EXPECT_EQ(res->status, 400) << q;
    EXPECT_EQ(BodyOf(res)["errors"][0]["location"], "querystring") << q;
  }
}

TEST_F(PaginationTest, PerPageAboveMaximumIsLowered) {
  auto res = Get("/v5/email/forwards/example.com?per_page=50");
  EXPECT_EQ(BodyOf(res).size(), 2u);
  auto one = Get("/v5/email/forwards/example.com?per_page=1&page=6");
  EXPECT_EQ(Sources(one), std::vector<std::string>({"b1"}));
}

TEST_F(PaginationTest, MailboxListPaginatesToo) {
  AddDomain({{"name", "mail.example"}, {"free_slots", {{"standard", 3}}}});
  for (const char* l : {"c", "a", "b"}) CreateMailbox("mail.example", l);
  auto p2 = Get("/v5/email/mailboxes/mail.example?page=2");
  ASSERT_TRUE(p2);
  EXPECT_EQ(p2->get_header_value("Total-Count"), "3");
  EXPECT_EQ(BodyOf(p2)[0]["login"], "c");
  EXPECT_EQ(p2->get_header_value("Link"),
            "<" + Base() +
                "/v5/email/mailboxes/mail.example?page=2&per_page=2>; "
                "rel=\"last\"");
}

}  // namespace
}  // namespace gandimail::sandbox
