// Request context and reply helpers shared by the sandbox's route files:
// the error bodies, Dry-Run answers, 201/202 acknowledgements, JSON body
// decoding with field errors, pagination headers and CSV.
#ifndef GANDIMAIL_TESTS_SANDBOX_API_H_
#define GANDIMAIL_TESTS_SANDBOX_API_H_

#include <httplib.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "tests/sandbox/model.h"

namespace gandimail::sandbox {

// Settings every API route sees.
struct ApiOptions {
  int64_t page_size = 100;  // default per_page, and its maximum
};

// One entry of a validation failure: where the faulty field sits in the
// request (header, path, querystring, body) and its name ("password",
// "autorenew/duration", "aliases/1": '/' between levels, array items by
// 0-based index).
struct FieldError {
  std::string location;
  std::string name;
  std::string description;
};

struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  std::map<std::string, std::string> params;  // path placeholders

  // The value of a path placeholder, e.g. Param("domain").
  const std::string& Param(const std::string& name) const;
  // "http://" + the request's Host (else the local address it came to).
  std::string BaseUrl() const;
};

void ReplyJson(httplib::Response& res, int status, const Json& body);

// The documented error body {cause, code, message, object}, plus `errors`
// when there are any.
void ReplyError(httplib::Response& res, int status, const std::string& message,
                const std::vector<FieldError>& errors = {});

// The documented 402 body {message, status_code}.
void ReplyPaymentRequired(httplib::Response& res, const std::string& message);

// 201/202 with Location (BaseUrl() + `path`) and {"message": message}.
void ReplyAccepted(Ctx& ctx, int status, const std::string& path,
                   const std::string& message);

// A refused request: with Dry-Run, 200 {"status": "error", "errors": [...]};
// otherwise 400 with the error body and the same `errors`.
void ReplyInvalid(Ctx& ctx, bool dry_run,
                  const std::vector<FieldError>& errors);

// A refusal that depends on the state (login taken, no free slot): with
// Dry-Run the 200 error answer; otherwise `status` (409, 402) with its body.
void ReplyUnavailable(Ctx& ctx, bool dry_run, int status,
                      const std::vector<FieldError>& errors);

// 200 {"status": "success", "errors": []}, with a Warning header when
// `warning` is not empty.
void ReplyDryRunSuccess(Ctx& ctx, const std::string& warning);

// Reads the Dry-Run header: absent or "0" is false, "1" true. Anything else,
// or "1" on a route that does not document Dry-Run (`supported` false), is
// answered with 400 and returns nullopt.
std::optional<bool> ParseDryRun(Ctx& ctx, bool supported);

// Parses the body as a JSON object. An empty body reads as {} when
// `empty_ok`. On failure replies (as ReplyInvalid) and returns nullopt.
std::optional<Json> ParseJsonObject(Ctx& ctx, bool dry_run,
                                    bool empty_ok = false);

// The domain named by the {domain} placeholder in `world`; a domain the
// sandbox does not hold is one the token cannot reach: replies 403 and
// returns nullptr.
const Domain* RequireDomain(Ctx& ctx, const World& world);

// Typed access to a JSON object's fields that records a FieldError for a
// missing required field, a wrong type, and (RejectUnknown) a key nobody
// asked about.
class BodyReader {
 public:
  // `prefix` is prepended to names in errors ("autorenew/").
  BodyReader(const Json& object, std::string prefix,
             std::vector<FieldError>* errors);

  std::optional<std::string> String(const char* key, bool required);
  std::optional<bool> Bool(const char* key, bool required);
  std::optional<int64_t> Int(const char* key, bool required);
  std::optional<double> Number(const char* key, bool required);
  // Returns the field when it is a JSON object (or array), else nullptr.
  const Json* Object(const char* key, bool required);
  const Json* Array(const char* key, bool required);

  // Records an error for every key not read through the methods above.
  void RejectUnknown();

  std::string Name(const std::string& key) const { return prefix_ + key; }
  void Error(const std::string& key, const std::string& description);

 private:
  const Json* Field(const char* key, bool required, const char* type_name,
                    bool (Json::*is_type)() const noexcept);

  const Json& object_;
  std::string prefix_;
  std::vector<FieldError>* errors_;
  std::set<std::string> seen_;
};

// The page and per_page query parameters of a list route.
struct PageRequest {
  int64_t page = 1;
  int64_t per_page = 100;
};

// Reads page (default 1, >= 1) and per_page (default and maximum
// `max_per_page`, >= 1; a larger value is lowered to the maximum). Replies
// 400 and returns nullopt when either is not a positive integer.
std::optional<PageRequest> ParsePaging(Ctx& ctx, int64_t max_per_page);

// Sets Total-Count and Link (rel="next" while a later page exists,
// rel="last" always), with absolute URLs that keep the request's other
// query parameters.
void SetPageHeaders(Ctx& ctx, int64_t total, const PageRequest& page);

// The [begin, end) index range of `page` over `total` items.
std::pair<size_t, size_t> PageRange(size_t total, const PageRequest& page);

// True when the request's Accept asks for text/csv.
bool WantsCsv(const Ctx& ctx);

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvField(absl::string_view value);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(absl::string_view value);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_API_H_
