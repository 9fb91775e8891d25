#include "internal/http/pacer.h"

#include "gtest/gtest.h"

namespace gandimail::http {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1700000000);

TEST(PacerTest, ZeroDisablesPacing) {
  Pacer pacer(0);
  for (int i = 0; i < 10000; ++i) EXPECT_EQ(pacer.Reserve(kStart), kStart);
}

TEST(PacerTest, BurstIsOneSecondOfTheRate) {
  Pacer pacer(1200);
  EXPECT_EQ(pacer.burst(), 20);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(pacer.Reserve(kStart), kStart);
  EXPECT_GT(pacer.Reserve(kStart), kStart);
}

TEST(PacerTest, NoMinuteEverExceedsTheLimit) {
  constexpr int kPerMinute = 600;
  Pacer pacer(kPerMinute);
  // Reserve as fast as possible: count what falls in the first minute.
  int in_first_minute = 0;
  for (int i = 0; i < 2 * kPerMinute; ++i) {
    if (pacer.Reserve(kStart) < kStart + absl::Seconds(60)) ++in_first_minute;
  }
  EXPECT_LE(in_first_minute, kPerMinute);
  EXPECT_GE(in_first_minute, kPerMinute - 2);
}

TEST(PacerTest, IdleTimeRefillsOnlyUpToTheBurst) {
  Pacer pacer(120);  // Burst 2.
  pacer.Reserve(kStart);
  const absl::Time later = kStart + absl::Hours(1);
  EXPECT_EQ(pacer.Reserve(later), later);
  EXPECT_EQ(pacer.Reserve(later), later);
  EXPECT_GT(pacer.Reserve(later), later);
}

}  // namespace
}  // namespace gandimail::http
