#include "src/gandi/wait.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace gandimail::gandi {
namespace {

TEST(WaitTest, ReturnsOnceReady) {
  int calls = 0;
  const absl::Status status =
      WaitUntil([&]() -> absl::StatusOr<bool> { return ++calls == 3; },
                absl::Now() + absl::Seconds(10), absl::Milliseconds(1));
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(calls, 3);
}

TEST(WaitTest, ReadyAtOnceDoesNotSleep) {
  const absl::Time start = absl::Now();
  EXPECT_TRUE(WaitUntil([] { return absl::StatusOr<bool>(true); },
                        absl::Now() + absl::Seconds(10), absl::Seconds(5))
                  .ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

TEST(WaitTest, IntervalsDouble) {
  std::vector<absl::Time> calls;
  (void)WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        calls.push_back(absl::Now());
        return calls.size() == 4;
      },
      absl::Now() + absl::Seconds(10), absl::Milliseconds(20));
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_GE(calls[1] - calls[0], absl::Milliseconds(20));
  EXPECT_GE(calls[2] - calls[1], absl::Milliseconds(40));
  EXPECT_GE(calls[3] - calls[2], absl::Milliseconds(80));
}

TEST(WaitTest, ErrorEndsTheWait) {
  int calls = 0;
  const absl::Status status = WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        if (++calls == 2) return absl::CancelledError("stopping");
        return false;
      },
      absl::Now() + absl::Seconds(10), absl::Milliseconds(1));
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 2);
}

TEST(WaitTest, DeadlineEndsTheWaitWithoutOversleeping) {
  int calls = 0;
  const absl::Time start = absl::Now();
  const absl::Status status = WaitUntil(
      [&]() -> absl::StatusOr<bool> {
        ++calls;
        return false;
      },
      absl::Now() + absl::Milliseconds(100), absl::Milliseconds(30));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_GE(calls, 2);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(150));
}

}  // namespace
}  // namespace gandimail::gandi
