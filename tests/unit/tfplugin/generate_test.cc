// The configuration generated from an imported state: what is kept, what
// becomes null and why, and the GenerateResourceConfig answer.

#include "internal/tfplugin/generate.h"

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

Block ThingBlock() {
  Block block;
  block.attributes = {
      Attr("name", Type::String()).Required(),
      Attr("note", Type::String()).Optional(),
      Attr("id", Type::String()).Computed(),
      Attr("token", Type::String()).Optional().Sensitive(),
      Attr("secret", Type::String()).Optional().WriteOnly(),
      Attr("size", Type::Number())
          .Optional()
          .Computed()
          .Default(Value::Int(10)),
      Attr("tags", Type::Set(Type::String())).Optional().Computed(),
      NestedAttr("window", NestedObject::Nesting::kSingle,
                 {Attr("enabled", Type::Bool()).Required(),
                  Attr("ends_at", Type::String()).Computed()})
          .Optional(),
  };
  return block;
}

Value Window(bool enabled, const std::string& ends_at) {
  return Value::Object(
      {{"enabled", Value::Bool(enabled)}, {"ends_at", Value::String(ends_at)}});
}

Value Thing(int64_t size, std::vector<Value> tags) {
  return Value::Object({{"name", Value::String("alice")},
                        {"note", Value::String("hello")},
                        {"id", Value::String("id-1")},
                        {"token", Value::String("t0ken")},
                        {"secret", Value::Null(Type::String())},
                        {"size", Value::Int(size)},
                        {"tags", Value::Set(Type::String(), std::move(tags))},
                        {"window", Window(true, "2027-01-01T00:00:00Z")}});
}

TEST(ConfigFromStateTest, KeepsWhatAPersonWritesAndNullsTheRest) {
  Value config = ConfigFromState(ThingBlock(), Thing(10, {}));

  EXPECT_EQ(config.GetAttr("name"), Value::String("alice"));
  EXPECT_EQ(config.GetAttr("note"), Value::String("hello"));
  EXPECT_TRUE(config.GetAttr("id").IsNull()) << "computed only";
  EXPECT_TRUE(config.GetAttr("token").IsNull()) << "no secret in a file";
  EXPECT_TRUE(config.GetAttr("secret").IsNull());
  EXPECT_TRUE(config.GetAttr("size").IsNull()) << "equals its default";
  EXPECT_TRUE(config.GetAttr("tags").IsNull()) << "empty and computed";
  EXPECT_EQ(config.GetAttr("window").GetAttr("enabled"), Value::Bool(true));
  EXPECT_TRUE(config.GetAttr("window").GetAttr("ends_at").IsNull());
}

TEST(ConfigFromStateTest, KeepsOptionalComputedValuesThatSaySomething) {
  Value config =
      ConfigFromState(ThingBlock(), Thing(20, {Value::String("blue")}));

  EXPECT_EQ(config.GetAttr("size"), Value::Int(20));
  EXPECT_EQ(config.GetAttr("tags"),
            Value::Set(Type::String(), {Value::String("blue")}));
}

TEST(ConfigFromStateTest, NullStateStaysNull) {
  Value null = Value::Null(ThingBlock().ImpliedType());

  EXPECT_TRUE(ConfigFromState(ThingBlock(), null).IsNull());
}

class ThingResource : public Resource {
 public:
  ThingResource() { schema_.block = ThingBlock(); }
  std::string TypeName() const override { return "fake_thing"; }
  const Schema& GetSchema() const override { return schema_; }
  void Create(const ApplyRequest&, ApplyResponse*) override {}
  void Update(const ApplyRequest&, ApplyResponse*) override {}
  void Delete(const ApplyRequest&, ApplyResponse*) override {}
  void Read(const ReadRequest&, ReadResponse*) override {}

 private:
  Schema schema_;
};

class ThingProvider : public Provider {
 public:
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  std::vector<std::shared_ptr<Resource>> Resources() override {
    return {std::make_shared<ThingResource>()};
  }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }

 private:
  Schema schema_;
};

TEST(GenerateResourceConfigTest, AnswersTheConfigInTheResourceType) {
  auto server = ProviderServer::Create(std::make_shared<ThingProvider>());
  ASSERT_TRUE(server.ok()) << server.status();
  Type type = ThingBlock().ImpliedType();
  tfplugin6::GenerateResourceConfig::Request request;
  request.set_type_name("fake_thing");
  request.mutable_state()->set_msgpack(
      *cty::EncodeMsgpack(Thing(10, {}), type));
  tfplugin6::GenerateResourceConfig::Response response;
  grpc::ServerContext context;

  ASSERT_TRUE(
      (*server)->GenerateResourceConfig(&context, &request, &response).ok());

  EXPECT_EQ(response.diagnostics_size(), 0);
  auto config = cty::DecodeMsgpack(response.config().msgpack(), type);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(*config, ConfigFromState(ThingBlock(), Thing(10, {})));
}

TEST(GenerateResourceConfigTest, UnknownTypeIsAnError) {
  auto server = ProviderServer::Create(std::make_shared<ThingProvider>());
  ASSERT_TRUE(server.ok()) << server.status();
  tfplugin6::GenerateResourceConfig::Request request;
  request.set_type_name("fake_none");
  tfplugin6::GenerateResourceConfig::Response response;
  grpc::ServerContext context;

  ASSERT_TRUE(
      (*server)->GenerateResourceConfig(&context, &request, &response).ok());

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unknown resource type");
}

}  // namespace
}  // namespace gandimail::tfplugin
