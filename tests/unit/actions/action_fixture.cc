#include "tests/unit/actions/action_fixture.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "internal/cty/msgpack.h"

namespace gandimail::actions {
namespace {

using cty::Value;

nlohmann::json SeededMailbox(const std::string& id, const std::string& login,
                             const std::string& type,
                             const std::string& expires_at, int quota_used) {
  return {{"id", id},
          {"login", login},
          {"mailbox_type", type},
          {"expires_at", expires_at},
          {"quota_used", quota_used}};
}

nlohmann::json Seed() {
  nlohmann::json domains = {
      {"example.com",
       {{"name", "example.com"},
        {"credit", 100.0},
        {"mailboxes",
         {SeededMailbox(kAliceId, "alice", "standard_2023", kAliceExpiry, 2048),
          SeededMailbox(kBobId, "bob", "premium_2023", "2030-03-01T00:00:00Z",
                        0)}}}},
      {"poor.example",
       {{"name", "poor.example"},
        {"credit", 0.1},
        {"mailboxes",
         {SeededMailbox(kDoraId, "dora", "standard_2023",
                        "2030-01-15T10:00:00Z", 0)}}}},
      {"pack.example",
       {{"name", "pack.example"},
        {"credit", 10.0},
        {"packmail", true},
        {"mailboxes",
         {SeededMailbox(kCarolId, "carol", "standard", "2030-01-15T10:00:00Z",
                        512)}}}},
      {"empty.example", {{"name", "empty.example"}, {"credit", 10.0}}},
  };
  return {{"domains", domains}};
}

tfplugin6::DynamicValue Encode(const Value& value) {
  tfplugin6::DynamicValue out;
  out.set_msgpack(*cty::EncodeMsgpack(value, value.type()));
  return out;
}

}  // namespace

ActionTest::ActionTest(std::vector<std::string> sandbox_args) {
  static int serial = 0;
  seed_path_ = absl::StrCat(::testing::TempDir(), "/actions_seed_", getpid(),
                            "_", ++serial, ".json");
  std::ofstream(seed_path_) << Seed().dump();
  sandbox_args.insert(sandbox_args.begin(), {"--seed", seed_path_});
  sandbox_ = std::make_unique<testing::Sandbox>(sandbox_args);
  provider_ = std::make_shared<GandiMailProvider>();
  server_ = std::make_unique<testing::InProcessProvider>(provider_);
}

void ActionTest::SetUp() {
  ASSERT_FALSE(sandbox_->url().empty()) << sandbox_->startup_error();
  if (!configure_) return;

  // Faults must show at once, without backoff.
  tfplugin6::ConfigureProvider::Response response;
  ASSERT_TRUE(testing::ConfigureForSandbox(
                  server_->stub(), provider_->GetSchema().ImpliedType(),
                  sandbox_->url(), testing::Sandbox::kToken, &response,
                  {{"max_retries", Value::Int(0)},
                   {"requests_per_minute", Value::Int(0)}})
                  .ok());
  ASSERT_EQ(response.diagnostics_size(), 0) << response.diagnostics(0).detail();
  sandbox_->ResetRequests();
}

Value ActionTest::Config(const std::string& type,
                         std::map<std::string, Value> attributes) {
  for (const auto& action : provider_->Actions()) {
    if (action->TypeName() != type) continue;
    std::map<std::string, Value> all;
    const cty::Type config_type = action->GetSchema().ImpliedType();
    for (const auto& [name, t] : config_type.attribute_types()) {
      auto it = attributes.find(name);
      all[name] = it == attributes.end() ? Value::Null(t) : it->second;
    }
    return Value::Object(all);
  }
  ADD_FAILURE() << "no action " << type;
  return Value();
}

tfplugin6::ValidateActionConfig::Response ActionTest::Validate(
    const std::string& type, const Value& config) {
  tfplugin6::ValidateActionConfig::Request request;
  request.set_type_name(type);
  *request.mutable_config() = Encode(config);
  tfplugin6::ValidateActionConfig::Response response;
  grpc::ClientContext context;
  EXPECT_TRUE(
      server_->stub().ValidateActionConfig(&context, request, &response).ok());
  return response;
}

tfplugin6::PlanAction::Response ActionTest::Plan(const std::string& type,
                                                 const Value& config) {
  tfplugin6::PlanAction::Request request;
  request.set_action_type(type);
  *request.mutable_config() = Encode(config);
  tfplugin6::PlanAction::Response response;
  grpc::ClientContext context;
  EXPECT_TRUE(server_->stub().PlanAction(&context, request, &response).ok());
  return response;
}

std::vector<tfplugin6::InvokeAction::Event> ActionTest::Invoke(
    const std::string& type, const Value& config) {
  tfplugin6::InvokeAction::Request request;
  request.set_action_type(type);
  *request.mutable_config() = Encode(config);
  grpc::ClientContext context;
  auto reader = server_->stub().InvokeAction(&context, request);
  std::vector<tfplugin6::InvokeAction::Event> events;
  tfplugin6::InvokeAction::Event event;
  while (reader->Read(&event)) events.push_back(event);
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return events;
}

void ActionTest::StopProvider() {
  tfplugin6::StopProvider::Response response;
  grpc::ClientContext context;
  EXPECT_TRUE(server_->stub().StopProvider(&context, {}, &response).ok());
}

std::thread ActionTest::StopAfterFirst(const std::string& route) {
  return std::thread([this, route] {
    auto start = std::chrono::steady_clock::now();
    while (Count(route) == 0 && std::chrono::steady_clock::now() - start <
                                    std::chrono::seconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    StopProvider();
  });
}

nlohmann::json ActionTest::Domain(const std::string& name) {
  return sandbox_->State()["domains"][name];
}

nlohmann::json ActionTest::Mailbox(const std::string& domain,
                                   const std::string& id) {
  const nlohmann::json state = Domain(domain);
  for (const auto& m : state["mailboxes"]) {
    if (m["id"] == id) return m;
  }
  return nullptr;
}

int ActionTest::Count(const std::string& route) {
  return Routes().value(route, 0);
}

nlohmann::json ActionTest::Routes() { return sandbox_->Requests()["routes"]; }

void ActionTest::Fault(const std::string& route, nlohmann::json rule) {
  rule["route"] = route;
  testing::HttpReply reply =
      sandbox_->SetFaults({{"seed", 1}, {"rules", {rule}}});
  ASSERT_EQ(reply.status, 200) << reply.body;
}

InvokeResult Summarize(
    const std::vector<tfplugin6::InvokeAction::Event>& events) {
  InvokeResult result;
  for (const auto& event : events) {
    if (event.has_progress()) {
      EXPECT_EQ(result.completed_events, 0) << "progress after completion";
      result.progress.push_back(event.progress().message());
    } else if (event.has_completed()) {
      ++result.completed_events;
      for (const auto& d : event.completed().diagnostics()) {
        result.diagnostics.push_back(d);
      }
    } else {
      ADD_FAILURE() << "an event that is neither progress nor completed";
    }
  }
  // For reading the texts a user would see: GANDIMAIL_TEST_VERBOSE=1.
  if (std::getenv("GANDIMAIL_TEST_VERBOSE") != nullptr) {
    for (const auto& line : result.progress) {
      std::fprintf(stderr, "  progress: %s\n", line.c_str());
    }
    for (const auto& d : result.diagnostics) {
      std::fprintf(stderr, "  %s: %s\n    %s\n", d.summary().c_str(),
                   PathOf(d).c_str(), d.detail().c_str());
    }
  }
  return result;
}

std::vector<std::string> Summaries(
    const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d) {
  return Summaries(std::vector<tfplugin6::Diagnostic>(d.begin(), d.end()));
}

std::vector<std::string> Summaries(
    const std::vector<tfplugin6::Diagnostic>& d) {
  std::vector<std::string> out;
  for (const auto& diagnostic : d) {
    const char* severity = diagnostic.severity() == tfplugin6::Diagnostic::ERROR
                               ? "error"
                               : "warning";
    out.push_back(absl::StrCat(severity, ": ", diagnostic.summary()));
  }
  return out;
}

std::string PathOf(const tfplugin6::Diagnostic& diagnostic) {
  if (diagnostic.attribute().steps_size() == 0) return "";
  return diagnostic.attribute().steps(0).attribute_name();
}

int MonthsBetween(const std::string& from, const std::string& to) {
  absl::Time a, b;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, from, &a, &error)) << from;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, to, &b, &error)) << to;
  double days = absl::ToDoubleHours(b - a) / 24;
  return static_cast<int>(std::lround(days / 30.44));
}

}  // namespace gandimail::actions
