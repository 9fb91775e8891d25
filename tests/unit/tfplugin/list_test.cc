// List resources through a real gRPC server in process, field by field:
// the schema and metadata, one event per object with identity and display
// name, the object itself only when asked, the limit, diagnostics as the
// last event, and validation before any search.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"
#include "tests/harness/in_process.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

Validator NotEmpty() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    if (v.AsString().empty()) d->AddError("Empty Domain", "Name one.", path);
  };
}

// fake_box: `domain`, `name`, write-only `secret`, computed `id`; identity
// domain + id.
class FakeBox : public Resource {
 public:
  FakeBox() {
    schema_.block.attributes = {
        Attr("domain", Type::String()).Required(),
        Attr("name", Type::String()).Required(),
        Attr("secret", Type::String()).Optional().WriteOnly(),
        Attr("id", Type::String()).Computed(),
    };
    identity_.attributes = {
        IdentityAttr("domain", Type::String(), "The domain."),
        IdentityAttr("id", Type::String(), "The id."),
    };
  }
  std::string TypeName() const override { return "fake_box"; }
  const Schema& GetSchema() const override { return schema_; }
  const IdentitySchema* Identity() const override { return &identity_; }
  void Create(const ApplyRequest&, ApplyResponse*) override {}
  void Update(const ApplyRequest&, ApplyResponse*) override {}
  void Delete(const ApplyRequest&, ApplyResponse*) override {}
  void Read(const ReadRequest&, ReadResponse*) override {}

 private:
  Schema schema_;
  IdentitySchema identity_;
};

// Lists `count` boxes of the config's domain, then adds `diagnostics`.
class FakeBoxList : public ListResource {
 public:
  FakeBoxList() {
    schema_.block.attributes = {
        Attr("domain", Type::String()).Required().Validate(NotEmpty()),
        Attr("name_prefix", Type::String()).Optional(),
    };
  }
  std::string TypeName() const override { return "fake_box"; }
  const Schema& GetSchema() const override { return schema_; }
  void List(const ListRequest& request, const ListEmitter& emit,
            Diagnostics* diagnostics) override {
    ++calls;
    seen = request;
    std::string domain = request.config.GetAttr("domain").AsString();
    for (int i = 0; i < count; ++i) {
      ++tried;
      std::string n = std::to_string(i);
      Value state = Value::Object({{"domain", Value::String(domain)},
                                   {"name", Value::String("box" + n)},
                                   {"secret", Value::String("hunter2")},
                                   {"id", Value::String("id-" + n)}});
      if (!emit({state, "box" + n + "@" + domain}) && !ignore_stop) break;
    }
    diagnostics->Append(extra);
  }

  int count = 3;
  // Goes on emitting after being told to stop, as a careless list might.
  bool ignore_stop = false;
  int calls = 0;
  int tried = 0;
  ListRequest seen;
  Diagnostics extra;

 private:
  Schema schema_;
};

// A list whose type has no managed resource with an identity.
class OrphanList : public FakeBoxList {
 public:
  std::string TypeName() const override { return "fake_orphan"; }
};

class ListProvider : public Provider {
 public:
  explicit ListProvider(std::vector<std::shared_ptr<ListResource>> lists)
      : lists_(std::move(lists)) {}
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  std::vector<std::shared_ptr<Resource>> Resources() override {
    return {std::make_shared<FakeBox>()};
  }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }
  std::vector<std::shared_ptr<ListResource>> ListResources() override {
    return lists_;
  }

 private:
  Schema schema_;
  std::vector<std::shared_ptr<ListResource>> lists_;
};

class ListServerTest : public ::testing::Test {
 protected:
  ListServerTest()
      : list_(std::make_shared<FakeBoxList>()),
        provider_(std::make_shared<ListProvider>(
            std::vector<std::shared_ptr<ListResource>>{list_})),
        server_(provider_) {}

  static Value Config(Value domain) {
    return Value::Object({{"domain", std::move(domain)},
                          {"name_prefix", Value::Null(Type::String())}});
  }
  static std::string Msgpack(const Value& v) {
    return *cty::EncodeMsgpack(v, v.type());
  }

  std::vector<tfplugin6::ListResource::Event> List(const Value& config,
                                                   int64_t limit,
                                                   bool include = false,
                                                   std::string type = "") {
    tfplugin6::ListResource::Request request;
    request.set_type_name(type.empty() ? "fake_box" : type);
    request.mutable_config()->set_msgpack(Msgpack(config));
    request.set_limit(limit);
    request.set_include_resource_object(include);
    grpc::ClientContext context;
    auto reader = server_.stub().ListResource(&context, request);
    std::vector<tfplugin6::ListResource::Event> events;
    tfplugin6::ListResource::Event event;
    while (reader->Read(&event)) events.push_back(event);
    grpc::Status status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return events;
  }

  Value Identity(const tfplugin6::ListResource::Event& event) {
    Type type =
        Type::Object({{"domain", Type::String()}, {"id", Type::String()}});
    auto v =
        cty::DecodeMsgpack(event.identity().identity_data().msgpack(), type);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }

  std::shared_ptr<FakeBoxList> list_;
  std::shared_ptr<ListProvider> provider_;
  testing::InProcessProvider server_;
};

TEST_F(ListServerTest, SchemaAndMetadataNameTheListResource) {
  tfplugin6::GetProviderSchema::Response schema;
  grpc::ClientContext c1;
  ASSERT_TRUE(server_.stub().GetProviderSchema(&c1, {}, &schema).ok());
  const auto& block = schema.list_resource_schemas().at("fake_box").block();
  ASSERT_EQ(block.attributes_size(), 2);
  EXPECT_EQ(block.attributes(0).name(), "domain");
  EXPECT_TRUE(block.attributes(0).required());
  EXPECT_EQ(block.attributes(1).name(), "name_prefix");
  EXPECT_TRUE(block.attributes(1).optional());
  EXPECT_TRUE(schema.server_capabilities().generate_resource_config());

  tfplugin6::GetMetadataRpc::Response metadata;
  grpc::ClientContext c2;
  ASSERT_TRUE(server_.stub().GetMetadata(&c2, {}, &metadata).ok());
  ASSERT_EQ(metadata.list_resources_size(), 1);
  EXPECT_EQ(metadata.list_resources(0).type_name(), "fake_box");
}

TEST_F(ListServerTest, StreamsOneEventPerObjectWithIdentityAndName) {
  auto events = List(Config(Value::String("example.com")), 100);

  ASSERT_EQ(events.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    std::string n = std::to_string(i);
    EXPECT_EQ(events[i].display_name(), "box" + n + "@example.com");
    EXPECT_EQ(Identity(events[i]),
              Value::Object({{"domain", Value::String("example.com")},
                             {"id", Value::String("id-" + n)}}));
    EXPECT_FALSE(events[i].has_resource_object());
    EXPECT_EQ(events[i].diagnostic_size(), 0);
  }
  EXPECT_FALSE(list_->seen.include_resource_object);
  EXPECT_EQ(list_->seen.limit, 100);
}

TEST_F(ListServerTest, ObjectIsSentWhenAskedWithWriteOnlyNulled) {
  auto events = List(Config(Value::String("example.com")), 100, true);

  ASSERT_EQ(events.size(), 3u);
  ASSERT_TRUE(events[1].has_resource_object());
  Type type = FakeBox().GetSchema().ImpliedType();
  auto state = cty::DecodeMsgpack(events[1].resource_object().msgpack(), type);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->GetAttr("name"), Value::String("box1"));
  EXPECT_EQ(state->GetAttr("id"), Value::String("id-1"));
  EXPECT_TRUE(state->GetAttr("secret").IsNull());
  EXPECT_TRUE(list_->seen.include_resource_object);
}

TEST_F(ListServerTest, LimitStopsTheSearch) {
  list_->count = 10;

  auto events = List(Config(Value::String("example.com")), 2);

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].display_name(), "box1@example.com");
  EXPECT_EQ(list_->tried, 2);  // the third was never made
}

TEST_F(ListServerTest, LimitHoldsForAListThatIgnoresTheStop) {
  list_->count = 10;
  list_->ignore_stop = true;

  auto events = List(Config(Value::String("example.com")), 2);

  EXPECT_EQ(events.size(), 2u);
  EXPECT_EQ(list_->tried, 10);
}

TEST_F(ListServerTest, ZeroLimitSearchesNothing) {
  auto events = List(Config(Value::String("example.com")), 0);

  EXPECT_TRUE(events.empty());
  EXPECT_EQ(list_->calls, 0);
}

TEST_F(ListServerTest, DiagnosticsComeLastInAnEventOfTheirOwn) {
  list_->extra.AddError("Listing Failed", "The API answered 500.");

  auto events = List(Config(Value::String("example.com")), 100);

  ASSERT_EQ(events.size(), 4u);
  const auto& last = events[3];
  EXPECT_FALSE(last.has_identity());
  ASSERT_EQ(last.diagnostic_size(), 1);
  EXPECT_EQ(last.diagnostic(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(last.diagnostic(0).summary(), "Listing Failed");
}

TEST_F(ListServerTest, InvalidConfigIsRefusedBeforeAnySearch) {
  auto events = List(Config(Value::String("")), 100);

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].diagnostic_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).summary(), "Empty Domain");
  ASSERT_EQ(events[0].diagnostic(0).attribute().steps_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).attribute().steps(0).attribute_name(),
            "domain");
  EXPECT_EQ(list_->calls, 0);
}

TEST_F(ListServerTest, UnknownConfigIsRefusedBeforeAnySearch) {
  auto events = List(Config(Value::Unknown(Type::String())), 100);

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].diagnostic_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).summary(), "Unknown List Configuration");
  EXPECT_EQ(list_->calls, 0);
}

TEST_F(ListServerTest, UnknownTypeIsAnErrorEvent) {
  auto events =
      List(Config(Value::String("example.com")), 100, false, "fake_none");

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].diagnostic_size(), 1);
  EXPECT_EQ(events[0].diagnostic(0).summary(), "Unknown list resource");
}

TEST_F(ListServerTest, ValidateRunsValidatorsAndChecksTheLimit) {
  tfplugin6::ValidateListResourceConfig::Request request;
  request.set_type_name("fake_box");
  request.mutable_config()->set_msgpack(Msgpack(Config(Value::String(""))));
  request.mutable_limit()->set_msgpack(Msgpack(Value::Int(-1)));
  tfplugin6::ValidateListResourceConfig::Response response;
  grpc::ClientContext context;
  ASSERT_TRUE(server_.stub()
                  .ValidateListResourceConfig(&context, request, &response)
                  .ok());

  ASSERT_EQ(response.diagnostics_size(), 2);
  EXPECT_EQ(response.diagnostics(0).summary(), "Empty Domain");
  EXPECT_EQ(response.diagnostics(1).summary(), "Invalid List Limit");
}

TEST_F(ListServerTest, ValidateAcceptsUnknownsAndAnAbsentLimit) {
  // Terraform sends neither limit nor include_resource_object here.
  tfplugin6::ValidateListResourceConfig::Request request;
  request.set_type_name("fake_box");
  request.mutable_config()->set_msgpack(
      Msgpack(Config(Value::Unknown(Type::String()))));
  tfplugin6::ValidateListResourceConfig::Response response;
  grpc::ClientContext context;
  ASSERT_TRUE(server_.stub()
                  .ValidateListResourceConfig(&context, request, &response)
                  .ok());

  EXPECT_EQ(response.diagnostics_size(), 0);
}

TEST(ListSchemaTest, ListWithoutIdentityBearingResourceIsRefused) {
  auto server = ProviderServer::Create(
      std::make_shared<ListProvider>(std::vector<std::shared_ptr<ListResource>>{
          std::make_shared<OrphanList>()}));

  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("fake_orphan"), std::string::npos);
}

}  // namespace
}  // namespace gandimail::tfplugin
