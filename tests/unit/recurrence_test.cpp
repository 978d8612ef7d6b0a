// When schedules run: cron parsing, and next runs in IANA time zones across DST changes and month ends —
// table-driven, with every expected instant written out in UTC.
#include "jobs/recurrence.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "jobs/cron_expression.hpp"
#include "jobs/retry_policy.hpp"

namespace {

using cc::Timestamp;
using cc::jobs::CronExpression;
using cc::jobs::Recurrence;

Timestamp at(const char* text) {
  auto t = cc::parse_rfc3339(text);
  if (!t) throw std::runtime_error(std::string("bad time in test: ") + text);
  return *t;
}

std::string fmt(std::optional<Timestamp> t) {
  return t ? cc::format_rfc3339(*t) : std::string("none");
}

struct Case {
  const char* name;
  const char* frequency;
  const char* cron;
  const char* zone;
  const char* after;
  std::vector<const char*> expected;  // successive runs, UTC
};

class NextRuns : public ::testing::TestWithParam<Case> {};

TEST_P(NextRuns, FollowTheWallClockOfTheZone) {
  const auto& c = GetParam();
  Recurrence r;
  r.frequency = c.frequency;
  if (c.cron) r.cron = c.cron;
  r.timezone = c.zone;
  auto from = at(c.after);
  for (const char* expected : c.expected) {
    auto next = cc::jobs::next_run(r, from, true);
    ASSERT_EQ(fmt(next), fmt(at(expected))) << c.name << " after " << cc::format_rfc3339(from);
    from = *next;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Schedules, NextRuns,
    ::testing::Values(Case{"daily midnight in Berlin across spring forward",
                           "daily",
                           nullptr,
                           "Europe/Berlin",
                           "2026-03-28T12:00:00Z",
                           {"2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z"}},
                      Case{"02:30 does not exist on spring forward: runs when the clocks jump, once",
                           "cron",
                           "30 2 * * *",
                           "Europe/Berlin",
                           "2026-03-28T12:00:00Z",
                           {"2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}},
                      Case{"every minute through the gap fires once at the jump",
                           "cron",
                           "* 2 29 3 *",
                           "Europe/Berlin",
                           "2026-03-29T00:58:00Z",
                           {"2026-03-29T01:00:00Z", "2027-03-29T00:00:00Z"}},
                      Case{"02:30 exists twice on fall back: runs at the first only",
                           "cron",
                           "30 2 * * *",
                           "Europe/Berlin",
                           "2026-10-24T12:00:00Z",
                           {"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}},
                      Case{"hourly across fall back in New York fires each wall-clock hour once",
                           "hourly",
                           nullptr,
                           "America/New_York",
                           "2026-11-01T04:30:00Z",
                           {"2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"}},
                      Case{"hourly in India is on the local hour",
                           "hourly",
                           nullptr,
                           "Asia/Kolkata",
                           "2026-06-01T00:10:00Z",
                           {"2026-06-01T00:30:00Z", "2026-06-01T01:30:00Z"}},
                      Case{"monthly from the 31st goes to the 1st",
                           "monthly",
                           nullptr,
                           "UTC",
                           "2026-01-31T10:00:00Z",
                           {"2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"}},
                      Case{"the 31st skips months without one",
                           "cron",
                           "0 0 31 * *",
                           "UTC",
                           "2026-01-31T10:00:00Z",
                           {"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z",
                            "2026-08-31T00:00:00Z"}},
                      Case{"February 29th waits for a leap year",
                           "cron",
                           "0 12 29 2 *",
                           "UTC",
                           "2026-03-01T00:00:00Z",
                           {"2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"}},
                      Case{"weekly is Monday midnight, local",
                           "weekly",
                           nullptr,
                           "Australia/Sydney",
                           "2026-07-01T00:00:00Z",
                           {"2026-07-05T14:00:00Z", "2026-07-12T14:00:00Z"}},
                      Case{"day of month OR day of week when both are restricted",
                           "cron",
                           "0 0 13 * 5",
                           "UTC",
                           "2026-11-01T00:00:00Z",
                           {"2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z",
                            "2026-11-27T00:00:00Z", "2026-12-04T00:00:00Z"}},
                      Case{"steps, ranges and names",
                           "cron",
                           "*/20 9-10 * jan,feb MON-wed",
                           "UTC",
                           "2027-01-01T00:00:00Z",
                           {"2027-01-04T09:00:00Z", "2027-01-04T09:20:00Z", "2027-01-04T09:40:00Z",
                            "2027-01-04T10:00:00Z"}},
                      Case{"a macro",
                           "cron",
                           "@yearly",
                           "Pacific/Auckland",
                           "2026-05-01T00:00:00Z",
                           {"2026-12-31T11:00:00Z"}}),
    [](const ::testing::TestParamInfo<Case>& info) { return "case_" + std::to_string(info.index); });

TEST(Recurrence, OnceRunsAtItsStartOrNowAndNeverAgain) {
  Recurrence r;
  r.frequency = "once";
  auto now = at("2026-06-01T12:00:00Z");
  EXPECT_EQ(fmt(cc::jobs::next_run(r, now, false)), fmt(now));
  r.start_time = at("2026-06-02T08:00:00Z");
  EXPECT_EQ(fmt(cc::jobs::next_run(r, now, false)), "2026-06-02T08:00:00.000000Z");
  EXPECT_EQ(fmt(cc::jobs::next_run(r, now, true)), "none");
  r.start_time = at("2026-05-01T00:00:00Z");  // passed: as soon as possible
  EXPECT_EQ(fmt(cc::jobs::next_run(r, now, false)), fmt(now));
  r.end_time = at("2026-05-02T00:00:00Z");  // and the window has closed
  EXPECT_EQ(fmt(cc::jobs::next_run(r, now, false)), "none");
}

TEST(Recurrence, StaysInsideTheWindow) {
  Recurrence r;
  r.frequency = "daily";
  r.timezone = "UTC";
  r.start_time = at("2026-06-10T00:00:00Z");
  r.end_time = at("2026-06-12T00:00:00Z");
  auto first = cc::jobs::next_run(r, at("2026-06-01T00:00:00Z"), true);
  EXPECT_EQ(fmt(first), "2026-06-10T00:00:00.000000Z") << "a run exactly at the start counts";
  EXPECT_EQ(fmt(cc::jobs::next_run(r, *first, true)), "2026-06-11T00:00:00.000000Z");
  EXPECT_EQ(fmt(cc::jobs::next_run(r, at("2026-06-11T00:00:00Z"), true)), "none") << "end is exclusive";
}

TEST(Recurrence, RefusesUnknownZonesAndBadCron) {
  Recurrence r;
  r.frequency = "cron";
  r.timezone = "Mars/Olympus_Mons";
  r.cron = "0 0 * * *";
  try {
    cc::jobs::validate_recurrence(r);
    FAIL() << "unknown zone accepted";
  } catch (const cc::Error& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "timezone");
  }
  r.timezone = "UTC";
  r.cron.reset();
  EXPECT_THROW(cc::jobs::validate_recurrence(r), cc::Error);
  EXPECT_TRUE(cc::jobs::known_time_zone("America/Argentina/Buenos_Aires"));
  EXPECT_FALSE(cc::jobs::known_time_zone("../../etc/passwd"));
}

TEST(CronExpression, RejectsWhatCronWouldReject) {
  for (const char* bad :
       {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 13 *",
        "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "@often", "1,,2 * * * *x"}) {
    EXPECT_THROW(CronExpression::parse(bad), cc::Error) << "'" << bad << "'";
  }
  auto c = CronExpression::parse("0 0 * * 7");
  EXPECT_TRUE(c.day(1, 0)) << "7 is Sunday";
  EXPECT_FALSE(c.day(1, 1));
}

TEST(RetryPolicy, BackoffDoublesWithJitterInsideBounds) {
  cc::jobs::RetryPolicy p{std::chrono::milliseconds(1000), std::chrono::milliseconds(10000)};
  auto low = [] { return 0.0; };
  auto high = [] { return 0.999999; };
  EXPECT_EQ(p.delay_after(1, low).count(), 500);
  EXPECT_NEAR(static_cast<double>(p.delay_after(1, high).count()), 1000, 1);
  EXPECT_EQ(p.delay_after(2, low).count(), 1000);
  EXPECT_EQ(p.delay_after(3, low).count(), 2000);
  EXPECT_EQ(p.delay_after(10, low).count(), 5000) << "capped";
  EXPECT_NEAR(static_cast<double>(p.delay_after(30, high).count()), 10000, 1);
}

}  // namespace
