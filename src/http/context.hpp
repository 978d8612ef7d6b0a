#pragma once
// Everything a guard or handler knows about one request: the request, its id, path parameters, the caller and
// the project scope the guard resolved, and the parsed JSON body.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.hpp"
#include "http/message.hpp"
#include "http/route.hpp"

namespace cc::http {

class RequestContext {
 public:
  RequestContext(Request& request, std::string request_id)
      : request(request), request_id(std::move(request_id)) {}

  Request& request;
  std::string request_id;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::optional<auth::Principal> principal;
  // The caller, once known (the access log names it, also on requests refused for their role).
  std::optional<std::int64_t> user_id;
  std::optional<auth::ProjectScope> scope;
  std::vector<Header> response_headers;  // added to whatever the handler answers (rate-limit state, ...)

  std::string_view path_param(std::string_view name) const;
  // A positive integer id from the path; 422 naming the parameter otherwise.
  std::int64_t path_id(std::string_view name) const;

  bool has_body() const { return !request.body.empty(); }
  // The body as JSON: 415 unless the content type is JSON, 400 when it does not parse. Parsed once.
  const boost::json::value& json();
  std::optional<std::string_view> header(std::string_view lower_name) const {
    return request.header(lower_name);
  }

  const auth::Principal& caller() const;
  const auth::ProjectScope& project() const;
  auth::Actor actor() const;

 private:
  std::optional<boost::json::value> json_;
};

// Parses JSON text with depth and size limits; throws Error 400 saying where it broke.
boost::json::value parse_json(std::string_view text);

}  // namespace cc::http
