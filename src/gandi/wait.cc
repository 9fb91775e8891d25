#include "src/gandi/wait.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace gandimail::gandi {

absl::Status WaitUntil(std::function<absl::StatusOr<bool>()> ready,
                       absl::Time deadline, absl::Duration first_interval) {
  absl::Duration interval = std::max(first_interval, absl::Milliseconds(1));
  const absl::Time start = absl::Now();
  for (int polls = 1;; ++polls) {
    absl::StatusOr<bool> done = ready();
    if (!done.ok()) return done.status();
    if (*done) return absl::OkStatus();

    const absl::Time next = absl::Now() + interval;
    if (next > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("still not ready after ", polls, " checks over ",
                       absl::FormatDuration(absl::Trunc(
                           absl::Now() - start, absl::Milliseconds(1)))));
    }
    absl::SleepFor(interval);
    interval = std::min(interval * 2, kMaxPollInterval);
  }
}

}  // namespace gandimail::gandi
