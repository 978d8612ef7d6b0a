#pragma once
// Prometheus metrics: requests by route, method and status, a latency histogram per route, and process memory
// and CPU. Rendered in the text exposition format at /metrics.
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace cc::http {

class Metrics {
 public:
  // `route` and `method` must outlive the registry (route patterns and static names): they are kept as views,
  // so recording a request allocates nothing after the first time.
  void observe(std::string_view route, std::string_view method, int status, double seconds);
  std::string render() const;
  // Other parts of the process (the job system) append their own metrics, in the exposition format, to every
  // render. Collectors must outlive the registry's last render.
  void add_collector(std::function<void(std::string&)> collector);

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string_view, std::string_view, int>, std::uint64_t> requests_;
  std::map<std::string_view, Histogram> latency_;
  std::vector<std::function<void(std::string&)>> collectors_;
};

// Resident set size of this process in bytes (from /proc/self/status), 0 when unknown.
std::uint64_t resident_memory_bytes();
std::uint64_t peak_resident_memory_bytes();

}  // namespace cc::http
