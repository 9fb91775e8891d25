// Checks the compiled protocol descriptors against numbers and shapes taken
// from the upstream definitions (Terraform v1.15.9's tfplugin6.proto, protocol
// 6.10, and hashicorp/go-plugin's internal/plugin/*.proto). Lookups go by
// full name through the descriptor pool, so a transcription slip in
// proto/*.proto (a wrong number, type, name or streaming flag) fails here.

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "plugin/grpc_broker.pb.h"
#include "plugin/grpc_controller.pb.h"
#include "plugin/grpc_stdio.pb.h"
#include "tfplugin6.pb.h"

namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

// Descriptors of a static library's messages are registered only when its
// object file is linked; touching one message per file guarantees that.
const DescriptorPool& Pool() {
  tfplugin6::DynamicValue::descriptor();
  plugin::Empty::descriptor();
  plugin::StdioData::descriptor();
  plugin::ConnInfo::descriptor();
  return *DescriptorPool::generated_pool();
}

const FieldDescriptor* Field(const std::string& message,
                             const std::string& field) {
  const Descriptor* type = Pool().FindMessageTypeByName(message);
  return type == nullptr ? nullptr : type->FindFieldByName(field);
}

const MethodDescriptor* Method(const std::string& service,
                               const std::string& method) {
  const ServiceDescriptor* s = Pool().FindServiceByName(service);
  return s == nullptr ? nullptr : s->FindMethodByName(method);
}

struct FieldCase {
  std::string message;
  std::string field;
  int number;
  FieldDescriptor::Type type;
};

TEST(ProtoDescriptorTest, Tfplugin6FieldsHaveUpstreamNumbersAndTypes) {
  const std::vector<FieldCase> cases = {
      {"tfplugin6.DynamicValue", "msgpack", 1, FieldDescriptor::TYPE_BYTES},
      {"tfplugin6.DynamicValue", "json", 2, FieldDescriptor::TYPE_BYTES},
      {"tfplugin6.Schema.Attribute", "nested_type", 10,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.Schema.Attribute", "write_only", 11,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.Schema.Attribute", "deprecation_message", 12,
       FieldDescriptor::TYPE_STRING},
      {"tfplugin6.Schema.Block", "deprecation_message", 7,
       FieldDescriptor::TYPE_STRING},
      {"tfplugin6.Function", "deprecation_message", 7,
       FieldDescriptor::TYPE_STRING},
      {"tfplugin6.ServerCapabilities", "plan_destroy", 1,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.ServerCapabilities", "get_provider_schema_optional", 2,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.ServerCapabilities", "move_resource_state", 3,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.ServerCapabilities", "generate_resource_config", 4,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.ClientCapabilities", "deferral_allowed", 1,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.ClientCapabilities", "write_only_attributes_allowed", 2,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.GetProviderSchema.Response", "diagnostics", 4,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.GetProviderSchema.Response", "server_capabilities", 6,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.ValidateProviderConfig.Response", "diagnostics", 2,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.StopProvider.Response", "Error", 1,
       FieldDescriptor::TYPE_STRING},
      {"tfplugin6.PlanResourceChange.Request", "prior_identity", 8,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.PlanResourceChange.Response", "legacy_type_system", 5,
       FieldDescriptor::TYPE_BOOL},
      {"tfplugin6.PlanResourceChange.Response", "planned_identity", 7,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.ApplyResourceChange.Response", "private", 2,
       FieldDescriptor::TYPE_BYTES},
      {"tfplugin6.ReadResource.Response", "deferred", 4,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.MoveResourceState.Request", "source_identity_schema_version",
       8, FieldDescriptor::TYPE_INT64},
      {"tfplugin6.OpenEphemeralResource.Response", "renew_at", 2,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.ListResource.Event", "diagnostic", 4,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.ValidateListResourceConfig.Request", "limit", 4,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.InvokeAction.Event", "completed", 2,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.GetMetadataRpc.Response", "actions", 9,
       FieldDescriptor::TYPE_MESSAGE},
      {"tfplugin6.AttributePath.Step", "element_key_int", 3,
       FieldDescriptor::TYPE_INT64},
  };
  for (const FieldCase& c : cases) {
    SCOPED_TRACE(c.message + "." + c.field);
    const FieldDescriptor* field = Field(c.message, c.field);
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->number(), c.number);
    EXPECT_EQ(field->type(), c.type);
  }
}

TEST(ProtoDescriptorTest, ProviderSchemaFunctionsIsMapOfFunctionAtSeven) {
  const FieldDescriptor* functions =
      Field("tfplugin6.GetProviderSchema.Response", "functions");
  ASSERT_NE(functions, nullptr);
  EXPECT_EQ(functions->number(), 7);
  ASSERT_TRUE(functions->is_map());

  const FieldDescriptor* value = functions->message_type()->map_value();
  ASSERT_EQ(value->type(), FieldDescriptor::TYPE_MESSAGE);
  EXPECT_EQ(value->message_type()->full_name(), "tfplugin6.Function");
}

TEST(ProtoDescriptorTest, ActionSchemasMapHoldsActionSchema) {
  const FieldDescriptor* actions =
      Field("tfplugin6.GetProviderSchema.Response", "action_schemas");
  ASSERT_NE(actions, nullptr);
  EXPECT_EQ(actions->number(), 11);
  ASSERT_TRUE(actions->is_map());
  EXPECT_EQ(actions->message_type()->map_value()->message_type()->full_name(),
            "tfplugin6.ActionSchema");
}

TEST(ProtoDescriptorTest, OptionalFieldsKeepExplicitPresence) {
  // proto3 `optional` changes how presence is encoded in the descriptor;
  // dropping it would make an unset renew_at indistinguishable from zero.
  const FieldDescriptor* renew_at =
      Field("tfplugin6.OpenEphemeralResource.Response", "renew_at");
  ASSERT_NE(renew_at, nullptr);
  EXPECT_TRUE(renew_at->has_optional_keyword());

  const FieldDescriptor* argument =
      Field("tfplugin6.FunctionError", "function_argument");
  ASSERT_NE(argument, nullptr);
  EXPECT_TRUE(argument->has_optional_keyword());
}

TEST(ProtoDescriptorTest, ProviderServiceHasEvery610Method) {
  const ServiceDescriptor* provider =
      Pool().FindServiceByName("tfplugin6.Provider");
  ASSERT_NE(provider, nullptr);

  // 36 RPCs in protocol 6.10 as released with Terraform v1.15.9.
  EXPECT_EQ(provider->method_count(), 36);
}

TEST(ProtoDescriptorTest, ListResourceAndInvokeActionAreServerStreaming) {
  for (const char* name : {"ListResource", "InvokeAction", "ReadStateBytes"}) {
    SCOPED_TRACE(name);
    const MethodDescriptor* method = Method("tfplugin6.Provider", name);
    ASSERT_NE(method, nullptr);
    EXPECT_TRUE(method->server_streaming());
    EXPECT_FALSE(method->client_streaming());
  }
}

TEST(ProtoDescriptorTest, WriteStateBytesIsClientStreaming) {
  const MethodDescriptor* method =
      Method("tfplugin6.Provider", "WriteStateBytes");
  ASSERT_NE(method, nullptr);
  EXPECT_TRUE(method->client_streaming());
  EXPECT_FALSE(method->server_streaming());
}

TEST(ProtoDescriptorTest, PlanResourceChangeIsUnary) {
  const MethodDescriptor* method =
      Method("tfplugin6.Provider", "PlanResourceChange");
  ASSERT_NE(method, nullptr);
  EXPECT_FALSE(method->client_streaming());
  EXPECT_FALSE(method->server_streaming());
}

TEST(ProtoDescriptorTest, GetMetadataKeepsRpcNameDespiteCppRename) {
  // The C++ build renames only the wrapper message; the method, and so the
  // path /tfplugin6.Provider/GetMetadata, must keep upstream's name.
  const MethodDescriptor* method = Method("tfplugin6.Provider", "GetMetadata");
  ASSERT_NE(method, nullptr);
  EXPECT_EQ(method->input_type()->full_name(),
            "tfplugin6.GetMetadataRpc.Request");
  EXPECT_EQ(method->output_type()->full_name(),
            "tfplugin6.GetMetadataRpc.Response");
}

TEST(ProtoDescriptorTest, ControllerServiceIsPluginGrpcController) {
  const MethodDescriptor* shutdown =
      Method("plugin.GRPCController", "Shutdown");
  ASSERT_NE(shutdown, nullptr);
  EXPECT_EQ(shutdown->service()->full_name(), "plugin.GRPCController");
  EXPECT_EQ(shutdown->input_type()->full_name(), "plugin.Empty");
  EXPECT_EQ(shutdown->output_type()->full_name(), "plugin.Empty");
}

TEST(ProtoDescriptorTest, StdioStreamsStdioDataFromWellKnownEmpty) {
  const MethodDescriptor* stream = Method("plugin.GRPCStdio", "StreamStdio");
  ASSERT_NE(stream, nullptr);
  EXPECT_EQ(stream->input_type()->full_name(), "google.protobuf.Empty");
  EXPECT_EQ(stream->output_type()->full_name(), "plugin.StdioData");
  EXPECT_TRUE(stream->server_streaming());
  EXPECT_FALSE(stream->client_streaming());

  const FieldDescriptor* channel = Field("plugin.StdioData", "channel");
  ASSERT_NE(channel, nullptr);
  EXPECT_EQ(channel->number(), 1);
  ASSERT_EQ(channel->type(), FieldDescriptor::TYPE_ENUM);
  const auto* stderr_value = channel->enum_type()->FindValueByName("STDERR");
  ASSERT_NE(stderr_value, nullptr);
  EXPECT_EQ(stderr_value->number(), 2);
}

TEST(ProtoDescriptorTest, BrokerStartStreamIsBidiWithKnockAtFour) {
  const MethodDescriptor* start = Method("plugin.GRPCBroker", "StartStream");
  ASSERT_NE(start, nullptr);
  EXPECT_TRUE(start->client_streaming());
  EXPECT_TRUE(start->server_streaming());

  const FieldDescriptor* knock = Field("plugin.ConnInfo", "knock");
  ASSERT_NE(knock, nullptr);
  EXPECT_EQ(knock->number(), 4);
  EXPECT_EQ(knock->message_type()->full_name(), "plugin.ConnInfo.Knock");

  const FieldDescriptor* service_id = Field("plugin.ConnInfo", "service_id");
  ASSERT_NE(service_id, nullptr);
  EXPECT_EQ(service_id->type(), FieldDescriptor::TYPE_UINT32);
}

TEST(ProtoDescriptorTest, NestedBlockGroupNestingIsFive) {
  const FieldDescriptor* nesting =
      Field("tfplugin6.Schema.NestedBlock", "nesting");
  ASSERT_NE(nesting, nullptr);
  ASSERT_EQ(nesting->type(), FieldDescriptor::TYPE_ENUM);
  const auto* group = nesting->enum_type()->FindValueByName("GROUP");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->number(), 5);
}

}  // namespace
