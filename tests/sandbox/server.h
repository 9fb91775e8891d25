// cpp-httplib's Server tuned for the sandbox: a large worker pool (a
// keep-alive connection, or a stalled request, holds one worker), a deep
// listen backlog, TCP_NODELAY, and every request handed to the Router.
#ifndef GANDIMAIL_TESTS_SANDBOX_SERVER_H_
#define GANDIMAIL_TESTS_SANDBOX_SERVER_H_

#include <httplib.h>

#include <string>

#include "tests/sandbox/router.h"

namespace gandimail::sandbox {

class SandboxServer : public httplib::Server {
 public:
  // Enough for Terraform's parallelism (10), a provider's connection pool,
  // benchmark clients and stalled requests at once.
  static constexpr size_t kWorkers = 128;

  explicit SandboxServer(Router* router);

  // Binds `host`:`port` (0: any free port) and listens. Returns the bound
  // port, or -1.
  int Bind(const std::string& host, int port);
};

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_SERVER_H_
