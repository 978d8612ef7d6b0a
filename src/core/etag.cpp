#include "core/etag.hpp"

#include "core/strings.hpp"

namespace cc {

bool if_match_satisfied(std::string_view if_match, std::string_view current_etag) {
  if (trim(if_match) == "*") return true;
  for (const auto& candidate : split(if_match, ',')) {
    if (candidate.starts_with("W/")) continue;
    if (candidate == current_etag) return true;
  }
  return false;
}

}  // namespace cc
