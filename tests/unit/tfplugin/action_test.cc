// Actions through a real gRPC server in process, field by field: schema
// and metadata, validation with paths, plans only of known configs, and
// invocations that stream progress before exactly one completion.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"
#include "tests/harness/in_process.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

Validator OneOrTwelve() {
  return [](const Value& v, const cty::Path& path, Diagnostics* d) {
    int64_t months = v.AsInt64().value_or(0);
    if (months != 1 && months != 12) {
      d->AddError("Invalid Duration", "Use 1 or 12.", path);
    }
  };
}

// fake_renew: `target` and `months`; reports two progress lines, or fails
// as told.
class FakeRenew : public Action {
 public:
  FakeRenew() {
    schema_.block.description = "Renews a fake. Costs money.";
    schema_.block.attributes = {
        Attr("target", Type::String()).Required(),
        Attr("months", Type::Number()).Optional().Validate(OneOrTwelve()),
    };
  }
  std::string TypeName() const override { return "fake_renew"; }
  const Schema& GetSchema() const override { return schema_; }
  void Plan(const Value& config, Diagnostics* diagnostics) override {
    ++plans;
    if (refuse_plan) diagnostics->AddError("No Credit", "Top up.");
  }
  void Invoke(const Value& config, const ProgressReporter& progress,
              Diagnostics* diagnostics) override {
    ++invocations;
    std::string target = config.GetAttr("target").AsString();
    progress("renewing " + target);
    progress("renewed " + target);
    if (fail_invoke) diagnostics->AddError("Renewal Failed", "API said 500.");
  }

  int plans = 0;
  int invocations = 0;
  bool refuse_plan = false;
  bool fail_invoke = false;

 private:
  Schema schema_;
};

class ActionProvider : public Provider {
 public:
  explicit ActionProvider(std::shared_ptr<Action> action)
      : action_(std::move(action)) {}
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {}
  std::vector<std::shared_ptr<Resource>> Resources() override { return {}; }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }
  std::vector<std::shared_ptr<Action>> Actions() override { return {action_}; }

 private:
  Schema schema_;
  std::shared_ptr<Action> action_;
};

class ActionServerTest : public ::testing::Test {
 protected:
  ActionServerTest()
      : action_(std::make_shared<FakeRenew>()),
        server_(std::make_shared<ActionProvider>(action_)) {}

  static tfplugin6::DynamicValue Config(Value target, Value months) {
    Value v = Value::Object(
        {{"target", std::move(target)}, {"months", std::move(months)}});
    tfplugin6::DynamicValue out;
    out.set_msgpack(*cty::EncodeMsgpack(v, v.type()));
    return out;
  }

  tfplugin6::PlanAction::Response Plan(const tfplugin6::DynamicValue& c) {
    tfplugin6::PlanAction::Request request;
    request.set_action_type("fake_renew");
    *request.mutable_config() = c;
    tfplugin6::PlanAction::Response response;
    grpc::ClientContext context;
    EXPECT_TRUE(server_.stub().PlanAction(&context, request, &response).ok());
    return response;
  }

  std::vector<tfplugin6::InvokeAction::Event> Invoke(
      const tfplugin6::DynamicValue& c, const std::string& type) {
    tfplugin6::InvokeAction::Request request;
    request.set_action_type(type);
    *request.mutable_config() = c;
    grpc::ClientContext context;
    auto reader = server_.stub().InvokeAction(&context, request);
    std::vector<tfplugin6::InvokeAction::Event> events;
    tfplugin6::InvokeAction::Event event;
    while (reader->Read(&event)) events.push_back(event);
    EXPECT_TRUE(reader->Finish().ok());
    return events;
  }

  std::shared_ptr<FakeRenew> action_;
  testing::InProcessProvider server_;
};

TEST_F(ActionServerTest, SchemaAndMetadataNameTheAction) {
  tfplugin6::GetProviderSchema::Response schema;
  grpc::ClientContext c1;
  ASSERT_TRUE(server_.stub().GetProviderSchema(&c1, {}, &schema).ok());
  const auto& block = schema.action_schemas().at("fake_renew").schema().block();
  EXPECT_EQ(block.description(), "Renews a fake. Costs money.");
  ASSERT_EQ(block.attributes_size(), 2);
  EXPECT_EQ(block.attributes(0).name(), "target");
  EXPECT_TRUE(block.attributes(0).required());
  EXPECT_EQ(block.attributes(1).name(), "months");
  EXPECT_TRUE(block.attributes(1).optional());

  tfplugin6::GetMetadataRpc::Response metadata;
  grpc::ClientContext c2;
  ASSERT_TRUE(server_.stub().GetMetadata(&c2, {}, &metadata).ok());
  ASSERT_EQ(metadata.actions_size(), 1);
  EXPECT_EQ(metadata.actions(0).type_name(), "fake_renew");
}

TEST_F(ActionServerTest, ValidateNamesTheAttribute) {
  tfplugin6::ValidateActionConfig::Request request;
  request.set_type_name("fake_renew");
  *request.mutable_config() = Config(Value::String("a"), Value::Int(6));
  tfplugin6::ValidateActionConfig::Response response;
  grpc::ClientContext context;
  ASSERT_TRUE(
      server_.stub().ValidateActionConfig(&context, request, &response).ok());

  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid Duration");
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(),
            "months");
}

TEST_F(ActionServerTest, PlanOfAKnownConfigAsksTheAction) {
  action_->refuse_plan = true;

  auto response = Plan(Config(Value::String("a"), Value::Int(12)));

  EXPECT_EQ(action_->plans, 1);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "No Credit");
  EXPECT_FALSE(response.has_deferred());
}

TEST_F(ActionServerTest, PlanOfAnUnknownConfigWaitsForItsValues) {
  auto response = Plan(Config(Value::Unknown(Type::String()), Value::Int(1)));

  EXPECT_EQ(action_->plans, 0);
  EXPECT_EQ(response.diagnostics_size(), 0);
}

TEST_F(ActionServerTest, PlanOfAnInvalidConfigNeverReachesTheAction) {
  auto response = Plan(Config(Value::String("a"), Value::Int(3)));

  EXPECT_EQ(action_->plans, 0);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid Duration");
}

TEST_F(ActionServerTest, InvokeStreamsProgressThenOneCompletion) {
  auto events =
      Invoke(Config(Value::String("a"), Value::Int(12)), "fake_renew");

  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].progress().message(), "renewing a");
  EXPECT_EQ(events[1].progress().message(), "renewed a");
  ASSERT_TRUE(events[2].has_completed());
  EXPECT_EQ(events[2].completed().diagnostics_size(), 0);
  EXPECT_EQ(action_->invocations, 1);
}

TEST_F(ActionServerTest, InvokeFailureEndsTheStreamWithTheError) {
  action_->fail_invoke = true;

  auto events =
      Invoke(Config(Value::String("a"), Value::Int(12)), "fake_renew");

  ASSERT_EQ(events.size(), 3u);
  ASSERT_TRUE(events[2].has_completed());
  ASSERT_EQ(events[2].completed().diagnostics_size(), 1);
  EXPECT_EQ(events[2].completed().diagnostics(0).summary(), "Renewal Failed");
}

TEST_F(ActionServerTest, InvokeValidatesAgainAndRefusesUnknowns) {
  auto invalid =
      Invoke(Config(Value::String("a"), Value::Int(2)), "fake_renew");
  auto unknown = Invoke(Config(Value::Unknown(Type::String()), Value::Int(1)),
                        "fake_renew");

  EXPECT_EQ(action_->invocations, 0);
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].completed().diagnostics(0).summary(),
            "Invalid Duration");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].completed().diagnostics(0).summary(),
            "Unknown Action Configuration");
}

TEST_F(ActionServerTest, InvokeOfAnUnknownTypeCompletesWithAnError) {
  auto events = Invoke(Config(Value::String("a"), Value::Int(1)), "fake_other");

  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0].completed().diagnostics_size(), 1);
  EXPECT_EQ(events[0].completed().diagnostics(0).summary(), "Unknown action");
}

}  // namespace
}  // namespace gandimail::tfplugin
