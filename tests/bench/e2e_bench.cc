// End to end: real terraform drives the provider against a sandbox that
// adds a fixed latency to every API request, and each phase (apply,
// refresh-plan, destroy) is compared with the time the requests it made
// cannot go below: requests x latency / parallelism without pacing, or
// requests / rate with the provider's pacing on. Also the provider's
// resident memory during the largest refresh.
//
//   e2e_bench [--sizes 10,100] [--latency-ms 20] [--pacing 0,1000]
//             [--domains 4] [--mailbox-share 4]
//
// Prints markdown table rows only (| benchmark | case | value | requests |
// floor | ratio | notes |); scripts/bench.sh adds the header. Progress
// goes to stderr. A benchmark prints: it never fails on a slow figure.

#include <dirent.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "tests/harness/sandbox.h"
#include "tests/harness/terraform.h"

namespace gandimail::testing {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kParallelism = 10;  // terraform's default -parallelism
constexpr char kPassword[] = "Bench-P4ss-123!";

struct Options {
  std::vector<int> sizes = {10, 100};
  std::vector<int> pacing = {0, 1000};
  int latency_ms = 20;
  int domains = 4;
  // One resource in this many is a mailbox (0: forwards only).
  int mailbox_share = 4;
};

std::vector<int> IntList(const std::string& text) {
  std::vector<int> out;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    int n = 0;
    if (absl::SimpleAtoi(part, &n)) out.push_back(n);
  }
  return out;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--sizes") options.sizes = IntList(value);
    if (flag == "--pacing") options.pacing = IntList(value);
    if (flag == "--latency-ms") options.latency_ms = std::atoi(value.c_str());
    if (flag == "--domains") options.domains = std::atoi(value.c_str());
    if (flag == "--mailbox-share") {
      options.mailbox_share = std::atoi(value.c_str());
    }
  }
  return options;
}

std::string DomainName(int d) { return absl::StrCat("bench-", d, ".example"); }

bool IsMailbox(const Options& options, int i) {
  return options.mailbox_share > 0 && i % options.mailbox_share == 0;
}

std::string ResourceHcl(const Options& options, int i) {
  std::string domain = DomainName(i % options.domains);
  if (IsMailbox(options, i)) {
    return absl::StrCat("resource \"gandimail_mailbox\" \"m", i, "\" {\n",
                        "  domain       = \"", domain, "\"\n",
                        "  login        = \"user-", i, "\"\n",
                        "  mailbox_type = \"standard_2023\"\n",
                        "  password     = \"", kPassword, "\"\n}\n");
  }
  return absl::StrCat("resource \"gandimail_forward\" \"f", i, "\" {\n",
                      "  domain       = \"", domain, "\"\n",
                      "  source       = \"fwd-", i, "\"\n",
                      "  destinations = [\"dest-", i, "@example.org\"]\n}\n");
}

std::string ConfigHcl(const Options& options, int n, int pacing) {
  std::string hcl = absl::StrCat(
      "terraform {\n  required_providers {\n"
      "    gandimail = { source = \"gandimail/gandimail\" }\n  }\n}\n\n"
      "provider \"gandimail\" {\n  requests_per_minute = ",
      pacing, "\n}\n\n");
  for (int i = 0; i < n; ++i) absl::StrAppend(&hcl, ResourceHcl(options, i));
  return hcl;
}

// ---- the provider's memory, read from /proc while terraform runs ----

std::string Canonical(const std::string& path) {
  std::error_code error;
  std::filesystem::path resolved = std::filesystem::canonical(path, error);
  return error ? path : resolved.string();
}

std::string LinkTarget(const std::string& path) {
  char buffer[4096];
  ssize_t n = readlink(path.c_str(), buffer, sizeof(buffer) - 1);
  return n < 0 ? "" : std::string(buffer, n);
}

// The field `name` ("VmRSS:") of /proc/<pid>/status in kB, or -1.
long StatusKb(const std::string& pid, const std::string& name) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(name, 0) == 0) return std::atol(line.c_str() + name.size());
  }
  return -1;
}

std::string ParentPid(const std::string& pid) {
  long ppid = StatusKb(pid, "PPid:");
  return ppid < 0 ? "" : std::to_string(ppid);
}

struct Memory {
  long rss_kb = -1;   // the last reading before the process ended
  long peak_kb = -1;  // VmHWM at that reading
  std::string pid;
};

// The pid of this build's provider whose terraform runs in `dir`, if any:
// other builds' providers and other tests' terraform runs are not ours.
std::string FindProvider(const std::string& binary, const std::string& dir) {
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return "";
  std::string found;
  while (dirent* entry = readdir(proc)) {
    std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (LinkTarget("/proc/" + pid + "/exe") != binary) continue;
    std::string parent = ParentPid(pid);
    if (LinkTarget("/proc/" + parent + "/cwd") == dir) {
      found = pid;
      break;
    }
  }
  closedir(proc);
  return found;
}

// Samples the provider's memory every 20 ms until `done`.
void SampleMemory(const std::string& dir, const std::atomic<bool>& done,
                  Memory* memory) {
  std::string binary = Canonical(BinDir() + "/terraform-provider-gandimail");
  std::string canonical_dir = Canonical(dir);
  while (!done.load()) {
    std::string pid = FindProvider(binary, canonical_dir);
    if (!pid.empty()) {
      long rss = StatusKb(pid, "VmRSS:");
      long peak = StatusKb(pid, "VmHWM:");
      if (rss > 0) *memory = Memory{rss, peak, pid};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// ---- phases ----

struct Phase {
  std::string name;
  double seconds = 0;
  int64_t requests = 0;
  bool ok = false;
  std::string error;
};

std::string FirstLines(const std::string& text) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.find_first_not_of(" \t|\xe2\x95\xb7\xb5") == std::string::npos) {
      continue;
    }
    absl::StrAppend(&out, out.empty() ? "" : " / ", line);
    if (out.size() > 160) break;
  }
  return out.substr(0, 200);
}

Phase RunPhase(Sandbox& sandbox, TerraformDir& tf, const std::string& name,
               std::vector<std::string> args, Memory* memory = nullptr) {
  sandbox.ResetRequests();
  std::atomic<bool> done{false};
  std::thread sampler;
  if (memory != nullptr) {
    sampler = std::thread(SampleMemory, tf.path(), std::cref(done), memory);
  }
  Clock::time_point start = Clock::now();
  RunResult result = tf.Run(std::move(args));
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  if (sampler.joinable()) sampler.join();

  Phase phase;
  phase.name = name;
  phase.seconds = seconds;
  phase.requests = sandbox.Requests().value("total", int64_t{0});
  phase.ok = result.exit_code == 0;
  if (result.exit_code == 2) {
    phase.error = "changes planned right after apply";
  } else if (!phase.ok) {
    phase.error = FirstLines(result.err + result.out);
  }
  return phase;
}

void AddDomains(Sandbox& sandbox, const Options& options, int n) {
  // Every mailbox needs a free slot of its type; a few spare.
  int per_domain = n / options.domains + 2;
  for (int d = 0; d < options.domains; ++d) {
    sandbox.AddDomain({{"name", DomainName(d)},
                       {"free_slots", {{"standard_2023", per_domain}}}});
  }
}

std::string Seconds(double s) {
  return s < 10 ? absl::StrFormat("%.2f s", s) : absl::StrFormat("%.1f s", s);
}

void PrintPhase(const Phase& phase, int n, int pacing, int latency_ms,
                int mailboxes) {
  double floor = pacing > 0
                     ? phase.requests * 60.0 / pacing
                     : phase.requests * latency_ms / 1000.0 / kParallelism;
  // The pacer lets each provider process start with a burst of
  // pacing/60 requests, and apply and destroy run two processes (the plan
  // walk, then the apply walk), so a short run can beat this floor.
  std::string floor_rule =
      pacing > 0
          ? absl::StrCat("requests / ", pacing,
                         " per min (each provider process may first "
                         "burst ",
                         pacing / 60, ")")
          : absl::StrCat("requests x ", latency_ms, " ms / ", kParallelism);
  std::string notes = absl::StrCat(n - mailboxes, " forwards + ", mailboxes,
                                   " mailboxes; floor = ", floor_rule);
  if (!phase.ok) notes = absl::StrCat("FAILED: ", phase.error);
  std::string pacing_text =
      pacing > 0 ? absl::StrCat(pacing, "/min") : std::string("off");
  std::printf("| e2e %s | N=%d, pacing %s | %s | %lld | %s | %.1f | %s |\n",
              phase.name.c_str(), n, pacing_text.c_str(),
              Seconds(phase.seconds).c_str(),
              static_cast<long long>(phase.requests), Seconds(floor).c_str(),
              floor > 0 ? phase.seconds / floor : 0.0, notes.c_str());
  std::fflush(stdout);
}

int CountMailboxes(const Options& options, int n) {
  int count = 0;
  for (int i = 0; i < n; ++i) count += IsMailbox(options, i) ? 1 : 0;
  return count;
}

// One sandbox and directory per size and pacing, so that nothing left by
// a failed run weighs on the next.
void RunCase(const Options& options, int n, int pacing, Memory* memory) {
  Sandbox sandbox;
  if (!sandbox.startup_error().empty()) {
    std::fprintf(stderr, "%s\n", sandbox.startup_error().c_str());
    return;
  }
  AddDomains(sandbox, options, n);
  sandbox.SetFaults(
      {{"seed", 1},
       {"rules",
        {{{"route", "*"}, {"kind", "latency"}, {"ms", options.latency_ms}}}}});
  TerraformDir tf(sandbox.url(), Sandbox::kToken);
  tf.WriteConfig(ConfigHcl(options, n, pacing));

  std::string p = absl::StrCat("-parallelism=", kParallelism);
  std::vector<Phase> phases;
  std::fprintf(stderr, "N=%d pacing=%d: apply\n", n, pacing);
  phases.push_back(RunPhase(sandbox, tf, "apply",
                            {"apply", "-auto-approve", "-no-color", p}));
  std::fprintf(stderr, "N=%d pacing=%d: plan\n", n, pacing);
  phases.push_back(RunPhase(sandbox, tf, "refresh-plan",
                            {"plan", "-no-color", "-detailed-exitcode", p},
                            memory));
  // An empty plan exits 0; 2 would mean the apply did not converge.
  std::fprintf(stderr, "N=%d pacing=%d: destroy\n", n, pacing);
  phases.push_back(RunPhase(sandbox, tf, "destroy",
                            {"destroy", "-auto-approve", "-no-color", p}));
  for (const Phase& phase : phases) {
    PrintPhase(phase, n, pacing, options.latency_ms,
               CountMailboxes(options, n));
  }
}

}  // namespace
}  // namespace gandimail::testing

int main(int argc, char** argv) {
  using namespace gandimail::testing;
  Options options = ParseOptions(argc, argv);
  int largest = 0;
  Memory memory;
  for (int n : options.sizes) {
    for (int pacing : options.pacing) {
      Memory this_run;
      RunCase(options, n, pacing, &this_run);
      if (n >= largest && this_run.rss_kb > 0) {
        largest = n;
        memory = this_run;
      }
    }
  }
  if (memory.rss_kb > 0) {
    std::printf(
        "| provider resident memory | during refresh-plan of N=%d | "
        "%.1f MB | | | | VmRSS at the last reading before exit; peak "
        "(VmHWM) %.1f MB |\n",
        largest, memory.rss_kb / 1024.0, memory.peak_kb / 1024.0);
  }
  return 0;
}
