#pragma once
// Runs one request through the cross-cutting steps, in this order: request id → CORS preflight → route match
// (404/405) → per-address rate limit → the route's guard (authentication, project role) → per-user rate limit
// → handler; then maps errors to problem+json, adds security, CORS and request-id headers, records metrics
// and writes the access log. Never throws.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/error.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace cc::http {

struct DispatcherOptions {
  std::vector<std::string> cors_origins;
  bool trust_proxy = false;
  RateLimitRule user_limit{0, std::chrono::seconds(60)};
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, Metrics& metrics, DispatcherOptions options);

  RouteMatch route(const Request& request) const;
  RouteMatch route(Method method, std::string_view path) const;
  // The body limit for a request to `match` (a route's own limit, else the server's).
  std::size_t body_limit(const RouteMatch& match, std::size_t server_limit) const;
  // `match` is route(request), computed by the caller (the I/O thread uses it to choose where to run).
  Response handle(Request& request, RouteMatch match,
                  std::chrono::steady_clock::time_point received) noexcept;
  // For requests the server refuses before routing (too large, malformed): same headers, metrics and log
  // line.
  Response refuse(Request& request, const Error& error,
                  std::chrono::steady_clock::time_point received) noexcept;

 private:
  Response preflight(const Request& request, const RouteMatch& match) const;
  void finish(const Request& request, Response& response, const std::string& request_id) const;
  void record(const Request& request, const Response& response, const RouteMatch& match,
              const std::string& request_id, const std::optional<std::int64_t>& user_id,
              std::chrono::steady_clock::time_point received) const;
  bool origin_allowed(std::string_view origin) const;
  std::string client_address(const Request& request) const;

  const Router& router_;
  Metrics& metrics_;
  DispatcherOptions options_;
  std::unique_ptr<RateLimiter> user_limiter_;
};

void add_rate_limit_headers(std::vector<Header>& headers, const RateLimiter& limiter,
                            const RateLimitDecision& d);

}  // namespace cc::http
