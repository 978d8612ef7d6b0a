#pragma once
// When a schedule runs next. Every frequency is a cron rule evaluated on the wall clock of the schedule's
// IANA time zone (hourly = "0 * * * *", daily = "0 0 * * *", weekly = Monday 00:00, monthly = the 1st 00:00),
// using the system's tz database through Howard Hinnant's date/tz library — zone rules are never written by
// hand.
//
// Daylight-saving time: a wall-clock time that does not exist (spring forward) runs at the instant the clocks
// jump; one that exists twice (fall back) runs at its first occurrence only. Either way each wall-clock run
// fires exactly once.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jobs/cron_expression.hpp"

namespace cc::jobs {

struct Recurrence {
  std::string frequency;            // once | hourly | daily | weekly | monthly | cron
  std::optional<std::string> cron;  // with frequency cron
  std::string timezone = "UTC";
  std::optional<Timestamp> start_time;  // no run before
  std::optional<Timestamp> end_time;    // no run at or after
};

// Throws cc::Error (422) naming the field when the zone or the cron expression is invalid, or a cron schedule
// has no expression.
void validate_recurrence(const Recurrence& r);

// True when the zone name is known to the system's tz database.
bool known_time_zone(std::string_view name);

// The first run strictly after `after`, or nullopt when there is none (a `once` schedule that has run, or the
// window has closed). `has_run` matters only for `once`: it runs at start_time (or at once if that has passed
// or is unset) and never again.
std::optional<Timestamp> next_run(const Recurrence& r, Timestamp after, bool has_run);

}  // namespace cc::jobs
