#pragma once
// The typed configuration of a process, filled from flags and CC_* environment variables (src/app/cli.cpp)
// and validated once at start-up: a bad value stops the process with a message instead of surfacing later.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/logging.hpp"

namespace cc {

struct RateLimitRule {
  std::int64_t limit = 0;  // requests per window; 0 disables the rule
  std::chrono::seconds window{60};
};

// "10/minute", "5/hour", "100/second", "30/15s"; "0" or "off" disables.
std::optional<RateLimitRule> parse_rate_limit(std::string_view text);

enum class RegistrationMode { Auto, Open, Closed };

struct DatabaseConfig {
  std::filesystem::path data_dir = "./data";
  std::string url;    // empty: SQLite at <data_dir>/commandcenter.db; postgresql://… otherwise
  int pool_size = 0;  // 0: derived from the number of worker threads
  bool is_postgres() const;
};

// Background jobs (DESIGN.md §7): the worker pool and scheduler of `serve` and `worker`.
struct JobsConfig {
  int workers = 4;                 // handler threads; 0: this process runs no jobs
  bool scheduler = true;           // fire due schedules in this process
  std::chrono::seconds lease{30};  // a job whose worker stops heartbeating returns to the queue after this
  std::chrono::seconds heartbeat{10};
  std::chrono::milliseconds retry_base{2000};  // backoff after the first failed attempt (doubles, jittered)
  std::chrono::seconds abandon_after{15};  // a handler ignoring a cancel or its timeout is abandoned after
  std::chrono::seconds stop_grace{20};     // running jobs get this long to finish at shutdown
  int retention_days = 0;  // ended jobs older than this are deleted by the scheduler; 0 keeps them forever
  // At most this many jobs of a type run at once in this process (--job-concurrency TYPE=N); overrides the
  // handler's own limit.
  std::map<std::string, int, std::less<>> type_limits;

  // Throws std::invalid_argument naming the setting.
  void validate() const;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8000;
  DatabaseConfig database;
  log::Level log_level = log::Level::Info;
  log::Format log_format = log::Format::Json;
  std::vector<std::string> cors_origins;
  std::size_t max_body_bytes = 1 << 20;
  int io_threads = 0;        // 0: one per core
  int blocking_threads = 0;  // 0: 2 per core on SQLite, 4 per core on PostgreSQL
  int write_threads = 0;     // 0: 8 per core on SQLite (group commit), 4 per core on PostgreSQL
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  std::chrono::seconds shutdown_grace{20};
  RegistrationMode registration = RegistrationMode::Auto;
  RateLimitRule login_limit{10, std::chrono::seconds(60)};
  RateLimitRule register_limit{5, std::chrono::seconds(3600)};
  RateLimitRule refresh_limit{30, std::chrono::seconds(60)};
  RateLimitRule user_limit{0, std::chrono::seconds(60)};  // per authenticated caller, all API routes
  std::chrono::seconds access_token_ttl{15 * 60};
  std::chrono::seconds refresh_token_ttl{30 * 24 * 3600};
  std::string jwt_secret;            // CC_JWT_SECRET; generated into the data directory when empty
  std::string encryption_key;        // CC_ENCRYPTION_KEY (base64url, 32 bytes); generated when empty
  std::filesystem::path assets_dir;  // swagger-ui and the web UI; defaults next to the binary
  std::string github_api_url = "https://api.github.com";
  std::size_t max_upload_bytes = 25 * 1024 * 1024;
  bool trust_proxy = false;  // take the client address from X-Forwarded-For
  bool run_migrations = true;
  JobsConfig jobs;

  // Throws std::invalid_argument with a message naming the setting.
  void validate() const;
};

}  // namespace cc
