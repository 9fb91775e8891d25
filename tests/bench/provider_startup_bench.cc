// Measures the provider process as Terraform sees it: exec to handshake
// line, to GetProviderSchema answered, and Shutdown to exit; resident
// memory after the schema; binary size. Prints a markdown table.
//
//   provider_startup_bench [runs]   (default 50)

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/harness/plugin_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using gandimail::testing::PluginClient;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

long ResidentKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * v.size()))];
}

struct Sample {
  double handshake_ms, schema_ms, exit_ms;
  long rss_kb;
};

bool RunOnce(PluginClient& plugin, Sample* out) {
  Clock::time_point start = Clock::now();
  auto child = plugin.Start();
  std::string line = child->ReadLine(10000);
  Clock::time_point handshake = Clock::now();
  auto fields = gandimail::testing::SplitHandshake(line);
  if (fields.size() != 6) return false;

  auto channel = plugin.Connect(fields);
  if (!gandimail::testing::GetProviderSchema(channel).ok()) return false;
  Clock::time_point schema = Clock::now();
  out->rss_kb = ResidentKb(child->pid());

  Clock::time_point stop = Clock::now();
  gandimail::testing::CallShutdown(channel);
  if (child->Wait(5000) != 0) return false;
  out->handshake_ms = Ms(handshake - start);
  out->schema_ms = Ms(schema - start);
  out->exit_ms = Ms(Clock::now() - stop);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 50;
  PluginClient plugin;
  std::vector<double> handshake, schema, exit_ms, rss;
  for (int i = 0; i < runs; ++i) {
    Sample s;
    if (!RunOnce(plugin, &s)) {
      std::fprintf(stderr, "run %d failed\n", i);
      return 1;
    }
    handshake.push_back(s.handshake_ms);
    schema.push_back(s.schema_ms);
    exit_ms.push_back(s.exit_ms);
    rss.push_back(s.rss_kb / 1024.0);
  }
  struct stat st;
  stat(gandimail::testing::ProviderPath().c_str(), &st);

  std::printf("| provider process (%d runs) | median | p90 |\n", runs);
  std::printf("|---|---|---|\n");
  std::printf("| exec to handshake line | %.2f ms | %.2f ms |\n",
              Median(handshake), Percentile(handshake, 0.9));
  std::printf(
      "| exec to GetProviderSchema answered (mTLS) | %.2f ms | "
      "%.2f ms |\n",
      Median(schema), Percentile(schema, 0.9));
  std::printf("| Shutdown RPC to process exit | %.2f ms | %.2f ms |\n",
              Median(exit_ms), Percentile(exit_ms, 0.9));
  std::printf("| resident memory after schema | %.1f MB | %.1f MB |\n",
              Median(rss), Percentile(rss, 0.9));
  std::printf("| binary size (as built) | %.1f MB | |\n",
              st.st_size / 1048576.0);
  return 0;
}
