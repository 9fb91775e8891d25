#include "src/gandi/errors.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "internal/log/redact.h"
#include "src/gandi/codec.h"

namespace gandimail::gandi {
namespace {

absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

std::string_view ReasonPhrase(long status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

absl::StatusCode CodeFor(long status) {
  switch (status) {
    case 400:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 402:
      return absl::StatusCode::kFailedPrecondition;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
    case 410:
      return absl::StatusCode::kNotFound;
    case 409:
      return absl::StatusCode::kAlreadyExists;
    case 412:
      return absl::StatusCode::kFailedPrecondition;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    case 500:
      return absl::StatusCode::kInternal;
    case 502:
    case 503:
    case 504:
      return absl::StatusCode::kUnavailable;
    default:
      return absl::StatusCode::kUnknown;
  }
}

std::string StringField(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

// Error bodies are read loosely: a field of an odd type is skipped, since
// the error itself matters more than its shape.
ApiError ParseErrorBody(long http_status, const nlohmann::json& body) {
  ApiError error;
  error.http_status = http_status;
  if (!body.is_object()) return error;
  error.cause = StringField(body, "cause");
  error.message = StringField(body, "message");
  error.object = StringField(body, "object");
  const auto code = body.find("code");
  if (code != body.end() && code->is_number_integer()) {
    error.code = code->get<int64_t>();
  } else if (const auto sc = body.find("status_code");
             sc != body.end() && sc->is_number_integer()) {
    error.code = sc->get<int64_t>();
  }
  const auto errors = body.find("errors");
  if (errors != body.end() && errors->is_array()) {
    for (const auto& item : *errors) {
      auto parsed = ParseFieldError(item);
      if (parsed.ok()) error.errors.push_back(*std::move(parsed));
    }
  }
  return error;
}

bool SaysNotFound(const ApiError& error) {
  const auto has = [](const std::string& text) {
    return absl::StrContains(absl::AsciiStrToLower(text), "not found") ||
           absl::StrContains(absl::AsciiStrToLower(text), "notfound");
  };
  return error.code == 404 || has(error.cause) || has(error.object);
}

// True when `cause`, `object` and `code` only restate the HTTP status
// (Gandi sends "Conflict", "HTTPConflict", 409 with every 409), which the
// message already names.
bool RestatesStatus(const ApiError& error) {
  const std::string reason(ReasonPhrase(error.http_status));
  const std::string object = "HTTP" + absl::StrReplaceAll(reason, {{" ", ""}});
  return (error.cause.empty() || error.cause == reason) &&
         (error.object.empty() || error.object == object) &&
         (error.code == 0 || error.code == error.http_status);
}

std::string Describe(const ApiError& error) {
  std::vector<std::string> parts;
  if (!RestatesStatus(error)) {
    if (!error.cause.empty()) parts.push_back("cause: " + error.cause);
    if (!error.object.empty()) parts.push_back("object: " + error.object);
    if (error.code != 0) parts.push_back(absl::StrCat("code: ", error.code));
  }
  std::string text = error.message;
  if (!parts.empty()) {
    absl::StrAppend(&text, text.empty() ? "" : " ", "(",
                    absl::StrJoin(parts, ", "), ")");
  }
  for (const FieldError& field : error.errors) {
    // Gandi's message often joins the field errors already: say each once.
    if (!field.description.empty() &&
        absl::StrContains(error.message, field.description)) {
      continue;
    }
    absl::StrAppend(&text, text.empty() ? "" : "; ", field.location,
                    field.location.empty() ? "" : " ", field.name,
                    field.name.empty() ? "" : ": ", field.description);
  }
  return text;
}

// The domain a /v5/email/<area>/<domain>/... path is about, or "".
std::string DomainOf(std::string_view path) {
  const std::vector<std::string> segments = absl::StrSplit(
      Absl(path.substr(0, path.find('?'))), '/', absl::SkipEmpty());
  return segments.size() >= 4 ? segments[3] : "";
}

// What to check after a refusal of the credentials or of the domain; these
// answers come back for every resource, so each must say where to look.
std::string HintFor(long status, std::string_view path) {
  if (status == 401) {
    return "Gandi did not accept the credentials: check "
           "personal_access_token in the provider block, or "
           "GANDI_PERSONAL_ACCESS_TOKEN when the block does not set it (key "
           "or GANDI_KEY for a legacy API key). A token may also have "
           "expired or been revoked.";
  }
  if (status == 403) {
    const std::string domain = DomainOf(path);
    return absl::StrCat(
        "Check that the domain name is right and that ",
        domain.empty() ? "the domain" : domain,
        " belongs to the organization the token was created in, with email "
        "rights; when sharing_id (or GANDI_SHARING_ID) is set, it must name "
        "that organization.");
  }
  return "";
}

// `text`, then the hint for `status` as a sentence of its own.
std::string WithHint(std::string text, long status, std::string_view path) {
  const std::string hint = HintFor(status, path);
  if (hint.empty()) return text;
  absl::StrAppend(&text, absl::EndsWith(text, ".") ? " " : ". ", hint);
  return text;
}

}  // namespace

nlohmann::json ApiError::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldError& e : errors) {
    list.push_back({{"description", e.description},
                    {"location", e.location},
                    {"name", e.name}});
  }
  return {{"http_status", http_status}, {"cause", cause},   {"code", code},
          {"message", message},         {"object", object}, {"errors", list}};
}

std::optional<ApiError> ApiErrorOf(const absl::Status& status) {
  const absl::optional<absl::Cord> payload =
      status.GetPayload(kApiErrorPayload);
  if (!payload.has_value()) return std::nullopt;
  const nlohmann::json json =
      nlohmann::json::parse(std::string(*payload), nullptr, false);
  if (!json.is_object()) return std::nullopt;
  const auto status_it = json.find("http_status");
  ApiError error =
      ParseErrorBody(status_it != json.end() && status_it->is_number_integer()
                         ? status_it->get<long>()
                         : 0,
                     json);
  return error;
}

std::string DescribeBody(const http::Response& response) {
  const std::string type = response.Header("Content-Type").value_or("");
  const std::string bare(absl::StripAsciiWhitespace(
      absl::string_view(type).substr(0, type.find(';'))));
  return absl::StrCat("(", bare.empty() ? "no content type" : bare, ", ",
                      response.body.size(), " bytes)");
}

namespace {

// The API may quote what it was sent: no secret of the request may reach an
// error text through it.
void ScrubApiError(const std::vector<std::string>& secrets, ApiError* error) {
  for (std::string* text : {&error->cause, &error->message, &error->object}) {
    *text = log::ScrubSecrets(std::move(*text), secrets);
  }
  for (FieldError& field : error->errors) {
    field.description =
        log::ScrubSecrets(std::move(field.description), secrets);
    field.name = log::ScrubSecrets(std::move(field.name), secrets);
    field.location = log::ScrubSecrets(std::move(field.location), secrets);
  }
}

// `message` with code `status` maps to, carrying an ApiError that holds only
// the HTTP status: an answer without an error body still tells whether the
// server failed (5xx) or refused (4xx).
absl::Status BodylessError(long status, std::string message) {
  absl::Status result(CodeFor(status), std::move(message));
  ApiError error;
  error.http_status = status;
  result.SetPayload(kApiErrorPayload, absl::Cord(error.ToJson().dump()));
  return result;
}

}  // namespace

absl::Status ErrorFromResponse(std::string_view method, std::string_view path,
                               const http::Response& response,
                               const std::vector<std::string>& secrets) {
  const long status = response.status;
  const std::string head = absl::StrCat(
      Absl(method), " ", Absl(path), ": the API answered ", status,
      ReasonPhrase(status).empty() ? "" : " ", Absl(ReasonPhrase(status)));

  const nlohmann::json body =
      nlohmann::json::parse(response.body, nullptr, false);
  if (absl::StripAsciiWhitespace(response.body).empty()) {
    return BodylessError(status,
                         WithHint(head + " with an empty body", status, path));
  }
  if (body.is_discarded()) {
    return BodylessError(status,
                         WithHint(absl::StrCat(head, " with a non-JSON body ",
                                               DescribeBody(response)),
                                  status, path));
  }
  if (!body.is_object()) {
    return BodylessError(
        status, WithHint(absl::StrCat(head, " with a JSON ", body.type_name(),
                                      " where an error object was expected ",
                                      DescribeBody(response)),
                         status, path));
  }

  ApiError error = ParseErrorBody(status, body);
  ScrubApiError(secrets, &error);
  absl::StatusCode code = CodeFor(status);
  if ((status == 400 || status == 403) && SaysNotFound(error)) {
    code = absl::StatusCode::kNotFound;
  }
  const std::string detail = Describe(error);
  std::string message = detail.empty() ? head : head + ": " + detail;
  // A 403 that means "not found" is no refusal: reads treat it as gone.
  if (code != absl::StatusCode::kNotFound) {
    message = WithHint(std::move(message), status, path);
  }
  absl::Status result(code, message);
  result.SetPayload(
      kApiErrorPayload,
      absl::Cord(error.ToJson().dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace)));
  return result;
}

}  // namespace gandimail::gandi
