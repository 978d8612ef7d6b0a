#pragma once
// Fixed-window request counting per key (client address or user). In-process: with several server processes
// each keeps its own counts, so the effective limit is per process (docs/SECURITY.md).
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/config.hpp"

namespace cc::http {

struct RateLimitDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_seconds = 0;  // until the window ends
};

class RateLimiter {
 public:
  RateLimiter(std::string name, RateLimitRule rule);
  bool enabled() const { return rule_.limit > 0; }
  const std::string& name() const { return name_; }
  const RateLimitRule& rule() const { return rule_; }
  RateLimitDecision hit(std::string_view key);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    std::int64_t count = 0;
  };
  void purge(std::chrono::steady_clock::time_point now);

  std::string name_;
  RateLimitRule rule_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace cc::http
