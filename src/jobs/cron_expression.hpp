#pragma once
// A five-field cron expression (minute hour day-of-month month day-of-week) with the usual syntax: `*`,
// lists, ranges, steps (`*/15`, `1-5/2`), month and weekday names, 0 or 7 for Sunday, and the macros @hourly,
// @daily, @weekly, @monthly, @yearly. As in Vixie cron, when both day-of-month and day-of-week are restricted
// a day matches if either does. Time zones are not its business: see recurrence.hpp.
#include <bitset>
#include <string>
#include <string_view>

namespace cc::jobs {

class CronExpression {
 public:
  // Throws cc::Error (422, field `field`) explaining what is wrong.
  static CronExpression parse(std::string_view text, std::string_view field = "cron_expression");

  bool minute(int m) const { return minutes_[static_cast<std::size_t>(m)]; }
  bool hour(int h) const { return hours_[static_cast<std::size_t>(h)]; }
  bool month(int m) const { return months_[static_cast<std::size_t>(m)]; }  // 1..12
  // `weekday` 0 = Sunday.
  bool day(int day_of_month, int weekday) const;

 private:
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<8> weekdays_;  // 0..6
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

}  // namespace cc::jobs
