// Feeds arbitrary bytes to the parsers of Email API answers
// (src/gandi/codec.h) and to the reading of error answers
// (ErrorFromResponse in src/gandi/errors.h).
//
// Byte 0 picks the parser; the rest is the answer's body. Properties:
// nothing crashes or throws; parsing is deterministic; an error answer is
// never OK, and no secret of the request (kSecret, which the seeds place
// in every field) survives anywhere in the status message or its payload.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "src/gandi/codec.h"
#include "src/gandi/errors.h"

namespace gandimail::gandi::fuzz {
namespace {

// A password the request carried, as the API might quote it back.
constexpr char kSecret[] = "Sup3r-S3cret-1!";

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "gandi codec fuzz property violated: %s\n%.*s\n", what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Parses `json` twice with `parse`: the same answer must give the same
// result, and no parser may throw (nlohmann's accessors do when misused).
template <typename T>
void CheckParser(const nlohmann::json& json,
                 absl::StatusOr<T> (*parse)(const nlohmann::json&)) {
  absl::StatusOr<T> first = parse(json);
  absl::StatusOr<T> second = parse(json);
  if (first.status() != second.status()) {
    Fail("parsing is not deterministic", first.status().ToString());
  }
  if (!first.ok() && first.status().code() != absl::StatusCode::kDataLoss) {
    Fail("a bad body is not DataLoss", first.status().ToString());
  }
}

template <typename T>
void CheckList(const nlohmann::json& json, std::string_view what,
               absl::StatusOr<T> (*parse)(const nlohmann::json&)) {
  absl::StatusOr<std::vector<T>> list = ParseArray<T>(json, what, parse);
  if (list.ok() && list->size() != json.size()) {
    Fail("a parsed list lost items", json.dump());
  }
}

void CheckErrorAnswer(uint8_t status_byte, std::string_view body) {
  http::Response response;
  response.status = 400 + status_byte % 200;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::string(body);

  absl::Status status = ErrorFromResponse(
      "POST", "/v5/email/mailboxes/example.com", response, {kSecret});
  if (status.ok()) Fail("an error answer gave OK", body);
  if (status.message().find(kSecret) != absl::string_view::npos) {
    Fail("a secret reached the error message", status.ToString());
  }
  absl::optional<absl::Cord> payload = status.GetPayload(kApiErrorPayload);
  if (payload.has_value() &&
      std::string(*payload).find(kSecret) != std::string::npos) {
    Fail("a secret reached the error payload", std::string(*payload));
  }
  if (payload.has_value() && !ApiErrorOf(status).has_value()) {
    Fail("the error payload does not read back", std::string(*payload));
  }
}

void CheckBody(uint8_t selector, std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) return;
  switch (selector % 11) {
    case 0:
      return CheckParser(json, &ParseMailbox);
    case 1:
      return CheckParser(json, &ParseMailboxSummary);
    case 2:
      return CheckParser(json, &ParseForward);
    case 3:
      return CheckParser(json, &ParseSlot);
    case 4:
      return CheckParser(json, &ParseOffer);
    case 5:
      return CheckParser(json, &ParseMigration);
    case 6:
      return CheckParser(json, &ParseDryRunResult);
    case 7:
      return CheckParser(json, &ParseFieldError);
    case 8:
      return CheckList(json, "forwards list", &ParseForward);
    case 9:
      return CheckList(json, "mailboxes list", &ParseMailboxSummary);
    default:
      return CheckList(json, "slots list", &ParseSlot);
  }
}

}  // namespace
}  // namespace gandimail::gandi::fuzz

// Byte 0: below 0x80 picks a body parser; from 0x80 an error answer, with
// byte 1 choosing its HTTP status.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gandimail::gandi::fuzz;
  if (size < 2) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] < 0x80) {
    CheckBody(data[0], rest);
  } else {
    CheckErrorAnswer(data[1], rest.substr(1));
  }
  return 0;
}
