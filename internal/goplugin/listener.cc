#include "internal/goplugin/listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace gandimail::goplugin {
namespace {

std::string SocketDirectory() {
  for (const char* name : {"PLUGIN_UNIX_SOCKET_DIR", "TMPDIR"}) {
    const char* dir = std::getenv(name);
    if (dir != nullptr && *dir != '\0') return dir;
  }
  return "/tmp";
}

int EnvPort(const char* name, int fallback) {
  const char* text = std::getenv(name);
  int port = 0;
  if (text == nullptr || !absl::SimpleAtoi(text, &port)) return fallback;
  return port;
}

bool IsLoopbackPortFree(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return free;
}

}  // namespace

absl::StatusOr<ListenAddress> ChooseUnixSocket() {
  std::random_device seed;
  std::mt19937_64 random(seed());
  std::string dir = SocketDirectory();
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string path = absl::StrCat(dir, "/plugin", random() % 1000000000ULL);
    if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
      return absl::FailedPreconditionError(
          absl::StrCat("socket path ", path,
                       " is too long for a unix socket; set "
                       "PLUGIN_UNIX_SOCKET_DIR to a shorter directory"));
    }
    if (::access(path.c_str(), F_OK) == 0) continue;
    return ListenAddress{"unix", path, "unix:" + path};
  }
  return absl::UnavailableError("no free socket name in " + dir);
}

absl::StatusOr<ListenAddress> ChooseTcpPort() {
  int min_port = EnvPort("PLUGIN_MIN_PORT", 10000);
  int max_port = EnvPort("PLUGIN_MAX_PORT", 25000);
  for (int port = min_port; port <= max_port; ++port) {
    if (!IsLoopbackPortFree(port)) continue;
    std::string address = absl::StrCat("127.0.0.1:", port);
    return ListenAddress{"tcp", address, address};
  }
  return absl::UnavailableError(absl::StrCat(
      "no free port on 127.0.0.1 between ", min_port, " and ", max_port));
}

}  // namespace gandimail::goplugin
