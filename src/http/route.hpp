#pragma once
// A route: method, path pattern, handler, the guard that runs before it (authentication, project role), and
// the documentation that /openapi.json is generated from. Registered once at start-up; read-only afterwards.
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/validation.hpp"
#include "http/message.hpp"

namespace cc::http {

class RequestContext;
class RateLimiter;

using Handler = std::function<Response(RequestContext&)>;
using Guard = std::function<void(RequestContext&)>;

enum class Security { None, Bearer };

struct RouteDoc {
  std::string summary;
  std::string description;
  std::string tag;
  const validation::QuerySpec* query = nullptr;
  const validation::ObjectSpec* body = nullptr;
  validation::Mode body_mode = validation::Mode::Create;
  std::string request_content_type = "application/json";
  std::optional<boost::json::value> response_schema;
  std::string response_content_type = "application/json";
  int success_status = 200;
  std::vector<int> error_statuses;
  Security security = Security::Bearer;
  std::vector<std::string> request_headers;  // documented header parameters (X-Project-ID, If-Match, ...)
  bool hidden = false;                       // kept out of the OpenAPI document (asset files)
};

struct Route {
  Method method = Method::Get;
  std::string pattern;
  std::vector<std::string> segments;  // "{name}" marks a parameter
  Handler handler;
  Guard guard;
  RouteDoc doc;
  bool blocking = true;    // false: cheap, non-blocking; runs on the I/O thread
  bool cpu_heavy = false;  // hashes passwords: runs on its own small pool so it cannot starve the rest
  RateLimiter* ip_limit = nullptr;  // per client address, checked before the guard
  std::size_t max_body_bytes = 0;   // 0: the server's limit

  Route& describe(std::string summary, std::string tag) {
    doc.summary = std::move(summary);
    doc.tag = std::move(tag);
    return *this;
  }
  Route& with_guard(Guard g) {
    guard = std::move(g);
    return *this;
  }
  Route& query(const validation::QuerySpec& spec) {
    doc.query = &spec;
    return *this;
  }
  Route& body(const validation::ObjectSpec& spec, validation::Mode mode) {
    doc.body = &spec;
    doc.body_mode = mode;
    return *this;
  }
  Route& responds(int status, std::optional<boost::json::value> schema = std::nullopt) {
    doc.success_status = status;
    doc.response_schema = std::move(schema);
    return *this;
  }
  Route& errors(std::vector<int> statuses) {
    doc.error_statuses = std::move(statuses);
    return *this;
  }
  Route& public_route() {
    doc.security = Security::None;
    return *this;
  }
  Route& inline_handler() {
    blocking = false;
    return *this;
  }
  Route& heavy() {
    cpu_heavy = true;
    return *this;
  }
  Route& limit_by_ip(RateLimiter& limiter) {
    ip_limit = &limiter;
    return *this;
  }
  Route& headers(std::vector<std::string> names) {
    doc.request_headers = std::move(names);
    return *this;
  }
  Route& content(std::string response_content_type) {
    doc.response_content_type = std::move(response_content_type);
    return *this;
  }
  Route& max_body(std::size_t bytes) {
    max_body_bytes = bytes;
    return *this;
  }
  Route& hidden() {
    doc.hidden = true;
    return *this;
  }
};

}  // namespace cc::http
