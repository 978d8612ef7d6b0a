#pragma once
// Conditional requests (RFC 9110 §13.1.1): If-Match uses the strong comparison, so weak tags never match.
#include <string_view>

namespace cc {

// True when `if_match` (the header value) is "*" or lists `current_etag` (a quoted strong tag).
bool if_match_satisfied(std::string_view if_match, std::string_view current_etag);

}  // namespace cc
