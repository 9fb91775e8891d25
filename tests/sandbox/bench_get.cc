// sandbox-get-bench: how many GET /v5/email/mailboxes/{domain}/{mailbox_id}
// a second the sandbox serves to keep-alive clients on several threads.
// This is the floor that provider benchmarks are compared with.
//
//   sandbox-get-bench [--threads N] [--seconds S] [--sandbox PATH]
//
// Starts its own sandbox on a free loopback port, makes a domain and one
// mailbox through the API, runs the GETs and prints one JSON line.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "nlohmann/json.hpp"
#include "tests/sandbox/sandbox_process.h"

namespace {

constexpr char kToken[] = "bench-token";

struct Options {
  int threads = 3;
  int seconds = 5;
  std::string sandbox = GANDIMAIL_SANDBOX_BIN;
};

bool ParseOptions(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--threads" && absl::SimpleAtoi(value, &o->threads)) continue;
    if (flag == "--seconds" && absl::SimpleAtoi(value, &o->seconds)) continue;
    if (flag == "--sandbox") {
      o->sandbox = value;
      continue;
    }
    return false;
  }
  return argc % 2 == 1 && o->threads > 0 && o->seconds > 0;
}

// Makes example.com with one mailbox; returns the mailbox's path.
std::string Prepare(httplib::Client& client) {
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  client.Post("/_sandbox/domains",
              R"({"name":"example.com","free_slots":{"standard":1}})",
              "application/json");
  auto res = client.Post("/v5/email/mailboxes/example.com", auth,
                         R"({"login":"alice","mailbox_type":"standard",)"
                         R"("password":"a*6@Xk86cPR2kcZ@qPAi"})",
                         "application/json");
  if (!res || res->status != 202) return "";
  std::string location = res->get_header_value("Location");
  return location.substr(location.find("/v5/"));
}

void Hammer(int port, const std::string& path, const std::atomic<bool>& stop,
            std::atomic<int64_t>* ok, std::atomic<int64_t>* failed) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  int64_t good = 0, bad = 0;
  while (!stop.load(std::memory_order_relaxed)) {
    auto res = client.Get(path.c_str(), auth);
    (res && res->status == 200) ? ++good : ++bad;
  }
  *ok += good;
  *failed += bad;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseOptions(argc, argv, &o)) {
    std::cerr << "usage: sandbox-get-bench [--threads N] [--seconds S] "
                 "[--sandbox PATH]\n";
    return 2;
  }
  auto sandbox =
      gandimail::sandbox::SandboxProcess::Start(o.sandbox, kToken, {});
  if (!sandbox.ok()) {
    std::cerr << sandbox.status().message() << "\n";
    return 1;
  }
  int port = (*sandbox)->port();
  httplib::Client setup("127.0.0.1", port);
  std::string path = Prepare(setup);
  if (path.empty()) {
    std::cerr << "could not create the benchmark mailbox\n";
    return 1;
  }

  std::atomic<bool> stop{false};
  std::atomic<int64_t> ok{0}, failed{0};
  std::vector<std::thread> clients;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < o.threads; ++i) {
    clients.emplace_back(Hammer, port, path, std::cref(stop), &ok, &failed);
  }
  std::this_thread::sleep_for(std::chrono::seconds(o.seconds));
  stop = true;
  for (std::thread& t : clients) t.join();
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  nlohmann::json report = {{"benchmark", "sandbox_get_mailbox"},
                           {"threads", o.threads},
                           {"seconds", elapsed},
                           {"requests", ok.load()},
                           {"errors", failed.load()},
                           {"requests_per_second", ok.load() / elapsed}};
  std::cout << report.dump() << std::endl;
  return failed.load() == 0 ? 0 : 1;
}
