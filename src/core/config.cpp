#include "core/config.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

#include "core/strings.hpp"

namespace cc {

std::optional<RateLimitRule> parse_rate_limit(std::string_view text) {
  text = trim(text);
  if (text == "0" || text == "off") return RateLimitRule{0, std::chrono::seconds(60)};
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  RateLimitRule rule;
  auto count = text.substr(0, slash);
  auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), rule.limit);
  if (ec != std::errc{} || end != count.data() + count.size() || rule.limit < 0) return std::nullopt;
  auto unit = text.substr(slash + 1);
  if (unit == "second" || unit == "s") {
    rule.window = std::chrono::seconds(1);
  } else if (unit == "minute" || unit == "min" || unit == "m") {
    rule.window = std::chrono::seconds(60);
  } else if (unit == "hour" || unit == "h") {
    rule.window = std::chrono::seconds(3600);
  } else if (!unit.empty() && unit.back() == 's') {
    std::int64_t seconds = 0;
    auto digits = unit.substr(0, unit.size() - 1);
    auto [e2, ec2] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
    if (ec2 != std::errc{} || e2 != digits.data() + digits.size() || seconds <= 0) return std::nullopt;
    rule.window = std::chrono::seconds(seconds);
  } else {
    return std::nullopt;
  }
  return rule;
}

bool DatabaseConfig::is_postgres() const {
  return starts_with_ci(url, "postgresql://") || starts_with_ci(url, "postgres://");
}

void JobsConfig::validate() const {
  auto fail = [](std::string message) { throw std::invalid_argument(std::move(message)); };
  if (workers < 0 || workers > 256) fail("--workers must be between 0 and 256");
  if (lease.count() < 2 || lease.count() > 3600) fail("--job-lease-seconds must be between 2 and 3600");
  if (heartbeat >= lease) fail("the job heartbeat must be shorter than the lease");
  if (retry_base.count() < 1 || retry_base.count() > 3'600'000) {
    fail("--job-retry-base-ms must be between 1 and 3600000");
  }
  if (abandon_after.count() < 1 || abandon_after.count() > 3600) {
    fail("--job-abandon-seconds must be between 1 and 3600");
  }
  if (retention_days < 0 || retention_days > 36500) fail("--job-retention-days must be between 0 and 36500");
  for (const auto& [type, limit] : type_limits) {
    if (limit < 1 || limit > 256) {
      fail(fmt::format("--job-concurrency {}={}: the limit must be between 1 and 256", type, limit));
    }
  }
}

namespace {

// An IPv4 or IPv6 literal, or a DNS name (RFC 1123 labels). A name made only of digits and dots must be a
// valid IPv4 address: 999.1.1.1 is a mistake, not a host to look up.
bool valid_host(const std::string& host) {
  in6_addr v6{};
  in_addr v4{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1 || ::inet_pton(AF_INET, host.c_str(), &v4) == 1)
    return true;
  if (host.empty() || host.size() > 253) return false;
  if (host.find_first_not_of("0123456789.") == std::string::npos) return false;
  for (const auto& label : split(host, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
  }
  return host.front() != '.' && host.back() != '.' && host.find("..") == std::string::npos;
}

}  // namespace

void ServerConfig::validate() const {
  auto fail = [](std::string message) { throw std::invalid_argument(std::move(message)); };
  if (port < 0 || port > 65535) fail(fmt::format("--port must be between 0 and 65535, got {}", port));
  if (!valid_host(host)) {
    fail(fmt::format(
        "--host must be an IP address or a host name (such as 127.0.0.1, ::, localhost), got '{}'", host));
  }
  if (!database.url.empty() && !database.is_postgres() && !starts_with_ci(database.url, "sqlite:")) {
    fail("--database-url must start with postgresql:// (or sqlite:<path>)");
  }
  if (database.url.empty() && database.data_dir.empty()) fail("--data-dir must not be empty");
  if (max_body_bytes < 1024) fail("--max-body-bytes must be at least 1024");
  if (max_body_bytes > (std::size_t{1} << 30)) fail("--max-body-bytes must be at most 1 GiB");
  if (io_threads < 0 || io_threads > 256) fail("--io-threads must be between 0 and 256");
  if (blocking_threads < 0 || blocking_threads > 1024) fail("--blocking-threads must be between 0 and 1024");
  if (write_threads < 0 || write_threads > 1024) fail("--write-threads must be between 0 and 1024");
  for (const auto& origin : cors_origins) {
    if (origin != "*" && !starts_with_ci(origin, "http://") && !starts_with_ci(origin, "https://")) {
      fail(fmt::format("--cors-origin entries must be http(s) origins, got '{}'", origin));
    }
    if (origin == "*") fail("--cors-origin '*' is refused: list the origins that may call the API");
  }
  if (!jwt_secret.empty() && jwt_secret.size() < 32) fail("CC_JWT_SECRET must be at least 32 characters");
  if (!starts_with_ci(github_api_url, "http://") && !starts_with_ci(github_api_url, "https://")) {
    fail("--github-api-url must be an http(s) URL");
  }
  if (max_upload_bytes < 1024 || max_upload_bytes > (std::size_t{1} << 30)) {
    fail("--max-upload-bytes must be between 1024 and 1 GiB");
  }
  jobs.validate();
}

}  // namespace cc
