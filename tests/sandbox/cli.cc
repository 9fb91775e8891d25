#include "tests/sandbox/cli.h"

#include <arpa/inet.h>

#include <map>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace gandimail::sandbox {
namespace {

bool IsLoopback(const std::string& host) {
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 &&
         IN6_IS_ADDR_LOOPBACK(&v6);
}

// Splits "host:port" or "[v6]:port"; "localhost" becomes 127.0.0.1.
absl::Status ParseListen(const std::string& value, Flags* flags) {
  size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError("--listen must be HOST:PORT, not \"" +
                                      value + "\"");
  }
  std::string host = value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  int port = -1;
  if (!absl::SimpleAtoi(value.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError("--listen port must be 0-65535");
  }
  if (!IsLoopback(host)) {
    return absl::InvalidArgumentError(
        "--listen must be a loopback address (127.0.0.0/8 or [::1]); "
        "refusing \"" +
        value + "\"");
  }
  flags->host = host;
  flags->port = port;
  return absl::OkStatus();
}

absl::Status ParseCount(const std::string& flag, const std::string& value,
                        int64_t min, int64_t* out) {
  if (!absl::SimpleAtoi(value, out) || *out < min) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " must be an integer >= ", min));
  }
  return absl::OkStatus();
}

absl::Status Apply(const std::string& flag, const std::string& value,
                   Flags* flags) {
  if (flag == "--listen") return ParseListen(value, flags);
  if (flag == "--token") {
    flags->token = value;
    return absl::OkStatus();
  }
  if (flag == "--seed") {
    flags->seed_path = value;
    return absl::OkStatus();
  }
  if (flag == "--page-size") {
    return ParseCount(flag, value, 1, &flags->page_size);
  }
  if (flag == "--visibility-delay-ms") {
    return ParseCount(flag, value, 0, &flags->visibility_delay_ms);
  }
  return absl::InvalidArgumentError("unknown flag " + flag);
}

}  // namespace

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  bool listen_seen = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    size_t eq = arg.find('=');
    if (absl::StartsWith(arg, "--") && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(arg + " needs a value");
    }
    absl::Status status = Apply(arg, value, &flags);
    if (!status.ok()) return status;
    listen_seen |= arg == "--listen";
  }
  if (!listen_seen) return absl::InvalidArgumentError("--listen is required");
  if (flags.token.empty()) {
    return absl::InvalidArgumentError("--token is required (not empty)");
  }
  return flags;
}

const char* Usage() {
  return "usage: gandimail-sandbox --listen 127.0.0.1:0 --token TOKEN "
         "[--seed FILE] [--page-size N] [--visibility-delay-ms N]\n";
}

}  // namespace gandimail::sandbox
