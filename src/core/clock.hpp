#pragma once
// Time: UTC everywhere, microsecond precision, RFC 3339 with `Z` on the wire and in SQLite (fixed width, so
// that text order is time order).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cc {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

Timestamp now();

// "2026-11-26T01:25:37.123456Z"
std::string format_rfc3339(Timestamp t);

// Accepts RFC 3339 date-times with `Z` or a numeric offset, a space instead of `T` (PostgreSQL's text form,
// offset "+00"), an optional fraction, and a plain date (midnight UTC). A time without offset is taken as
// UTC.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// Seconds since the Unix epoch (JWT claims).
std::int64_t to_unix_seconds(Timestamp t);
Timestamp from_unix_seconds(std::int64_t seconds);

}  // namespace cc
