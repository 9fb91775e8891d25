#ifndef GANDIMAIL_TESTS_HARNESS_PROCESS_H_
#define GANDIMAIL_TESTS_HARNESS_PROCESS_H_

// Child processes for tests: run a command to completion with captured
// output, or start a long-lived one and read its first stdout line.

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace gandimail::testing {

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string out;
  std::string err;
};

// Runs `argv` in `dir` with the current environment plus `env` (a value of
// "\x01" unsets the variable) and waits for it.
RunResult Run(const std::vector<std::string>& argv, const std::string& dir,
              const std::map<std::string, std::string>& env);

// A started process whose stdout is a pipe; stderr goes to a file.
class Child {
 public:
  Child(const std::vector<std::string>& argv,
        const std::map<std::string, std::string>& env,
        bool replace_environment = false);
  ~Child();  // SIGTERM, then SIGKILL after 2 s

  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Reads one line from stdout (without '\n'), waiting at most
  // `timeout_ms`; empty on EOF or timeout.
  std::string ReadLine(int timeout_ms);
  // Reads whatever else stdout holds until EOF or `timeout_ms`.
  std::string ReadRest(int timeout_ms);
  // Waits for exit for at most `timeout_ms`; returns the exit code (128 +
  // signal) or -1 when still running.
  int Wait(int timeout_ms);
  void Signal(int signal_number);
  std::string Stderr() const;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  std::string stderr_path_;
  int exit_code_ = -1;
};

// A fresh directory under TMPDIR (or /tmp), removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& contents);
std::string ReadFile(const std::string& path);

}  // namespace gandimail::testing

#endif  // GANDIMAIL_TESTS_HARNESS_PROCESS_H_
