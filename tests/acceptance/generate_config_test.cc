// GenerateResourceConfig (what `terraform plan -generate-config-out` asks of
// Terraform >= 1.14) through the real provider binary over mTLS: the
// configuration it answers for an imported object, written out as HCL
// and applied by real terraform with the import block, imports the object
// and changes nothing, and the next plan is empty.
//
// Terraform 1.11 writes generated config itself, without asking the
// provider, so the test asks the provider as Terraform 1.14 would and
// pastes the answer as a user would.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "internal/cty/msgpack.h"
#include "nlohmann/json.hpp"
#include "src/provider.h"
#include "tests/harness/in_process.h"
#include "tests/harness/plugin_client.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"
#include "tfplugin6.grpc.pb.h"

namespace gandimail::testing {
namespace {

using cty::Type;
using cty::Value;
using nlohmann::json;

constexpr char kPassword[] = "Sup3r-S3cret-1!";

std::string Output(const RunResult& r) { return r.out + r.err; }

std::string Quoted(const std::string& s) {
  std::string escaped = json(s).dump();
  return absl::StrReplaceAll(escaped, {{"${", "$${"}, {"%{", "%%{"}});
}

std::string Hcl(const Value& v, const std::string& indent);

std::string HclObject(const std::map<std::string, Value>& attributes,
                      const std::string& indent) {
  std::string out;
  for (const auto& [name, value] : attributes) {
    if (value.IsNull()) continue;
    absl::StrAppend(&out, indent, "  ", name, " = ", Hcl(value, indent + "  "),
                    "\n");
  }
  return out;
}

// `v` as an HCL expression, as Terraform writes generated config.
std::string Hcl(const Value& v, const std::string& indent) {
  const Type& type = v.type();
  if (type == Type::String()) return Quoted(v.AsString());
  if (type == Type::Number()) return v.NumberString();
  if (type == Type::Bool()) return v.AsBool() ? "true" : "false";
  if (type.IsCollection() && type.kind() != cty::Kind::kMap) {
    std::vector<std::string> items;
    for (const Value& e : v.elements()) items.push_back(Hcl(e, indent));
    return "[" + absl::StrJoin(items, ", ") + "]";
  }
  std::map<std::string, Value> attributes =
      type.kind() == cty::Kind::kMap ? v.map_elements() : v.attributes();
  return "{\n" + HclObject(attributes, indent) + indent + "}";
}

class GenerateConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(sandbox_.url().empty()) << sandbox_.startup_error();
    ASSERT_EQ(sandbox_
                  .AddDomain({{"name", "example.com"},
                              {"free_slots", {{"standard", 2}}},
                              {"credit", 100.0}})
                  .status,
              201);
    child_ = plugin_.Start();
    std::vector<std::string> fields = SplitHandshake(child_->ReadLine(10000));
    ASSERT_EQ(fields.size(), 6u);
    stub_ = tfplugin6::Provider::NewStub(plugin_.Connect(fields));
    Configure();
  }

  void TearDown() override {
    if (stub_ == nullptr) return;
    tfplugin6::StopProvider::Response stopped;
    grpc::ClientContext context;
    stub_->StopProvider(&context, {}, &stopped);
  }

  Type TypeOf(const std::string& type_name) {
    for (const auto& r : GandiMailProvider().Resources()) {
      if (r->TypeName() == type_name) return r->GetSchema().ImpliedType();
    }
    ADD_FAILURE() << "no resource " << type_name;
    return Type::String();
  }

  void Configure() {
    tfplugin6::ConfigureProvider::Response response;
    ASSERT_TRUE(ConfigureForSandbox(
                    *stub_, GandiMailProvider().GetSchema().ImpliedType(),
                    sandbox_.url(), Sandbox::kToken, &response)
                    .ok());
    ASSERT_EQ(response.diagnostics_size(), 0);
  }

  // Imports `id`, reads it as Terraform does after an import, and asks for
  // its configuration; returns the resource block's body as HCL.
  std::string Generated(const std::string& type_name, const std::string& id) {
    tfplugin6::ImportResourceState::Request import;
    import.set_type_name(type_name);
    import.set_id(id);
    tfplugin6::ImportResourceState::Response imported;
    grpc::ClientContext c1;
    EXPECT_TRUE(stub_->ImportResourceState(&c1, import, &imported).ok());
    EXPECT_EQ(imported.imported_resources_size(), 1);
    if (imported.imported_resources_size() != 1) return "";

    tfplugin6::ReadResource::Request read;
    read.set_type_name(type_name);
    *read.mutable_current_state() = imported.imported_resources(0).state();
    read.set_private_(imported.imported_resources(0).private_());
    tfplugin6::ReadResource::Response refreshed;
    grpc::ClientContext c2;
    EXPECT_TRUE(stub_->ReadResource(&c2, read, &refreshed).ok());

    tfplugin6::GenerateResourceConfig::Request generate;
    generate.set_type_name(type_name);
    *generate.mutable_state() = refreshed.new_state();
    tfplugin6::GenerateResourceConfig::Response generated;
    grpc::ClientContext c3;
    EXPECT_TRUE(stub_->GenerateResourceConfig(&c3, generate, &generated).ok());
    for (const auto& d : generated.diagnostics()) warnings_.push_back(d);
    auto config =
        cty::DecodeMsgpack(generated.config().msgpack(), TypeOf(type_name));
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? HclObject(config->attributes(), "") : "";
  }

  // Import blocks for `ids` (address => import ID) and the generated
  // resource blocks.
  std::string PastedConfig(const std::map<std::string, std::string>& ids) {
    std::string hcl = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
)";
    for (const auto& [address, id] : ids) {
      std::string type = address.substr(0, address.find('.'));
      std::string name = address.substr(address.find('.') + 1);
      absl::StrAppend(&hcl, "\nimport {\n  to = ", address,
                      "\n  id = ", Quoted(id), "\n}\n\nresource \"", type,
                      "\" \"", name, "\" {\n", Generated(type, id), "}\n");
    }
    return hcl;
  }

  int Writes() {
    int writes = 0;
    for (const auto& [route, count] : sandbox_.Requests()["routes"].items()) {
      if (route.rfind("GET ", 0) != 0) writes += count.get<int>();
    }
    return writes;
  }

  Sandbox sandbox_;
  PluginClient plugin_;
  std::unique_ptr<Child> child_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
  // Every diagnostic GenerateResourceConfig answered.
  std::vector<tfplugin6::Diagnostic> warnings_;
};

TEST_F(GenerateConfigTest, PastedConfigImportsWithoutChangeAndPlansEmpty) {
  json mailbox = {{"login", "alice"},
                  {"mailbox_type", "standard"},
                  {"password", kPassword},
                  {"aliases", {"ali"}}};
  ASSERT_EQ(
      sandbox_.Api("POST", "/v5/email/mailboxes/example.com", mailbox.dump())
          .status,
      202);
  json forward = {{"source", "sales"},
                  {"destinations", {"a@example.org", "b@example.org"}}};
  ASSERT_EQ(
      sandbox_.Api("POST", "/v5/email/forwards/example.com", forward.dump())
          .status,
      201);
  std::string hcl = PastedConfig({
      {"gandimail_mailbox.alice", "alice@example.com"},
      {"gandimail_forward.sales", "sales@example.com"},
      {"gandimail_email_offer.example", "example.com"},
  });
  EXPECT_NE(hcl.find("aliases = [\"ali\"]"), std::string::npos) << hcl;
  EXPECT_EQ(hcl.find("password"), std::string::npos) << hcl;
  EXPECT_TRUE(warnings_.empty());
  sandbox_.ResetRequests();

  TerraformDir tf(sandbox_.url(), Sandbox::kToken);
  tf.WriteConfig(hcl);
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});

  ASSERT_EQ(apply.exit_code, 0) << Output(apply) << hcl;
  EXPECT_NE(apply.out.find("3 imported, 0 added, 0 changed, 0 destroyed"),
            std::string::npos)
      << apply.out << hcl;
  EXPECT_EQ(Writes(), 0);
  RunResult plan = tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

// A slot's purchase settings (duration, autorenew) are never reported by
// the API, so its generated config assumes 12 months and says so: the
// import plans one in-place update that records it without any request.
TEST_F(GenerateConfigTest, PastedSlotConfigRecordsDurationWithoutRequests) {
  json slots = sandbox_.Api("GET", "/v5/email/slots/example.com").Json();
  ASSERT_FALSE(slots.empty());
  std::string id = absl::StrCat("example.com/", slots[0]["id"].get<int64_t>());
  std::string hcl = PastedConfig({{"gandimail_slot.standard", id}});
  EXPECT_NE(hcl.find("mailbox_type = \"standard\""), std::string::npos) << hcl;
  EXPECT_NE(hcl.find("duration = 12"), std::string::npos) << hcl;
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_EQ(warnings_[0].severity(), tfplugin6::Diagnostic::WARNING);
  EXPECT_EQ(warnings_[0].summary(), "Slot Duration Assumed");
  sandbox_.ResetRequests();

  TerraformDir tf(sandbox_.url(), Sandbox::kToken);
  tf.WriteConfig(hcl);
  RunResult apply = tf.Run({"apply", "-auto-approve", "-no-color"});

  ASSERT_EQ(apply.exit_code, 0) << Output(apply) << hcl;
  EXPECT_NE(apply.out.find("1 imported, 0 added, 1 changed, 0 destroyed"),
            std::string::npos)
      << apply.out;
  EXPECT_EQ(Writes(), 0);
  RunResult plan = tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

}  // namespace
}  // namespace gandimail::testing
