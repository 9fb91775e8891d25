// End to end: real terraform drives the provider against a sandbox that
// adds a fixed latency to every API request, and each phase (apply,
// refresh-plan, destroy) is compared with the time the requests it made
// cannot go below: requests x latency / parallelism without pacing, or
// requests / rate with the provider's pacing on. Also where the CPU went
// (terraform, the provider) and the provider's resident memory during the
// largest refresh.
//
//   e2e_bench [--sizes 10,100] [--latency-ms 20] [--pacing 0,1000]
//             [--domains 4] [--mailbox-share 4]
//
// Prints markdown table rows only (| benchmark | case | value | requests |
// floor | ratio | notes |); scripts/bench.sh adds the header. Progress
// goes to stderr. A benchmark prints: it never fails on a slow figure.

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
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

// ---- the provider's CPU and memory, read from /proc while terraform runs

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

// What one provider process used, at the last reading before it ended.
struct Usage {
  double cpu_seconds = 0;  // user + system
  long rss_kb = -1;
  long peak_kb = -1;  // VmHWM
};

// The pids of this build's providers whose terraform runs in `dir`:
// other builds' providers and other tests' terraform runs are not ours.
std::vector<std::string> FindProviders(const std::string& binary,
                                       const std::string& dir) {
  std::vector<std::string> found;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return found;
  while (dirent* entry = readdir(proc)) {
    std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (LinkTarget("/proc/" + pid + "/exe") != binary) continue;
    if (LinkTarget("/proc/" + ParentPid(pid) + "/cwd") == dir) {
      found.push_back(pid);
    }
  }
  closedir(proc);
  return found;
}

// utime + stime of /proc/<pid>/stat in seconds, or -1.
double CpuSeconds(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)),
                   std::istreambuf_iterator<char>());
  size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  // After "pid (comm)": state is field 3, utime 14 and stime 15.
  std::vector<std::string> fields = absl::StrSplit(text.substr(close + 2), ' ');
  if (fields.size() < 13) return -1;
  return (std::atof(fields[11].c_str()) + std::atof(fields[12].c_str())) /
         sysconf(_SC_CLK_TCK);
}

// Reads every provider process of `dir` every 20 ms until `done`; each
// process's last reading is kept.
void SampleProviders(const std::string& dir, const std::atomic<bool>& done,
                     std::map<std::string, Usage>* usage) {
  std::string binary = Canonical(BinDir() + "/terraform-provider-gandimail");
  std::string canonical_dir = Canonical(dir);
  while (!done.load()) {
    for (const std::string& pid : FindProviders(binary, canonical_dir)) {
      Usage now{CpuSeconds(pid), StatusKb(pid, "VmRSS:"),
                StatusKb(pid, "VmHWM:")};
      if (now.rss_kb > 0 && now.cpu_seconds >= 0) (*usage)[pid] = now;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

double ChildrenCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// ---- phases ----

struct Phase {
  std::string name;
  double seconds = 0;
  int64_t requests = 0;
  bool ok = false;
  std::string error;
  // Terraform and its providers together (reaped children), and the
  // providers alone (sampled, so a few ms short).
  double cpu_seconds = 0;
  double provider_cpu_seconds = 0;
  int providers = 0;
  Usage largest;  // the provider process with the most resident memory
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
               std::vector<std::string> args) {
  sandbox.ResetRequests();
  std::atomic<bool> done{false};
  std::map<std::string, Usage> usage;
  std::thread sampler(SampleProviders, tf.path(), std::cref(done), &usage);
  double cpu_before = ChildrenCpuSeconds();
  Clock::time_point start = Clock::now();
  RunResult result = tf.Run(std::move(args));
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  sampler.join();

  Phase phase;
  phase.name = name;
  phase.seconds = seconds;
  phase.requests = sandbox.Requests().value("total", int64_t{0});
  phase.cpu_seconds = ChildrenCpuSeconds() - cpu_before;
  phase.providers = static_cast<int>(usage.size());
  for (const auto& [pid, used] : usage) {
    phase.provider_cpu_seconds += used.cpu_seconds;
    if (used.rss_kb > phase.largest.rss_kb) phase.largest = used;
  }
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
  std::string notes = absl::StrFormat(
      "%d forwards + %d mailboxes; floor = %s; CPU: terraform %.1f s, "
      "provider %.2f s (%d processes)",
      n - mailboxes, mailboxes, floor_rule,
      phase.cpu_seconds - phase.provider_cpu_seconds,
      phase.provider_cpu_seconds, phase.providers);
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
// Returns the provider's usage during the refresh-plan.
Usage RunCase(const Options& options, int n, int pacing) {
  Sandbox sandbox;
  if (!sandbox.startup_error().empty()) {
    std::fprintf(stderr, "%s\n", sandbox.startup_error().c_str());
    return Usage();
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
                            {"plan", "-no-color", "-detailed-exitcode", p}));
  // An empty plan exits 0; 2 would mean the apply did not converge.
  std::fprintf(stderr, "N=%d pacing=%d: destroy\n", n, pacing);
  phases.push_back(RunPhase(sandbox, tf, "destroy",
                            {"destroy", "-auto-approve", "-no-color", p}));
  for (const Phase& phase : phases) {
    PrintPhase(phase, n, pacing, options.latency_ms,
               CountMailboxes(options, n));
  }
  return phases[1].largest;
}

}  // namespace
}  // namespace gandimail::testing

int main(int argc, char** argv) {
  using namespace gandimail::testing;
  Options options = ParseOptions(argc, argv);
  int largest = 0;
  Usage memory;
  for (int n : options.sizes) {
    for (int pacing : options.pacing) {
      Usage refresh = RunCase(options, n, pacing);
      if (n >= largest && refresh.rss_kb > 0) {
        largest = n;
        memory = refresh;
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
