#include "http/rate_limiter.hpp"

namespace cc::http {

namespace {
constexpr std::size_t kPurgeThreshold = 50'000;
}

RateLimiter::RateLimiter(std::string name, RateLimitRule rule) : name_(std::move(name)), rule_(rule) {}

RateLimitDecision RateLimiter::hit(std::string_view key) {
  RateLimitDecision d;
  d.limit = rule_.limit;
  if (!enabled()) return d;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (windows_.size() > kPurgeThreshold) purge(now);
  auto [it, inserted] = windows_.try_emplace(std::string(key), Window{now, 0});
  auto& w = it->second;
  if (now - w.start >= rule_.window) w = Window{now, 0};
  auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - w.start);
  d.reset_seconds = std::max<std::int64_t>(1, (rule_.window - elapsed).count());
  if (w.count >= rule_.limit) {
    d.allowed = false;
    d.remaining = 0;
    return d;
  }
  ++w.count;
  d.remaining = rule_.limit - w.count;
  return d;
}

void RateLimiter::purge(std::chrono::steady_clock::time_point now) {
  std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= rule_.window; });
}

}  // namespace cc::http
