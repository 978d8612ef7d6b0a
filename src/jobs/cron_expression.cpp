#include "jobs/cron_expression.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <vector>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace cc::jobs {

namespace {

struct FieldRule {
  std::string_view name;
  int min;
  int max;
  const std::array<std::string_view, 12>* names;  // spelled values, index + min; may be null
};

constexpr std::array<std::string_view, 12> kMonthNames{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDayNames{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

[[noreturn]] void invalid(std::string_view field, std::string message) {
  throw Error::validation(std::string(field), std::move(message), "cron");
}

int parse_value(std::string_view token, const FieldRule& rule, std::string_view field) {
  if (rule.names && token.size() == 3) {
    auto lower = to_lower(token);
    for (std::size_t i = 0; i < rule.names->size(); ++i) {
      if ((*rule.names)[i] == lower) return static_cast<int>(i) + (rule.name == "month" ? 1 : 0);
    }
  }
  int value = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size()) {
    invalid(field, fmt::format("'{}' is not a valid {} value", token, rule.name));
  }
  if (value < rule.min || value > rule.max) {
    invalid(field, fmt::format("{} {} is outside {}-{}", rule.name, value, rule.min, rule.max));
  }
  return value;
}

// Sets the bits of one field; returns whether it restricts anything (not a plain `*`).
template <std::size_t N>
bool parse_field(std::string_view text, const FieldRule& rule, std::bitset<N>& bits, std::string_view field) {
  bool restricted = text != "*" && text != "?";
  for (auto& part : split(text, ',')) {
    if (part.empty()) invalid(field, fmt::format("empty list item in the {} field", rule.name));
    std::string_view range = part;
    int step = 1;
    if (auto slash = range.find('/'); slash != std::string_view::npos) {
      auto step_text = range.substr(slash + 1);
      auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (ec != std::errc() || end != step_text.data() + step_text.size() || step < 1 ||
          step > rule.max - rule.min + 1) {
        invalid(field, fmt::format("step '{}' in the {} field is not valid", step_text, rule.name));
      }
      range = range.substr(0, slash);
    }
    int low = rule.min;
    int high = rule.max;
    if (range != "*" && range != "?") {
      if (auto dash = range.find('-'); dash != std::string_view::npos) {
        low = parse_value(range.substr(0, dash), rule, field);
        high = parse_value(range.substr(dash + 1), rule, field);
        if (low > high)
          invalid(field, fmt::format("range {} in the {} field runs backwards", range, rule.name));
      } else {
        low = parse_value(range, rule, field);
        // "5/15" means from 5 to the end in steps of 15.
        high = part.find('/') != std::string::npos ? rule.max : low;
      }
    }
    for (int v = low; v <= high; v += step) bits.set(static_cast<std::size_t>(v));
  }
  return restricted;
}

std::string_view expand_macro(std::string_view text, std::string_view field) {
  if (!text.starts_with('@')) return text;
  if (text == "@hourly") return "0 * * * *";
  if (text == "@daily" || text == "@midnight") return "0 0 * * *";
  if (text == "@weekly") return "0 0 * * 0";
  if (text == "@monthly") return "0 0 1 * *";
  if (text == "@yearly" || text == "@annually") return "0 0 1 1 *";
  invalid(field, fmt::format("unknown macro '{}'; use @hourly, @daily, @weekly, @monthly or @yearly", text));
}

}  // namespace

CronExpression CronExpression::parse(std::string_view text, std::string_view field) {
  auto expanded = expand_macro(trim(text), field);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < expanded.size()) {
    while (i < expanded.size() && (expanded[i] == ' ' || expanded[i] == '\t')) ++i;
    auto start = i;
    while (i < expanded.size() && expanded[i] != ' ' && expanded[i] != '\t') ++i;
    if (i > start) parts.emplace_back(expanded.substr(start, i - start));
  }
  if (parts.size() != 5) {
    invalid(field, fmt::format("expected 5 fields (minute hour day-of-month month day-of-week), got {}",
                               parts.size()));
  }
  static const FieldRule minute{"minute", 0, 59, nullptr};
  static const FieldRule hour{"hour", 0, 23, nullptr};
  static const FieldRule day{"day-of-month", 1, 31, nullptr};
  static const FieldRule month{"month", 1, 12, &kMonthNames};
  static const FieldRule weekday{"day-of-week", 0, 7, &kDayNames};
  CronExpression c;
  parse_field(parts[0], minute, c.minutes_, field);
  parse_field(parts[1], hour, c.hours_, field);
  c.days_restricted_ = parse_field(parts[2], day, c.days_, field);
  parse_field(parts[3], month, c.months_, field);
  std::bitset<8> weekdays;
  c.weekdays_restricted_ = parse_field(parts[4], weekday, weekdays, field);
  if (weekdays[7]) weekdays.set(0);  // 7 is Sunday too
  weekdays.reset(7);
  c.weekdays_ = weekdays;
  return c;
}

bool CronExpression::day(int day_of_month, int weekday) const {
  bool dom = days_[static_cast<std::size_t>(day_of_month)];
  bool dow = weekdays_[static_cast<std::size_t>(weekday)];
  if (days_restricted_ && weekdays_restricted_) return dom || dow;
  return dom && dow;
}

}  // namespace cc::jobs
