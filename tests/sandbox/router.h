// The sandbox's own router over cpp-httplib: it matches a request to a route
// template ("/v5/email/mailboxes/{domain}/{mailbox_id}"), counts it, applies
// faults, checks the Authorization header, and calls the route's handler.
#ifndef GANDIMAIL_TESTS_SANDBOX_ROUTER_H_
#define GANDIMAIL_TESTS_SANDBOX_ROUTER_H_

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/sandbox/api.h"
#include "tests/sandbox/faults.h"

namespace gandimail::sandbox {

// Counts of API requests by "METHOD template", and in total. Thread-safe.
class RequestCounter {
 public:
  void Count(const std::string& route_key);
  void Clear();
  // {"total": N, "routes": {"GET /v5/email/...": N, ...}}
  Json ToJson() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, int64_t> routes_;  // Guarded by mu_.
  int64_t total_ = 0;                      // Guarded by mu_.
};

class Router {
 public:
  using Handler = std::function<void(Ctx&)>;

  // `token` is the credential every /v5/email request must carry.
  Router(std::string token, Faults* faults, RequestCounter* counter,
         ShutdownSignal* shutdown);

  // Registers `handler` for `method` on `path_template`, whose segments are
  // literals or "{placeholder}". Templates under /v5/email are API routes
  // (counted, faulted, authenticated); those under /_sandbox are control
  // routes. Register literal segments before placeholders that could
  // shadow them.
  void Add(const std::string& method, const std::string& path_template,
           Handler handler);

  // The "METHOD template" keys of the API routes, for fault rules.
  std::set<std::string> ApiRouteKeys() const;

  // Handles one request: an httplib handler for every method and path.
  void Dispatch(const httplib::Request& req, httplib::Response& res);

 private:
  struct Route {
    std::string method;
    std::string path_template;
    std::vector<std::string> segments;
    Handler handler;
    bool api;
  };

  // The route for `method` and `path`, filling `params`; nullptr when none.
  // Sets *path_known when some route has this path under another method.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>* params,
                     bool* path_known) const;
  // Applies the faults planned for `route_key`. Returns true when the
  // request is finished (answered or dropped); sets *drop_after when the
  // handler must run and the connection drop afterwards.
  bool ApplyFaults(const std::string& route_key, const httplib::Request& req,
                   httplib::Response& res, bool* drop_after);
  // Replies 401 and returns false unless the request carries the token.
  bool Authorized(const httplib::Request& req, httplib::Response& res) const;
  void Run(const Route& route, Ctx& ctx) const;

  const std::string token_;
  Faults* const faults_;
  RequestCounter* const counter_;
  ShutdownSignal* const shutdown_;
  std::vector<Route> routes_;  // written only before serving starts
};

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_ROUTER_H_
