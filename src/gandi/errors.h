#ifndef GANDIMAIL_SRC_GANDI_ERRORS_H_
#define GANDIMAIL_SRC_GANDI_ERRORS_H_

// How answers other than success become absl::Status values.
//
// Every API error keeps the API's own words twice: in the status message
// (for diagnostics) and in a status payload (for code that needs the
// fields). The status code follows the HTTP status:
//   400, 422 -> InvalidArgument     401 -> Unauthenticated
//   402 -> FailedPrecondition       403 -> PermissionDenied
//   404 -> NotFound                 409 -> AlreadyExists
//   429 -> ResourceExhausted        500 -> Internal
//   502, 503, 504 -> Unavailable    other -> Unknown
// A 400 or 403 whose body says the object was not found (cause or object
// "not found", or body code 404) is NotFound too, so that reads can tell
// "gone" from "refused".
//
// The message says each thing once: the body's cause, object and code only
// when they add to the HTTP status, and a field error only when the body's
// message does not hold it already. A 401 ends with the settings to check
// (personal_access_token, GANDI_PERSONAL_ACCESS_TOKEN, key), a 403 that is
// not NotFound with the domain's organization and sharing_id; neither hint
// quotes any part of the request.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "internal/http/client.h"
#include "nlohmann/json.hpp"
#include "src/gandi/types.h"

namespace gandimail::gandi {

// The type URL of the payload that ApiErrorOf reads.
inline constexpr char kApiErrorPayload[] = "gandimail/api-error";

struct ApiError {
  long http_status = 0;
  std::string cause;
  int64_t code = 0;
  std::string message;
  std::string object;
  std::vector<FieldError> errors;

  nlohmann::json ToJson() const;
};

// The API error carried by `status`, if it came from an API answer.
std::optional<ApiError> ApiErrorOf(const absl::Status& status);

// True when `status` reports a request that may have been acted on although
// no answer came back (a POST to check before repeating it).
inline bool IsOutcomeUnknown(const absl::Status& status) {
  return http::IsOutcomeUnknown(status);
}

// True when a failed write may still have been carried out: no usable
// answer came back, or the server failed part-way (any 5xx, with an error
// body or without). A 4xx is a refusal: nothing was done.
inline bool MayHaveTakenEffect(const absl::Status& status) {
  if (IsOutcomeUnknown(status)) return true;
  std::optional<ApiError> error = ApiErrorOf(status);
  return error.has_value() && error->http_status >= 500;
}

// Builds the status for a non-2xx `response` to `method` `path`. Every
// occurrence of a text in `secrets` is replaced by "(redacted)" in the
// message and the payload, in case the API echoes one (see
// log::ScrubSecrets for the shortest text scrubbed).
absl::Status ErrorFromResponse(std::string_view method, std::string_view path,
                               const http::Response& response,
                               const std::vector<std::string>& secrets);

// Describes a body for error texts without quoting it:
// "(text/html, 1234 bytes)".
std::string DescribeBody(const http::Response& response);

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_ERRORS_H_
