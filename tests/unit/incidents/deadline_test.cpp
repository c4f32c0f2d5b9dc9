// The 72-hour clock as the DPO sees it on every incident.
#include "gateway/incidents/deadline.hpp"

#include <gtest/gtest.h>

namespace galguard::incidents {
namespace {

constexpr std::int64_t kDiscovered = 1795615380;
constexpr std::int64_t kHour = 3600;

quarantine::Incident discovered_at(std::int64_t t) {
  quarantine::Incident i;
  i.discovered_at = t;
  return i;
}

TEST(Deadline, RunsSeventyTwoHoursFromDiscovery) {
  const Deadline d = deadline_of(discovered_at(kDiscovered), kDiscovered + 10 * kHour + 48 * 60);
  EXPECT_EQ(d.state, Deadline::State::running);
  EXPECT_EQ(d.due, kDiscovered + 72 * kHour);
  EXPECT_EQ(d.left, 61 * kHour + 12 * 60);
  EXPECT_EQ(describe(d), "61 h 12 min left");
}

TEST(Deadline, UrgentUnderTwelveHours) {
  const auto i = discovered_at(kDiscovered);
  const Deadline at_twelve = deadline_of(i, kDiscovered + 60 * kHour);
  EXPECT_EQ(at_twelve.state, Deadline::State::running);  // exactly 12 h left is not yet red
  const Deadline d = deadline_of(i, kDiscovered + 66 * kHour + 57 * 60);
  EXPECT_EQ(d.state, Deadline::State::urgent);
  EXPECT_EQ(describe(d), "5 h 03 min left");
}

TEST(Deadline, OverdueAfterSeventyTwoHours) {
  const Deadline d = deadline_of(discovered_at(kDiscovered), kDiscovered + 74 * kHour + 10 * 60);
  EXPECT_EQ(d.state, Deadline::State::overdue);
  EXPECT_EQ(d.left, -(2 * kHour + 10 * 60));
  EXPECT_EQ(describe(d), "overdue by 2 h 10 min");
}

TEST(Deadline, NotificationStopsTheClock) {
  auto i = discovered_at(kDiscovered);
  i.notified_at = kDiscovered + 58 * kHour;
  // Long after the deadline, a notified incident is still "notified", not overdue.
  const Deadline early = deadline_of(i, kDiscovered + 500 * kHour);
  EXPECT_EQ(early.state, Deadline::State::notified);
  EXPECT_EQ(early.left, 14 * kHour);
  EXPECT_EQ(describe(early), "notified 14 h before the deadline");

  i.notified_at = kDiscovered + 75 * kHour + 20 * 60;
  const Deadline late = deadline_of(i, kDiscovered + 500 * kHour);
  EXPECT_EQ(late.state, Deadline::State::notified);
  EXPECT_EQ(describe(late), "notified 3 h after the deadline");
}

}  // namespace
}  // namespace galguard::incidents
