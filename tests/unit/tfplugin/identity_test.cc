// Resource identity through the tfplugin6 service, field by field:
// GetResourceIdentitySchemas, identity with read, plan, apply and import,
// import by identity, and UpgradeResourceIdentity. Requests without
// identity fields, as Terraform 1.11 sends them, get answers whose states
// are unchanged.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

// fake_box: `domain` (replace), `name`, computed `id`; identity domain + id,
// import ID "domain/id".
class FakeBox : public Resource {
 public:
  FakeBox() {
    schema_.block.attributes = {
        Attr("domain", Type::String()).Required().RequiresReplace(),
        Attr("name", Type::String()).Required(),
        Attr("id", Type::String()).Computed(),
    };
    identity_.version = 1;
    identity_.attributes = {
        IdentityAttr("domain", Type::String(), "The domain."),
        IdentityAttr("id", Type::String(), "The id."),
    };
    identity_.import_id = [](const Value& id) -> absl::StatusOr<std::string> {
      return id.GetAttr("domain").AsString() + "/" +
             id.GetAttr("id").AsString();
    };
  }
  std::string TypeName() const override { return "fake_box"; }
  const Schema& GetSchema() const override { return schema_; }
  const IdentitySchema* Identity() const override { return &identity_; }
  void Create(const ApplyRequest& r, ApplyResponse* out) override {
    out->new_state = r.planned_state.WithAttr("id", Value::String("id-1"));
  }
  void Update(const ApplyRequest& r, ApplyResponse* out) override {
    out->new_state = r.planned_state;
  }
  void Delete(const ApplyRequest&, ApplyResponse*) override {}
  void Read(const ReadRequest& r, ReadResponse* out) override {
    out->new_state =
        gone ? Value::Null(r.current_state.type())
             : r.current_state.WithAttr("id", Value::String(read_id));
  }
  // "d/i" gives domain d and id i; "d@n" gives domain d and name n only.
  void Import(const std::string& id, ImportResponse* out) override {
    imported_ids.push_back(id);
    size_t slash = id.find('/');
    size_t at = id.find('@');
    Value state = Value::Object({{"domain", Value::Null(Type::String())},
                                 {"name", Value::Null(Type::String())},
                                 {"id", Value::Null(Type::String())}});
    if (slash != std::string::npos) {
      state = state.WithAttr("domain", Value::String(id.substr(0, slash)))
                  .WithAttr("id", Value::String(id.substr(slash + 1)));
    } else {
      state = state.WithAttr("domain", Value::String(id.substr(0, at)))
                  .WithAttr("name", Value::String(id.substr(at + 1)));
    }
    if (import_forgets_id) state = state.WithAttr("id", NoId());
    out->objects.push_back({state, ""});
  }

  static Value NoId() { return Value::Null(Type::String()); }
  bool gone = false;
  // Import returns a state without id, as an import by login would.
  bool import_forgets_id = false;
  std::string read_id = "id-1";
  std::vector<std::string> imported_ids;

 private:
  Schema schema_;
  IdentitySchema identity_;
};

// fake_plain: a resource without identity.
class FakePlain : public FakeBox {
 public:
  std::string TypeName() const override { return "fake_plain"; }
  const IdentitySchema* Identity() const override { return nullptr; }
};

class IdentityProvider : public Provider {
 public:
  explicit IdentityProvider(std::vector<std::shared_ptr<Resource>> resources)
      : resources_(std::move(resources)) {}
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  std::vector<std::shared_ptr<Resource>> Resources() override {
    return resources_;
  }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }

 private:
  Schema schema_;
  std::vector<std::shared_ptr<Resource>> resources_;
};

class IdentityServerTest : public ::testing::Test {
 protected:
  IdentityServerTest()
      : box_(std::make_shared<FakeBox>()),
        plain_(std::make_shared<FakePlain>()),
        type_(box_->GetSchema().ImpliedType()),
        identity_type_(box_->Identity()->ImpliedType()) {
    auto server = ProviderServer::Create(std::make_shared<IdentityProvider>(
        std::vector<std::shared_ptr<Resource>>{box_, plain_}));
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  static Value Box(Value domain, Value name, Value id) {
    return Value::Object({{"domain", std::move(domain)},
                          {"name", std::move(name)},
                          {"id", std::move(id)}});
  }
  static Value Box(const std::string& domain, const std::string& name,
                   Value id) {
    return Box(Value::String(domain), Value::String(name), std::move(id));
  }
  static Value Id(Value domain, Value id) {
    return Value::Object(
        {{"domain", std::move(domain)}, {"id", std::move(id)}});
  }
  static Value Id(const std::string& domain, const std::string& id) {
    return Id(Value::String(domain), Value::String(id));
  }
  Value NullBox() const { return Value::Null(type_); }
  static Value NoId() { return Value::Null(Type::String()); }

  void Set(tfplugin6::DynamicValue* out, const Value& v) const {
    out->set_msgpack(*cty::EncodeMsgpack(v, type_));
  }
  void SetIdentity(tfplugin6::ResourceIdentityData* out, const Value& v) const {
    out->mutable_identity_data()->set_msgpack(
        *cty::EncodeMsgpack(v, identity_type_));
  }
  Value DecodeIdentity(const tfplugin6::ResourceIdentityData& data) const {
    auto v = cty::DecodeMsgpack(data.identity_data().msgpack(), identity_type_);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }

  tfplugin6::ReadResource::Response Read(
      const std::string& type, const Value& state,
      const Value* current_identity = nullptr) {
    tfplugin6::ReadResource::Request request;
    request.set_type_name(type);
    Set(request.mutable_current_state(), state);
    if (current_identity != nullptr) {
      SetIdentity(request.mutable_current_identity(), *current_identity);
    }
    tfplugin6::ReadResource::Response response;
    EXPECT_TRUE(server_->ReadResource(&context_, &request, &response).ok());
    return response;
  }

  tfplugin6::PlanResourceChange::Response Plan(
      const Value& prior, const Value& config,
      const Value* prior_identity = nullptr) {
    tfplugin6::PlanResourceChange::Request request;
    request.set_type_name("fake_box");
    // Terraform proposes the config with computed values from the prior.
    Value proposed = config;
    if (!prior.IsNull() && !config.IsNull()) {
      proposed = config.WithAttr("id", prior.GetAttr("id"));
    }
    Set(request.mutable_prior_state(), prior);
    Set(request.mutable_proposed_new_state(), proposed);
    Set(request.mutable_config(), config);
    if (prior_identity != nullptr) {
      SetIdentity(request.mutable_prior_identity(), *prior_identity);
    }
    tfplugin6::PlanResourceChange::Response response;
    EXPECT_TRUE(
        server_->PlanResourceChange(&context_, &request, &response).ok());
    return response;
  }

  tfplugin6::ApplyResourceChange::Response Apply(const Value& prior,
                                                 const Value& planned,
                                                 const Value& config) {
    tfplugin6::ApplyResourceChange::Request request;
    request.set_type_name("fake_box");
    Set(request.mutable_prior_state(), prior);
    Set(request.mutable_planned_state(), planned);
    Set(request.mutable_config(), config);
    tfplugin6::ApplyResourceChange::Response response;
    EXPECT_TRUE(
        server_->ApplyResourceChange(&context_, &request, &response).ok());
    return response;
  }

  tfplugin6::ImportResourceState::Response ImportByIdentity(
      const std::string& type, const Value& identity) {
    tfplugin6::ImportResourceState::Request request;
    request.set_type_name(type);
    SetIdentity(request.mutable_identity(), identity);
    tfplugin6::ImportResourceState::Response response;
    EXPECT_TRUE(
        server_->ImportResourceState(&context_, &request, &response).ok());
    return response;
  }

  std::shared_ptr<FakeBox> box_;
  std::shared_ptr<FakePlain> plain_;
  Type type_;
  Type identity_type_;
  std::unique_ptr<ProviderServer> server_;
  grpc::ServerContext context_;
};

TEST_F(IdentityServerTest, SchemasListOnlyResourcesWithIdentity) {
  tfplugin6::GetResourceIdentitySchemas::Request request;
  tfplugin6::GetResourceIdentitySchemas::Response response;
  ASSERT_TRUE(
      server_->GetResourceIdentitySchemas(&context_, &request, &response).ok());
  EXPECT_EQ(response.identity_schemas().count("fake_plain"), 0u);
  ASSERT_EQ(response.identity_schemas().count("fake_box"), 1u);
  const auto& schema = response.identity_schemas().at("fake_box");
  EXPECT_EQ(schema.version(), 1);
  ASSERT_EQ(schema.identity_attributes_size(), 2);
  const auto& domain = schema.identity_attributes(0);
  EXPECT_EQ(domain.name(), "domain");
  EXPECT_EQ(domain.type(), "\"string\"");
  EXPECT_TRUE(domain.required_for_import());
  EXPECT_FALSE(domain.optional_for_import());
  EXPECT_EQ(domain.description(), "The domain.");
  EXPECT_EQ(schema.identity_attributes(1).name(), "id");
  EXPECT_EQ(response.diagnostics_size(), 0);
}

TEST_F(IdentityServerTest, ReadReturnsTheIdentityOfTheNewState) {
  auto response = Read("fake_box", Box("example.com", "a", Value::String("x")));
  ASSERT_TRUE(response.has_new_identity());
  EXPECT_EQ(DecodeIdentity(response.new_identity()), Id("example.com", "id-1"));
}

TEST_F(IdentityServerTest, ReadOfAGoneObjectHasNoIdentity) {
  box_->gone = true;
  auto response = Read("fake_box", Box("example.com", "a", Value::String("x")));
  EXPECT_FALSE(response.has_new_identity());
}

TEST_F(IdentityServerTest, ReadMayFillInWhatTheIdentityLacked) {
  Value partial = Id(Value::String("example.com"), NoId());
  auto response = Read("fake_box", Box("example.com", "a", NoId()), &partial);
  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(DecodeIdentity(response.new_identity()), Id("example.com", "id-1"));
}

TEST_F(IdentityServerTest, ReadRefusesToChangeAKnownIdentity) {
  Value held = Id("example.com", "id-0");
  auto response =
      Read("fake_box", Box("example.com", "a", Value::String("id-0")), &held);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unexpected Identity Change");
  EXPECT_NE(response.diagnostics(0).detail().find("\"id\""), std::string::npos);
}

TEST_F(IdentityServerTest, ResourceWithoutIdentityAnswersWithoutIdentity) {
  auto read = Read("fake_plain", Box("example.com", "a", Value::String("x")));
  EXPECT_FALSE(read.has_new_identity());
  EXPECT_EQ(read.diagnostics_size(), 0);
}

TEST_F(IdentityServerTest, CreatePlanHasAnUnknownIdOnly) {
  auto response = Plan(NullBox(), Box("example.com", "a", NoId()));
  ASSERT_TRUE(response.has_planned_identity());
  Value identity = DecodeIdentity(response.planned_identity());
  EXPECT_EQ(identity.GetAttr("domain"), Value::String("example.com"));
  EXPECT_FALSE(identity.GetAttr("id").IsKnown());
}

TEST_F(IdentityServerTest, UpdatePlanKeepsTheKnownIdentity) {
  Value prior = Box("example.com", "a", Value::String("id-1"));
  Value held = Id("example.com", "id-1");
  auto response = Plan(prior, Box("example.com", "b", NoId()), &held);
  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(DecodeIdentity(response.planned_identity()), held);
}

TEST_F(IdentityServerTest, ReplacePlanMayChangeTheIdentity) {
  Value prior = Box("example.com", "a", Value::String("id-1"));
  Value held = Id("example.com", "id-1");
  auto response = Plan(prior, Box("example.org", "a", NoId()), &held);
  EXPECT_EQ(response.diagnostics_size(), 0);
  ASSERT_EQ(response.requires_replace_size(), 1);
  Value identity = DecodeIdentity(response.planned_identity());
  EXPECT_EQ(identity.GetAttr("domain"), Value::String("example.org"));
  EXPECT_FALSE(identity.GetAttr("id").IsKnown());
}

TEST_F(IdentityServerTest, DestroyPlanHasNoIdentity) {
  auto response =
      Plan(Box("example.com", "a", Value::String("id-1")), NullBox());
  EXPECT_FALSE(response.has_planned_identity());
}

TEST_F(IdentityServerTest, CreateApplyReturnsTheKnownIdentity) {
  Value planned = Box("example.com", "a", Value::Unknown(Type::String()));
  auto response = Apply(NullBox(), planned, Box("example.com", "a", NoId()));
  ASSERT_TRUE(response.has_new_identity());
  EXPECT_EQ(DecodeIdentity(response.new_identity()), Id("example.com", "id-1"));
}

TEST_F(IdentityServerTest, DeleteApplyHasNoIdentity) {
  auto response = Apply(Box("example.com", "a", Value::String("id-1")),
                        NullBox(), NullBox());
  EXPECT_FALSE(response.has_new_identity());
}

TEST_F(IdentityServerTest, ImportByIdReturnsTheIdentityOfTheState) {
  tfplugin6::ImportResourceState::Request request;
  request.set_type_name("fake_box");
  request.set_id("example.com/id-7");
  tfplugin6::ImportResourceState::Response response;
  ASSERT_TRUE(
      server_->ImportResourceState(&context_, &request, &response).ok());
  ASSERT_EQ(response.imported_resources_size(), 1);
  ASSERT_TRUE(response.imported_resources(0).has_identity());
  EXPECT_EQ(DecodeIdentity(response.imported_resources(0).identity()),
            Id("example.com", "id-7"));
}

TEST_F(IdentityServerTest, ImportByIdentityGoesThroughTheImportId) {
  auto response = ImportByIdentity("fake_box", Id("example.com", "id-7"));
  EXPECT_EQ(response.diagnostics_size(), 0);
  ASSERT_EQ(box_->imported_ids.size(), 1u);
  EXPECT_EQ(box_->imported_ids[0], "example.com/id-7");
  ASSERT_EQ(response.imported_resources_size(), 1);
  EXPECT_EQ(response.imported_resources(0).type_name(), "fake_box");
  EXPECT_EQ(DecodeIdentity(response.imported_resources(0).identity()),
            Id("example.com", "id-7"));
}

TEST_F(IdentityServerTest, ImportedIdentityKeepsWhatTheStateLacks) {
  box_->import_forgets_id = true;
  auto response = ImportByIdentity("fake_box", Id("example.com", "id-7"));
  ASSERT_EQ(response.imported_resources_size(), 1);
  Value identity = DecodeIdentity(response.imported_resources(0).identity());
  EXPECT_EQ(identity, Id("example.com", "id-7"));
}

TEST_F(IdentityServerTest, ImportByIdentityNeedsRequiredAttributes) {
  auto response =
      ImportByIdentity("fake_box", Id(Value::String("example.com"), NoId()));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Incomplete Import Identity");
  EXPECT_NE(response.diagnostics(0).detail().find("\"id\""), std::string::npos);
  EXPECT_TRUE(box_->imported_ids.empty());
  EXPECT_EQ(response.imported_resources_size(), 0);
}

TEST_F(IdentityServerTest, ImportByIdentityOfAResourceWithoutIdentityFails) {
  auto response = ImportByIdentity("fake_plain", Id("example.com", "id-7"));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(),
            "Import by Identity Not Supported");
  EXPECT_TRUE(plain_->imported_ids.empty());
}

TEST_F(IdentityServerTest, UpgradeIdentityDropsUnknownKeys) {
  tfplugin6::UpgradeResourceIdentity::Request request;
  request.set_type_name("fake_box");
  request.set_version(1);
  request.mutable_raw_identity()->set_json(
      R"({"domain":"example.com","id":"id-1","old":true})");
  tfplugin6::UpgradeResourceIdentity::Response response;
  ASSERT_TRUE(
      server_->UpgradeResourceIdentity(&context_, &request, &response).ok());
  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(DecodeIdentity(response.upgraded_identity()),
            Id("example.com", "id-1"));
}

TEST_F(IdentityServerTest, UpgradeIdentityFromANewerVersionFails) {
  tfplugin6::UpgradeResourceIdentity::Request request;
  request.set_type_name("fake_box");
  request.set_version(2);
  request.mutable_raw_identity()->set_json(R"({"domain":"d","id":"i"})");
  tfplugin6::UpgradeResourceIdentity::Response response;
  ASSERT_TRUE(
      server_->UpgradeResourceIdentity(&context_, &request, &response).ok());
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(),
            "Identity Written by a Newer Provider");
}

TEST(IdentitySchemaCheckTest, AttributeMissingFromTheResourceIsRefused) {
  FakeBox box;
  IdentitySchema identity = *box.Identity();
  identity.attributes.push_back(
      IdentityAttr("login", Type::String(), "Not in the resource."));
  EXPECT_FALSE(CheckIdentitySchema(identity, box.GetSchema(), "fake_box").ok());
}

TEST(IdentitySchemaCheckTest, TypeMustMatchTheResourceAttribute) {
  FakeBox box;
  IdentitySchema identity = *box.Identity();
  identity.attributes[1].type = Type::Number();
  EXPECT_FALSE(CheckIdentitySchema(identity, box.GetSchema(), "fake_box").ok());
}

TEST(IdentitySchemaCheckTest, ExactlyOneImportRoleIsRequired) {
  FakeBox box;
  IdentitySchema identity = *box.Identity();
  EXPECT_TRUE(CheckIdentitySchema(identity, box.GetSchema(), "fake_box").ok());
  identity.attributes[0].optional_for_import = true;
  EXPECT_FALSE(CheckIdentitySchema(identity, box.GetSchema(), "fake_box").ok());
}

TEST(IdentitySchemaCheckTest, ObjectTypesAreRefused) {
  FakeBox box;
  IdentitySchema identity = *box.Identity();
  identity.from_state = [](const Value& state) { return state; };
  identity.attributes[0].type = Type::Object({{"a", Type::String()}});
  EXPECT_FALSE(CheckIdentitySchema(identity, box.GetSchema(), "fake_box").ok());
}

}  // namespace
}  // namespace gandimail::tfplugin
