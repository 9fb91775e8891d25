// What the provider does when the API misbehaves, through real terraform
// against a sandbox injecting faults: a fifth of requests failing (429
// with Retry-After, 500, dropped connections), writes that take effect
// but lose their answer, terraform interrupted mid-apply, and writes slow
// to show. The invariant throughout: the state holds every object that
// exists and nothing else, nothing is made twice, no slot is bought twice.

#include <dirent.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using nlohmann::json;

constexpr char kDomain[] = "example.com";
constexpr char kPassword[] = "Fault-T0l3rant-99!";

// Fast runs: no client-side pacing, and enough retries that a fifth of
// requests failing cannot exhaust them (0.2^11 per request).
constexpr char kProviderBlock[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {
  max_retries         = 10
  requests_per_minute = 0
}
)";

std::string ForwardHcl(int i, const std::string& timeouts = "10s") {
  return absl::StrCat("resource \"gandimail_forward\" \"f", i, "\" {\n",
                      "  domain       = \"", kDomain, "\"\n",
                      "  source       = \"fwd-", i, "\"\n",
                      "  destinations = [\"dest-", i, "@example.org\"]\n",
                      "  timeouts     = { create = \"", timeouts,
                      "\", delete = \"", timeouts, "\" }\n}\n");
}

std::string SlotHcl(int i) {
  return absl::StrCat("resource \"gandimail_slot\" \"s", i, "\" {\n",
                      "  domain       = \"", kDomain, "\"\n",
                      "  mailbox_type = \"standard\"\n", "  duration     = 1\n",
                      "  timeouts     = { create = \"10s\", delete = "
                      "\"10s\" }\n}\n");
}

std::string MailboxHcl(const std::string& login) {
  return absl::StrCat("resource \"gandimail_mailbox\" \"", login, "\" {\n",
                      "  domain       = \"", kDomain, "\"\n",
                      "  login        = \"", login, "\"\n",
                      "  mailbox_type = \"standard_2023\"\n",
                      "  password     = \"", kPassword, "\"\n",
                      "  timeouts     = { create = \"20s\", update = \"20s\", "
                      "delete = \"20s\" }\n}\n");
}

std::string Config(int forwards, int slots, int mailboxes = 0) {
  std::string hcl = kProviderBlock;
  for (int i = 0; i < forwards; ++i) absl::StrAppend(&hcl, ForwardHcl(i));
  for (int i = 0; i < slots; ++i) absl::StrAppend(&hcl, SlotHcl(i));
  for (int i = 0; i < mailboxes; ++i) {
    absl::StrAppend(&hcl, MailboxHcl(absl::StrCat("box-", i)));
  }
  return hcl;
}

std::string Output(const RunResult& r) { return r.out + r.err; }

struct World {
  explicit World(std::vector<std::string> args = {},
                 json free_slots = json::object())
      : sandbox(std::move(args)), tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain(
        {{"name", kDomain}, {"credit", 100.0}, {"free_slots", free_slots}});
  }
  Sandbox sandbox;
  TerraformDir tf;
};

// What one side (state or sandbox) holds, keyed so that duplicates show.
struct Objects {
  std::multiset<std::string> forwards;   // "source -> destinations"
  std::multiset<std::string> slots;      // bought (refundable) slot ids
  std::multiset<std::string> mailboxes;  // "id login"
};

std::string ForwardKey(const json& forward) {
  std::vector<std::string> destinations = forward["destinations"];
  std::sort(destinations.begin(), destinations.end());
  std::string key = forward["source"].get<std::string>() + " ->";
  for (const std::string& d : destinations) absl::StrAppend(&key, " ", d);
  return key;
}

Objects StateObjects(TerraformDir& tf) {
  Objects objects;
  json shown = tf.ShowState();
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    const json& v = r["values"];
    if (r["type"] == "gandimail_forward")
      objects.forwards.insert(ForwardKey(v));
    if (r["type"] == "gandimail_slot") objects.slots.insert(v["id"]);
    if (r["type"] == "gandimail_mailbox") {
      objects.mailboxes.insert(absl::StrCat(v["id"].get<std::string>(), " ",
                                            v["login"].get<std::string>()));
    }
  }
  return objects;
}

// The committed state: what exists, visible yet or not.
Objects SandboxObjects(Sandbox& sandbox) {
  Objects objects;
  json domain = sandbox.State()["domains"][kDomain];
  for (const json& f : domain["forwards"])
    objects.forwards.insert(ForwardKey(f));
  for (const json& s : domain["slots"]) {
    if (s["refundable"] == true)
      objects.slots.insert(absl::StrCat(s["id"].get<int64_t>()));
  }
  for (const json& m : domain["mailboxes"]) {
    objects.mailboxes.insert(absl::StrCat(m["id"].get<std::string>(), " ",
                                          m["login"].get<std::string>()));
  }
  return objects;
}

// The state and the sandbox hold the same objects, each once.
void ExpectStateMatchesSandbox(World& w, const std::string& when) {
  Objects state = StateObjects(w.tf);
  Objects sandbox = SandboxObjects(w.sandbox);
  EXPECT_EQ(state.forwards, sandbox.forwards) << when;
  EXPECT_EQ(state.slots, sandbox.slots) << when;
  EXPECT_EQ(state.mailboxes, sandbox.mailboxes) << when;
  std::set<std::string> unique(state.forwards.begin(), state.forwards.end());
  EXPECT_EQ(unique.size(), state.forwards.size()) << when;
}

// How often each fault rule hit so far (GET /_sandbox/faults).
std::vector<int64_t> FaultHits(Sandbox& sandbox) {
  httplib::Client client(sandbox.url());
  httplib::Result result = client.Get("/_sandbox/faults");
  std::vector<int64_t> hits;
  if (!result) return hits;
  json rules = json::parse(result->body, nullptr, false)["rules"];
  for (const json& rule : rules) hits.push_back(rule.value("hits", -1));
  return hits;
}

double Credit(Sandbox& sandbox) {
  return sandbox.State()["domains"][kDomain]["credit"].get<double>();
}

// A fifth of API requests fail: 429 with Retry-After 1, 500, or a dropped
// connection, a third each (1 - 0.925^3 = 0.21).
json TwentyPercentFaults(int seed) {
  json rules = json::array();
  rules.push_back({{"route", "*"},
                   {"rate", 0.075},
                   {"kind", "status"},
                   {"status", 429},
                   {"retry_after_s", 1}});
  rules.push_back(
      {{"route", "*"}, {"rate", 0.075}, {"kind", "status"}, {"status", 500}});
  rules.push_back({{"route", "*"}, {"rate", 0.075}, {"kind", "drop"}});
  return {{"seed", seed}, {"rules", rules}};
}

// The summaries of the errors in a terraform output ("Error: ...").
std::vector<std::string> ErrorLines(const std::string& output) {
  std::vector<std::string> errors;
  size_t at = 0;
  while ((at = output.find("Error: ", at)) != std::string::npos) {
    size_t end = output.find('\n', at);
    // A summary follows a blank line; "Error: " elsewhere is inside a
    // wrapped detail.
    if (at == 1 || (at > 1 && output.compare(at - 2, 2, "\n\n") != 0)) {
      at = end;
      continue;
    }
    errors.push_back(output.substr(at, end - at));
    at = end;
  }
  return errors;
}

// Runs `args` until terraform succeeds, at most `tries` times, checking
// after every run that the state matches the sandbox. A create POST is
// sent again at most once, and only after a look-up found nothing
// (never blindly), so a run may fail; the next one finishes the
// work.
// Returns the number of runs it took (tries + 1: it never succeeded) and
// the errors met on the way.
int RunUntilDone(World& w, std::vector<std::string> args, int tries,
                 std::vector<std::string>* errors) {
  for (int run = 1; run <= tries; ++run) {
    RunResult r = w.tf.Run(args);
    ExpectStateMatchesSandbox(w, absl::StrCat(args[0], " run ", run));
    if (r.exit_code == 0) return run;
    for (const std::string& e : ErrorLines(Output(r))) {
      errors->push_back(absl::StrCat(args[0], " run ", run, ": ", e));
    }
    EXPECT_EQ(Output(r).find("Error: Forward Already Exists"),
              std::string::npos)
        << "a forward was posted twice: " << Output(r);
  }
  return tries + 1;
}

// Applies (up to `apply_tries` runs), plans and destroys 100 forwards and
// 3 slots while a fifth of requests fail.
void CycleUnderFaults(int apply_tries) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  constexpr int kForwards = 100;
  constexpr int kSlots = 3;
  w.tf.WriteConfig(Config(kForwards, kSlots));
  ASSERT_EQ(w.sandbox.SetFaults(TwentyPercentFaults(7)).status, 200);

  std::vector<std::string> errors;
  EXPECT_LE(RunUntilDone(w, {"apply", "-auto-approve", "-no-color"},
                         apply_tries, &errors),
            apply_tries)
      << absl::StrJoin(errors, "\n");
  Objects sandbox = SandboxObjects(w.sandbox);
  EXPECT_EQ(sandbox.forwards.size(), size_t{kForwards});
  EXPECT_EQ(sandbox.slots.size(), size_t{kSlots}) << "a slot bought twice";
  EXPECT_NEAR(Credit(w.sandbox), 100.0 - kSlots * 0.35, 1e-6);
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);

  // Deletes are idempotent, so they are retried as they are: one run.
  EXPECT_EQ(
      RunUntilDone(w, {"destroy", "-auto-approve", "-no-color"}, 1, &errors), 1)
      << absl::StrJoin(errors, "\n");
  sandbox = SandboxObjects(w.sandbox);
  EXPECT_TRUE(sandbox.forwards.empty());
  EXPECT_TRUE(sandbox.slots.empty());
  EXPECT_NEAR(Credit(w.sandbox), 100.0, 1e-6);
  // Each kind of fault was met many times, so the runs above proved
  // something.
  for (int64_t hits : FaultHits(w.sandbox)) EXPECT_GE(hits, 5);
}

// Every apply leaves the state equal to what exists; the ones that fail
// (a forward whose POST and its re-send both went unanswered, about 2%;
// a slot whose one purchase did, about 15%) are finished by the next, so
// 6 runs all but always suffice (0.15^6 per object).
TEST(FaultsTest, FifthOfRequestsFailingConvergesWithNothingTwice) {
  CycleUnderFaults(6);
}

// `text` with every run of white space (terraform wraps details) as one
// space.
std::string Flat(const std::string& text) {
  std::string flat;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && !flat.empty() && flat.back() == ' ') continue;
    flat.push_back(space ? ' ' : c);
  }
  return flat;
}

// The fault seed: GANDIMAIL_FAULT_SEED when set (to try others), else
// `fallback`.
int FaultSeed(int fallback) {
  const char* seed = std::getenv("GANDIMAIL_FAULT_SEED");
  return seed != nullptr && *seed != '\0' ? std::atoi(seed) : fallback;
}

size_t Count(const std::vector<std::string>& items, const std::string& item) {
  return std::count(items.begin(), items.end(), item);
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// What one apply gives with a fifth of requests failing. A forward POST
// answered 500 or dropped (about 14% of them) is looked up and, absent,
// sent once more, never twice: a forward fails
// only when both went unanswered (0.144^2, about 2 of 100 each run), and
// then it says so. A slot purchase is never repeated in one apply (the API
// cannot refuse a duplicate purchase), so a slot whose one POST goes
// unanswered fails. "One apply makes all 103" is out of the reach of one
// re-send; every other error (a forward failing on one lost answer, as
// before re-sends) fails this test.
TEST(FaultsTest,
     FifthOfRequestsFailingOneApplyFailsOnlyCreatesUnansweredTwice) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  constexpr int kForwards = 100;
  constexpr int kSlots = 3;
  w.tf.WriteConfig(Config(kForwards, kSlots));
  ASSERT_EQ(w.sandbox.SetFaults(TwentyPercentFaults(FaultSeed(11))).status,
            200);

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  ExpectStateMatchesSandbox(w, "after the one apply");
  std::vector<std::string> errors = ErrorLines(Output(applied));
  size_t forwards_failed =
      Count(errors, "Error: Forward Creation Outcome Unknown");
  size_t slots_failed = Count(errors, "Error: Slot Purchase Outcome Unknown");
  EXPECT_EQ(errors.size(), forwards_failed + slots_failed)
      << absl::StrJoin(errors, "\n");
  EXPECT_EQ(applied.exit_code == 0, errors.empty()) << Output(applied);
  EXPECT_EQ(
      Occurrences(Flat(Output(applied)), "The create request was sent twice"),
      forwards_failed)
      << "a forward failed without its one re-send";
  ::testing::Test::RecordProperty("forwards_failed", forwards_failed);
  ::testing::Test::RecordProperty("slots_failed", slots_failed);
  // P(more than 8 of 100 fail twice) < 0.001.
  EXPECT_LE(forwards_failed, 8u);

  Objects made = SandboxObjects(w.sandbox);
  EXPECT_EQ(made.forwards.size() + forwards_failed, size_t{kForwards});
  EXPECT_EQ(made.slots.size() + slots_failed, size_t{kSlots});
  EXPECT_NEAR(Credit(w.sandbox), 100.0 - made.slots.size() * 0.35, 1e-6)
      << "a slot bought twice";
  for (int64_t hits : FaultHits(w.sandbox)) EXPECT_GE(hits, 5);
}

constexpr char kPostForward[] = "POST /v5/email/forwards/{domain}";
constexpr char kPostMailbox[] = "POST /v5/email/mailboxes/{domain}";
constexpr char kPostSlot[] = "POST /v5/email/slots/{domain}";
constexpr char kPatchMailbox[] =
    "PATCH /v5/email/mailboxes/{domain}/{mailbox_id}";

// How many requests the sandbox received on `route`.
int64_t RequestCount(Sandbox& sandbox, const std::string& route) {
  json routes = sandbox.Requests()["routes"];
  return routes.contains(route) ? routes[route].get<int64_t>() : 0;
}

// A fault rule hitting the first `count` requests to `route`: a 500
// answer (`kind` "status") or any other kind.
json FirstRequests(const std::string& route, const std::string& kind,
                   int count) {
  json rule = {{"route", route}, {"kind", kind}, {"count", count}};
  if (kind == "status") rule["status"] = 500;
  return rule;
}

void SetRules(Sandbox& sandbox, json rules) {
  ASSERT_EQ(
      sandbox.SetFaults({{"seed", 1}, {"rules", std::move(rules)}}).status,
      200);
}

// A mailbox whose create needs its follow-up PATCH (the responder).
std::string MailboxWithResponderHcl(const std::string& login) {
  return absl::StrCat(
      "resource \"gandimail_mailbox\" \"", login, "\" {\n",
      "  domain       = \"", kDomain, "\"\n", "  login        = \"", login,
      "\"\n", "  mailbox_type = \"standard_2023\"\n", "  password     = \"",
      kPassword, "\"\n",
      "  responder    = { enabled = true, message = \"Away\" }\n",
      "  timeouts     = { create = \"10s\" }\n}\n");
}

// The plan's Dry-Run of a mailbox create uses the create's route, once at
// plan and once when terraform plans again at apply, and is retried as it
// is (nothing is carried out). A rule refusing those two with 400 (the
// plan goes on with a warning) comes first, so that `rule` hits the
// create itself.
constexpr int kMailboxDryRuns = 2;
json MailboxCreateRules(std::vector<json> rules) {
  json all = json::array();
  all.push_back({{"route", kPostMailbox},
                 {"kind", "status"},
                 {"status", 400},
                 {"count", kMailboxDryRuns}});
  for (json& rule : rules) all.push_back(std::move(rule));
  return all;
}

// The create POSTs on the mailbox route: all of them but the Dry-Runs.
int64_t MailboxCreatePosts(Sandbox& sandbox, int applies = 1) {
  return RequestCount(sandbox, kPostMailbox) - applies * kMailboxDryRuns;
}

// The POST of each type takes effect, then its connection drops: the
// provider must find the object it made instead of making another.
TEST(FaultsTest, WriteThatTookEffectWithoutAnswerIsTrackedOnce) {
  World w({}, {{"standard_2023", 1}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  std::vector<json> rules;
  for (const char* route : {kPostSlot, kPostForward, kPostMailbox}) {
    rules.push_back(FirstRequests(route, "after_effect", 1));
  }
  SetRules(w.sandbox, MailboxCreateRules(std::move(rules)));
  w.tf.WriteConfig(Config(1, 1, 1));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox),
            (std::vector<int64_t>{kMailboxDryRuns, 1, 1, 1}));
  EXPECT_EQ(RequestCount(w.sandbox, kPostSlot), 1);
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 1);
  EXPECT_EQ(MailboxCreatePosts(w.sandbox), 1);
  w.sandbox.SetFaults({{"rules", json::array()}});
  Objects sandbox = SandboxObjects(w.sandbox);
  EXPECT_EQ(sandbox.forwards.size(), 1u);
  EXPECT_EQ(sandbox.slots.size(), 1u);
  EXPECT_EQ(sandbox.mailboxes.size(), 1u);
  ExpectStateMatchesSandbox(w, "after the apply");
  EXPECT_NEAR(Credit(w.sandbox), 100.0 - 0.35, 1e-6);

  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

json SandboxMailboxes(Sandbox& sandbox) {
  return sandbox.State()["domains"][kDomain]["mailboxes"];
}

// A forward create answered 500 made nothing: the provider finds no
// forward, sends the POST once more, and the one apply succeeds.
TEST(FaultsTest, ForwardCreateAnswered500IsSentAgainOnceInTheSameApply) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostForward, "status", 1)});
  w.tf.WriteConfig(Config(1, 0));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox), (std::vector<int64_t>{1}));
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 2);
  EXPECT_EQ(SandboxObjects(w.sandbox).forwards,
            (std::multiset<std::string>{"fwd-0 -> dest-0@example.org"}));
  ExpectStateMatchesSandbox(w, "after the apply");
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

// The forward POST took effect and its answer was lost: the look-up finds
// it and the provider adopts it, with no second POST.
TEST(FaultsTest, ForwardMadeWithoutAnswerIsAdoptedWithOnePost) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostForward, "after_effect", 1)});
  w.tf.WriteConfig(Config(1, 0));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox), (std::vector<int64_t>{1}));
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 1);
  EXPECT_EQ(SandboxObjects(w.sandbox).forwards,
            (std::multiset<std::string>{"fwd-0 -> dest-0@example.org"}));
  ExpectStateMatchesSandbox(w, "after the apply");
}

// The lost create shows only 2 s later: the look-up waits for it rather
// than re-sending at once.
TEST(FaultsTest, ForwardMadeWithoutAnswerShowingLateIsAdoptedWithOnePost) {
  World w({"--visibility-delay-ms", "2000"});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostForward, "after_effect", 1)});
  w.tf.WriteConfig(Config(1, 0));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 1);
  EXPECT_EQ(SandboxObjects(w.sandbox).forwards.size(), 1u);
  ExpectStateMatchesSandbox(w, "after the apply");
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

// The lost create shows only after the look-up gave up (6 s, against half
// of a 10 s timeout): the re-sent POST is refused with 409, which tells
// that the first made it; the provider then waits for it and adopts it.
TEST(FaultsTest, ForwardShowingAfterTheLookUpIsAdoptedOnTheResendsConflict) {
  World w({"--visibility-delay-ms", "6000"});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostForward, "after_effect", 1)});
  w.tf.WriteConfig(Config(1, 0));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 2);
  EXPECT_EQ(SandboxObjects(w.sandbox).forwards,
            (std::multiset<std::string>{"fwd-0 -> dest-0@example.org"}));
  ExpectStateMatchesSandbox(w, "after the apply");
}

// A mailbox create answered 500 is sent again once, and the create still
// ends with its follow-up PATCH (the responder).
TEST(FaultsTest, MailboxCreateAnswered500IsSentAgainOnceAndFinished) {
  World w({}, {{"standard_2023", 1}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox,
           MailboxCreateRules({FirstRequests(kPostMailbox, "status", 1)}));
  w.tf.WriteConfig(
      absl::StrCat(kProviderBlock, MailboxWithResponderHcl("alice")));
  const std::string log_path = w.tf.path() + "/provider.log";
  w.tf.SetEnv("TF_LOG_PROVIDER", "debug");
  w.tf.SetEnv("TF_LOG_PATH", log_path);

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox), (std::vector<int64_t>{kMailboxDryRuns, 1}));
  EXPECT_EQ(MailboxCreatePosts(w.sandbox), 2);
  // Each step is logged, and no line holds the password or the token.
  std::string log = ReadFile(log_path);
  for (const char* step : {"create: no clear answer; looking for the object",
                           "create: the object does not show; sending the "
                           "POST again"}) {
    EXPECT_EQ(Occurrences(log, step), 1u) << step;
  }
  EXPECT_EQ(log.find(kPassword), std::string::npos);
  EXPECT_EQ(log.find(Sandbox::kToken), std::string::npos);
  EXPECT_EQ(RequestCount(w.sandbox, kPatchMailbox), 1);
  json mailboxes = SandboxMailboxes(w.sandbox);
  ASSERT_EQ(mailboxes.size(), 1u);
  EXPECT_EQ(mailboxes[0]["login"], "alice");
  EXPECT_EQ(mailboxes[0]["responder"]["enabled"], true);
  EXPECT_EQ(mailboxes[0]["responder"]["message"], "Away");
  ExpectStateMatchesSandbox(w, "after the apply");
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

// The mailbox POST took effect and its answer was lost: the mailbox is
// found by login, adopted with one POST, and gets its responder PATCH.
TEST(FaultsTest, MailboxMadeWithoutAnswerIsAdoptedWithOnePostAndFinished) {
  World w({}, {{"standard_2023", 1}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, MailboxCreateRules(
                          {FirstRequests(kPostMailbox, "after_effect", 1)}));
  w.tf.WriteConfig(
      absl::StrCat(kProviderBlock, MailboxWithResponderHcl("alice")));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox), (std::vector<int64_t>{kMailboxDryRuns, 1}));
  EXPECT_EQ(MailboxCreatePosts(w.sandbox), 1);
  EXPECT_EQ(RequestCount(w.sandbox, kPatchMailbox), 1);
  json mailboxes = SandboxMailboxes(w.sandbox);
  ASSERT_EQ(mailboxes.size(), 1u);
  EXPECT_EQ(mailboxes[0]["responder"]["enabled"], true);
  ExpectStateMatchesSandbox(w, "after the apply");
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
}

// Both the POST and its one re-send are answered 500: the apply fails,
// saying that the object may or may not exist and how to check, with no
// third POST and nothing made or recorded.
TEST(FaultsTest, CreateAnswered500TwiceFailsSayingItMayExistWithNoThirdPost) {
  World w({}, {{"standard_2023", 1}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox,
           MailboxCreateRules({FirstRequests(kPostMailbox, "status", 2),
                               FirstRequests(kPostForward, "status", 2)}));
  w.tf.WriteConfig(absl::StrCat(kProviderBlock, ForwardHcl(0),
                                MailboxWithResponderHcl("alice")));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_NE(applied.exit_code, 0) << Output(applied);
  std::string out = Flat(Output(applied));
  EXPECT_NE(out.find("Error: Forward Creation Outcome Unknown"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Error: Mailbox Creation Outcome Unknown"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("may or may not exist"), std::string::npos) << out;
  EXPECT_NE(out.find("terraform import"), std::string::npos) << out;
  EXPECT_NE(out.find("(ID fwd-0@example.com)"), std::string::npos) << out;
  EXPECT_EQ(FaultHits(w.sandbox),
            (std::vector<int64_t>{kMailboxDryRuns, 2, 2}));
  EXPECT_EQ(RequestCount(w.sandbox, kPostForward), 2);
  EXPECT_EQ(MailboxCreatePosts(w.sandbox), 2);
  EXPECT_TRUE(SandboxObjects(w.sandbox).forwards.empty());
  EXPECT_TRUE(SandboxMailboxes(w.sandbox).empty());
  ExpectStateMatchesSandbox(w, "after the failed apply");

  // Nothing was made, so the next apply creates each once.
  RunResult again = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(again.exit_code, 0) << Output(again);
  EXPECT_EQ(SandboxObjects(w.sandbox).forwards.size(), 1u);
  EXPECT_EQ(SandboxMailboxes(w.sandbox).size(), 1u);
  ExpectStateMatchesSandbox(w, "after the second apply");
}

// A purchase answered 500 is never repeated in the same apply (the API
// cannot refuse a duplicate purchase, so a slow-to-show one would be
// bought twice): the apply fails after polling the slot list, having
// bought nothing; the next apply buys one slot.
TEST(FaultsTest, SlotPurchaseAnswered500IsNotRepeatedInTheSameApply) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostSlot, "status", 1)});
  w.tf.WriteConfig(Config(0, 1));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_NE(applied.exit_code, 0) << Output(applied);
  EXPECT_NE(Output(applied).find("Error: Slot Purchase Outcome Unknown"),
            std::string::npos)
      << Output(applied);
  EXPECT_EQ(RequestCount(w.sandbox, kPostSlot), 1);
  EXPECT_TRUE(SandboxObjects(w.sandbox).slots.empty());
  EXPECT_NEAR(Credit(w.sandbox), 100.0, 1e-6);
  ExpectStateMatchesSandbox(w, "after the failed apply");

  RunResult again = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(again.exit_code, 0) << Output(again);
  EXPECT_EQ(RequestCount(w.sandbox, kPostSlot), 2);
  EXPECT_EQ(SandboxObjects(w.sandbox).slots.size(), 1u);
  EXPECT_NEAR(Credit(w.sandbox), 100.0 - 0.35, 1e-6);
  ExpectStateMatchesSandbox(w, "after the second apply");
}

// Two purchases in one domain run one after the other. The first is
// answered 500 and polls the slot list for its whole timeout; the second
// takes effect but loses its answer, and its slot shows 3 s later. It
// still gets its own whole timeout to find it, so the slot bought is
// tracked (not left untracked for the next apply to buy again).
TEST(FaultsTest, LostPurchaseQueuedBehindAnotherStillFindsItsSlot) {
  World w({"--visibility-delay-ms", "3000"});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  SetRules(w.sandbox, {FirstRequests(kPostSlot, "status", 1),
                       FirstRequests(kPostSlot, "after_effect", 1)});
  w.tf.WriteConfig(Config(0, 2));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_NE(applied.exit_code, 0) << Output(applied);
  EXPECT_EQ(ErrorLines(Output(applied)),
            (std::vector<std::string>{"Error: Slot Purchase Outcome Unknown"}))
      << Output(applied);
  EXPECT_EQ(FaultHits(w.sandbox), (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(RequestCount(w.sandbox, kPostSlot), 2);
  EXPECT_EQ(SandboxObjects(w.sandbox).slots.size(), 1u);
  ExpectStateMatchesSandbox(w, "after the apply");
}

// The pid of the terraform process working in `dir`, or 0.
pid_t TerraformPid(const std::string& dir) {
  char resolved[4096];
  if (realpath(dir.c_str(), resolved) == nullptr) return 0;
  DIR* proc = opendir("/proc");
  pid_t found = 0;
  while (dirent* entry = proc == nullptr ? nullptr : readdir(proc)) {
    std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string comm = ReadFile("/proc/" + pid + "/comm");
    char cwd[4096];
    ssize_t n = readlink(("/proc/" + pid + "/cwd").c_str(), cwd, sizeof(cwd));
    if (comm == "terraform\n" && n > 0 && std::string(cwd, n) == resolved) {
      found = std::stoi(pid);
      break;
    }
  }
  if (proc != nullptr) closedir(proc);
  return found;
}

size_t SandboxForwardCount(Sandbox& sandbox) {
  return sandbox.State()["domains"][kDomain]["forwards"].size();
}

// Ctrl-C in the middle of an apply: terraform stops the provider, which
// lets the requests in flight finish; whatever was made is in the state.
TEST(FaultsTest, InterruptedApplyRecordsEveryObjectAndConvergesAfter) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  constexpr int kForwards = 100;
  w.tf.WriteConfig(Config(kForwards, 0));
  json slow = {{"rules", {{{"route", "*"}, {"kind", "latency"}, {"ms", 100}}}}};
  ASSERT_EQ(w.sandbox.SetFaults(slow).status, 200);

  RunResult interrupted;
  std::thread apply([&] {
    interrupted = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  });
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (SandboxForwardCount(w.sandbox) < 20 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  pid_t terraform = TerraformPid(w.tf.path());
  ASSERT_NE(terraform, 0);
  kill(terraform, SIGINT);
  apply.join();

  EXPECT_NE(interrupted.exit_code, 0) << Output(interrupted);
  size_t made = SandboxForwardCount(w.sandbox);
  EXPECT_GE(made, 20u);
  EXPECT_LT(made, size_t{kForwards}) << "the interrupt came too late";
  ExpectStateMatchesSandbox(w, "after the interrupt");

  w.sandbox.SetFaults({{"rules", json::array()}});
  RunResult again = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  EXPECT_EQ(again.exit_code, 0) << Output(again);
  EXPECT_EQ(SandboxForwardCount(w.sandbox), size_t{kForwards});
  ExpectStateMatchesSandbox(w, "after the second apply");
}

// Writes show to reads only 2 s later: the apply waits for them, so a plan
// right after it is empty and the state holds the objects made.
TEST(FaultsTest, SlowVisibilityApplyThenImmediatePlanIsEmpty) {
  World w({"--visibility-delay-ms", "2000"}, {{"standard_2023", 1}});
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(Config(5, 1, 1));

  RunResult applied = w.tf.Run({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
  ExpectStateMatchesSandbox(w, "after the apply");
  Objects sandbox = SandboxObjects(w.sandbox);
  EXPECT_EQ(sandbox.forwards.size(), 5u);
  EXPECT_EQ(sandbox.slots.size(), 1u);
  EXPECT_EQ(sandbox.mailboxes.size(), 1u);

  RunResult destroyed = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  EXPECT_EQ(destroyed.exit_code, 0) << Output(destroyed);
  RunResult after = w.tf.PlanDetailed({"-destroy"});
  EXPECT_EQ(after.exit_code, 0) << Output(after);
  EXPECT_TRUE(SandboxObjects(w.sandbox).forwards.empty());
}

}  // namespace
}  // namespace gandimail::testing
