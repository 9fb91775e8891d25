// Forwarding addresses: create (201), list, filters, sort, CSV, update,
// delete and their refusals.
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

constexpr char kForwards[] = "/v5/email/forwards/example.com";

class ForwardsTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    AddDomain({{"name", "example.com"}});
  }

  void CreateForward(const std::string& source,
                     const std::vector<std::string>& destinations) {
    auto res =
        Post(kForwards, {{"source", source}, {"destinations", destinations}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  }

  std::vector<std::string> Sources(const std::string& query) {
    std::vector<std::string> out;
    for (const Json& f : BodyOf(Get(std::string(kForwards) + query))) {
      out.push_back(f["source"]);
    }
    return out;
  }
};

TEST_F(ForwardsTest, CreateAnswers201WithLocationAndMessage) {
  auto res = Post(kForwards, {{"source", "alice"},
                              {"destinations", {"alice.doe@example.org"}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/forwards/example.com/alice");
  EXPECT_TRUE(BodyOf(res)["message"].is_string());
}

TEST_F(ForwardsTest, ListShowsSourceDestinationsAndHref) {
  CreateForward("alice", {"alice.doe@example.org", "ruth@example.org"});
  auto res = Get(kForwards);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Total-Count"), "1");
  EXPECT_EQ(BodyOf(res),
            Json::array({{{"source", "alice"},
                          {"destinations",
                           {"alice.doe@example.org", "ruth@example.org"}},
                          {"href", Base() + "/v5/email/forwards/example.com/"
                                            "alice"}}}));
}

TEST_F(ForwardsTest, FullAddressSourceIsRefusedWith400) {
  auto res = Post(kForwards, {{"source", "alice@example.com"},
                              {"destinations", {"a@example.org"}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  Json body = BodyOf(res);
  EXPECT_EQ(body["cause"], "Bad Request");
  EXPECT_EQ(body["errors"][0]["location"], "body");
  EXPECT_EQ(body["errors"][0]["name"], "source");
  EXPECT_EQ(body["errors"][0]["description"],
            "must be a local part such as \"alice\", not a full address");
}

TEST_F(ForwardsTest, MissingDestinationsAndBadAddressAreRefused) {
  auto none = Post(kForwards, {{"source", "alice"}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 400);
  EXPECT_EQ(BodyOf(none)["errors"][0]["name"], "destinations");

  auto empty =
      Post(kForwards, {{"source", "alice"}, {"destinations", Json::array()}});
  EXPECT_EQ(empty->status, 400);

  auto bad = Post(kForwards, {{"source", "alice"},
                              {"destinations", {"ok@example.org", "nope"}}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(BodyOf(bad)["errors"][0]["name"], "destinations/1");
}

TEST_F(ForwardsTest, DuplicateSourceIs409) {
  CreateForward("alice", {"a@example.org"});
  auto res = Post(kForwards,
                  {{"source", "alice"}, {"destinations", {"b@example.org"}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["object"], "HTTPConflict");
}

TEST_F(ForwardsTest, DomainHoldsAtMost1000Forwards) {
  for (int i = 0; i < 1000; ++i) {
    auto res = Post(kForwards, {{"source", "f" + std::to_string(i)},
                                {"destinations", {"x@example.org"}}});
    ASSERT_EQ(res->status, 201) << i;
  }
  auto res = Post(
      kForwards, {{"source", "one-more"}, {"destinations", {"x@example.org"}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(BodyOf(res)["message"],
            "example.com already has 1000 forwards, the most allowed");
}

TEST_F(ForwardsTest, SourceWildcardFollowsAliasRule) {
  CreateForward("sales*", {"x@example.org"});
  auto middle = Post(
      kForwards, {{"source", "sa*les"}, {"destinations", {"x@example.org"}}});
  EXPECT_EQ(middle->status, 400);
  auto short_star =
      Post(kForwards, {{"source", "s*"}, {"destinations", {"x@example.org"}}});
  EXPECT_EQ(short_star->status, 400);
}

TEST_F(ForwardsTest, UnknownBodyFieldIsRefused) {
  auto res = Post(kForwards, {{"source", "alice"},
                              {"destinations", {"x@example.org"}},
                              {"destination", "x@example.org"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "destination");
}

TEST_F(ForwardsTest, PutReplacesDestinations) {
  CreateForward("alice", {"a@example.org", "b@example.org"});
  auto res = Put(std::string(kForwards) + "/alice",
                 {{"destinations", {"c@example.org"}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(res->get_header_value("Location"),
            Base() + "/v5/email/forwards/example.com/alice");
  EXPECT_EQ(BodyOf(Get(kForwards))[0]["destinations"], Json({"c@example.org"}));
}

TEST_F(ForwardsTest, PutOrDeleteOfUnknownSourceIs404) {
  auto put = Put(std::string(kForwards) + "/ghost",
                 {{"destinations", {"c@example.org"}}});
  EXPECT_EQ(put->status, 404);
  auto del = Delete(std::string(kForwards) + "/ghost");
  EXPECT_EQ(del->status, 404);
  EXPECT_EQ(BodyOf(del)["object"], "HTTPNotFound");
}

TEST_F(ForwardsTest, PathSourceWithDomainIs400) {
  CreateForward("alice", {"a@example.org"});
  auto res = Delete(std::string(kForwards) + "/alice@example.com");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["location"], "path");
}

TEST_F(ForwardsTest, DeleteAnswers202AndRemoves) {
  CreateForward("alice", {"a@example.org"});
  auto res = Delete(std::string(kForwards) + "/alice");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(Get(kForwards)->get_header_value("Total-Count"), "0");
}

TEST_F(ForwardsTest, SourceAndDestinationFiltersTakePatterns) {
  CreateForward("alice", {"alice@toto.net"});
  CreateForward("malice", {"m@other.org"});
  CreateForward("bob", {"john.doe@toto.fr"});
  EXPECT_EQ(Sources("?source=*lice"),
            std::vector<std::string>({"alice", "malice"}));
  EXPECT_EQ(Sources("?source=alice"), std::vector<std::string>({"alice"}));
  EXPECT_EQ(Sources("?destination=*@toto.net"),
            std::vector<std::string>({"alice"}));
  EXPECT_EQ(Sources("?destination=john.doe@toto*"),
            std::vector<std::string>({"bob"}));
}

TEST_F(ForwardsTest, SortByTakesFourValues) {
  CreateForward("b", {"z@example.org"});
  CreateForward("a", {"y@example.org"});
  CreateForward("c", {"x@example.org"});
  using V = std::vector<std::string>;
  EXPECT_EQ(Sources(""), V({"a", "b", "c"}));
  EXPECT_EQ(Sources("?sort_by=-source"), V({"c", "b", "a"}));
  EXPECT_EQ(Sources("?sort_by=destination"), V({"c", "a", "b"}));
  EXPECT_EQ(Sources("?sort_by=-destination"), V({"b", "a", "c"}));
  auto bad = Get(std::string(kForwards) + "?sort_by=name");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(BodyOf(bad)["errors"][0]["location"], "querystring");
}

TEST_F(ForwardsTest, AcceptCsvReturnsCsv) {
  CreateForward("alice", {"a@example.org", "b@example.org"});
  auto res = Get(kForwards, {{"Accept", "text/csv"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv");
  EXPECT_EQ(res->body,
            "source,destinations\r\nalice,\"a@example.org,b@example.org\"\r\n");
}

TEST_F(ForwardsTest, DryRunIsRefusedAndCreatesNothing) {
  auto res = Post(kForwards,
                  {{"source", "alice"}, {"destinations", {"a@example.org"}}},
                  {{"Dry-Run", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(BodyOf(res)["errors"][0]["name"], "Dry-Run");
  EXPECT_EQ(DomainState("example.com")["forwards"], Json::array());
}

}  // namespace
}  // namespace gandimail::sandbox
