// The gandimail list resources at the protocol level, against a private
// sandbox: what each event holds, what the filters and the limit select,
// what requests a search costs, and API errors as diagnostics.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "internal/cty/msgpack.h"
#include "src/provider.h"
#include "tests/harness/in_process.h"
#include "tests/harness/sandbox.h"

namespace gandimail {
namespace {

using cty::Type;
using cty::Value;
using nlohmann::json;
using testing::Sandbox;

constexpr char kPassword[] = "Sup3r-S3cret-1!";

std::string Msgpack(const Value& v) { return *cty::EncodeMsgpack(v, v.type()); }

class GandiMailListTest : public ::testing::Test {
 protected:
  GandiMailListTest()
      : sandbox_({"--page-size", "10"}),
        provider_(std::make_shared<GandiMailProvider>()),
        server_(provider_) {}

  void SetUp() override {
    ASSERT_FALSE(sandbox_.url().empty()) << sandbox_.startup_error();
    json domain = {{"name", "example.com"},
                   {"free_slots", {{"standard", 3}}},
                   {"credit", 100.0}};
    ASSERT_EQ(sandbox_.AddDomain(domain).status, 201);
  }

  void Configure() {
    tfplugin6::ConfigureProvider::Response response;
    ASSERT_TRUE(testing::ConfigureForSandbox(
                    server_.stub(), provider_->GetSchema().ImpliedType(),
                    sandbox_.url(), Sandbox::kToken, &response)
                    .ok());
    ASSERT_EQ(response.diagnostics_size(), 0);
  }

  void AddMailbox(const std::string& login, json extra = json::object()) {
    json body = {{"login", login},
                 {"mailbox_type", "standard"},
                 {"password", kPassword}};
    body.update(extra);
    ASSERT_EQ(
        sandbox_.Api("POST", "/v5/email/mailboxes/example.com", body.dump())
            .status,
        202);
  }

  void AddForward(const std::string& source) {
    json body = {{"source", source},
                 {"destinations", {source + "@example.org"}}};
    ASSERT_EQ(
        sandbox_.Api("POST", "/v5/email/forwards/example.com", body.dump())
            .status,
        201);
  }

  // The config of list `type`: `domain` plus `set`, the rest null.
  Value Config(const std::string& type, std::map<std::string, Value> set) {
    tfplugin6::GetProviderSchema::Response schema;
    grpc::ClientContext context;
    EXPECT_TRUE(server_.stub().GetProviderSchema(&context, {}, &schema).ok());
    std::map<std::string, Value> config;
    for (const auto& a :
         schema.list_resource_schemas().at(type).block().attributes()) {
      config[a.name()] = Value::Null(*Type::FromJson(a.type()));
    }
    config["domain"] = Value::String("example.com");
    for (auto& [name, value] : set) config[name] = value;
    return Value::Object(config);
  }

  std::vector<tfplugin6::ListResource::Event> List(const std::string& type,
                                                   const Value& config,
                                                   int64_t limit = 100,
                                                   bool include = false) {
    tfplugin6::ListResource::Request request;
    request.set_type_name(type);
    request.mutable_config()->set_msgpack(Msgpack(config));
    request.set_limit(limit);
    request.set_include_resource_object(include);
    grpc::ClientContext context;
    auto reader = server_.stub().ListResource(&context, request);
    std::vector<tfplugin6::ListResource::Event> events;
    tfplugin6::ListResource::Event event;
    while (reader->Read(&event)) events.push_back(event);
    EXPECT_TRUE(reader->Finish().ok());
    return events;
  }

  static std::vector<std::string> Names(
      const std::vector<tfplugin6::ListResource::Event>& events) {
    std::vector<std::string> names;
    for (const auto& e : events) names.push_back(e.display_name());
    return names;
  }

  Value Identity(const tfplugin6::ListResource::Event& event,
                 const std::string& second) {
    Type type =
        Type::Object({{"domain", Type::String()}, {second, Type::String()}});
    return *cty::DecodeMsgpack(event.identity().identity_data().msgpack(),
                               type);
  }

  Value Object(const tfplugin6::ListResource::Event& event,
               const std::string& type) {
    tfplugin6::GetProviderSchema::Response schema;
    grpc::ClientContext context;
    EXPECT_TRUE(server_.stub().GetProviderSchema(&context, {}, &schema).ok());
    // The resource's own type, as the server encodes its states.
    std::shared_ptr<tfplugin::Resource> resource;
    for (auto& r : provider_->Resources()) {
      if (r->TypeName() == type) resource = r;
    }
    return *cty::DecodeMsgpack(event.resource_object().msgpack(),
                               resource->GetSchema().ImpliedType());
  }

  int Count(const std::string& route) {
    json routes = sandbox_.Requests()["routes"];
    return routes.contains(route) ? routes[route].get<int>() : 0;
  }

  Sandbox sandbox_;
  std::shared_ptr<GandiMailProvider> provider_;
  testing::InProcessProvider server_;
};

TEST_F(GandiMailListTest, MailboxesAreListedWithIdentityFromOneRequest) {
  AddMailbox("alice");
  AddMailbox("bob");
  Configure();
  sandbox_.ResetRequests();

  auto events = List("gandimail_mailbox", Config("gandimail_mailbox", {}));

  ASSERT_EQ(Names(events),
            (std::vector<std::string>{"alice@example.com", "bob@example.com"}));
  json mailboxes = sandbox_.State()["domains"]["example.com"]["mailboxes"];
  std::string alice_id;
  for (const auto& m : mailboxes) {
    if (m["login"] == "alice") alice_id = m["id"];
  }
  EXPECT_EQ(Identity(events[0], "id"),
            Value::Object({{"domain", Value::String("example.com")},
                           {"id", Value::String(alice_id)}}));
  EXPECT_FALSE(events[0].has_resource_object());
  EXPECT_EQ(sandbox_.Requests()["total"], 1);
}

TEST_F(GandiMailListTest, WholeMailboxesCostOneDetailRequestEach) {
  AddMailbox("alice", {{"aliases", {"ali", "al"}}});
  AddMailbox("bob");
  Configure();
  sandbox_.ResetRequests();

  auto events =
      List("gandimail_mailbox", Config("gandimail_mailbox", {}), 100, true);

  ASSERT_EQ(events.size(), 2u);
  Value alice = Object(events[0], "gandimail_mailbox");
  EXPECT_EQ(alice.GetAttr("login"), Value::String("alice"));
  EXPECT_EQ(
      alice.GetAttr("aliases"),
      Value::Set(Type::String(), {Value::String("al"), Value::String("ali")}));
  EXPECT_TRUE(alice.GetAttr("password").IsNull());
  EXPECT_EQ(Count("GET /v5/email/mailboxes/{domain}"), 1);
  EXPECT_EQ(Count("GET /v5/email/mailboxes/{domain}/{mailbox_id}"), 2);
}

TEST_F(GandiMailListTest, MailboxFiltersReachTheApi) {
  AddMailbox("alice");
  AddMailbox("bob");
  Configure();

  auto events = List(
      "gandimail_mailbox",
      Config("gandimail_mailbox", {{"login_pattern", Value::String("ali*")}}));

  EXPECT_EQ(Names(events), (std::vector<std::string>{"alice@example.com"}));
}

TEST_F(GandiMailListTest, ForwardLimitStopsReadingPages) {
  for (int i = 0; i < 25; ++i) AddForward("f" + std::to_string(100 + i));
  Configure();
  sandbox_.ResetRequests();

  auto events = List("gandimail_forward", Config("gandimail_forward", {}), 5);

  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].display_name(), "f100@example.com");
  EXPECT_EQ(Identity(events[4], "source"),
            Value::Object({{"domain", Value::String("example.com")},
                           {"source", Value::String("f104")}}));
  // Pages hold 10: the first is enough for 5.
  EXPECT_EQ(Count("GET /v5/email/forwards/{domain}"), 1);
}

TEST_F(GandiMailListTest, ForwardsWithoutLimitReadEveryPage) {
  for (int i = 0; i < 25; ++i) AddForward("f" + std::to_string(100 + i));
  Configure();
  sandbox_.ResetRequests();

  auto events =
      List("gandimail_forward", Config("gandimail_forward", {}), 1000, true);

  ASSERT_EQ(events.size(), 25u);
  Value last = Object(events[24], "gandimail_forward");
  EXPECT_EQ(last.GetAttr("id"), Value::String("f124@example.com"));
  EXPECT_EQ(last.GetAttr("destinations"),
            Value::Set(Type::String(), {Value::String("f124@example.org")}));
  EXPECT_EQ(Count("GET /v5/email/forwards/{domain}"), 3);
}

TEST_F(GandiMailListTest, SlotsAreFilteredByTheProvider) {
  Configure();

  auto all = List("gandimail_slot", Config("gandimail_slot", {}));
  auto premium = List(
      "gandimail_slot",
      Config("gandimail_slot", {{"mailbox_type", Value::String("premium")}}));

  ASSERT_EQ(all.size(), 3u);
  EXPECT_NE(all[0].display_name().find("standard"), std::string::npos);
  EXPECT_EQ(Identity(all[0], "id").GetAttr("domain"),
            Value::String("example.com"));
  EXPECT_TRUE(premium.empty());
}

TEST_F(GandiMailListTest, ApiErrorIsTheLastEventsDiagnostic) {
  Configure();

  Value config = Config("gandimail_forward", {})
                     .WithAttr("domain", Value::String("unknown.example"));
  auto events = List("gandimail_forward", config);

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].diagnostic_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).summary(), "Unable to List Forwards");
  EXPECT_NE(events[0].diagnostic(0).detail().find("unknown.example"),
            std::string::npos);
}

TEST_F(GandiMailListTest, UnconfiguredProviderSaysSo) {
  auto events = List("gandimail_slot", Config("gandimail_slot", {}));

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].diagnostic_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).summary(), "Provider Not Configured");
  EXPECT_EQ(sandbox_.Requests()["total"], 0);
}

TEST_F(GandiMailListTest, InvalidFilterIsRefusedWithItsPath) {
  tfplugin6::ValidateListResourceConfig::Request request;
  request.set_type_name("gandimail_mailbox");
  request.mutable_config()->set_msgpack(Msgpack(
      Config("gandimail_mailbox", {{"mailbox_type", Value::String("gold")}})));
  tfplugin6::ValidateListResourceConfig::Response response;
  grpc::ClientContext context;
  ASSERT_TRUE(server_.stub()
                  .ValidateListResourceConfig(&context, request, &response)
                  .ok());

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(),
            "mailbox_type");
  EXPECT_EQ(sandbox_.Requests()["total"], 0);
}

}  // namespace
}  // namespace gandimail
