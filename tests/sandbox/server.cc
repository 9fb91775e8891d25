#include "tests/sandbox/server.h"

#include <sys/socket.h>

namespace gandimail::sandbox {

SandboxServer::SandboxServer(Router* router) {
  new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  set_tcp_nodelay(true);
  set_keep_alive_max_count(100000);
  set_keep_alive_timeout(5);
  set_payload_max_length(8 << 20);

  auto dispatch = [router](const httplib::Request& req,
                           httplib::Response& res) {
    router->Dispatch(req, res);
  };
  Get(".*", dispatch);
  Post(".*", dispatch);
  Put(".*", dispatch);
  Patch(".*", dispatch);
  Delete(".*", dispatch);
}

int SandboxServer::Bind(const std::string& host, int port) {
  int bound = port;
  if (port == 0) {
    bound = bind_to_any_port(host);
  } else if (!bind_to_port(host, port)) {
    bound = -1;
  }
  // cpp-httplib 0.11 listens with a backlog of 5, which drops connections
  // when many clients connect at once; listening again raises it.
  if (bound > 0) ::listen(svr_sock_, 1024);
  return bound;
}

}  // namespace gandimail::sandbox
