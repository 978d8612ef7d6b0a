#include "jobs/retry_policy.hpp"

#include <algorithm>

namespace cc::jobs {

std::chrono::milliseconds RetryPolicy::delay_after(int attempt,
                                                   const std::function<double()>& unit_random) const {
  double exponential = static_cast<double>(base.count());
  for (int i = 1; i < attempt && exponential < static_cast<double>(cap.count()); ++i) exponential *= 2;
  exponential = std::min(exponential, static_cast<double>(cap.count()));
  double r = std::clamp(unit_random(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(exponential / 2 + r * exponential / 2));
}

}  // namespace cc::jobs
