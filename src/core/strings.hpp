#pragma once
// String helpers used across layers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
// Splits on `sep`, trims each part and drops empty parts.
std::vector<std::string> split(std::string_view s, char sep);
// Number of Unicode code points in valid UTF-8 (bytes that do not start a continuation).
std::size_t utf8_length(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);
// The whole of `s` as a decimal integer (an optional leading '-'), else nullopt: no spaces, no trailing text.
std::optional<std::int64_t> parse_int64(std::string_view s);

}  // namespace cc
