#pragma once
// Matches a method and path to a route. Paths match with or without a trailing slash (no redirects, so the
// original's clients keep working); a known path with another method is a 405 with Allow.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/route.hpp"

namespace cc::http {

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;  // decoded
  std::vector<Method> allowed;                              // when the path exists but not for this method
  const std::string* pattern = nullptr;  // the matched path's pattern, also when only the method is wrong
};

class Router {
 public:
  Route& add(Method method, std::string pattern, Handler handler);
  // The route for a `method` request whose path matches no other route for any method and whose first
  // (decoded) segment is not one of `excluded_sections`: the web UI's client routes, which its own router
  // resolves (and shows its own not-found page for). Not part of routes(), so not in the OpenAPI document.
  Route& fallback(Method method, std::string label, std::vector<std::string> excluded_sections,
                  Handler handler);
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Route> fallback_;
  std::vector<std::string> fallback_excluded_;  // first segments
};

// Splits a percent-encoded path into decoded segments; false for paths that cannot be routed.
bool split_path(std::string_view path, std::vector<std::string>& segments);

}  // namespace cc::http
