#include "core/clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cc {

using std::chrono::microseconds;

Timestamp now() {
  return std::chrono::time_point_cast<microseconds>(std::chrono::system_clock::now());
}

std::string format_rfc3339(Timestamp t) {
  // Hand-written rather than fmt::format: this runs for every timestamp of every response.
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  auto in_day = (t - days).count();  // microseconds since midnight
  auto put = [](char* at, long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      at[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  std::string out(27, '\0');
  char* p = out.data();
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return fmt::format("{:04}-01-01T00:00:00.000000Z", std::clamp(year, 0, 9999));
  put(p, year, 4);
  p[4] = '-';
  put(p + 5, static_cast<unsigned>(ymd.month()), 2);
  p[7] = '-';
  put(p + 8, static_cast<unsigned>(ymd.day()), 2);
  p[10] = 'T';
  put(p + 11, in_day / 3'600'000'000, 2);
  p[13] = ':';
  put(p + 14, in_day / 60'000'000 % 60, 2);
  p[16] = ':';
  put(p + 17, in_day / 1'000'000 % 60, 2);
  p[19] = '.';
  put(p + 20, in_day % 1'000'000, 6);
  p[26] = 'Z';
  return out;
}

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads exactly n digits.
  bool digits(int n, int& out) {
    out = 0;
    for (int i = 0; i < n; ++i) {
      if (done() || !std::isdigit(static_cast<unsigned char>(s_[pos_]))) return false;
      out = out * 10 + (s_[pos_++] - '0');
    }
    return true;
  }
  // Reads a fraction of a second, returning microseconds (extra digits are truncated).
  bool fraction(long& micros) {
    micros = 0;
    int count = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      if (count < 6) micros = micros * 10 + (s_[pos_] - '0');
      ++count;
      ++pos_;
    }
    if (count == 0) return false;
    for (int i = count; i < 6; ++i) micros *= 10;
    return true;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
  Scanner in(text);
  int year = 0, month = 0, day = 0;
  if (!in.digits(4, year) || !in.accept('-') || !in.digits(2, month) || !in.accept('-') ||
      !in.digits(2, day)) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp result = std::chrono::sys_days{ymd};
  if (in.done()) return result;
  if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (!in.digits(2, hour) || !in.accept(':') || !in.digits(2, minute)) return std::nullopt;
  if (in.accept(':') && !in.digits(2, second)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: leap second, folded below
  long micros = 0;
  if (in.accept('.') && !in.fraction(micros)) return std::nullopt;
  result += std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second} +
            microseconds{micros};
  if (in.accept('Z') || in.accept('z')) return in.done() ? std::optional{result} : std::nullopt;
  if (in.done()) return result;
  int sign = 0;
  if (in.accept('+')) {
    sign = 1;
  } else if (in.accept('-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  int off_h = 0, off_m = 0;
  if (!in.digits(2, off_h)) return std::nullopt;
  if (in.accept(':')) {
    if (!in.digits(2, off_m)) return std::nullopt;
  } else if (!in.done() && !in.digits(2, off_m)) {
    return std::nullopt;
  }
  if (!in.done() || off_h > 23 || off_m > 59) return std::nullopt;
  result -= sign * (std::chrono::hours{off_h} + std::chrono::minutes{off_m});
  return result;
}

std::int64_t to_unix_seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Timestamp from_unix_seconds(std::int64_t seconds) {
  return Timestamp{std::chrono::seconds{seconds}};
}

}  // namespace cc
