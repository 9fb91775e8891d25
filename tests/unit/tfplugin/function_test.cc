// Provider functions through the tfplugin6 service: schema, GetFunctions,
// GetMetadata and CallFunction, field by field.

#include <gtest/gtest.h>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"

namespace gandimail::tfplugin {
namespace {

using cty::Type;
using cty::Value;

// repeat(text, times): `text` repeated; times < 0 is an error on argument 1.
class RepeatFunction : public Function {
 public:
  RepeatFunction() {
    signature_.summary = "Repeats a text";
    signature_.description = "Returns `text` repeated `times` times.";
    signature_.parameters = {
        {"text", Type::String(), "The text."},
        {"times", Type::Number(), "How many times.", /*allow_null=*/false,
         /*allow_unknown=*/false},
    };
    signature_.return_type = Type::List(Type::String());
  }
  std::string Name() const override { return "repeat"; }
  const FunctionSignature& Signature() const override { return signature_; }
  FunctionResult Call(const std::vector<Value>& args) const override {
    ++calls;
    int64_t times = *args[1].AsInt64();
    if (times < 0) return ArgumentError(1, "times must not be negative.");
    return Returned(
        Value::List(Type::String(), std::vector<Value>(times, args[0])));
  }
  mutable int calls = 0;

 private:
  FunctionSignature signature_;
};

class FunctionProvider : public Provider {
 public:
  explicit FunctionProvider(std::shared_ptr<Function> function)
      : function_(std::move(function)) {}
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, Diagnostics*) override {
    configured = true;
  }
  std::vector<std::shared_ptr<Resource>> Resources() override { return {}; }
  std::vector<std::shared_ptr<DataSource>> DataSources() override { return {}; }
  std::vector<std::shared_ptr<Function>> Functions() override {
    return {function_};
  }
  bool configured = false;

 private:
  Schema schema_;
  std::shared_ptr<Function> function_;
};

class FunctionServerTest : public ::testing::Test {
 protected:
  FunctionServerTest()
      : function_(std::make_shared<RepeatFunction>()),
        provider_(std::make_shared<FunctionProvider>(function_)) {
    auto server = ProviderServer::Create(provider_);
    EXPECT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  tfplugin6::CallFunction::Response Call(const std::string& name,
                                         std::vector<std::string> msgpacks) {
    tfplugin6::CallFunction::Request request;
    request.set_name(name);
    for (std::string& m : msgpacks) {
      request.add_arguments()->set_msgpack(std::move(m));
    }
    tfplugin6::CallFunction::Response response;
    EXPECT_TRUE(server_->CallFunction(&context_, &request, &response).ok());
    return response;
  }

  static std::string Pack(const Value& v, const Type& t) {
    return *cty::EncodeMsgpack(v, t);
  }

  std::shared_ptr<RepeatFunction> function_;
  std::shared_ptr<FunctionProvider> provider_;
  std::unique_ptr<ProviderServer> server_;
  grpc::ServerContext context_;
};

TEST_F(FunctionServerTest, SchemaDescribesTheSignature) {
  tfplugin6::GetProviderSchema::Request request;
  tfplugin6::GetProviderSchema::Response schema;
  ASSERT_TRUE(server_->GetProviderSchema(&context_, &request, &schema).ok());
  ASSERT_EQ(schema.functions().count("repeat"), 1u);
  const tfplugin6::Function& f = schema.functions().at("repeat");
  EXPECT_EQ(f.summary(), "Repeats a text");
  EXPECT_EQ(f.description(), "Returns `text` repeated `times` times.");
  EXPECT_EQ(f.description_kind(), tfplugin6::MARKDOWN);
  ASSERT_EQ(f.parameters_size(), 2);
  EXPECT_EQ(f.parameters(0).name(), "text");
  EXPECT_EQ(f.parameters(0).type(), "\"string\"");
  EXPECT_EQ(f.parameters(1).name(), "times");
  EXPECT_EQ(f.parameters(1).type(), "\"number\"");
  EXPECT_FALSE(f.parameters(1).allow_null_value());
  EXPECT_FALSE(f.parameters(1).allow_unknown_values());
  EXPECT_EQ(f.parameters(1).description_kind(), tfplugin6::MARKDOWN);
  EXPECT_EQ(f.return_().type(), "[\"list\",\"string\"]");
  EXPECT_FALSE(f.has_variadic_parameter());
}

TEST_F(FunctionServerTest, GetFunctionsMatchesTheSchema) {
  tfplugin6::GetProviderSchema::Request schema_request;
  tfplugin6::GetProviderSchema::Response schema;
  server_->GetProviderSchema(&context_, &schema_request, &schema);
  tfplugin6::GetFunctions::Request request;
  tfplugin6::GetFunctions::Response response;
  ASSERT_TRUE(server_->GetFunctions(&context_, &request, &response).ok());
  ASSERT_EQ(response.functions().count("repeat"), 1u);
  EXPECT_EQ(response.functions().at("repeat").SerializeAsString(),
            schema.functions().at("repeat").SerializeAsString());
}

TEST_F(FunctionServerTest, MetadataNamesTheFunction) {
  tfplugin6::GetMetadataRpc::Request request;
  tfplugin6::GetMetadataRpc::Response response;
  ASSERT_TRUE(server_->GetMetadata(&context_, &request, &response).ok());
  ASSERT_EQ(response.functions_size(), 1);
  EXPECT_EQ(response.functions(0).name(), "repeat");
}

TEST_F(FunctionServerTest, CallDecodesArgumentsAndEncodesTheResult) {
  auto response = Call("repeat", {Pack(Value::String("ab"), Type::String()),
                                  Pack(Value::Int(2), Type::Number())});
  EXPECT_FALSE(response.has_error()) << response.error().text();
  auto result = cty::DecodeMsgpack(response.result().msgpack(),
                                   Type::List(Type::String()));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, Value::List(Type::String(),
                                 {Value::String("ab"), Value::String("ab")}));
}

TEST_F(FunctionServerTest, CallWorksOnAnUnconfiguredProvider) {
  auto response = Call("repeat", {Pack(Value::String("x"), Type::String()),
                                  Pack(Value::Int(1), Type::Number())});
  EXPECT_FALSE(response.has_error());
  EXPECT_FALSE(provider_->configured);
  EXPECT_EQ(function_->calls, 1);
}

TEST_F(FunctionServerTest, FunctionErrorKeepsItsArgumentIndex) {
  auto response = Call("repeat", {Pack(Value::String("x"), Type::String()),
                                  Pack(Value::Int(-1), Type::Number())});
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(response.error().text(), "times must not be negative.");
  ASSERT_TRUE(response.error().has_function_argument());
  EXPECT_EQ(response.error().function_argument(), 1);
  EXPECT_FALSE(response.has_result());
}

TEST_F(FunctionServerTest, NullArgumentIsRefusedWithItsIndex) {
  auto response =
      Call("repeat", {Pack(Value::Null(Type::String()), Type::String()),
                      Pack(Value::Int(1), Type::Number())});
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(response.error().function_argument(), 0);
  EXPECT_NE(response.error().text().find("\"text\""), std::string::npos);
  EXPECT_EQ(function_->calls, 0);
}

TEST_F(FunctionServerTest, ArgumentOfTheWrongTypeNamesTheParameter) {
  auto response = Call("repeat", {Pack(Value::String("x"), Type::String()),
                                  Pack(Value::String("two"), Type::String())});
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(response.error().function_argument(), 1);
  EXPECT_NE(response.error().text().find("\"times\""), std::string::npos);
  EXPECT_EQ(function_->calls, 0);
}

TEST_F(FunctionServerTest, UnknownArgumentGivesAnUnknownResultWithoutACall) {
  auto response =
      Call("repeat", {Pack(Value::Unknown(Type::String()), Type::String()),
                      Pack(Value::Int(1), Type::Number())});
  EXPECT_FALSE(response.has_error());
  auto result = cty::DecodeMsgpack(response.result().msgpack(),
                                   Type::List(Type::String()));
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->IsKnown());
  EXPECT_EQ(function_->calls, 0);
}

TEST_F(FunctionServerTest, WrongArgumentCountIsAnErrorWithoutIndex) {
  auto response = Call("repeat", {Pack(Value::String("x"), Type::String())});
  ASSERT_TRUE(response.has_error());
  EXPECT_FALSE(response.error().has_function_argument());
  EXPECT_NE(response.error().text().find("takes 2 arguments"),
            std::string::npos);
}

TEST_F(FunctionServerTest, UnknownFunctionIsAnErrorNamingIt) {
  auto response = Call("nope", {});
  ASSERT_TRUE(response.has_error());
  EXPECT_FALSE(response.error().has_function_argument());
  EXPECT_NE(response.error().text().find("\"nope\""), std::string::npos);
}

TEST(FunctionCheckTest, BadNamesAreRefusedAtCreate) {
  class Bad : public RepeatFunction {
    std::string Name() const override { return "Repeat"; }
  };
  EXPECT_FALSE(ProviderServer::Create(
                   std::make_shared<FunctionProvider>(std::make_shared<Bad>()))
                   .ok());
}

TEST(FunctionCheckTest, DuplicateParameterNamesAreRefused) {
  class Twice : public RepeatFunction {
   public:
    Twice() {
      twice_ = RepeatFunction::Signature();
      twice_.parameters[1].name = "text";
    }
    const FunctionSignature& Signature() const override { return twice_; }
    FunctionSignature twice_;
  };
  Twice twice;
  EXPECT_FALSE(CheckFunction(twice).ok());
  EXPECT_TRUE(CheckFunction(RepeatFunction()).ok());
}

}  // namespace
}  // namespace gandimail::tfplugin
