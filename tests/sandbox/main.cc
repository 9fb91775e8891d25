// gandimail-sandbox: a local, in-memory double of the Gandi Email API v5
// for tests, benchmarks and the quickstart. See tests/sandbox/README.md.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

#include "absl/time/time.h"
#include "tests/sandbox/cli.h"
#include "tests/sandbox/routes.h"
#include "tests/sandbox/server.h"

namespace gandimail::sandbox {
namespace {

absl::StatusOr<World> LoadSeed(const std::string& path) {
  if (path.empty()) return World();
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read seed file " + path);
  std::stringstream text;
  text << in.rdbuf();
  Json json = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return absl::InvalidArgumentError("seed file " + path +
                                      " is not valid JSON");
  }
  return WorldFromJson(json);
}

void AddAllRoutes(Router& router, Store& store, Faults& faults,
                  RequestCounter& counter, const ApiOptions& options) {
  AddForwardRoutes(router, store, options);
  AddMailboxRoutes(router, store, options);
  AddRenewRoutes(router, store);
  AddMigrationRoutes(router, store);
  AddOfferRoutes(router, store);
  AddSlotRoutes(router, store);
  AddControlRoutes(router, store, faults, counter);
  faults.SetKnownRoutes(router.ApiRouteKeys());
}

// Serves until SIGTERM or SIGINT (blocked in every thread, taken here with
// sigwait). Returns the exit code.
int Serve(const Flags& flags, Store& store) {
  Faults faults;
  RequestCounter counter;
  ShutdownSignal shutdown;
  Router router(flags.token, &faults, &counter, &shutdown);
  AddAllRoutes(router, store, faults, counter, {flags.page_size});

  SandboxServer server(&router);
  int port = server.Bind(flags.host, flags.port);
  if (port <= 0) {
    std::cerr << "gandimail-sandbox: cannot listen on " << flags.host << ":"
              << flags.port << "\n";
    return 1;
  }

  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread listener([&] {
    server.listen_after_bind();
    done.set_value();
    kill(getpid(), SIGTERM);  // wakes sigwait if the server stopped itself
  });
  while (!server.is_running() && finished.wait_for(std::chrono::milliseconds(
                                     1)) == std::future_status::timeout) {
  }

  bool v6 = flags.host.find(':') != std::string::npos;
  std::printf("listening on http://%s%s%s:%d\n", v6 ? "[" : "",
              flags.host.c_str(), v6 ? "]" : "", port);
  std::fflush(stdout);

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);

  shutdown.Stop();
  server.stop();
  // Idle keep-alive connections may hold workers for a few seconds; the
  // state is in memory only, so past a short grace time just leave.
  if (finished.wait_for(std::chrono::seconds(2)) != std::future_status::ready) {
    std::_Exit(0);
  }
  listener.join();
  return 0;
}

}  // namespace
}  // namespace gandimail::sandbox

int main(int argc, char** argv) {
  using namespace gandimail::sandbox;

  // Before any thread exists, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a dropped client must not kill the process

  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << Usage();
      return 0;
    }
  }
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "gandimail-sandbox: " << flags.status().message() << "\n"
              << Usage();
    return 2;
  }
  absl::StatusOr<World> seed = LoadSeed(flags->seed_path);
  if (!seed.ok()) {
    std::cerr << "gandimail-sandbox: " << seed.status().message() << "\n";
    return 2;
  }

  Store store(*std::move(seed), absl::Milliseconds(flags->visibility_delay_ms));
  return Serve(*flags, store);
}
