#ifndef GANDIMAIL_SRC_RESOURCES_COMMON_H_
#define GANDIMAIL_SRC_RESOURCES_COMMON_H_

// Pieces every gandimail resource and data source shares: the `timeouts`
// argument, value validators with clear messages, and the reporting of API
// failures as diagnostics.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "internal/cty/value.h"
#include "internal/tfplugin/diagnostics.h"
#include "internal/tfplugin/schema.h"

namespace gandimail::resources {

// `timeouts = { create = "10m", ... }` for the given operations, each a Go
// duration string; optional, and not managed by the API.
tfplugin::Attribute TimeoutsAttribute(const std::vector<std::string>& ops,
                                      absl::Duration fallback);

// The duration set for `op` in the `timeouts` attribute of `object` (a
// config, plan or state value), else `fallback`.
absl::Duration TimeoutFor(const cty::Value& object, const std::string& op,
                          absl::Duration fallback);

// A validator: the string must be one of `allowed`.
tfplugin::Validator OneOf(std::vector<std::string> allowed);
// A validator: the number must be one of `allowed`.
tfplugin::Validator OneOfInts(std::vector<int64_t> allowed);
// A validator: the string must be a Go-style duration such as "90s".
tfplugin::Validator IsDuration();
// A validator: an RFC 3339 date-time such as "2026-07-10T18:00:00Z".
tfplugin::Validator IsRfc3339();

// Parses an RFC 3339 date-time; false when it is not one.
bool ParseRfc3339(const std::string& text, absl::Time* out);
// True when both are date-times naming the same instant (offsets may
// differ), or the same text.
bool SameInstant(const std::string& a, const std::string& b);

// Adds an error for a failed API call: `summary` (Title Case), `detail`
// naming the object, then the API's own message. No secret is in `status`
// (the API client redacts), so it is shown as it is.
void AddApiError(tfplugin::Diagnostics* diagnostics, std::string summary,
                 std::string detail, const absl::Status& status);

}  // namespace gandimail::resources

#endif  // GANDIMAIL_SRC_RESOURCES_COMMON_H_
