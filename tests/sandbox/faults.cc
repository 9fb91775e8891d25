#include "tests/sandbox/faults.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace gandimail::sandbox {
namespace {

std::optional<FaultKind> KindFromName(const std::string& name) {
  if (name == "status") return FaultKind::kStatus;
  if (name == "latency") return FaultKind::kLatency;
  if (name == "drop") return FaultKind::kDrop;
  if (name == "stall") return FaultKind::kStall;
  if (name == "after_effect") return FaultKind::kAfterEffect;
  return std::nullopt;
}

const char* KindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kStatus:
      return "status";
    case FaultKind::kLatency:
      return "latency";
    case FaultKind::kDrop:
      return "drop";
    case FaultKind::kStall:
      return "stall";
    case FaultKind::kAfterEffect:
      return "after_effect";
  }
  return "?";
}

// Throws std::invalid_argument with the rule's index and field.
void Check(bool ok, size_t index, const std::string& what) {
  if (!ok) {
    throw std::invalid_argument(absl::StrCat("rules/", index, ": ", what));
  }
}

FaultRule RuleFromJson(const Json& j, size_t index,
                       const std::set<std::string>& known) {
  Check(j.is_object(), index, "must be an object");
  FaultRule r;
  r.route = j.at("route").get<std::string>();
  Check(r.route == "*" || known.count(r.route) > 0, index,
        "route must be \"*\" or a known \"METHOD /v5/email/...\" template, "
        "not \"" +
            r.route + "\"");
  std::optional<FaultKind> kind = KindFromName(j.at("kind").get<std::string>());
  Check(kind.has_value(), index,
        "kind must be status, latency, drop, stall or after_effect");
  r.kind = *kind;
  r.rate = j.value("rate", 1.0);
  Check(r.rate >= 0.0 && r.rate <= 1.0, index, "rate must be in [0, 1]");
  if (j.contains("count") && !j["count"].is_null()) {
    r.count = j["count"].get<int64_t>();
    Check(*r.count >= 0, index, "count must be >= 0 or null");
  }
  r.status = j.value("status", 500);
  Check(r.kind != FaultKind::kStatus || j.contains("status"), index,
        "a status rule needs status");
  Check(r.status >= 100 && r.status <= 599, index, "status must be 100-599");
  if (j.contains("retry_after_s") && !j["retry_after_s"].is_null()) {
    r.retry_after_s = j["retry_after_s"].get<int64_t>();
  }
  r.ms = j.value("ms", int64_t{r.kind == FaultKind::kStall ? 30000 : 0});
  Check(r.kind != FaultKind::kLatency || j.contains("ms"), index,
        "a latency rule needs ms");
  Check(r.ms >= 0, index, "ms must be >= 0");
  return r;
}

Json RuleToJson(const FaultRule& r) {
  Json j = {{"route", r.route},
            {"rate", r.rate},
            {"count", r.count ? Json(*r.count) : Json(nullptr)},
            {"kind", KindName(r.kind)},
            {"hits", r.hits}};
  if (r.kind == FaultKind::kStatus) j["status"] = r.status;
  if (r.retry_after_s) j["retry_after_s"] = *r.retry_after_s;
  if (r.kind == FaultKind::kLatency || r.kind == FaultKind::kStall) {
    j["ms"] = r.ms;
  }
  return j;
}

// Address and port of a socket name, for comparison with what httplib puts
// in Request::remote_addr / remote_port.
bool NameOf(const sockaddr_storage& ss, std::string* addr, int* port) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (ss.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(ss);
    inet_ntop(AF_INET, &in.sin_addr, buf, sizeof(buf));
    *port = ntohs(in.sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(ss);
    inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof(buf));
    *port = ntohs(in6.sin6_port);
  } else {
    return false;
  }
  *addr = buf;
  return true;
}

bool IsConnectionOf(int fd, const httplib::Request& req) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;

  sockaddr_storage peer{}, local{};
  socklen_t peer_len = sizeof(peer), local_len = sizeof(local);
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) {
    return false;
  }
  std::string peer_addr, local_addr;
  int peer_port = 0, local_port = 0;
  return NameOf(peer, &peer_addr, &peer_port) &&
         NameOf(local, &local_addr, &local_port) &&
         peer_port == req.remote_port && peer_addr == req.remote_addr &&
         local_port == req.local_port;
}

}  // namespace

void Faults::SetKnownRoutes(std::set<std::string> known_routes) {
  known_routes_ = std::move(known_routes);
}

absl::Status Faults::Set(const Json& body) {
  std::vector<FaultRule> rules;
  uint64_t seed = 1;
  try {
    if (!body.is_object()) throw std::invalid_argument("must be an object");
    seed = body.value("seed", uint64_t{1});
    const Json& list = body.at("rules");
    if (!list.is_array()) throw std::invalid_argument("rules: not an array");
    for (size_t i = 0; i < list.size(); ++i) {
      rules.push_back(RuleFromJson(list[i], i, known_routes_));
    }
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(e.what());
  }

  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(rules);
  seed_ = seed;
  rng_.seed(seed);
  return absl::OkStatus();
}

void Faults::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  rules_.clear();
}

Json Faults::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  Json rules = Json::array();
  for (const FaultRule& r : rules_) rules.push_back(RuleToJson(r));
  return {{"seed", seed_}, {"rules", rules}};
}

FaultPlan Faults::Decide(const std::string& route_key) {
  FaultPlan plan;
  std::lock_guard<std::mutex> lock(mu_);
  for (FaultRule& r : rules_) {
    if (r.route != "*" && r.route != route_key) continue;
    if (r.count && r.hits >= *r.count) continue;
    // Draw for every matching rule, so a seed gives one sequence.
    double draw = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
    if (draw >= r.rate) continue;

    ++r.hits;
    if (r.kind == FaultKind::kLatency) {
      plan.latency += absl::Milliseconds(r.ms);
      continue;
    }
    plan.terminal = r;
    break;
  }
  return plan;
}

void ShutdownSignal::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

bool ShutdownSignal::WaitFor(absl::Duration d) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, absl::ToChronoNanoseconds(d),
                      [this] { return stopping_; });
}

bool DropConnection(const httplib::Request& req) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  bool dropped = false;
  while (dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    if (IsConnectionOf(static_cast<int>(fd), req)) {
      dropped = shutdown(static_cast<int>(fd), SHUT_RDWR) == 0;
      break;
    }
  }
  closedir(dir);
  return dropped;
}

}  // namespace gandimail::sandbox
