#include "src/gandi/url.h"

#include <cctype>

namespace gandimail::gandi {
namespace {

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEscaped(std::string_view text, bool keep_at, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_at && c == '@')) {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string EscapePathSegment(std::string_view segment) {
  std::string out;
  AppendEscaped(segment, /*keep_at=*/true, &out);
  return out;
}

std::string EncodeQuery(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    out += out.empty() ? '?' : '&';
    AppendEscaped(key, /*keep_at=*/false, &out);
    out += '=';
    AppendEscaped(value, /*keep_at=*/false, &out);
  }
  return out;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::optional<std::string> IdFromLocation(std::string_view location) {
  std::string_view path = location.substr(0, location.find_first_of("?#"));
  // Skip "scheme://authority" when the Location is an absolute URL.
  const size_t scheme_end = path.find("://");
  if (scheme_end != std::string_view::npos) {
    const size_t path_start = path.find('/', scheme_end + 3);
    path = path_start == std::string_view::npos ? std::string_view()
                                                : path.substr(path_start);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  const std::string_view last =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (last.empty()) return std::nullopt;
  return PercentDecode(last);
}

}  // namespace gandimail::gandi
