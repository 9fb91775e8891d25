#include "tests/sandbox/router.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace gandimail::sandbox {
namespace {

constexpr char kApiPrefix[] = "/v5/email/";

std::vector<std::string> Segments(const std::string& path) {
  return absl::StrSplit(path, '/');
}

bool IsPlaceholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void RequestCounter::Count(const std::string& route_key) {
  std::lock_guard<std::mutex> lock(mu_);
  ++routes_[route_key];
  ++total_;
}

void RequestCounter::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  routes_.clear();
  total_ = 0;
}

Json RequestCounter::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  Json routes = Json::object();
  for (const auto& [key, n] : routes_) routes[key] = n;
  return {{"total", total_}, {"routes", routes}};
}

Router::Router(std::string token, Faults* faults, RequestCounter* counter,
               ShutdownSignal* shutdown)
    : token_(std::move(token)),
      faults_(faults),
      counter_(counter),
      shutdown_(shutdown) {}

void Router::Add(const std::string& method, const std::string& path_template,
                 Handler handler) {
  routes_.push_back({method, path_template, Segments(path_template),
                     std::move(handler),
                     absl::StartsWith(path_template, kApiPrefix)});
}

std::set<std::string> Router::ApiRouteKeys() const {
  std::set<std::string> keys;
  for (const Route& r : routes_) {
    if (r.api) keys.insert(absl::StrCat(r.method, " ", r.path_template));
  }
  return keys;
}

const Router::Route* Router::Match(const std::string& method,
                                   const std::string& path,
                                   std::map<std::string, std::string>* params,
                                   bool* path_known) const {
  std::vector<std::string> segments = Segments(path);
  *path_known = false;
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> found;
    bool ok = true;
    for (size_t i = 0; ok && i < segments.size(); ++i) {
      const std::string& t = r.segments[i];
      if (IsPlaceholder(t) && !segments[i].empty()) {
        found[t.substr(1, t.size() - 2)] = segments[i];
      } else {
        ok = t == segments[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      *path_known = true;
      continue;
    }
    *params = std::move(found);
    return &r;
  }
  return nullptr;
}

bool Router::ApplyFaults(const std::string& route_key,
                         const httplib::Request& req, httplib::Response& res,
                         bool* drop_after) {
  FaultPlan plan = faults_->Decide(route_key);
  if (plan.latency > absl::ZeroDuration() && shutdown_->WaitFor(plan.latency)) {
    DropConnection(req);
    return true;
  }
  if (!plan.terminal) return false;

  const FaultRule& rule = *plan.terminal;
  switch (rule.kind) {
    case FaultKind::kStatus:
      if (rule.retry_after_s) {
        res.set_header("Retry-After", std::to_string(*rule.retry_after_s));
      }
      ReplyError(res, rule.status,
                 absl::StrCat("Injected fault: ", route_key, " answered ",
                              rule.status));
      return true;
    case FaultKind::kStall:
      shutdown_->WaitFor(absl::Milliseconds(rule.ms));
      DropConnection(req);
      return true;
    case FaultKind::kDrop:
      DropConnection(req);
      return true;
    case FaultKind::kAfterEffect:
      *drop_after = true;
      return false;
    case FaultKind::kLatency:
      return false;
  }
  return false;
}

bool Router::Authorized(const httplib::Request& req,
                        httplib::Response& res) const {
  std::string header = req.get_header_value("Authorization");
  std::vector<std::string> parts =
      absl::StrSplit(header, absl::MaxSplits(' ', 1));
  std::string message;
  if (header.empty()) {
    message = "The Authorization header is missing";
  } else if (parts.size() != 2 ||
             (!absl::EqualsIgnoreCase(parts[0], "Bearer") &&
              !absl::EqualsIgnoreCase(parts[0], "Apikey"))) {
    message =
        "The Authorization header must be \"Bearer <token>\" or "
        "\"Apikey <key>\"";
  } else if (parts[1] != token_) {
    message = "The credential in the Authorization header is not valid";
  } else {
    return true;
  }
  res.set_header("WWW-Authenticate", "Bearer");
  ReplyError(res, 401, message);
  return false;
}

void Router::Run(const Route& route, Ctx& ctx) const {
  // nlohmann (and the standard library) may throw on a case a handler did
  // not foresee; that is the sandbox's bug, reported as a 500.
  try {
    route.handler(ctx);
  } catch (const std::exception& e) {
    ReplyError(ctx.res, 500, absl::StrCat("sandbox bug: ", e.what()));
  }
}

void Router::Dispatch(const httplib::Request& req, httplib::Response& res) {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const Route* route = Match(req.method, req.path, &params, &path_known);
  bool api = route ? route->api : absl::StartsWith(req.path, kApiPrefix);

  bool drop_after = false;
  if (api) {
    std::string key = route
                          ? absl::StrCat(req.method, " ", route->path_template)
                          : absl::StrCat(req.method, " (unknown route)");
    counter_->Count(key);
    if (route && ApplyFaults(key, req, res, &drop_after)) return;
    if (!Authorized(req, res)) return;
  }

  if (route == nullptr) {
    ReplyError(res, path_known ? 405 : 404,
               absl::StrCat(
                   path_known ? "Method not allowed on " : "No such resource: ",
                   req.path));
    return;
  }

  Ctx ctx{req, res, std::move(params)};
  Run(*route, ctx);
  if (drop_after) DropConnection(req);
}

}  // namespace gandimail::sandbox
