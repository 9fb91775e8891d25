#ifndef GANDIMAIL_SRC_GANDI_WAIT_H_
#define GANDIMAIL_SRC_GANDI_WAIT_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace gandimail::gandi {

// Longest sleep between two polls of WaitUntil.
inline constexpr absl::Duration kMaxPollInterval = absl::Seconds(10);

// Calls `ready` until it returns true, sleeping `first_interval` after the
// first miss and doubling the sleep after each (up to kMaxPollInterval).
// Returns OK once ready; the first error `ready` returns (so a stopped
// client's Cancelled ends the wait); or DeadlineExceeded when the next poll
// would come after `deadline`. `ready` runs at least once.
absl::Status WaitUntil(std::function<absl::StatusOr<bool>()> ready,
                       absl::Time deadline, absl::Duration first_interval);

}  // namespace gandimail::gandi

#endif  // GANDIMAIL_SRC_GANDI_WAIT_H_
