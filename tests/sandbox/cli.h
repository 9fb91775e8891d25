// Command line of gandimail-sandbox (fixed by DESIGN.md, "The sandbox's
// interface"):
//   gandimail-sandbox --listen 127.0.0.1:0 --token TOKEN [--seed FILE]
//                     [--page-size N] [--visibility-delay-ms N]
#ifndef GANDIMAIL_TESTS_SANDBOX_CLI_H_
#define GANDIMAIL_TESTS_SANDBOX_CLI_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace gandimail::sandbox {

struct Flags {
  std::string host;  // a loopback address: 127.0.0.0/8 or ::1
  int port = 0;      // 0: any free port
  std::string token;
  std::string seed_path;  // empty: start empty
  int64_t page_size = 100;
  int64_t visibility_delay_ms = 0;
};

// Parses argv ("--flag value" or "--flag=value"). Returns InvalidArgument
// with a one-line reason for an unknown flag, a missing value, a missing
// --listen or --token, or a --listen address that is not loopback.
absl::StatusOr<Flags> ParseFlags(int argc, char** argv);

// The usage text printed after a flag error.
const char* Usage();

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_CLI_H_
