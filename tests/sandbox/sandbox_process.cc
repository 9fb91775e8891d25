#include "tests/sandbox/sandbox_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"

namespace gandimail::sandbox {
namespace {

// Forks and execs `argv` with stdout (and stderr when `err_fd` is not
// null) on new pipes. Returns the pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, int* out_fd, int* err_fd) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) return -1;
  if (err_fd != nullptr && pipe2(err, O_CLOEXEC) != 0) return -1;

  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out[1], 1);
    if (err_fd != nullptr) dup2(err[1], 2);
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  *out_fd = out[0];
  if (err_fd != nullptr) {
    close(err[1]);
    *err_fd = err[0];
  }
  return pid;
}

// Reads from `fd` until `line` holds a newline, EOF or the deadline.
bool ReadLine(int fd, absl::Time deadline, std::string* line) {
  char c;
  while (absl::Now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    int ms =
        static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    if (poll(&p, 1, std::max(ms, 1)) <= 0) continue;
    if (read(fd, &c, 1) != 1) return false;
    if (c == '\n') return true;
    line->push_back(c);
  }
  return false;
}

// Waits for `pid` until `deadline`. Returns the exit code (128 + signal),
// or -1 on timeout.
int WaitUntil(pid_t pid, absl::Time deadline) {
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (r < 0 || absl::Now() >= deadline) return -1;
    absl::SleepFor(absl::Milliseconds(2));
  }
}

void Drain(int fd, std::string* out) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) out->append(buf, n);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SandboxProcess>> SandboxProcess::Start(
    const std::string& binary, const std::string& token,
    const std::vector<std::string>& extra_args, absl::Duration timeout) {
  std::vector<std::string> argv = {binary, "--listen", "127.0.0.1:0", "--token",
                                   token};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  int out_fd = -1;
  pid_t pid = Spawn(argv, &out_fd, nullptr);
  if (pid < 0) return absl::InternalError("cannot start " + binary);
  std::unique_ptr<SandboxProcess> p(new SandboxProcess(pid, out_fd));

  constexpr char kPrefix[] = "listening on http://127.0.0.1:";
  if (!ReadLine(out_fd, absl::Now() + timeout, &p->first_line_) ||
      !absl::StartsWith(p->first_line_, kPrefix) ||
      !absl::SimpleAtoi(p->first_line_.substr(sizeof(kPrefix) - 1),
                        &p->port_)) {
    return absl::UnavailableError(
        "sandbox did not announce a port; first "
        "line: \"" +
        p->first_line_ + "\"");
  }
  return p;
}

int SandboxProcess::Stop(int signal_number, absl::Duration timeout) {
  if (exited_) return -1;
  kill(pid_, signal_number);
  int code = WaitUntil(pid_, absl::Now() + timeout);
  if (code < 0) {
    kill(pid_, SIGKILL);
    WaitUntil(pid_, absl::Now() + absl::Seconds(5));
  }
  exited_ = true;
  return code;
}

SandboxProcess::~SandboxProcess() {
  if (!exited_) Stop(SIGTERM, absl::Seconds(5));
  close(stdout_fd_);
}

RunResult RunToExit(const std::vector<std::string>& argv,
                    absl::Duration timeout) {
  RunResult result;
  int out_fd = -1, err_fd = -1;
  pid_t pid = Spawn(argv, &out_fd, &err_fd);
  if (pid < 0) return result;
  result.exit_code = WaitUntil(pid, absl::Now() + timeout);
  if (result.exit_code < 0) {
    kill(pid, SIGKILL);
    WaitUntil(pid, absl::Now() + absl::Seconds(5));
  }
  // The output of these short runs fits the pipe buffers, so reading after
  // the exit cannot deadlock.
  Drain(out_fd, &result.out);
  Drain(err_fd, &result.err);
  close(out_fd);
  close(err_fd);
  return result;
}

}  // namespace gandimail::sandbox
