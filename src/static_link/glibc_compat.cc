// arc4random and arc4random_buf for the static release binary, so that it
// needs glibc 2.35 rather than 2.36 (Ubuntu 22.04 has 2.35).
//
// Only two archives we link statically call them: libstdc++'s
// std::random_device and libxcrypt's salt generator, both built on Debian
// 12 where glibc 2.36 has them. Defined here, in the executable, they
// resolve those calls at link time, and the binary imports neither from
// glibc (tests/acceptance/release_test.cc checks the highest GLIBC_ version
// it needs). Like glibc's own, they take their bytes from getrandom(2),
// which glibc has had since 2.25, fall back to /dev/urandom where a kernel
// or a seccomp profile refuses that call, and never return short: with no
// entropy source at all the process stops, as glibc's does.
//
// The names are glibc's (and BSD's), not our style, since the linker
// matches them.

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void NoEntropy() {
  std::fputs("terraform-provider-gandimail: no source of random bytes\n",
             stderr);
  std::abort();
}

// Fills `out` from /dev/urandom, for kernels without getrandom(2).
void ReadUrandom(unsigned char* out, size_t size) {
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) NoEntropy();
  while (size > 0) {
    ssize_t n = read(fd, out, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) NoEntropy();
    out += n;
    size -= static_cast<size_t>(n);
  }
  close(fd);
}

}  // namespace

extern "C" {

void arc4random_buf(void* buffer, size_t size) {
  unsigned char* out = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    ssize_t n = getrandom(out, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == ENOSYS || errno == EPERM)) {
      return ReadUrandom(out, size);
    }
    if (n <= 0) NoEntropy();
    out += n;
    size -= static_cast<size_t>(n);
  }
}

uint32_t arc4random(void) {
  uint32_t value;
  arc4random_buf(&value, sizeof(value));
  return value;
}

}  // extern "C"
