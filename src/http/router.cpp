#include "http/router.hpp"

#include <algorithm>
#include <boost/url/decode_view.hpp>
#include <boost/url/pct_string_view.hpp>
#include <stdexcept>

namespace cc::http {

bool split_path(std::string_view path, std::vector<std::string>& segments) {
  segments.clear();
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  if (path.empty()) return true;                  // "/"
  if (path.back() == '/') path.remove_suffix(1);  // trailing slash is optional
  if (path.empty()) return false;                 // "//"
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto raw = path.substr(start, end - start);
    if (raw.empty()) return false;  // "//"
    auto encoded = boost::urls::make_pct_string_view(raw);
    if (!encoded) return false;
    std::string decoded;
    decoded.reserve(encoded->decoded_size());
    for (char c : **encoded) decoded.push_back(c);  // a pct_string_view's operator* is its decode_view
    if (decoded.find('\0') != std::string::npos) return false;
    segments.push_back(std::move(decoded));
    start = end + 1;
  }
  return true;
}

namespace {

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Patterns that differ only in parameter names match the same paths, so the later one could never be reached.
bool same_shape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const std::string& x, const std::string& y) {
    return is_param(x) ? is_param(y) : x == y;
  });
}

}  // namespace

Route& Router::add(Method method, std::string pattern, Handler handler) {
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = pattern;
  route->handler = std::move(handler);
  if (!split_path(pattern, route->segments)) throw std::invalid_argument("bad route pattern " + pattern);
  for (const auto& existing : routes_) {
    if (existing->method == method && same_shape(existing->segments, route->segments)) {
      throw std::invalid_argument("duplicate route " + pattern);
    }
  }
  routes_.push_back(std::move(route));
  return *routes_.back();
}

Route& Router::fallback(Method method, std::string label, std::vector<std::string> excluded_sections,
                        Handler handler) {
  fallback_ = std::make_unique<Route>();
  fallback_->method = method;
  fallback_->pattern = std::move(label);
  fallback_->handler = std::move(handler);
  fallback_excluded_ = std::move(excluded_sections);
  return *fallback_;
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch result;
  thread_local std::vector<std::string> segments;
  if (!split_path(path, segments)) return result;
  Method wanted = method == Method::Head ? Method::Get : method;
  // Literal segments win over parameters ("/analysis/statistics" before "/analysis/{id}"): the best match is
  // the one whose first parameter comes latest.
  const Route* best = nullptr;
  std::size_t best_score = 0;
  for (const auto& route : routes_) {
    if (route->segments.size() != segments.size()) continue;
    std::size_t score = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const auto& s = route->segments[i];
      bool param = s.size() > 2 && s.front() == '{' && s.back() == '}';
      if (param) continue;
      if (s != segments[i]) {
        ok = false;
        break;
      }
      score += std::size_t{1} << (segments.size() - i);
    }
    if (!ok) continue;
    if (route->method != wanted) {
      result.allowed.push_back(route->method);
      result.pattern = &route->pattern;
      continue;
    }
    if (!best || score > best_score) {
      best = route.get();
      best_score = score;
    }
  }
  if (!best) {
    // Compared decoded, so that "/%61pi/…" is as excluded as "/api/…".
    bool excluded = !segments.empty() && std::find(fallback_excluded_.begin(), fallback_excluded_.end(),
                                                   segments.front()) != fallback_excluded_.end();
    if (fallback_ && fallback_->method == wanted && result.allowed.empty() && !excluded) {
      result.route = fallback_.get();
    }
    return result;
  }
  result.route = best;
  result.pattern = &best->pattern;
  result.allowed.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = best->segments[i];
    if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
      result.params.emplace_back(s.substr(1, s.size() - 2), segments[i]);
    }
  }
  return result;
}

}  // namespace cc::http
