#include "tests/sandbox/api.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace gandimail::sandbox {
namespace {

struct StatusNames {
  const char* cause;
  const char* object;
};

StatusNames NamesFor(int status) {
  switch (status) {
    case 400:
      return {"Bad Request", "HTTPBadRequest"};
    case 401:
      return {"Unauthorized", "HTTPUnauthorized"};
    case 403:
      return {"Forbidden", "HTTPForbidden"};
    case 404:
      return {"Not Found", "HTTPNotFound"};
    case 405:
      return {"Method Not Allowed", "HTTPMethodNotAllowed"};
    case 409:
      return {"Conflict", "HTTPConflict"};
    case 429:
      return {"Too Many Requests", "HTTPTooManyRequests"};
    case 500:
      return {"Internal Server Error", "HTTPInternalServerError"};
    case 502:
      return {"Bad Gateway", "HTTPBadGateway"};
    case 503:
      return {"Service Unavailable", "HTTPServiceUnavailable"};
    case 504:
      return {"Gateway Timeout", "HTTPGatewayTimeout"};
    default:
      return {"Error", "HTTPError"};
  }
}

Json ErrorsJson(const std::vector<FieldError>& errors) {
  Json out = Json::array();
  for (const FieldError& e : errors) {
    out.push_back({{"location", e.location},
                   {"name", e.name},
                   {"description", e.description}});
  }
  return out;
}

std::string Describe(const std::vector<FieldError>& errors) {
  std::vector<std::string> parts;
  for (const FieldError& e : errors) {
    parts.push_back(e.name.empty() ? e.description
                                   : absl::StrCat(e.name, ": ", e.description));
  }
  return absl::StrJoin(parts, "; ");
}

// Reads one positive integer query parameter; nullopt (and an error) when
// present but not a positive integer.
bool ReadPositive(Ctx& ctx, const char* name, int64_t* value,
                  std::vector<FieldError>* errors) {
  if (!ctx.req.has_param(name)) return true;
  int64_t n = 0;
  if (!absl::SimpleAtoi(ctx.req.get_param_value(name), &n) || n < 1) {
    errors->push_back({"querystring", name, "must be an integer >= 1"});
    return false;
  }
  *value = n;
  return true;
}

std::string PageUrl(Ctx& ctx, int64_t page, int64_t per_page) {
  std::vector<std::string> query;
  for (const auto& [key, value] : ctx.req.params) {
    if (key == "page" || key == "per_page") continue;
    query.push_back(absl::StrCat(UrlEncode(key), "=", UrlEncode(value)));
  }
  query.push_back(absl::StrCat("page=", page));
  query.push_back(absl::StrCat("per_page=", per_page));
  return absl::StrCat(ctx.BaseUrl(), ctx.req.path, "?",
                      absl::StrJoin(query, "&"));
}

}  // namespace

const std::string& Ctx::Param(const std::string& name) const {
  static const std::string* const kEmpty = new std::string();
  auto it = params.find(name);
  return it == params.end() ? *kEmpty : it->second;
}

std::string Ctx::BaseUrl() const {
  std::string host = req.get_header_value("Host");
  if (host.empty()) host = absl::StrCat(req.local_addr, ":", req.local_port);
  return absl::StrCat("http://", host);
}

void ReplyJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void ReplyError(httplib::Response& res, int status, const std::string& message,
                const std::vector<FieldError>& errors) {
  StatusNames names = NamesFor(status);
  Json body = {{"cause", names.cause},
               {"code", status},
               {"message", message},
               {"object", names.object}};
  if (!errors.empty()) body["errors"] = ErrorsJson(errors);
  ReplyJson(res, status, body);
}

void ReplyPaymentRequired(httplib::Response& res, const std::string& message) {
  ReplyJson(res, 402, {{"message", message}, {"status_code", 402}});
}

void ReplyAccepted(Ctx& ctx, int status, const std::string& path,
                   const std::string& message) {
  ctx.res.set_header("Location", ctx.BaseUrl() + path);
  ReplyJson(ctx.res, status, {{"message", message}});
}

void ReplyInvalid(Ctx& ctx, bool dry_run,
                  const std::vector<FieldError>& errors) {
  if (dry_run) {
    ReplyJson(ctx.res, 200,
              {{"status", "error"}, {"errors", ErrorsJson(errors)}});
    return;
  }
  ReplyError(ctx.res, 400, Describe(errors), errors);
}

void ReplyUnavailable(Ctx& ctx, bool dry_run, int status,
                      const std::vector<FieldError>& errors) {
  if (dry_run) {
    ReplyInvalid(ctx, true, errors);
  } else if (status == 402) {
    ReplyPaymentRequired(ctx.res, Describe(errors));
  } else {
    ReplyError(ctx.res, status, Describe(errors), errors);
  }
}

void ReplyDryRunSuccess(Ctx& ctx, const std::string& warning) {
  if (!warning.empty()) ctx.res.set_header("Warning", warning);
  ReplyJson(ctx.res, 200, {{"status", "success"}, {"errors", Json::array()}});
}

std::optional<bool> ParseDryRun(Ctx& ctx, bool supported) {
  if (!ctx.req.has_header("Dry-Run")) return false;
  std::string value(
      absl::StripAsciiWhitespace(ctx.req.get_header_value("Dry-Run")));
  if (value == "0") return false;

  std::string problem;
  if (value != "1") {
    problem = "must be 0 or 1";
  } else if (!supported) {
    problem = "is not supported on this route; the request was not performed";
  } else {
    return true;
  }
  ReplyError(ctx.res, 400, "Dry-Run " + problem,
             {{"header", "Dry-Run", problem}});
  return std::nullopt;
}

std::optional<Json> ParseJsonObject(Ctx& ctx, bool dry_run, bool empty_ok) {
  if (empty_ok && absl::StripAsciiWhitespace(ctx.req.body).empty()) {
    return Json::object();
  }
  Json body = Json::parse(ctx.req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    ReplyInvalid(ctx, dry_run, {{"body", "", "the body is not valid JSON"}});
    return std::nullopt;
  }
  if (!body.is_object()) {
    ReplyInvalid(ctx, dry_run,
                 {{"body", "", "the body must be a JSON object"}});
    return std::nullopt;
  }
  return body;
}

const Domain* RequireDomain(Ctx& ctx, const World& world) {
  const Domain* d = world.Find(ctx.Param("domain"));
  if (d == nullptr) {
    ReplyError(ctx.res, 403,
               "Access was denied to domain " + ctx.Param("domain") +
                   ": it is not in this account");
  }
  return d;
}

BodyReader::BodyReader(const Json& object, std::string prefix,
                       std::vector<FieldError>* errors)
    : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

void BodyReader::Error(const std::string& key, const std::string& description) {
  errors_->push_back({"body", Name(key), description});
}

const Json* BodyReader::Field(const char* key, bool required,
                              const char* type_name,
                              bool (Json::*is_type)() const noexcept) {
  seen_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) Error(key, "is required");
    return nullptr;
  }
  if (!((*it).*is_type)()) {
    Error(key, absl::StrCat("must be ", type_name));
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> BodyReader::String(const char* key, bool required) {
  const Json* j = Field(key, required, "a string", &Json::is_string);
  if (j == nullptr) return std::nullopt;
  return j->get<std::string>();
}

std::optional<bool> BodyReader::Bool(const char* key, bool required) {
  const Json* j = Field(key, required, "a boolean", &Json::is_boolean);
  if (j == nullptr) return std::nullopt;
  return j->get<bool>();
}

std::optional<int64_t> BodyReader::Int(const char* key, bool required) {
  const Json* j = Field(key, required, "an integer", &Json::is_number_integer);
  if (j == nullptr) return std::nullopt;
  return j->get<int64_t>();
}

std::optional<double> BodyReader::Number(const char* key, bool required) {
  const Json* j = Field(key, required, "a number", &Json::is_number);
  if (j == nullptr) return std::nullopt;
  return j->get<double>();
}

const Json* BodyReader::Object(const char* key, bool required) {
  return Field(key, required, "an object", &Json::is_object);
}

const Json* BodyReader::Array(const char* key, bool required) {
  return Field(key, required, "an array", &Json::is_array);
}

void BodyReader::RejectUnknown() {
  for (const auto& [key, value] : object_.items()) {
    if (seen_.count(key) == 0) Error(key, "is not a known field");
  }
}

std::optional<PageRequest> ParsePaging(Ctx& ctx, int64_t max_per_page) {
  PageRequest page{1, max_per_page};
  std::vector<FieldError> errors;
  ReadPositive(ctx, "page", &page.page, &errors);
  ReadPositive(ctx, "per_page", &page.per_page, &errors);
  if (!errors.empty()) {
    ReplyError(ctx.res, 400, Describe(errors), errors);
    return std::nullopt;
  }
  page.per_page = std::min(page.per_page, max_per_page);
  return page;
}

void SetPageHeaders(Ctx& ctx, int64_t total, const PageRequest& page) {
  ctx.res.set_header("Total-Count", std::to_string(total));
  int64_t last =
      std::max<int64_t>(1, (total + page.per_page - 1) / page.per_page);
  std::string link;
  if (page.page < last) {
    link = absl::StrCat("<", PageUrl(ctx, page.page + 1, page.per_page),
                        ">; rel=\"next\", ");
  }
  absl::StrAppend(&link, "<", PageUrl(ctx, last, page.per_page),
                  ">; rel=\"last\"");
  ctx.res.set_header("Link", link);
}

std::pair<size_t, size_t> PageRange(size_t total, const PageRequest& page) {
  // Computed in 128 bits' worth of care: a huge page number must not wrap.
  uint64_t per = static_cast<uint64_t>(page.per_page);
  uint64_t index = static_cast<uint64_t>(page.page - 1);
  if (index != 0 && per > total / index) return {total, total};
  size_t begin = std::min<uint64_t>(total, index * per);
  size_t end = std::min<uint64_t>(total, begin + per);
  return {begin, end};
}

bool WantsCsv(const Ctx& ctx) {
  return absl::StrContains(
      absl::AsciiStrToLower(ctx.req.get_header_value("Accept")), "text/csv");
}

std::string CsvField(absl::string_view value) {
  if (value.find_first_of(",\"\r\n") == absl::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string UrlEncode(absl::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

}  // namespace gandimail::sandbox
