// gandimail_mailbox and data "gandimail_mailbox" / "gandimail_mailboxes"
// through real terraform against a private sandbox: the acceptance cycle
// (apply, empty plan, import both ways, update in place, refused type
// change, drift, destroy), write-only passwords, refusals before any
// request, and no password in any output or provider log.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tests/harness/process.h"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "Sup3r-S3cret-1!";
constexpr char kOtherPassword[] = "An0ther-P4ss-99?";
constexpr char kAddress[] = "gandimail_mailbox.alice";

constexpr char kProviderBlock[] = R"(
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}

provider "gandimail" {}
)";

// A mailbox "alice" resource with `body` inside (domain is fixed).
std::string MailboxHcl(const std::string& body) {
  return absl::StrCat(kProviderBlock,
                      "resource \"gandimail_mailbox\" \"alice\" {\n"
                      "  domain = \"example.com\"\n",
                      body,
                      "  timeouts = { create = \"30s\", update = \"30s\", "
                      "delete = \"30s\" }\n}\n");
}

std::string Basic(const std::string& login, const std::string& type,
                  const std::string& extra = "") {
  return MailboxHcl(absl::StrCat("  login = \"", login, "\"\n",
                                 "  mailbox_type = \"", type, "\"\n",
                                 "  password = \"", kPassword, "\"\n", extra));
}

constexpr char kFullExtras[] = R"(
  aliases = ["bob", "bob*"]
  responder = {
    enabled   = true
    message   = "Away until the 10th."
    starts_at = "2030-01-01T12:00:00+02:00"
    ends_at   = "2030-01-10T00:00:00Z"
  }
  autorenew = { enabled = true, duration = 1 }
)";

// The same, with dates in the API's own form so that an import can match.
constexpr char kFullExtrasUtc[] = R"(
  aliases = ["bob", "bob*"]
  responder = {
    enabled   = true
    message   = "Away until the 10th."
    starts_at = "2030-01-01T10:00:00Z"
    ends_at   = "2030-01-10T00:00:00Z"
  }
  autorenew = { enabled = true, duration = 1 }
)";

struct World {
  explicit World(json free_slots = {{"standard_2023", 2}},
                 std::vector<std::string> args = {})
      : sandbox(std::move(args)), tf(sandbox.url(), Sandbox::kToken) {
    sandbox.AddDomain({{"name", "example.com"}, {"free_slots", free_slots}});
  }
  Sandbox sandbox;
  TerraformDir tf;
};

std::string Output(const RunResult& r) { return r.out + r.err; }

RunResult Apply(TerraformDir& tf) {
  return tf.Run({"apply", "-auto-approve", "-no-color"});
}

json ResourceValues(const json& shown, const std::string& address) {
  for (const json& r : shown["values"]["root_module"]["resources"]) {
    if (r["address"] == address) return r["values"];
  }
  return json();
}

json StateOf(TerraformDir& tf) {
  return ResourceValues(tf.ShowState(), kAddress);
}

json SandboxMailboxes(Sandbox& sandbox) {
  return sandbox.State()["domains"]["example.com"]["mailboxes"];
}

json PlannedActions(TerraformDir& tf) {
  RunResult plan = tf.Run({"plan", "-out=tfplan", "-no-color"});
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
  RunResult shown = tf.Run({"show", "-json", "tfplan"});
  json plan_json = json::parse(shown.out, nullptr, false);
  json actions = json::array();
  for (const json& change : plan_json["resource_changes"]) {
    if (change["address"] == kAddress) actions = change["change"]["actions"];
  }
  return actions;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MailboxTest, CreateWithAliasesResponderAutorenewThenPlanIsEmpty) {
  World w;
  ASSERT_EQ(w.sandbox.startup_error(), "");
  w.tf.WriteConfig(Basic("alice", "standard_2023", kFullExtras));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  json mailboxes = SandboxMailboxes(w.sandbox);
  ASSERT_EQ(mailboxes.size(), 1u);
  const json& m = mailboxes[0];
  EXPECT_EQ(m["aliases"], json({"bob", "bob*"}));
  EXPECT_EQ(m["responder"]["enabled"], true);
  EXPECT_EQ(m["responder"]["starts_at"], "2030-01-01T10:00:00Z");
  EXPECT_EQ(m["autorenew"]["enabled"], true);
  EXPECT_EQ(m["autorenew"]["duration"], 1);

  json state = StateOf(w.tf);
  EXPECT_EQ(state["id"], m["id"]);
  EXPECT_EQ(state["address"], "alice@example.com");
  EXPECT_EQ(state["alias_count"], 2);
  EXPECT_EQ(state["responder"]["starts_at"], "2030-01-01T12:00:00+02:00");
  EXPECT_EQ(state["antispam"], true);
  EXPECT_NE(state["expires_at"], "");

  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 0) << Output(plan);
  RunResult unrefreshed = w.tf.PlanDetailed({"-refresh=false"});
  EXPECT_EQ(unrefreshed.exit_code, 0) << Output(unrefreshed);
}

// Import exceptions (documented): password, password_wo_version, timeouts.
void ExpectSameExceptImportIgnores(json applied, json imported) {
  for (const char* ignored : {"password", "password_wo_version", "timeouts"}) {
    applied.erase(ignored);
    imported.erase(ignored);
  }
  EXPECT_EQ(applied, imported);
}

TEST(MailboxTest, ImportByIdAndByAddressReproducesState) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023", kFullExtrasUtc));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  json applied = StateOf(w.tf);
  std::string id = applied["id"];

  ASSERT_EQ(w.tf.Run({"state", "rm", kAddress}).exit_code, 0);
  RunResult imported =
      w.tf.Run({"import", "-no-color", kAddress, "example.com/" + id});
  ASSERT_EQ(imported.exit_code, 0) << Output(imported);
  ExpectSameExceptImportIgnores(applied, StateOf(w.tf));
  EXPECT_TRUE(StateOf(w.tf)["password"].is_null());

  // The password in config is one in-place update, which applies cleanly.
  EXPECT_EQ(PlannedActions(w.tf), json({"update"}));
  RunResult updated = Apply(w.tf);
  ASSERT_EQ(updated.exit_code, 0) << Output(updated);
  EXPECT_TRUE(Contains(updated.out, "1 changed")) << updated.out;
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  ASSERT_EQ(w.tf.Run({"state", "rm", kAddress}).exit_code, 0);
  imported = w.tf.Run({"import", "-no-color", kAddress, "alice@example.com"});
  ASSERT_EQ(imported.exit_code, 0) << Output(imported);
  ExpectSameExceptImportIgnores(applied, StateOf(w.tf));
}

TEST(MailboxTest, ImportRefusesOtherIdsWithTheExpectedForms) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023"));
  RunResult imported = w.tf.Run({"import", "-no-color", kAddress, "alice"});
  EXPECT_NE(imported.exit_code, 0);
  EXPECT_TRUE(
      Contains(Output(imported), "expected \"<domain>/<mailbox uuid>\""))
      << Output(imported);
}

TEST(MailboxTest, LoginRenamesInPlace) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  std::string id = StateOf(w.tf)["id"];

  w.tf.WriteConfig(Basic("alice.doe", "standard_2023"));
  EXPECT_EQ(PlannedActions(w.tf), json({"update"}));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  json m = SandboxMailboxes(w.sandbox)[0];
  EXPECT_EQ(m["id"], id);
  EXPECT_EQ(m["login"], "alice.doe");
  EXPECT_EQ(StateOf(w.tf)["address"], "alice.doe@example.com");
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(MailboxTest, Standard2023ToPremium2023UpdatesInPlace) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  json before = StateOf(w.tf);

  w.tf.WriteConfig(Basic("alice", "premium_2023"));
  EXPECT_EQ(PlannedActions(w.tf), json({"update"}));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);

  json m = SandboxMailboxes(w.sandbox)[0];
  EXPECT_EQ(m["mailbox_type"], "premium_2023");
  json after = StateOf(w.tf);
  EXPECT_EQ(after["id"], before["id"]);
  EXPECT_EQ(after["expires_at"], m["expires_at"]);
  EXPECT_NE(after["expires_at"], before["expires_at"]);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(MailboxTest, DeprecatedTypeNameIsAcceptedWithoutDrift) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_new"));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  EXPECT_TRUE(Contains(applied.out, "Deprecated Mailbox Type")) << applied.out;

  EXPECT_EQ(SandboxMailboxes(w.sandbox)[0]["mailbox_type"], "standard_2023");
  EXPECT_EQ(StateOf(w.tf)["mailbox_type"], "standard_new");
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(MailboxTest, StandardToPremiumIsRefusedAtPlanAndTaintReplaces) {
  World w(json{{"standard", 1}, {"premium", 1}});
  w.tf.WriteConfig(Basic("alice", "standard"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  std::string id = StateOf(w.tf)["id"];

  w.tf.WriteConfig(Basic("alice", "premium"));
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_TRUE(Contains(plan.err, "Mailbox Type Cannot Change In Place"))
      << Output(plan);
  EXPECT_TRUE(Contains(plan.err, "terraform taint")) << plan.err;
  EXPECT_TRUE(Contains(plan.err, "-replace=ADDRESS")) << plan.err;
  EXPECT_EQ(SandboxMailboxes(w.sandbox)[0]["id"], id);

  // The way the hint gives, on purpose: the mailbox is replaced.
  ASSERT_EQ(w.tf.Run({"taint", kAddress}).exit_code, 0);
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  json mailboxes = SandboxMailboxes(w.sandbox);
  ASSERT_EQ(mailboxes.size(), 1u);
  EXPECT_NE(mailboxes[0]["id"], id);
  EXPECT_EQ(mailboxes[0]["mailbox_type"], "premium");
}

TEST(MailboxTest, DomainChangeWarnsThatMailIsDeleted) {
  World w;
  w.sandbox.AddDomain(
      {{"name", "example.org"}, {"free_slots", {{"standard_2023", 1}}}});
  w.tf.WriteConfig(Basic("alice", "standard_2023"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);

  std::string config = Basic("alice", "standard_2023");
  config.replace(config.find("example.com"), 11, "example.org");
  w.tf.WriteConfig(config);
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 2) << Output(plan);
  EXPECT_TRUE(Contains(plan.out,
                       "Mailbox Will Be Replaced, Its Mail Deleted: "
                       "alice@example.com"))
      << plan.out;
  EXPECT_TRUE(Contains(plan.out, "must be replaced")) << plan.out;
}

TEST(MailboxTest, DriftMadeThroughTheApiShowsInTheNextPlan) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023", "  aliases = [\"bob\"]\n"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  std::string id = StateOf(w.tf)["id"];
  std::string path = "/v5/email/mailboxes/example.com/" + id;

  ASSERT_EQ(w.sandbox.Api("PATCH", path, R"({"aliases": ["carol"]})").status,
            202);
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 2) << Output(plan);
  EXPECT_TRUE(Contains(plan.out, "carol")) << plan.out;
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  EXPECT_EQ(SandboxMailboxes(w.sandbox)[0]["aliases"], json({"bob"}));

  ASSERT_EQ(w.sandbox.Api("DELETE", path).status, 202);
  plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 2) << Output(plan);
  EXPECT_TRUE(Contains(plan.out, "will be created")) << plan.out;
}

TEST(MailboxTest, DestroyEmptiesTheDomainAndFreesTheSlot) {
  World w(json{{"standard_2023", 1}});
  w.tf.WriteConfig(Basic("alice", "standard_2023"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  RunResult destroyed = w.tf.Run({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(destroyed.exit_code, 0) << Output(destroyed);

  json domain = w.sandbox.State()["domains"]["example.com"];
  EXPECT_TRUE(domain["mailboxes"].empty()) << domain.dump();
  ASSERT_EQ(domain["slots"].size(), 1u);
  EXPECT_TRUE(domain["slots"][0]["mailbox_id"].is_null()) << domain.dump();
}

TEST(MailboxTest, PasswordWoIsSentAtCreateAndWhenItsVersionChanges) {
  World w;
  auto config = [](const std::string& password, int version) {
    return MailboxHcl(absl::StrCat(
        "  login = \"alice\"\n  mailbox_type = \"standard_2023\"\n",
        "  password_wo = \"", password, "\"\n",
        "  password_wo_version = ", version, "\n"));
  };
  w.tf.WriteConfig(config(kPassword, 1));
  RunResult applied = Apply(w.tf);
  ASSERT_EQ(applied.exit_code, 0) << Output(applied);
  std::string first = SandboxMailboxes(w.sandbox)[0]["password_sha256"];
  EXPECT_TRUE(StateOf(w.tf)["password_wo"].is_null());

  // A new write-only value alone is not seen: nothing to plan.
  w.tf.WriteConfig(config(kOtherPassword, 1));
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  w.tf.WriteConfig(config(kOtherPassword, 2));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  std::string second = SandboxMailboxes(w.sandbox)[0]["password_sha256"];
  EXPECT_NE(second, first);
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(MailboxTest, BadInputsFailAtValidateWithoutAnyRequest) {
  World w;
  struct Case {
    std::string config;
    std::string expected;
  };
  std::vector<Case> cases = {
      {MailboxHcl("  login = \"alice\"\n  mailbox_type = \"standard\"\n"
                  "  password = \"weakpassword\"\n"),
       "Invalid Mailbox Password"},
      {Basic("alice", "standard", "  aliases = [\"b*\"]\n"),
       "Invalid Mailbox Alias"},
      {Basic("", "standard"), "Invalid Mailbox Login"},
      {Basic("alice", "gold"), "\"gold\" is not allowed here"},
      {Basic("alice", "standard",
             absl::StrCat("  password_wo = \"", kOtherPassword, "\"\n")),
       "Conflicting Mailbox Passwords"},
  };
  for (const Case& c : cases) {
    w.tf.WriteConfig(c.config);
    RunResult plan = w.tf.PlanDetailed();
    EXPECT_EQ(plan.exit_code, 1) << c.expected;
    EXPECT_TRUE(Contains(plan.err, c.expected)) << Output(plan);
    EXPECT_TRUE(Contains(plan.err, "gandimail_mailbox.alice")) << plan.err;
    // Terraform quotes the source line itself; the diagnostic never does.
    std::string text = Output(plan);
    size_t first = text.find("weakpassword");
    EXPECT_TRUE(first == std::string::npos ||
                text.find("weakpassword", first + 1) == std::string::npos)
        << text;
  }
  EXPECT_EQ(w.sandbox.Requests()["total"], 0) << w.sandbox.Requests().dump();
}

TEST(MailboxTest, UnavailableSlotIsOnlyAWarningAtPlan) {
  World w(json::object());
  w.tf.WriteConfig(Basic("alice", "premium_2023"));
  RunResult plan = w.tf.PlanDetailed();
  EXPECT_EQ(plan.exit_code, 2) << Output(plan);
  EXPECT_TRUE(Contains(plan.out, "Mailbox Cannot Be Created Yet")) << plan.out;
  EXPECT_TRUE(SandboxMailboxes(w.sandbox).empty());
}

// A mailbox that exists before the apply is refused with the way to import
// it, without a create request: were it created blind, a lost answer would
// make the provider adopt the existing mailbox as its own.
TEST(MailboxTest, ExistingLoginIsRefusedWithoutACreateRequest) {
  World w;
  json body = {{"login", "alice"},
               {"mailbox_type", "standard_2023"},
               {"password", kPassword}};
  ASSERT_EQ(
      w.sandbox.Api("POST", "/v5/email/mailboxes/example.com", body.dump())
          .status,
      202);
  w.sandbox.ResetRequests();
  w.tf.WriteConfig(Basic("alice", "standard_2023"));

  RunResult applied = Apply(w.tf);

  EXPECT_EQ(applied.exit_code, 1);
  EXPECT_TRUE(Contains(applied.err, "Mailbox Already Exists")) << applied.err;
  EXPECT_TRUE(Contains(applied.err, "alice@example.com")) << applied.err;
  // The route's two requests are the Dry-Runs of the apply's planning; a
  // create would be a third.
  json routes = w.sandbox.Requests()["routes"];
  EXPECT_EQ(routes["POST /v5/email/mailboxes/{domain}"], 2) << routes.dump();
  EXPECT_EQ(SandboxMailboxes(w.sandbox).size(), 1u);
}

TEST(MailboxTest, FailedPatchAfterCreateKeepsTheMailboxTainted) {
  World w;
  w.tf.WriteConfig(Basic("alice", "standard_2023", kFullExtras));
  w.sandbox.SetFaults(
      {{"rules",
        {{{"route", "PATCH /v5/email/mailboxes/{domain}/{mailbox_id}"},
          {"kind", "status"},
          {"status", 400}}}}});
  RunResult applied = Apply(w.tf);
  EXPECT_EQ(applied.exit_code, 1);
  EXPECT_TRUE(Contains(applied.err, "Unable to Finish Creating Mailbox"))
      << Output(applied);

  json m = SandboxMailboxes(w.sandbox)[0];
  json shown = w.tf.ShowState();
  EXPECT_EQ(ResourceValues(shown, kAddress)["id"], m["id"]);
  EXPECT_TRUE(Contains(shown.dump(), "\"tainted\":true")) << shown.dump();
}

TEST(MailboxTest, SlowWritesAreAwaitedAndTheRenameIsChecked) {
  World w(json{{"standard_2023", 1}}, {"--visibility-delay-ms", "1200"});
  w.tf.WriteConfig(Basic("alice", "standard_2023", kFullExtras));
  RunResult created = Apply(w.tf);
  ASSERT_EQ(created.exit_code, 0) << Output(created);
  EXPECT_FALSE(Contains(created.out, "Not Visible Yet")) << created.out;
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);

  w.tf.WriteConfig(Basic("alice.doe", "standard_2023", kFullExtras));
  RunResult renamed = Apply(w.tf);
  ASSERT_EQ(renamed.exit_code, 0) << Output(renamed);
  EXPECT_FALSE(Contains(renamed.out, "Not Visible Yet")) << renamed.out;
  // Right after the apply, a read already sees the new login.
  EXPECT_EQ(w.tf.PlanDetailed().exit_code, 0);
}

TEST(MailboxTest, CreateNotVisibleInTimeKeepsTheIdWithAWarning) {
  World w(json{{"standard_2023", 1}}, {"--visibility-delay-ms", "4000"});
  std::string config = Basic("alice", "standard_2023", kFullExtras);
  config.replace(config.find("create = \"30s\""), 14, "create = \"1s\"");
  w.tf.WriteConfig(config);
  RunResult created = Apply(w.tf);
  ASSERT_EQ(created.exit_code, 0) << Output(created);
  EXPECT_TRUE(Contains(created.out, "Mailbox Change Not Visible Yet"))
      << created.out;

  json state = StateOf(w.tf);
  EXPECT_EQ(state["id"], SandboxMailboxes(w.sandbox)[0]["id"]);
  EXPECT_TRUE(state["expires_at"].is_null()) << state.dump();
  // What the POST could not carry was still sent.
  std::this_thread::sleep_for(std::chrono::seconds(4));
  std::string path = "/v5/email/mailboxes/example.com/";
  json shown =
      w.sandbox.Api("GET", path + state["id"].get<std::string>()).Json();
  EXPECT_EQ(shown["responder"]["enabled"], true) << shown.dump();
  EXPECT_EQ(w.tf.Run({"state", "list"}).out, std::string(kAddress) + "\n");
}

TEST(MailboxTest, NoPasswordInOutputOrProviderTrace) {
  World w;
  std::string log_path = w.tf.path() + "/provider.log";
  w.tf.SetEnv("TF_LOG_PROVIDER", "trace");
  w.tf.SetEnv("TF_LOG_PATH", log_path);
  w.tf.WriteConfig(Basic("alice", "standard_2023", kFullExtras));
  RunResult created = Apply(w.tf);
  ASSERT_EQ(created.exit_code, 0) << Output(created);

  std::string changed = Basic("alice", "standard_2023", kFullExtras);
  changed.replace(changed.find(kPassword), sizeof(kPassword) - 1,
                  kOtherPassword);
  w.tf.WriteConfig(changed);
  RunResult updated = Apply(w.tf);
  ASSERT_EQ(updated.exit_code, 0) << Output(updated);
  RunResult plan = w.tf.PlanDetailed();

  std::string log = ReadFile(log_path);
  ASSERT_TRUE(Contains(log, "PATCH")) << "no provider trace was written";
  for (const std::string& secret :
       {std::string(kPassword), std::string(kOtherPassword)}) {
    EXPECT_FALSE(Contains(Output(created), secret));
    EXPECT_FALSE(Contains(Output(updated), secret));
    EXPECT_FALSE(Contains(Output(plan), secret));
    EXPECT_FALSE(Contains(log, secret)) << "password in provider trace";
  }
}

TEST(MailboxTest, DataSourcesFindOneMailboxAndListEveryPage) {
  World w(json{{"standard_2023", 3}}, {"--page-size", "1"});
  std::string resources;
  for (const char* login : {"alice", "bob", "carol"}) {
    absl::StrAppend(&resources, "resource \"gandimail_mailbox\" \"", login,
                    "\" {\n  domain = \"example.com\"\n  login = \"", login,
                    "\"\n  mailbox_type = \"standard_2023\"\n  password = \"",
                    kPassword, "\"\n  aliases = [\"", login, "-alias\"]\n}\n");
  }
  w.tf.WriteConfig(absl::StrCat(kProviderBlock, resources));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);

  w.tf.WriteConfig(absl::StrCat(kProviderBlock, resources, R"(
data "gandimail_mailbox" "by_address" { address = "bob@example.com" }
data "gandimail_mailbox" "by_id" {
  domain = "example.com"
  id     = gandimail_mailbox.carol.id
}
data "gandimail_mailboxes" "all" { domain = "example.com" }
data "gandimail_mailboxes" "a" {
  domain        = "example.com"
  login_pattern = "a*"
}
output "by_address" { value = data.gandimail_mailbox.by_address.aliases }
output "by_id" { value = data.gandimail_mailbox.by_id.login }
output "all" { value = data.gandimail_mailboxes.all.mailboxes[*].login }
output "a" { value = data.gandimail_mailboxes.a.mailboxes[*].login }
)"));
  ASSERT_EQ(Apply(w.tf).exit_code, 0);
  RunResult out = w.tf.Run({"output", "-json"});
  json outputs = json::parse(out.out, nullptr, false);
  EXPECT_EQ(outputs["by_address"]["value"], json({"bob-alias"}));
  EXPECT_EQ(outputs["by_id"]["value"], "carol");
  EXPECT_EQ(outputs["all"]["value"], json({"alice", "bob", "carol"}));
  EXPECT_EQ(outputs["a"]["value"], json({"alice"}));
}

}  // namespace
}  // namespace gandimail::testing
