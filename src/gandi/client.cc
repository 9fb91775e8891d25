#include "src/gandi/client.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "internal/base/status_macros.h"
#include "src/gandi/codec.h"
#include "src/gandi/errors.h"

namespace gandimail::gandi {
namespace {

constexpr absl::string_view kApiPrefix = "/v5/email";

std::string ApiUrl(std::string base_url) {
  while (absl::EndsWith(base_url, "/")) base_url.pop_back();
  if (!absl::EndsWith(base_url, kApiPrefix))
    absl::StrAppend(&base_url, kApiPrefix);
  return base_url;
}

std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// True when a Link header value has a link with relation "next".
bool HasNextLink(absl::string_view link) {
  for (absl::string_view entry : absl::StrSplit(link, ',')) {
    for (absl::string_view param : absl::StrSplit(entry, ';')) {
      param = absl::StripAsciiWhitespace(param);
      if (!absl::StartsWithIgnoreCase(param, "rel=")) continue;
      absl::string_view value = param.substr(4);
      absl::ConsumePrefix(&value, "\"");
      absl::ConsumeSuffix(&value, "\"");
      for (absl::string_view rel : absl::StrSplit(value, ' ')) {
        if (absl::EqualsIgnoreCase(rel, "next")) return true;
      }
    }
  }
  return false;
}

std::optional<int64_t> TotalCount(const http::Response& response) {
  const std::optional<std::string> header = response.Header("Total-Count");
  int64_t total = 0;
  if (!header.has_value() ||
      !absl::SimpleAtoi(absl::StripAsciiWhitespace(*header), &total)) {
    return std::nullopt;
  }
  return total;
}

}  // namespace

Client::Client(http::Client* http, std::string base_url,
               Credentials credentials, std::string sharing_id)
    : http_(http),
      api_url_(ApiUrl(std::move(base_url))),
      credentials_(std::move(credentials)),
      sharing_id_(std::move(sharing_id)) {}

Client::Call Client::MakeCall(std::string method, std::string path) const {
  Call call;
  call.method = std::move(method);
  call.path = std::move(path);
  return call;
}

void Client::AddSharingId(Call* call) const {
  if (!sharing_id_.empty()) call->query.emplace_back("sharing_id", sharing_id_);
}

absl::StatusOr<http::Response> Client::Send(const Call& call) {
  if (credentials_.secret.empty()) {
    return absl::UnauthenticatedError(
        "no Gandi credentials: set a personal access token or an API key");
  }
  http::Request request;
  request.method = call.method;
  request.url = absl::StrCat(api_url_, call.path, EncodeQuery(call.query));
  request.headers = {
      {"Authorization",
       absl::StrCat(
           credentials_.scheme == Credentials::kApikey ? "Apikey " : "Bearer ",
           credentials_.secret.Reveal())},
      {"Accept", "application/json"}};
  if (call.body.has_value()) {
    request.body = DumpJson(*call.body);
    request.headers.emplace_back("Content-Type", "application/json");
  }
  if (call.dry_run) {
    request.headers.emplace_back("Dry-Run", "1");
    request.retry_allowed = true;  // Nothing is carried out.
  }

  GM_ASSIGN_OR_RETURN(http::Response response, http_->Do(request));
  if (response.status < 200 || response.status > 299) {
    std::vector<std::string> secrets = call.secrets;
    secrets.push_back(credentials_.secret.Reveal());
    return ErrorFromResponse(call.method, absl::StrCat(kApiPrefix, call.path),
                             response, secrets);
  }
  return response;
}

absl::StatusOr<nlohmann::json> Client::ParseBody(
    const Call& call, const http::Response& response) {
  const std::string head = absl::StrCat(call.method, " ", kApiPrefix, call.path,
                                        ": the API answered ", response.status);
  if (absl::StripAsciiWhitespace(response.body).empty()) {
    return absl::DataLossError(head + " with an empty body");
  }
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    return absl::DataLossError(absl::StrCat(
        head, " with a non-JSON or truncated body ", DescribeBody(response)));
  }
  return body;
}

absl::StatusOr<nlohmann::json> Client::SendForJson(const Call& call) {
  GM_ASSIGN_OR_RETURN(http::Response response, Send(call));
  return ParseBody(call, response);
}

absl::StatusOr<Acknowledgement> Client::SendForAck(const Call& call) {
  GM_ASSIGN_OR_RETURN(http::Response response, Send(call));

  // The change was accepted: an odd body must not hide that, so the
  // message is taken only when it is readable.
  Acknowledgement ack;
  const nlohmann::json body =
      nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    const auto message = body.find("message");
    if (message != body.end() && message->is_string()) {
      ack.message = message->get<std::string>();
    }
  }
  ack.location = response.Header("Location");
  if (ack.location.has_value()) ack.id = IdFromLocation(*ack.location);
  return ack;
}

absl::StatusOr<DryRunResult> Client::SendDryRun(Call call) {
  call.dry_run = true;
  GM_ASSIGN_OR_RETURN(http::Response response, Send(call));
  if (response.status != 200) {
    return absl::InternalError(
        absl::StrCat(call.method, " ", kApiPrefix, call.path,
                     ": the API answered ", response.status,
                     " to a Dry-Run request, so it may have carried it out"));
  }
  GM_ASSIGN_OR_RETURN(nlohmann::json body, ParseBody(call, response));
  GM_ASSIGN_OR_RETURN(DryRunResult result, ParseDryRunResult(body));
  result.warning = response.Header("Warning");
  return result;
}

absl::StatusOr<std::vector<nlohmann::json>> Client::ListAllPages(
    const Call& call, std::optional<int> per_page,
    std::optional<int64_t> max_items) {
  std::vector<nlohmann::json> items;
  nlohmann::json previous;
  for (int page = 1; page <= kMaxPages; ++page) {
    Call page_call = call;
    page_call.query.emplace_back("page", absl::StrCat(page));
    if (per_page.has_value()) {
      page_call.query.emplace_back("per_page", absl::StrCat(*per_page));
    }
    GM_ASSIGN_OR_RETURN(http::Response response, Send(page_call));
    GM_ASSIGN_OR_RETURN(nlohmann::json body, ParseBody(page_call, response));
    if (!body.is_array()) {
      return absl::DataLossError(absl::StrCat(
          call.method, " ", kApiPrefix, call.path, " page ", page,
          ": the API sent a ", body.type_name(), " where a list was expected"));
    }
    if (body.empty()) return items;  // Past the last page.
    if (body == previous) {
      return absl::DataLossError(absl::StrCat(
          call.method, " ", kApiPrefix, call.path, ": the API sent page ", page,
          " equal to page ", page - 1, ", so the list would not end"));
    }
    for (const auto& item : body) items.push_back(item);
    previous = std::move(body);
    if (max_items.has_value() &&
        static_cast<int64_t>(items.size()) >= *max_items) {
      return items;
    }

    // Stop at whichever end the server states; with neither, an empty page
    // ends the list.
    const std::optional<int64_t> total = TotalCount(response);
    if (total.has_value() && static_cast<int64_t>(items.size()) >= *total) {
      return items;
    }
    const std::optional<std::string> link = response.Header("Link");
    if (link.has_value() && !HasNextLink(*link)) return items;
  }
  return absl::DataLossError(
      absl::StrCat(call.method, " ", kApiPrefix, call.path,
                   ": the list did not end after ", kMaxPages, " pages"));
}

}  // namespace gandimail::gandi
