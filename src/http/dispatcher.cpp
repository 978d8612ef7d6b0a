#include "http/dispatcher.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"
#include "core/strings.hpp"
#include "db/database.hpp"
#include "http/context.hpp"
#include "http/problem.hpp"

namespace cc::http {

namespace {

constexpr std::string_view kUnmatchedRoute = "(unmatched)";
constexpr std::string_view kAllowedHeaders =
    "Authorization, Content-Type, Accept, X-Project-ID, X-Request-ID, If-Match, If-None-Match, "
    "Idempotency-Key";
constexpr std::string_view kExposedHeaders =
    "ETag, Location, Link, X-Request-ID, X-Total-Count, Retry-After, RateLimit, RateLimit-Policy, "
    "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Idempotent-Replayed";

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string request_id_for(const Request& request) {
  auto incoming = request.header("x-request-id");
  if (incoming && valid_request_id(*incoming)) return std::string(*incoming);
  return crypto::hex_encode(crypto::random_bytes(16));
}

std::string methods_text(const std::vector<Method>& methods) {
  std::vector<std::string_view> names;
  for (auto m : methods) {
    names.push_back(to_string(m));
    if (m == Method::Get) names.push_back("HEAD");
  }
  names.push_back("OPTIONS");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

void add_rate_limit_headers(std::vector<Header>& headers, const RateLimiter& limiter,
                            const RateLimitDecision& d) {
  auto window = limiter.rule().window.count();
  headers.push_back({"RateLimit-Policy", fmt::format("\"{}\";q={};w={}", limiter.name(), d.limit, window)});
  headers.push_back(
      {"RateLimit", fmt::format("\"{}\";r={};t={}", limiter.name(), d.remaining, d.reset_seconds)});
  headers.push_back({"X-RateLimit-Limit", std::to_string(d.limit)});
  headers.push_back({"X-RateLimit-Remaining", std::to_string(d.remaining)});
  headers.push_back({"X-RateLimit-Reset", std::to_string(to_unix_seconds(now()) + d.reset_seconds)});
}

Dispatcher::Dispatcher(const Router& router, Metrics& metrics, DispatcherOptions options)
    : router_(router), metrics_(metrics), options_(std::move(options)) {
  if (options_.user_limit.limit > 0)
    user_limiter_ = std::make_unique<RateLimiter>("user", options_.user_limit);
}

RouteMatch Dispatcher::route(const Request& request) const {
  return router_.match(request.method, request.path);
}

RouteMatch Dispatcher::route(Method method, std::string_view path) const {
  return router_.match(method, path);
}

std::size_t Dispatcher::body_limit(const RouteMatch& match, std::size_t server_limit) const {
  if (match.route && match.route->max_body_bytes) return match.route->max_body_bytes;
  return server_limit;
}

bool Dispatcher::origin_allowed(std::string_view origin) const {
  for (const auto& allowed : options_.cors_origins) {
    if (iequals(allowed, origin)) return true;
  }
  return false;
}

std::string Dispatcher::client_address(const Request& request) const {
  if (options_.trust_proxy) {
    if (auto forwarded = request.header("x-forwarded-for")) {
      auto first = trim(forwarded->substr(0, forwarded->find(',')));
      if (!first.empty()) return std::string(first);
    }
  }
  return request.remote_address;
}

Response Dispatcher::preflight(const Request& request, const RouteMatch& match) const {
  std::vector<Method> methods = match.allowed;
  if (match.route) methods.push_back(match.route->method);
  if (methods.empty()) throw Error::not_found("Resource");
  Response r = Response::no_content();
  r.set_header("Allow", methods_text(methods));
  auto origin = request.header("origin");
  if (origin && request.header("access-control-request-method") && origin_allowed(*origin)) {
    r.set_header("Access-Control-Allow-Methods", methods_text(methods));
    r.set_header("Access-Control-Allow-Headers", std::string(kAllowedHeaders));
    r.set_header("Access-Control-Max-Age", "600");
  }
  return r;
}

Response Dispatcher::handle(Request& request, RouteMatch match,
                            std::chrono::steady_clock::time_point received) noexcept {
  std::string request_id;
  std::optional<std::int64_t> user_id;
  Response response;
  try {
    request_id = request_id_for(request);
    RequestContext ctx(request, request_id);
    try {
      if (request.method == Method::Options) {
        response = preflight(request, match);
      } else if (!match.route) {
        if (match.allowed.empty()) throw Error::not_found("Resource");
        Error e(ErrorKind::MethodNotAllowed,
                fmt::format("{} is not allowed here", to_string(request.method)));
        response = problem_response(e, request_id, request.path);
        response.set_header("Allow", methods_text(match.allowed));
      } else {
        const Route& route = *match.route;
        ctx.route = &route;
        ctx.path_params = std::move(match.params);
        if (route.ip_limit && route.ip_limit->enabled()) {
          auto decision = route.ip_limit->hit(client_address(request));
          add_rate_limit_headers(ctx.response_headers, *route.ip_limit, decision);
          if (!decision.allowed) throw Error::too_many_requests(static_cast<int>(decision.reset_seconds));
        }
        if (route.guard) route.guard(ctx);
        if (user_limiter_ && ctx.principal) {
          auto decision = user_limiter_->hit(std::to_string(ctx.principal->user_id));
          add_rate_limit_headers(ctx.response_headers, *user_limiter_, decision);
          if (!decision.allowed) throw Error::too_many_requests(static_cast<int>(decision.reset_seconds));
        }
        response = route.handler(ctx);
      }
    } catch (const Error& e) {
      response = problem_response(e, request_id, request.path);
      if (e.status() >= 500) log::error("http.error", {{"request_id", request_id}, {"detail", e.detail()}});
    } catch (const db::DbError& e) {
      bool unavailable = e.kind() == db::DbError::Kind::Busy || e.kind() == db::DbError::Kind::Connection;
      log::error("http.database_error", {{"request_id", request_id}, {"error", e.what()}});
      response =
          problem_response(unavailable ? Error::unavailable("The database is not available; retry shortly")
                                       : Error::internal(),
                           request_id, request.path);
      if (unavailable) response.set_header("Retry-After", "1");
    } catch (const std::exception& e) {
      log::error("http.unhandled_exception", {{"request_id", request_id}, {"error", e.what()}});
      response = problem_response(Error::internal(), request_id, request.path);
    } catch (...) {
      log::error("http.unhandled_exception", {{"request_id", request_id}, {"error", "not a std::exception"}});
      response = problem_response(Error::internal(), request_id, request.path);
    }
    if (ctx.principal) ctx.user_id = ctx.principal->user_id;  // handlers that authenticate themselves
    user_id = ctx.user_id;
    for (auto& h : ctx.response_headers) response.headers.push_back(std::move(h));
    finish(request, response, request_id);
    record(request, response, match, request_id, user_id, received);
  } catch (...) {
    // Only allocation failure can get here; answer without touching anything that might throw again.
    response = Response::text(500, "Internal Server Error");
    response.close = true;
  }
  return response;
}

Response Dispatcher::refuse(Request& request, const Error& error,
                            std::chrono::steady_clock::time_point received) noexcept {
  Response response;
  try {
    std::string request_id = request_id_for(request);
    response = problem_response(error, request_id, request.path);
    response.close = true;
    finish(request, response, request_id);
    record(request, response, RouteMatch{}, request_id, std::nullopt, received);
  } catch (...) {
    response = Response::text(error.status(), std::string(error.title()));
    response.close = true;
  }
  return response;
}

void Dispatcher::finish(const Request& request, Response& response, const std::string& request_id) const {
  // Handlers never set these, so they are appended without a look-up.
  auto& h = response.headers;
  h.push_back({"X-Request-ID", request_id});
  h.push_back({"X-Content-Type-Options", "nosniff"});
  h.push_back({"X-Frame-Options", "DENY"});
  h.push_back({"Referrer-Policy", "strict-origin-when-cross-origin"});
  h.push_back({"Cross-Origin-Opener-Policy", "same-origin"});
  h.push_back({"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"});
  // These a handler may choose (HTML pages, static assets).
  if (!response.header("Content-Security-Policy")) {
    h.push_back({"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"});
  }
  if (!response.header("Cache-Control")) h.push_back({"Cache-Control", "no-store"});
  if (auto origin = request.header("origin"); origin && origin_allowed(*origin)) {
    h.push_back({"Access-Control-Allow-Origin", std::string(*origin)});
    h.push_back({"Access-Control-Expose-Headers", std::string(kExposedHeaders)});
    h.push_back({"Vary", "Origin"});
  }
}

void Dispatcher::record(const Request& request, const Response& response, const RouteMatch& match,
                        const std::string& request_id, const std::optional<std::int64_t>& user_id,
                        std::chrono::steady_clock::time_point received) const {
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count();
  // A wrong method or a CORS preflight on a known path counts under that path's pattern.
  std::string_view label = match.route     ? std::string_view(match.route->pattern)
                           : match.pattern ? std::string_view(*match.pattern)
                                           : kUnmatchedRoute;
  metrics_.observe(label, to_string(request.method), response.status, elapsed);
  if (!log::enabled(log::Level::Info)) return;
  // The path only: query strings can carry credentials (WebSocket tickets).
  log::info("http.request", {{"method", to_string(request.method)},
                             {"path", request.path},
                             {"status", response.status},
                             {"duration_ms", elapsed * 1000.0},
                             {"request_id", request_id},
                             {"user_id", user_id},
                             {"ip", client_address(request)},
                             {"bytes", response.body.size()}});
}

}  // namespace cc::http
