// Debian's libcurl.a, linked as the release binary links it: its HTTPS
// stack is unchanged, and the Kerberos, LDAP and RTMP stand-ins of
// src/static_link/absent_curl_deps.cc fail each path that reaches them
// cleanly, with an error and no crash or hang. The provider itself takes
// none of these paths (http and https only, no Negotiate).

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace {

class StaticCurlTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef GANDIMAIL_STATIC_MISSING
    GTEST_SKIP() << "no static libcurl to test, missing "
                 << GANDIMAIL_STATIC_MISSING;
#endif
    handle_ = curl_easy_init();
    ASSERT_NE(handle_, nullptr);
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    // No proxy from the environment; the SOCKS test sets its own.
    curl_easy_setopt(handle_, CURLOPT_PROXY, "");
  }

  void TearDown() override {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }

  CURLcode Perform(const std::string& url) {
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    return curl_easy_perform(handle_);
  }

  CURL* handle_ = nullptr;
  char error_[CURL_ERROR_SIZE] = {};
};

// An HTTP server on a free loopback port that answers every request with
// 401 and "WWW-Authenticate: Negotiate" (Kerberos over SPNEGO), one
// connection at a time, until it is destroyed.
class NegotiateServer {
 public:
  NegotiateServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), length);
    listen(listen_fd_, 4);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      for (int fd; (fd = accept(listen_fd_, nullptr, nullptr)) >= 0;) {
        Answer(fd);
        close(fd);
      }
    });
  }

  ~NegotiateServer() {
    shutdown(listen_fd_, SHUT_RDWR);
    thread_.join();
    close(listen_fd_);
  }

  int port() const { return port_; }

 private:
  // Answers each request on `fd` (headers only: curl sends no body here)
  // until the client closes or goes quiet for 10 s.
  static void Answer(int fd) {
    timeval timeout = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    static constexpr char kReply[] =
        "HTTP/1.1 401 Unauthorized\r\n"
        "WWW-Authenticate: Negotiate\r\n"
        "Content-Length: 0\r\n\r\n";
    std::string received;
    char chunk[4096];
    for (ssize_t n; (n = read(fd, chunk, sizeof(chunk))) > 0;) {
      received.append(chunk, n);
      for (size_t end;
           (end = received.find("\r\n\r\n")) != std::string::npos;) {
        received.erase(0, end + 4);
        if (write(fd, kReply, sizeof(kReply) - 1) < 0) return;
      }
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// Collects curl's informational lines (CURLOPT_DEBUGFUNCTION).
int CollectInfo(CURL*, curl_infotype type, char* data, size_t size, void* out) {
  if (type == CURLINFO_TEXT) static_cast<std::string*>(out)->append(data, size);
  return 0;
}

TEST_F(StaticCurlTest, TlsIsOpenSslAndHttp2IsOn) {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);

  EXPECT_EQ(std::string(info->ssl_version).rfind("OpenSSL/", 0), 0u)
      << info->ssl_version;
  EXPECT_NE(info->features & CURL_VERSION_SSL, 0);
  EXPECT_NE(info->features & CURL_VERSION_HTTP2, 0);
  EXPECT_STREQ(info->version, LIBCURL_VERSION);
}

TEST_F(StaticCurlTest, VersionStringNamesOpenSslAndNoLdapLibrary) {
  std::string version = curl_version();

  EXPECT_NE(version.find("OpenSSL/"), std::string::npos) << version;
  EXPECT_EQ(version.find("LDAP"), std::string::npos) << version;
}

TEST_F(StaticCurlTest, LdapUrlFailsBeforeAnyConnection) {
  CURLcode code = Perform("ldap://127.0.0.1:9/dc=example,dc=com");

  EXPECT_EQ(code, CURLE_URL_MALFORMAT) << curl_easy_strerror(code);
  EXPECT_STREQ(error_, "LDAP local: unrecognized scheme");
}

TEST_F(StaticCurlTest, RtmpUrlIsRefusedAsMalformed) {
  CURLcode code = Perform("rtmp://127.0.0.1:9/live/stream");

  EXPECT_EQ(code, CURLE_URL_MALFORMAT) << curl_easy_strerror(code);
}

TEST_F(StaticCurlTest, NegotiateAuthFailsCleanlyAndKeepsThe401) {
  NegotiateServer server;
  std::string info;
  curl_easy_setopt(handle_, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(handle_, CURLOPT_DEBUGFUNCTION, &CollectInfo);
  curl_easy_setopt(handle_, CURLOPT_DEBUGDATA, &info);
  curl_easy_setopt(handle_, CURLOPT_HTTPAUTH, CURLAUTH_NEGOTIATE);
  curl_easy_setopt(handle_, CURLOPT_USERPWD, ":");
  // Closed after the transfer, so that the server's thread ends at once.
  curl_easy_setopt(handle_, CURLOPT_FORBID_REUSE, 1L);

  CURLcode code =
      Perform("http://127.0.0.1:" + std::to_string(server.port()) + "/");

  long status = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  EXPECT_EQ(code, CURLE_OK) << curl_easy_strerror(code) << ": " << error_;
  EXPECT_EQ(status, 401);
  EXPECT_NE(info.find("GSS-API is not available in this build"),
            std::string::npos)
      << info;
}

}  // namespace
