#include "internal/http/retry.h"

#include "gtest/gtest.h"

namespace gandimail::http {
namespace {

TEST(RetryTest, RetryableStatusesAre429And500To504) {
  EXPECT_TRUE(IsRetryableStatus(429));
  for (long status : {500, 501, 502, 503, 504}) {
    EXPECT_TRUE(IsRetryableStatus(status)) << status;
  }
  for (long status : {200, 202, 400, 401, 402, 403, 404, 409, 505}) {
    EXPECT_FALSE(IsRetryableStatus(status)) << status;
  }
}

TEST(RetryTest, RetryAfterSeconds) {
  EXPECT_EQ(ParseRetryAfter(" 120 ", absl::Now()), absl::Seconds(120));
  EXPECT_EQ(ParseRetryAfter("0", absl::Now()), absl::ZeroDuration());
}

TEST(RetryTest, RetryAfterHttpDate) {
  const absl::Time now = absl::FromUnixSeconds(784111777);  // 1994-11-06.
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now),
            absl::Seconds(10));
}

TEST(RetryTest, RetryAfterDateInThePastIsZero) {
  const absl::Time now = absl::FromUnixSeconds(784111777);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now),
            absl::ZeroDuration());
}

TEST(RetryTest, RetryAfterGarbageIsIgnored) {
  EXPECT_FALSE(ParseRetryAfter("soon", absl::Now()).has_value());
  EXPECT_FALSE(ParseRetryAfter("", absl::Now()).has_value());
  EXPECT_FALSE(ParseRetryAfter("12abc", absl::Now()).has_value());
}

TEST(RetryTest, BackoffDoublesUpToTheCeiling) {
  const absl::Duration initial = absl::Milliseconds(100);
  const absl::Duration max = absl::Seconds(1);
  // unit_random just below 1 gives the ceiling of each retry.
  EXPECT_EQ(Backoff(1, initial, max, 0.5), absl::Milliseconds(50));
  EXPECT_EQ(Backoff(2, initial, max, 0.5), absl::Milliseconds(100));
  EXPECT_EQ(Backoff(3, initial, max, 0.5), absl::Milliseconds(200));
  EXPECT_EQ(Backoff(10, initial, max, 0.5), absl::Milliseconds(500));
  EXPECT_EQ(Backoff(60, initial, max, 0.5), absl::Milliseconds(500));
}

TEST(RetryTest, BackoffIsFullJitter) {
  const absl::Duration initial = absl::Milliseconds(100);
  EXPECT_EQ(Backoff(1, initial, absl::Seconds(1), 0.0), absl::ZeroDuration());
}

}  // namespace
}  // namespace gandimail::http
