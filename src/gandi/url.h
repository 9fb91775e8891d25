#ifndef GANDIMAIL_SRC_GANDI_URL_H_
#define GANDIMAIL_SRC_GANDI_URL_H_

// URL pieces of the Email API: escaped path segments ({domain}, {source},
// {email}, ...), query strings, and ids taken from Location headers.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gandimail::gandi {

using Query = std::vector<std::pair<std::string, std::string>>;

// Escapes `segment` for one path segment: everything but RFC 3986
// unreserved characters and "@" is percent-encoded, so that "/", "?", "#",
// "%", "*" or a space in a value can never change the route.
std::string EscapePathSegment(std::string_view segment);

// "?k=v&k2=v2" with keys and values percent-encoded (only unreserved
// characters left as they are); "" for an empty query.
std::string EncodeQuery(const Query& query);

// Decodes %XX escapes; a malformed escape is kept as it is.
std::string PercentDecode(std::string_view text);

// The last non-empty path segment of `location` (an absolute URL or a
// path), unescaped, without query or fragment; nullopt when there is none.
std::optional<std::string> IdFromLocation(std::string_view location);

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_URL_H_
