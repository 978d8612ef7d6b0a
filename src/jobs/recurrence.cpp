#include "jobs/recurrence.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace cc::jobs {

namespace {

using std::chrono::minutes;

std::string_view rule_of(const Recurrence& r) {
  if (r.frequency == "hourly") return "0 * * * *";
  if (r.frequency == "daily") return "0 0 * * *";
  if (r.frequency == "weekly") return "0 0 * * 1";
  if (r.frequency == "monthly") return "0 0 1 * *";
  return r.cron ? std::string_view(*r.cron) : std::string_view();
}

const date::time_zone* zone_or_throw(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw Error::validation(
        "timezone", fmt::format("'{}' is not an IANA time zone (e.g. Europe/Berlin)", name), "timezone");
  }
}

// The instant a wall-clock minute stands for, by the rules in the header comment.
Timestamp to_instant(const date::time_zone* zone, date::local_time<minutes> local) {
  auto info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // first occurrence: the offset in force before the clocks went back
      return std::chrono::time_point_cast<std::chrono::microseconds>(
          date::sys_seconds((local - info.first.offset).time_since_epoch()));
    case date::local_info::nonexistent:
    default:
      return std::chrono::time_point_cast<std::chrono::microseconds>(info.first.end);
  }
}

// The first minute of local wall-clock time at or after `from` that the expression matches. Skips whole
// months, days and hours that cannot match, so it needs few steps; bounded to eight years (Feb 29 on a Monday
// is rare but real).
std::optional<date::local_time<minutes>> next_match(const CronExpression& cron,
                                                    date::local_time<minutes> from) {
  auto limit = from + std::chrono::hours(24 * 366 * 8);
  auto t = from;
  while (t < limit) {
    auto day_point = std::chrono::floor<date::days>(t);
    date::year_month_day ymd(day_point);
    if (!cron.month(static_cast<int>(static_cast<unsigned>(ymd.month())))) {
      auto next_month = ymd.year() / ymd.month() / 1 + date::months(1);
      t = date::local_days(next_month);
      continue;
    }
    auto weekday = static_cast<int>(date::weekday(day_point).c_encoding());
    if (!cron.day(static_cast<int>(static_cast<unsigned>(ymd.day())), weekday)) {
      t = day_point + date::days(1);
      continue;
    }
    auto time = date::make_time(t - day_point);
    if (!cron.hour(static_cast<int>(time.hours().count()))) {
      t = std::chrono::floor<std::chrono::hours>(t) + std::chrono::hours(1);
      continue;
    }
    if (!cron.minute(static_cast<int>(time.minutes().count()))) {
      t += minutes(1);
      continue;
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace

bool known_time_zone(std::string_view name) {
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void validate_recurrence(const Recurrence& r) {
  zone_or_throw(r.timezone);
  if (r.frequency == "cron") {
    if (!r.cron || r.cron->empty()) {
      throw Error::validation("cron_expression", "is required when frequency is cron", "required");
    }
    CronExpression::parse(*r.cron);
  }
  if (r.start_time && r.end_time && *r.end_time <= *r.start_time) {
    throw Error::validation("end_time", "must be after start_time", "range");
  }
}

std::optional<Timestamp> next_run(const Recurrence& r, Timestamp after, bool has_run) {
  if (r.frequency == "once") {
    if (has_run) return std::nullopt;
    Timestamp at = r.start_time && *r.start_time > after ? *r.start_time : after;
    if (r.end_time && at >= *r.end_time) return std::nullopt;
    return at;
  }
  auto cron = CronExpression::parse(rule_of(r));
  const auto* zone = zone_or_throw(r.timezone);
  // Runs are on whole minutes; never before the window opens.
  Timestamp floor_at = after;
  if (r.start_time && *r.start_time - std::chrono::microseconds(1) > floor_at) {
    floor_at = *r.start_time - std::chrono::microseconds(1);
  }
  auto local_from = std::chrono::floor<minutes>(zone->to_local(floor_at)) + minutes(1);
  // Walking wall-clock minutes forward, the instants only go backwards inside a fall-back overlap, whose
  // second pass maps (by first occurrence) to instants already behind us: skip those.
  for (int guard = 0; guard < 100000; ++guard) {
    auto match = next_match(cron, local_from);
    if (!match) return std::nullopt;
    auto instant = to_instant(zone, *match);
    if (instant > floor_at) {
      if (r.end_time && instant >= *r.end_time) return std::nullopt;
      return instant;
    }
    local_from = *match + minutes(1);
  }
  return std::nullopt;
}

}  // namespace cc::jobs
