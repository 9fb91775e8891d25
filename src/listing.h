#ifndef GANDIMAIL_SRC_LISTING_H_
#define GANDIMAIL_SRC_LISTING_H_

// Listing a domain's mailboxes, forwards and slots with the filters the API
// offers: the filter attributes, their translation into a request, and the
// request with its failure reported. The list data sources and the list
// resources (`terraform query`) both take these, so a filter reads and
// behaves the same in both.

#include <optional>
#include <string>
#include <vector>

#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"
#include "src/api_source.h"

namespace gandimail::listing {

// The string at `name` in `config`, or nothing when it is null.
std::optional<std::string> OptionalString(const cty::Value& config,
                                          const char* name);

// `login`, `login_pattern`, `mailbox_type` and `antispam`, all optional.
std::vector<tfplugin::Attribute> MailboxFilterAttributes();
gandi::MailboxListOptions MailboxFilters(const cty::Value& config);

// `source` and `destination` patterns, optional and never empty.
std::vector<tfplugin::Attribute> ForwardFilterAttributes();
gandi::ForwardListOptions ForwardFilters(const cty::Value& config);

// The API's list for `domain`, or nothing with an error diagnostic naming
// the domain when the request fails.
std::optional<std::vector<gandi::MailboxSummary>> ListMailboxes(
    const ApiHandle& api, const std::string& domain,
    const gandi::MailboxListOptions& options,
    tfplugin::Diagnostics* diagnostics);
std::optional<std::vector<gandi::Forward>> ListForwards(
    const ApiHandle& api, const std::string& domain,
    const gandi::ForwardListOptions& options,
    tfplugin::Diagnostics* diagnostics);
std::optional<std::vector<gandi::Slot>> ListSlots(
    const ApiHandle& api, const std::string& domain,
    tfplugin::Diagnostics* diagnostics);

}  // namespace gandimail::listing

#endif  // GANDIMAIL_SRC_LISTING_H_
