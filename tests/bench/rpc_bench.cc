// The provider's own cost per RPC with the network taken away: msgpack
// decode and encode of a mailbox-like state, and PlanResourceChange /
// ReadResource through tfplugin::ProviderServer in-process with a fake
// resource of that shape (no API behind it). Google Benchmark; each
// benchmark also reports the median and p99 of single calls in µs as the
// counters median_us and p99_us, since the mean hides the tail.
//
//   rpc_bench [--benchmark_format=json] [--benchmark_min_time=1]

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "internal/cty/msgpack.h"
#include "internal/tfplugin/provider_server.h"

namespace gandimail::bench {
namespace {

using cty::Type;
using cty::Value;
using tfplugin::Attr;
using tfplugin::NestedAttr;
using tfplugin::NestedObject;

tfplugin::Schema MailboxLikeSchema() {
  tfplugin::Schema schema;
  schema.block.attributes = {
      Attr("id", Type::String()).Computed(),
      Attr("domain", Type::String()).Required().RequiresReplace(),
      Attr("login", Type::String()).Required(),
      Attr("address", Type::String()).Computed(),
      Attr("mailbox_type", Type::String()).Required(),
      Attr("password", Type::String()).Optional().Sensitive(),
      Attr("aliases", Type::Set(Type::String())).Optional(),
      Attr("alias_count", Type::Number()).Computed(),
      Attr("antispam", Type::Bool()).Optional().Computed(),
      NestedAttr("responder", NestedObject::Nesting::kSingle,
                 {Attr("enabled", Type::Bool()).Required(),
                  Attr("message", Type::String()).Optional(),
                  Attr("starts_at", Type::String()).Optional(),
                  Attr("ends_at", Type::String()).Optional()})
          .Optional(),
      NestedAttr("autorenew", NestedObject::Nesting::kSingle,
                 {Attr("enabled", Type::Bool()).Optional().Computed(),
                  Attr("duration", Type::Number()).Optional().Computed()})
          .Optional()
          .Computed(),
      Attr("expires_at", Type::String()).Computed(),
      Attr("fallback_email", Type::String()).Computed(),
      NestedAttr("timeouts", NestedObject::Nesting::kSingle,
                 {Attr("create", Type::String()).Optional(),
                  Attr("update", Type::String()).Optional(),
                  Attr("delete", Type::String()).Optional()})
          .Optional(),
  };
  return schema;
}

const tfplugin::Schema& Schema() {
  static const tfplugin::Schema* const schema =
      new tfplugin::Schema(MailboxLikeSchema());
  return *schema;
}

Type StateType() { return Schema().ImpliedType(); }

// A mailbox as a refresh sees it: every attribute set, a few aliases.
Value MailboxState() {
  Type string = Type::String();
  std::vector<Value> aliases;
  for (const char* a : {"bob", "bob*", "robert", "rob.doe"}) {
    aliases.push_back(Value::String(a));
  }
  return Value::Object({
      {"id", Value::String("6f1c7a2e-94b1-4d1e-9c55-0e8f3b2a7d10")},
      {"domain", Value::String("example.com")},
      {"login", Value::String("alice")},
      {"address", Value::String("alice@example.com")},
      {"mailbox_type", Value::String("standard_2023")},
      {"password", Value::String("Sup3r-S3cret-1!")},
      {"aliases", Value::Set(string, aliases)},
      {"alias_count", Value::Int(4)},
      {"antispam", Value::Bool(true)},
      {"responder",
       Value::Object({{"enabled", Value::Bool(true)},
                      {"message", Value::String("Away until the 10th.")},
                      {"starts_at", Value::String("2030-01-01T12:00:00Z")},
                      {"ends_at", Value::String("2030-01-10T00:00:00Z")}})},
      {"autorenew", Value::Object({{"enabled", Value::Bool(true)},
                                   {"duration", Value::Int(12)}})},
      {"expires_at", Value::String("2031-01-01T00:00:00Z")},
      {"fallback_email", Value::String("")},
      {"timeouts", Value::Object({{"create", Value::String("10m")},
                                  {"update", Value::Null(string)},
                                  {"delete", Value::Null(string)}})},
  });
}

class FakeMailbox : public tfplugin::Resource {
 public:
  std::string TypeName() const override { return "fake_mailbox"; }
  const tfplugin::Schema& GetSchema() const override { return Schema(); }
  void Create(const tfplugin::ApplyRequest& r,
              tfplugin::ApplyResponse* out) override {
    out->new_state = r.planned_state;
  }
  void Update(const tfplugin::ApplyRequest& r,
              tfplugin::ApplyResponse* out) override {
    out->new_state = r.planned_state;
  }
  void Delete(const tfplugin::ApplyRequest&,
              tfplugin::ApplyResponse*) override {}
  // As a real read does once the API answered: the state, rebuilt.
  void Read(const tfplugin::ReadRequest& r,
            tfplugin::ReadResponse* out) override {
    out->new_state = r.current_state.WithAttr(
        "expires_at", Value::String("2031-01-01T00:00:00Z"));
  }
};

class FakeProvider : public tfplugin::Provider {
 public:
  const tfplugin::Schema& GetSchema() const override { return schema_; }
  void Configure(const tfplugin::ConfigureRequest&,
                 tfplugin::Diagnostics*) override {}
  std::vector<std::shared_ptr<tfplugin::Resource>> Resources() override {
    return {std::make_shared<FakeMailbox>()};
  }
  std::vector<std::shared_ptr<tfplugin::DataSource>> DataSources() override {
    return {};
  }

 private:
  tfplugin::Schema schema_;
};

// Times each call of `call` and reports the median and p99 in µs.
template <typename Call>
void TimeEachCall(benchmark::State& state, Call call) {
  std::vector<double> micros;
  micros.reserve(1 << 16);
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    call();
    auto end = std::chrono::steady_clock::now();
    if (micros.size() < (1u << 20)) {
      micros.push_back(
          std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  std::sort(micros.begin(), micros.end());
  if (micros.empty()) return;
  state.counters["median_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] =
      micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}

void BM_MsgpackEncodeMailbox(benchmark::State& state) {
  Value value = MailboxState();
  Type type = StateType();
  size_t bytes = 0;
  TimeEachCall(state, [&] {
    absl::StatusOr<std::string> encoded = cty::EncodeMsgpack(value, type);
    bytes = encoded->size();
    benchmark::DoNotOptimize(encoded);
  });
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_MsgpackEncodeMailbox);

void BM_MsgpackDecodeMailbox(benchmark::State& state) {
  Type type = StateType();
  std::string bytes = *cty::EncodeMsgpack(MailboxState(), type);
  TimeEachCall(state, [&] {
    absl::StatusOr<Value> decoded = cty::DecodeMsgpack(bytes, type);
    benchmark::DoNotOptimize(decoded);
  });
  state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_MsgpackDecodeMailbox);

std::unique_ptr<tfplugin::ProviderServer> NewServer() {
  auto server =
      tfplugin::ProviderServer::Create(std::make_shared<FakeProvider>());
  if (!server.ok()) std::abort();
  return std::move(*server);
}

// The refresh case: prior state, proposed and config all agree (a no-op
// plan), so the generic planner runs fully and keeps the prior state.
void BM_PlanResourceChangeNoOp(benchmark::State& state) {
  auto server = NewServer();
  Type type = StateType();
  Value prior = MailboxState();
  tfplugin6::PlanResourceChange::Request request;
  request.set_type_name("fake_mailbox");
  request.mutable_prior_state()->set_msgpack(*cty::EncodeMsgpack(prior, type));
  request.mutable_proposed_new_state()->set_msgpack(
      *cty::EncodeMsgpack(prior, type));
  request.mutable_config()->set_msgpack(*cty::EncodeMsgpack(prior, type));
  grpc::ServerContext context;
  TimeEachCall(state, [&] {
    tfplugin6::PlanResourceChange::Response response;
    server->PlanResourceChange(&context, &request, &response);
    benchmark::DoNotOptimize(response);
  });
}
BENCHMARK(BM_PlanResourceChangeNoOp);

// A create: null prior, computed attributes planned unknown.
void BM_PlanResourceChangeCreate(benchmark::State& state) {
  auto server = NewServer();
  Type type = StateType();
  Value config = MailboxState();
  for (const char* computed : {"id", "address", "alias_count", "expires_at",
                               "fallback_email", "autorenew", "antispam"}) {
    config =
        config.WithAttr(computed, Value::Null(config.GetAttr(computed).type()));
  }
  tfplugin6::PlanResourceChange::Request request;
  request.set_type_name("fake_mailbox");
  request.mutable_prior_state()->set_msgpack(
      *cty::EncodeMsgpack(Value::Null(type), type));
  request.mutable_proposed_new_state()->set_msgpack(
      *cty::EncodeMsgpack(config, type));
  request.mutable_config()->set_msgpack(*cty::EncodeMsgpack(config, type));
  grpc::ServerContext context;
  TimeEachCall(state, [&] {
    tfplugin6::PlanResourceChange::Response response;
    server->PlanResourceChange(&context, &request, &response);
    benchmark::DoNotOptimize(response);
  });
}
BENCHMARK(BM_PlanResourceChangeCreate);

void BM_ReadResource(benchmark::State& state) {
  auto server = NewServer();
  Type type = StateType();
  tfplugin6::ReadResource::Request request;
  request.set_type_name("fake_mailbox");
  request.mutable_current_state()->set_msgpack(
      *cty::EncodeMsgpack(MailboxState(), type));
  grpc::ServerContext context;
  TimeEachCall(state, [&] {
    tfplugin6::ReadResource::Response response;
    server->ReadResource(&context, &request, &response);
    benchmark::DoNotOptimize(response);
  });
}
BENCHMARK(BM_ReadResource);

}  // namespace
}  // namespace gandimail::bench

BENCHMARK_MAIN();
