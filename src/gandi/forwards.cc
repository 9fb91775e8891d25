// Forwarding addresses: /forwards/{domain}[/{source}].

#include <set>

#include "absl/strings/str_cat.h"
#include "internal/base/status_macros.h"
#include "src/gandi/client.h"
#include "src/gandi/codec.h"

namespace gandimail::gandi {
namespace {

std::string ForwardsPath(std::string_view domain) {
  return "/forwards/" + EscapePathSegment(domain);
}

std::string ForwardPath(std::string_view domain, std::string_view source) {
  return ForwardsPath(domain) + "/" + EscapePathSegment(source);
}

}  // namespace

absl::StatusOr<std::vector<Forward>> Client::ListForwards(
    std::string_view domain, const ForwardListOptions& options) {
  Call call = MakeCall("GET", ForwardsPath(domain));
  if (options.source) call.query.emplace_back("source", *options.source);
  if (options.destination) {
    call.query.emplace_back("destination", *options.destination);
  }
  if (options.sort_by) call.query.emplace_back("sort_by", *options.sort_by);
  GM_ASSIGN_OR_RETURN(std::vector<nlohmann::json> items,
                      ListAllPages(call, options.per_page, options.max_items));

  // A forward created or deleted while paging can shift another one onto
  // two pages: keep the first copy.
  std::vector<Forward> forwards;
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    absl::StatusOr<Forward> forward = ParseForward(items[i]);
    if (!forward.ok()) {
      return ArrayElementError("forwards list", i, forward.status());
    }
    if (seen.insert(forward->source).second) {
      forwards.push_back(*std::move(forward));
    }
  }
  return forwards;
}

absl::StatusOr<Acknowledgement> Client::CreateForward(
    std::string_view domain, const ForwardCreate& forward) {
  Call call = MakeCall("POST", ForwardsPath(domain));
  call.body = EncodeForwardCreate(forward);
  return SendForAck(call);
}

absl::StatusOr<Acknowledgement> Client::UpdateForward(
    std::string_view domain, std::string_view source,
    const std::vector<std::string>& destinations) {
  Call call = MakeCall("PUT", ForwardPath(domain, source));
  call.body = EncodeForwardUpdate(destinations);
  return SendForAck(call);
}

absl::StatusOr<Acknowledgement> Client::DeleteForward(std::string_view domain,
                                                      std::string_view source) {
  return SendForAck(MakeCall("DELETE", ForwardPath(domain, source)));
}

}  // namespace gandimail::gandi
