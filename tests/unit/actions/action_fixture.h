#ifndef GANDIMAIL_TESTS_UNIT_ACTIONS_ACTION_FIXTURE_H_
#define GANDIMAIL_TESTS_UNIT_ACTIONS_ACTION_FIXTURE_H_

// The gandimail provider behind an in-process tfplugin6 service, and a
// private sandbox seeded with a few domains, for the action tests.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "internal/cty/value.h"
#include "nlohmann/json.hpp"
#include "src/provider.h"
#include "tests/harness/in_process.h"
#include "tests/harness/sandbox.h"
#include "tfplugin6.pb.h"

namespace gandimail::actions {

// Seeded mailboxes (see action_fixture.cc for the whole seed).
// alice@example.com: standard_2023, 2048 used; example.com holds 100 EUR.
inline constexpr char kAliceId[] = "066743e5-96e4-4a1d-9195-8b8a700a8a79";
inline constexpr char kAliceExpiry[] = "2030-01-15T10:00:00Z";
// bob@example.com: premium_2023.
inline constexpr char kBobId[] = "7f1c2a9e-0b3d-4c5e-8f60-1a2b3c4d5e6f";
// dora@poor.example: poor.example holds 0.10 EUR, too little to renew.
inline constexpr char kDoraId[] = "1d0c9e8f-2a3b-4c5d-9e6f-0a1b2c3d4e5f";
// carol@pack.example: pack.example is on packmail.
inline constexpr char kCarolId[] = "5b6a7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
// A UUID no mailbox has.
inline constexpr char kNoSuchId[] = "00000000-0000-4000-8000-000000000000";
// empty.example has no mailboxes.

class ActionTest : public ::testing::Test {
 protected:
  // `sandbox_args` are added to the sandbox's command line.
  explicit ActionTest(std::vector<std::string> sandbox_args = {});

  void SetUp() override;

  // The config of `type` with `attributes` set and every other one null.
  cty::Value Config(const std::string& type,
                    std::map<std::string, cty::Value> attributes);

  tfplugin6::ValidateActionConfig::Response Validate(const std::string& type,
                                                     const cty::Value& config);
  tfplugin6::PlanAction::Response Plan(const std::string& type,
                                       const cty::Value& config);
  // Every event of the stream; the gRPC status must be OK.
  std::vector<tfplugin6::InvokeAction::Event> Invoke(const std::string& type,
                                                     const cty::Value& config);
  void StopProvider();
  // Stops the provider 300 ms after the sandbox first counts a request for
  // `route` (or after 10 s), on a thread the caller joins: cuts short a
  // wait for an effect that will not show.
  std::thread StopAfterFirst(const std::string& route);

  // The seeded domain `name` as the sandbox holds it now.
  nlohmann::json Domain(const std::string& name);
  // The mailbox `id` of `domain` in the sandbox's state (null if none).
  nlohmann::json Mailbox(const std::string& domain, const std::string& id);
  // How many requests the sandbox received for "METHOD template".
  int Count(const std::string& route);
  // Every request the sandbox received, by route.
  nlohmann::json Routes();

  // Makes the sandbox answer `route` with `kind` (status 500 etc.).
  void Fault(const std::string& route, nlohmann::json rule);

  std::string seed_path_;
  std::unique_ptr<testing::Sandbox> sandbox_;
  std::shared_ptr<GandiMailProvider> provider_;
  std::unique_ptr<testing::InProcessProvider> server_;
  // False leaves the provider unconfigured.
  bool configure_ = true;
};

// The texts of every progress event, and the completed event's
// diagnostics; both empty when the stream was malformed (which fails the
// test).
struct InvokeResult {
  std::vector<std::string> progress;
  std::vector<tfplugin6::Diagnostic> diagnostics;
  int completed_events = 0;
};
InvokeResult Summarize(const std::vector<tfplugin6::InvokeAction::Event>& e);

// Severity names and summaries of `diagnostics`, for one-line assertions.
std::vector<std::string> Summaries(
    const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d);
std::vector<std::string> Summaries(const std::vector<tfplugin6::Diagnostic>& d);

// The attribute name of `diagnostic`'s path, or "" without one.
std::string PathOf(const tfplugin6::Diagnostic& diagnostic);

// Months between two sandbox date-times, rounded to the nearest.
int MonthsBetween(const std::string& from, const std::string& to);

}  // namespace gandimail::actions

#endif  // GANDIMAIL_TESTS_UNIT_ACTIONS_ACTION_FIXTURE_H_
