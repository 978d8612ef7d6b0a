#pragma once
// Turns an Error into an RFC 9457 application/problem+json response — the only place that does.
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace cc::http {

Response problem_response(const Error& error, std::string_view request_id, std::string_view instance);

}  // namespace cc::http
