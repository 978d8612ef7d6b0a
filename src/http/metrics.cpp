#include "http/metrics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace cc::http {

namespace {

std::uint64_t status_field_kib(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field)) return std::stoull(line.substr(field.size())) * 1024;
  }
  return 0;
}

double cpu_seconds() {
  std::ifstream in("/proc/self/stat");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = content.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(content.substr(close + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // fields 3..13
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string escape_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

}  // namespace

std::uint64_t resident_memory_bytes() {
  return status_field_kib("VmRSS:");
}
std::uint64_t peak_resident_memory_bytes() {
  return status_field_kib("VmHWM:");
}

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       escape_label(route), method, status, count);
  }
  out += "# HELP http_request_duration_seconds Time from the complete request to the response, by route.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    auto label = escape_label(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                         kBuckets[i], h.buckets[i]);
    }
    out +=
        fmt::format("http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
    out += fmt::format("http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
    out += fmt::format("http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
  }
  out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
  out += "# TYPE process_resident_memory_bytes gauge\n";
  out += fmt::format("process_resident_memory_bytes {}\n", resident_memory_bytes());
  out += "# HELP process_peak_resident_memory_bytes Peak resident memory size in bytes.\n";
  out += "# TYPE process_peak_resident_memory_bytes gauge\n";
  out += fmt::format("process_peak_resident_memory_bytes {}\n", peak_resident_memory_bytes());
  out += "# HELP process_cpu_seconds_total User and system CPU time in seconds.\n";
  out += "# TYPE process_cpu_seconds_total counter\n";
  out += fmt::format("process_cpu_seconds_total {}\n", cpu_seconds());
  for (const auto& collect : collectors_) collect(out);
  return out;
}

void Metrics::add_collector(std::function<void(std::string&)> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

}  // namespace cc::http
