#include "app/cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>

#include "app/application.hpp"
#include "app/data_dir.hpp"
#include "app/worker.hpp"
#include "auth/password_hasher.hpp"
#include "auth/token_service.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/logging.hpp"
#include "core/strings.hpp"
#include "core/validation.hpp"
#include "db/migrations/migrator.hpp"
#include "services/auth_service.hpp"

namespace cc::app {

namespace {

constexpr int kUsageError = 2;

struct CommonOptions {
  std::string data_dir = "./data";
  std::string database_url;
  std::string log_level = "info";
  std::string log_format = "json";
};

void add_database_options(CLI::App& cmd, CommonOptions& common) {
  cmd.add_option("--data-dir", common.data_dir, "Directory for the SQLite database and generated secrets")
      ->envname("CC_DATA_DIR")
      ->capture_default_str();
  cmd.add_option("--database-url", common.database_url,
                 "postgresql://user:password@host:port/db to use PostgreSQL instead of SQLite")
      ->envname("CC_DATABASE_URL");
}

void add_log_options(CLI::App& cmd, CommonOptions& common) {
  cmd.add_option("--log-level", common.log_level, "debug, info, warn or error")
      ->envname("CC_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  cmd.add_option("--log-format", common.log_format, "json (one object per line) or text")
      ->envname("CC_LOG_FORMAT")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
}

// Options of the worker pool and scheduler, shared by `serve` and `worker`; applied by finish().
struct JobOptions {
  int workers = 4;
  bool no_workers = false;
  bool no_scheduler = false;
  int lease_seconds = 30;
  int retry_base_ms = 2000;
  int abandon_seconds = 15;
  int stop_grace_seconds = 20;
  int retention_days = 0;
  std::vector<std::string> type_limits;  // TYPE=N

  // "batch_import=2" → {"batch_import", 2}; nothing when the text is not of that form.
  static std::optional<std::pair<std::string, int>> parse_type_limit(const std::string& text) {
    auto eq = text.find('=');
    if (eq == 0 || eq == std::string::npos || eq + 1 == text.size()) return std::nullopt;
    int limit = 0;
    auto digits = std::string_view(text).substr(eq + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return std::pair{text.substr(0, eq), limit};
  }

  void add(CLI::App& cmd) {
    cmd.add_option("--workers", workers, "Job handler threads in this process (0: run no jobs)")
        ->envname("CC_WORKERS")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    cmd.add_flag("--no-workers", no_workers, "Run no jobs in this process (same as --workers 0)")
        ->envname("CC_NO_WORKERS");
    cmd.add_flag("--no-scheduler", no_scheduler, "Do not fire schedules in this process")
        ->envname("CC_NO_SCHEDULER");
    cmd.add_option("--job-lease-seconds", lease_seconds,
                   "A job whose worker stops heartbeating returns to the queue after this long")
        ->envname("CC_JOB_LEASE_SECONDS")
        ->check(CLI::Range(2, 3600))
        ->capture_default_str();
    cmd.add_option("--job-retry-base-ms", retry_base_ms,
                   "Backoff after a job's first failed attempt (doubles per attempt, with jitter)")
        ->envname("CC_JOB_RETRY_BASE_MS")
        ->check(CLI::Range(1, 3600000))
        ->capture_default_str();
    cmd.add_option("--job-abandon-seconds", abandon_seconds,
                   "How long a handler may ignore a cancellation or its timeout before it is abandoned")
        ->envname("CC_JOB_ABANDON_SECONDS")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    cmd.add_option("--job-stop-grace", stop_grace_seconds,
                   "Seconds running jobs get to finish at shutdown before they are handed back to the queue")
        ->envname("CC_JOB_STOP_GRACE")
        ->check(CLI::Range(0, 3600))
        ->capture_default_str();
    cmd.add_option(
           "--job-retention-days", retention_days,
           "Delete completed, failed and cancelled jobs this many days after they ended (0: keep them)")
        ->envname("CC_JOB_RETENTION_DAYS")
        ->check(CLI::Range(0, 36500))
        ->capture_default_str();
    cmd.add_option(
           "--job-concurrency", type_limits,
           "At most N jobs of TYPE at once in this process, as TYPE=N (repeat, or separate with commas)")
        ->envname("CC_JOB_CONCURRENCY")
        ->delimiter(',')
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
              return parse_type_limit(value) ? std::string() : "expected TYPE=N, such as batch_import=2";
            },
            "TYPE=N"));
  }

  void finish(JobsConfig& jobs) const {
    jobs.workers = no_workers ? 0 : workers;
    jobs.scheduler = !no_scheduler;
    jobs.lease = std::chrono::seconds(lease_seconds);
    jobs.heartbeat = std::chrono::seconds(std::max(1, lease_seconds / 3));
    jobs.retry_base = std::chrono::milliseconds(retry_base_ms);
    jobs.abandon_after = std::chrono::seconds(abandon_seconds);
    jobs.stop_grace = std::chrono::seconds(stop_grace_seconds);
    jobs.retention_days = retention_days;
    for (const auto& text : type_limits) {
      auto [type, limit] = *parse_type_limit(text);
      jobs.type_limits[type] = limit;
    }
  }
};

void init_logging(const CommonOptions& common) {
  log::Level level = log::Level::Info;
  log::parse_level(common.log_level, level);
  log::init(level, common.log_format == "text" ? log::Format::Text : log::Format::Json);
}

// A CLI11 validator for rate limits such as "10/minute".
CLI::Validator rate_limit_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return parse_rate_limit(value) ? std::string()
                                       : "expected COUNT/second|minute|hour, COUNT/Ns, or off";
      },
      "RATE");
}

std::unique_ptr<db::Database> open_for_tool(const CommonOptions& common) {
  prepare_data_dir(common.data_dir);
  return db::open_database({database_url(common.data_dir, common.database_url), 2});
}

int run_migrate(const CommonOptions& common, bool status_only) {
  auto database = open_for_tool(common);
  auto migrator = db::Migrator::for_database(*database);
  if (status_only) {
    auto status = migrator.status();
    std::printf("schema version %d of %d; %zu pending\n", status.current, status.latest,
                status.pending.size());
    return status.pending.empty() ? 0 : 1;
  }
  auto applied = migrator.apply();
  std::printf("applied %zu migration(s); schema is current\n", applied.size());
  database->close();
  return 0;
}

struct UserCreateOptions {
  std::string email;
  std::string full_name;
  std::string project_name = "Default Project";
  bool admin = false;
  bool password_stdin = false;
};

int run_user_create(const CommonOptions& common, const UserCreateOptions& options) {
  if (!options.password_stdin) {
    std::fprintf(stderr, "error: pass the password on standard input with --password-stdin\n");
    return kUsageError;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  // Validate exactly as POST /api/v1/auth/setup does.
  validation::ObjectSpec spec("UserCreate");
  spec.field("email").email().required().not_null();
  spec.field("password").string(8, 256).no_trim().required().not_null();
  spec.field("full_name").text(255);
  spec.field("project_name").string(1, 255).required().not_null();
  boost::json::object body{
      {"email", options.email}, {"password", password}, {"project_name", options.project_name}};
  if (!options.full_name.empty()) body["full_name"] = options.full_name;
  try {
    body = spec.validate(body, validation::Mode::Create);
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.detail().c_str());
    return kUsageError;
  }
  auto database = open_for_tool(common);
  db::Migrator::for_database(*database).apply();
  auth::PasswordHasher hasher(1);
  // The token service is not used to sign anything here; it needs a key of the right size only.
  auth::TokenService tokens(crypto::random_token(48), "commandcenter", "commandcenter-api",
                            std::chrono::minutes(15));
  services::AuthService auth(*database, hasher, tokens, {});
  try {
    std::optional<std::string> full_name;
    if (const auto* f = body.if_contains("full_name"); f && f->is_string() && !f->as_string().empty()) {
      full_name = std::string(f->as_string());
    }
    auto project_name = std::string(body.at("project_name").as_string());
    std::optional<std::string> project;
    if (options.admin) project = project_name;
    auto user = auth.create_user(std::string(body.at("email").as_string()), password, full_name,
                                 options.admin, project);
    std::printf("created %s %s (id %lld)%s\n", options.admin ? "administrator" : "user", user.email.c_str(),
                static_cast<long long>(user.id),
                options.admin ? (" with project '" + project_name + "'").c_str() : "");
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.detail().c_str());
    return 1;
  }
  database->close();
  return 0;
}

}  // namespace

// A size in bytes: CLI11 would wrap "-5" around to a huge unsigned number.
const CLI::Validator kByteCount(
    [](std::string& value) {
      return trim(value).starts_with('-') ? std::string("must be a number of bytes, not negative")
                                          : std::string();
    },
    "BYTES");

int run_cli(int argc, char** argv) {
  crypto::initialize();
  CLI::App app{"CommandCenter: technology radar, repositories, research and background work in one binary"};
  app.require_subcommand(1);
  app.set_version_flag("--version", CC_VERSION);

  // Each command binds its own copy of the options it shares with others: CLI11 applies an environment
  // variable to every option that names it, and a command that was not run would otherwise overwrite what was
  // given on the command line (CC_DATA_DIR=a migrate --data-dir b migrated a).
  CommonOptions serve_common, worker_common, migrate_common, user_common;
  ServerConfig config;
  std::string registration = "auto";
  std::string login_limit = "10/minute", register_limit = "5/hour", refresh_limit = "30/minute",
              user_limit = "off";
  std::string cors;

  auto* serve = app.add_subcommand("serve", "Serve the API, web UI, workers and scheduler");
  serve->add_option("--host", config.host, "Address to listen on")->envname("CC_HOST")->capture_default_str();
  serve->add_option("--port", config.port, "Port to listen on (0: any free port)")
      ->envname("CC_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  add_database_options(*serve, serve_common);
  add_log_options(*serve, serve_common);
  serve->add_option("--cors-origin", cors, "Comma-separated origins allowed to call the API from a browser")
      ->envname("CC_CORS_ORIGIN");
  serve->add_option("--max-body-bytes", config.max_body_bytes, "Largest request body accepted")
      ->envname("CC_MAX_BODY_BYTES")
      ->check(kByteCount)
      ->capture_default_str();
  serve->add_option("--io-threads", config.io_threads, "Network threads (0: one per core)")
      ->envname("CC_IO_THREADS");
  serve
      ->add_option("--blocking-threads", config.blocking_threads,
                   "Threads for database work (0: 2 per core on SQLite, 4 per core on PostgreSQL)")
      ->envname("CC_BLOCKING_THREADS");
  serve
      ->add_option(
          "--write-threads", config.write_threads,
          "Threads for requests that change data (0: 8 per core on SQLite, 4 per core on PostgreSQL)")
      ->envname("CC_WRITE_THREADS");
  serve
      ->add_option("--registration", registration,
                   "auto: open until an administrator exists; open; closed (members are invited)")
      ->envname("CC_REGISTRATION")
      ->check(CLI::IsMember({"auto", "open", "closed"}))
      ->capture_default_str();
  serve->add_option("--login-rate-limit", login_limit, "Sign-in attempts per client address")
      ->envname("CC_LOGIN_RATE_LIMIT")
      ->check(rate_limit_validator())
      ->capture_default_str();
  serve->add_option("--register-rate-limit", register_limit, "Registrations per client address")
      ->envname("CC_REGISTER_RATE_LIMIT")
      ->check(rate_limit_validator())
      ->capture_default_str();
  serve->add_option("--refresh-rate-limit", refresh_limit, "Token refreshes per client address")
      ->envname("CC_REFRESH_RATE_LIMIT")
      ->check(rate_limit_validator())
      ->capture_default_str();
  serve
      ->add_option("--user-rate-limit", user_limit, "API requests per signed-in user or key (off by default)")
      ->envname("CC_USER_RATE_LIMIT")
      ->check(rate_limit_validator())
      ->capture_default_str();
  serve->add_flag("--trust-proxy", config.trust_proxy, "Take client addresses from X-Forwarded-For")
      ->envname("CC_TRUST_PROXY");
  std::string assets_dir;
  serve
      ->add_option("--assets-dir", assets_dir,
                   "Directory with swagger-ui/ and the web UI (default: next to the binary)")
      ->envname("CC_ASSETS_DIR");
  serve
      ->add_option("--github-api-url", config.github_api_url,
                   "GitHub's REST API (GitHub Enterprise: https://host/api/v3)")
      ->envname("CC_GITHUB_API_URL")
      ->capture_default_str();
  serve->add_option("--max-upload-bytes", config.max_upload_bytes, "Largest document that can be uploaded")
      ->envname("CC_MAX_UPLOAD_BYTES")
      ->check(kByteCount)
      ->capture_default_str();
  int idle_timeout = static_cast<int>(config.idle_timeout.count());
  int header_timeout = static_cast<int>(config.header_timeout.count());
  int body_timeout = static_cast<int>(config.body_timeout.count());
  serve
      ->add_option("--idle-timeout", idle_timeout,
                   "Seconds a kept-alive connection may wait for its next request")
      ->envname("CC_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve->add_option("--header-timeout", header_timeout, "Seconds a client has to send the request headers")
      ->envname("CC_HEADER_TIMEOUT")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  serve
      ->add_option("--body-timeout", body_timeout,
                   "Seconds a client has to send the body (and to read the response)")
      ->envname("CC_BODY_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  int shutdown_grace = static_cast<int>(config.shutdown_grace.count());
  serve->add_option("--shutdown-grace", shutdown_grace, "Seconds in-flight requests get on SIGTERM")
      ->envname("CC_SHUTDOWN_GRACE")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();

  JobOptions serve_jobs, worker_jobs;
  serve_jobs.add(*serve);

  auto* worker = app.add_subcommand(
      "worker", "Run only job workers and the scheduler (PostgreSQL: many processes share one database)");
  add_database_options(*worker, worker_common);
  add_log_options(*worker, worker_common);
  worker_jobs.add(*worker);

  bool status_only = false;
  auto* migrate = app.add_subcommand("migrate", "Apply database migrations and exit");
  add_database_options(*migrate, migrate_common);
  migrate->add_flag("--status", status_only,
                    "Only report the schema version (exit 1 when migrations are pending)");

  UserCreateOptions user_options;
  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_create = user->add_subcommand("create", "Create a user (with --admin: the first administrator)");
  user_create->add_option("--email", user_options.email, "Email address")->required();
  user_create->add_option("--full-name", user_options.full_name, "Display name");
  user_create->add_flag("--password-stdin", user_options.password_stdin,
                        "Read the password from standard input");
  user_create->add_flag("--admin", user_options.admin, "Make the user an administrator with a first project");
  user_create
      ->add_option("--project-name", user_options.project_name, "Name of the administrator's first project")
      ->capture_default_str();
  add_database_options(*user_create, user_common);

  auto* version = app.add_subcommand("version", "Print the version");

  // CLI11 would call a mistyped command "extra arguments" or say that a subcommand is required; name it, at
  // every level (`commandcenter serv`, `commandcenter user remove`).
  {
    const CLI::App* level = &app;
    std::string path = "commandcenter";
    for (int i = 1; i < argc && argv[i][0] != '-' && !level->get_subcommands({}).empty(); ++i) {
      std::string_view given = argv[i];
      std::vector<std::string> names;
      const CLI::App* next = nullptr;
      for (const auto* sub : level->get_subcommands({})) {
        names.push_back(sub->get_name());
        if (sub->get_name() == given) next = sub;
      }
      if (!next) {
        std::fprintf(stderr,
                     "Unknown command '%s %s'; the commands are: %s\nRun with --help for more information.\n",
                     path.c_str(), argv[i], fmt::format("{}", fmt::join(names, ", ")).c_str());
        return kUsageError;
      }
      path += " " + std::string(given);
      level = next;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, or the error with a hint
    return code == 0 ? 0 : kUsageError;
  }

  try {
    if (version->parsed()) {
      std::printf("commandcenter %s\n", CC_VERSION);
      return 0;
    }
    if (migrate->parsed()) {
      init_logging(migrate_common);
      return run_migrate(migrate_common, status_only);
    }
    if (user_create->parsed()) {
      user_common.log_level = "warn";
      init_logging(user_common);
      return run_user_create(user_common, user_options);
    }
    // serve or worker
    auto& common = worker->parsed() ? worker_common : serve_common;
    init_logging(common);
    (worker->parsed() ? worker_jobs : serve_jobs).finish(config.jobs);
    config.database.data_dir = common.data_dir;
    config.database.url = common.database_url;
    log::parse_level(common.log_level, config.log_level);
    // CC_CORS_ORIGINS was this variable's first name; it still works when CC_CORS_ORIGIN is not set.
    if (cors.empty()) {
      if (const char* older = std::getenv("CC_CORS_ORIGINS")) cors = older;
    }
    config.cors_origins = split(cors, ',');
    config.registration = registration == "open"     ? RegistrationMode::Open
                          : registration == "closed" ? RegistrationMode::Closed
                                                     : RegistrationMode::Auto;
    config.login_limit = *parse_rate_limit(login_limit);
    config.register_limit = *parse_rate_limit(register_limit);
    config.refresh_limit = *parse_rate_limit(refresh_limit);
    config.user_limit = *parse_rate_limit(user_limit);
    config.assets_dir = assets_dir;
    config.shutdown_grace = std::chrono::seconds(shutdown_grace);
    config.idle_timeout = std::chrono::seconds(idle_timeout);
    config.header_timeout = std::chrono::seconds(header_timeout);
    config.body_timeout = std::chrono::seconds(body_timeout);
    if (const char* secret = std::getenv("CC_JWT_SECRET")) config.jwt_secret = secret;
    if (const char* key = std::getenv("CC_ENCRYPTION_KEY")) config.encryption_key = key;
    try {
      config.validate();
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      return kUsageError;
    }
    return worker->parsed() ? run_worker(config) : run_server(config);
  } catch (const std::exception& e) {
    log::error("fatal", {{"error", e.what()}});
    log::flush();
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}

}  // namespace cc::app
