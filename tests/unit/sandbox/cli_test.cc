// The command line and process lifecycle fixed by DESIGN.md.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "tests/unit/sandbox/sandbox_fixture.h"

namespace gandimail::sandbox {
namespace {

RunResult RunSandbox(std::vector<std::string> args) {
  args.insert(args.begin(), SandboxBinary());
  return RunToExit(args);
}

TEST(SandboxCliTest, RefusesAllInterfacesListenAddress) {
  RunResult r = RunSandbox({"--listen", "0.0.0.0:0", "--token", "t"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "must be a loopback address")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(SandboxCliTest, RefusesNonLoopbackAddresses) {
  for (const char* addr :
       {"192.168.1.10:8080", "10.0.0.1:0", "[::]:0", "example.com:80"}) {
    RunResult r = RunSandbox({"--listen", addr, "--token", "t"});
    EXPECT_EQ(r.exit_code, 2) << addr;
    EXPECT_TRUE(absl::StrContains(r.err, "loopback")) << addr << ": " << r.err;
  }
}

TEST(SandboxCliTest, RequiresToken) {
  RunResult r = RunSandbox({"--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "--token is required")) << r.err;
}

TEST(SandboxCliTest, RejectsUnknownFlagAndBadPageSize) {
  EXPECT_EQ(RunSandbox({"--listen", "127.0.0.1:0", "--token", "t", "--x", "1"})
                .exit_code,
            2);
  RunResult r = RunSandbox(
      {"--listen", "127.0.0.1:0", "--token", "t", "--page-size", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "--page-size must be an integer >= 1"));
}

TEST(SandboxCliTest, RejectsUnreadableSeed) {
  RunResult r = RunSandbox({"--listen", "127.0.0.1:0", "--token", "t", "--seed",
                            "/nonexistent/seed.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "cannot read seed file")) << r.err;
}

TEST(SandboxCliTest, FirstLineAnnouncesLoopbackUrl) {
  auto p = SandboxProcess::Start(SandboxBinary(), "t", {});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ((*p)->first_line(),
            "listening on http://127.0.0.1:" + std::to_string((*p)->port()));
  EXPECT_GT((*p)->port(), 0);
}

TEST(SandboxCliTest, SigtermStopsWithExitZero) {
  auto p = SandboxProcess::Start(SandboxBinary(), "t", {});
  ASSERT_TRUE(p.ok());
  httplib::Client c("127.0.0.1", (*p)->port());
  ASSERT_TRUE(c.Get("/_sandbox/state"));
  EXPECT_EQ((*p)->Stop(SIGTERM, absl::Seconds(4)), 0);
}

TEST(SandboxCliTest, SigintStopsWithExitZero) {
  auto p = SandboxProcess::Start(SandboxBinary(), "t", {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->Stop(SIGINT, absl::Seconds(4)), 0);
}

TEST(SandboxCliTest, SeedFileLoadsStateShape) {
  std::string path = testing::TempDir() + "/sandbox_seed_" +
                     std::to_string(getpid()) + ".json";
  Json seed = {{"domains",
                {{"seed.example",
                  {{"credit", 12.5},
                   {"forwards",
                    {{{"source", "info"}, {"destinations", {"a@b.example"}}}}},
                   {"mailboxes",
                    {{{"login", "alice"}, {"mailbox_type", "premium"}}}}}}}}};
  std::ofstream(path) << seed.dump();

  auto p = SandboxProcess::Start(SandboxBinary(), "t", {"--seed", path});
  ASSERT_TRUE(p.ok()) << p.status().message();
  httplib::Client c("127.0.0.1", (*p)->port());
  Json state = BodyOf(c.Get("/_sandbox/state"))["domains"]["seed.example"];
  std::remove(path.c_str());

  EXPECT_EQ(state["credit"], 12.5);
  EXPECT_EQ(state["forwards"][0]["source"], "info");
  EXPECT_EQ(state["mailboxes"][0]["login"], "alice");
  // A seeded mailbox with no slot gets a non-refundable one of its type.
  EXPECT_EQ(state["slots"][0]["mailbox_type"], "premium");
  EXPECT_EQ(state["slots"][0]["mailbox_id"], state["mailboxes"][0]["id"]);
}

TEST(SandboxCliTest, SeedWithUnknownTypeIsRefused) {
  std::string path = testing::TempDir() + "/sandbox_bad_seed_" +
                     std::to_string(getpid()) + ".json";
  std::ofstream(path) << R"({"domains":{"x.example":{"slots":[)"
                         R"({"mailbox_type":"gold"}]}}})";
  RunResult r =
      RunSandbox({"--listen", "127.0.0.1:0", "--token", "t", "--seed", path});
  std::remove(path.c_str());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "unknown type gold")) << r.err;
}

}  // namespace
}  // namespace gandimail::sandbox
