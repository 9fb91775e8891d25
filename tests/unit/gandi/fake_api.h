#ifndef GANDIMAIL_TESTS_UNIT_GANDI_FAKE_API_H_
#define GANDIMAIL_TESTS_UNIT_GANDI_FAKE_API_H_

// A scriptable stand-in for the Email API on 127.0.0.1: it records every
// request and answers with whatever the test scripted.

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"

namespace gandimail::gandi::testing {

struct SeenRequest {
  std::string method;
  std::string target;  // Path and query exactly as sent (still escaped).
  std::string path;    // Decoded path.
  httplib::Params params;
  httplib::Headers headers;
  std::string body;

  std::string Header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  bool HasHeader(const std::string& name) const {
    return headers.find(name) != headers.end();
  }
};

class FakeApi {
 public:
  using Handler =
      std::function<void(const httplib::Request&, httplib::Response&)>;

  FakeApi() {
    server_.set_tcp_nodelay(true);
    auto handle = [this](const httplib::Request& req, httplib::Response& res) {
      Handler handler;
      {
        std::lock_guard<std::mutex> lock(mu_);
        seen_.push_back({req.method, req.target, req.path, req.params,
                         req.headers, req.body});
        handler = handler_;
      }
      if (handler) {
        handler(req, res);
      } else {
        res.set_content("{}", "application/json");
      }
    };
    server_.Get(".*", handle);
    server_.Post(".*", handle);
    server_.Put(".*", handle);
    server_.Patch(".*", handle);
    server_.Delete(".*", handle);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~FakeApi() {
    server_.stop();
    thread_.join();
  }

  std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }

  void OnRequest(Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    handler_ = std::move(handler);
  }

  // Answers every request with `status`, `body` and extra `headers`.
  void Answer(int status, std::string body, httplib::Headers headers = {},
              std::string content_type = "application/json") {
    OnRequest([=](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      for (const auto& [name, value] : headers) res.set_header(name, value);
      if (!body.empty()) res.set_content(body, content_type);
    });
  }

  std::vector<SeenRequest> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  SeenRequest last() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.empty() ? SeenRequest{} : seen_.back();
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  Handler handler_;
  std::vector<SeenRequest> seen_;
};

}  // namespace gandimail::gandi::testing

#endif  // GANDIMAIL_TESTS_UNIT_GANDI_FAKE_API_H_
