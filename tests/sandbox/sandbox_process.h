// Starts gandimail-sandbox as a child process on a free loopback port, the
// way tests and benchmarks drive it: read the first stdout line for the
// port, stop it with SIGTERM.
#ifndef GANDIMAIL_TESTS_SANDBOX_SANDBOX_PROCESS_H_
#define GANDIMAIL_TESTS_SANDBOX_SANDBOX_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace gandimail::sandbox {

class SandboxProcess {
 public:
  // Runs `binary --listen 127.0.0.1:0 --token token <extra_args>` and waits
  // up to `timeout` for its "listening on http://127.0.0.1:PORT" line.
  static absl::StatusOr<std::unique_ptr<SandboxProcess>> Start(
      const std::string& binary, const std::string& token,
      const std::vector<std::string>& extra_args,
      absl::Duration timeout = absl::Seconds(10));

  // Stops the child (SIGTERM, then SIGKILL after 5 s) if still running.
  ~SandboxProcess();

  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }

  // Sends `signal_number` and waits up to `timeout` for the exit. Returns
  // the exit code, 128 + signal when killed by one, or -1 on timeout (the
  // child is then killed).
  int Stop(int signal_number, absl::Duration timeout);

 private:
  SandboxProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_;
  int stdout_fd_;
  int port_ = 0;
  std::string first_line_;
  bool exited_ = false;
};

// Result of running a command to completion.
struct RunResult {
  int exit_code = -1;  // -1: did not finish in time (it was killed)
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) with no stdin, collecting its
// output, for up to `timeout`.
RunResult RunToExit(const std::vector<std::string>& argv,
                    absl::Duration timeout = absl::Seconds(10));

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_SANDBOX_PROCESS_H_
