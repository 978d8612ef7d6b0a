#include "app/application.hpp"

#include <cstdio>
#include <optional>
#include <thread>

#include "api/routes.hpp"
#include "app/data_dir.hpp"
#include "app/job_system.hpp"
#include "auth/password_hasher.hpp"
#include "auth/token_service.hpp"
#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "db/migrations/migrator.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "integrations/github_client.hpp"
#include "storage/file_store.hpp"

namespace cc::app {

namespace {

std::filesystem::path default_assets_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "share";
  return exe.parent_path() / "share";
}

std::string readiness(db::Database& database) {
  try {
    auto status = db::Migrator::for_database(database).status();
    if (!status.pending.empty()) return "database migrations are pending";
    if (status.current > status.latest) return "the database schema is newer than this binary";
    return {};
  } catch (const std::exception& e) {
    // The error names hosts, ports and users: it goes to the log, not to whoever asks the public endpoint.
    log::warn("health.database_unreachable", {{"error", e.what()}});
    return "the database is unreachable";
  }
}

// The key that encrypts secrets at rest (repository tokens): CC_ENCRYPTION_KEY (32 bytes, base64url) or a
// file generated in the data directory.
std::string load_encryption_key(const ServerConfig& config) {
  std::string encoded = !config.encryption_key.empty()
                            ? config.encryption_key
                            : load_or_create_secret(config.database.data_dir, "encryption_key", 32);
  auto key = crypto::base64url_decode(encoded);
  if (!key || key->size() != 32) {
    throw std::runtime_error("the encryption key must be 32 bytes, base64url-encoded (CC_ENCRYPTION_KEY)");
  }
  return *key;
}

}  // namespace

int run_server(const ServerConfig& config) {
  prepare_data_dir(config.database.data_dir);
  std::string url = database_url(config.database.data_dir, config.database.url);
  std::optional<DataDirLock> lock;
  if (!config.database.is_postgres()) lock.emplace(config.database.data_dir);

  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.io_threads = config.io_threads > 0 ? config.io_threads : cores;
  // SQLite reads are CPU-bound and short: two threads per core keep the cores busy without the context
  // switches of a larger pool (measured: 1 and 4 per core were slower). PostgreSQL work waits on the network,
  // so more threads overlap those waits.
  bool postgres = config.database.is_postgres();
  server_options.blocking_threads =
      config.blocking_threads > 0 ? config.blocking_threads : (postgres ? 4 * cores : 2 * cores);
  // Writes wait for a commit (on SQLite, a group commit with one fsync per batch): more of them in flight
  // make bigger batches, so they get a larger pool of their own.
  server_options.write_threads =
      config.write_threads > 0 ? config.write_threads : (postgres ? 4 * cores : std::max(8, 8 * cores));
  server_options.max_body_bytes = config.max_body_bytes;
  server_options.idle_timeout = config.idle_timeout;
  server_options.header_timeout = config.header_timeout;
  server_options.body_timeout = config.body_timeout;
  server_options.shutdown_grace = config.shutdown_grace;

  int pool_size = config.database.pool_size > 0
                      ? config.database.pool_size
                      : server_options.blocking_threads + server_options.write_threads + 2;
  auto database = db::open_database({url, pool_size});
  log::info("database.opened", {{"database", database->describe()}});
  if (config.run_migrations) {
    auto applied = db::Migrator::for_database(*database).apply();
    log::info("database.migrated", {{"applied", applied.size()}});
  }

  std::string jwt_secret = !config.jwt_secret.empty()
                               ? config.jwt_secret
                               : load_or_create_secret(config.database.data_dir, "jwt_secret", 48);
  auth::TokenService tokens(jwt_secret, "commandcenter", "commandcenter-api", config.access_token_ttl);
  std::string encryption_key = load_encryption_key(config);
  storage::FileStore files(config.database.data_dir / "uploads");
  integrations::HttpClient http_client;
  integrations::GitHubClient github(http_client, config.github_api_url);
  auth::PasswordHasher hasher(cores);

  JobSystem job_system(*database, url, config.jobs, !postgres);
  services::TechnologyService technologies(*database, &job_system.events());
  services::AccessService access(*database, tokens);
  services::AuthService auth_service(
      *database, hasher, tokens,
      {.registration = config.registration, .refresh_ttl = config.refresh_token_ttl});
  services::ApiKeyService api_keys(*database);
  services::ProjectService projects(*database, files, &job_system.events());
  services::AuditService audit(*database);
  services::CodeRepositoryService code_repositories(*database, encryption_key, github, &job_system.events());
  services::ResearchTaskService research_tasks(*database, files, config.max_upload_bytes,
                                               &job_system.events());
  // An hour old: no upload can still be on its way to its row (another process may share the directory).
  research_tasks.remove_orphan_files(std::chrono::hours(1));
  services::KnowledgeService knowledge(*database, &job_system.events());
  services::DashboardService dashboard(*database, &job_system.events());
  services::ScheduleService schedules(*database, job_system.handlers(), job_system.jobs(),
                                      &job_system.events());
  services::WsTicketService tickets(*database, access);

  http::RateLimiter login_limit("login", config.login_limit);
  http::RateLimiter register_limit("register", config.register_limit);
  http::RateLimiter refresh_limit("refresh", config.refresh_limit);
  http::Metrics metrics;
  metrics.add_collector([&job_system](std::string& out) { job_system.render_metrics(out); });
  http::StaticFiles assets(config.assets_dir.empty() ? default_assets_dir() : config.assets_dir);
  if (!assets.available()) log::warn("assets.missing", {{"hint", "build with make to serve /docs"}});

  api::ApiDependencies deps{*database,
                            access,
                            auth_service,
                            api_keys,
                            projects,
                            technologies,
                            audit,
                            code_repositories,
                            research_tasks,
                            knowledge,
                            dashboard,
                            job_system.jobs(),
                            schedules,
                            tickets,
                            job_system.handlers(),
                            job_system.events(),
                            {login_limit, register_limit, refresh_limit},
                            metrics,
                            assets,
                            [&database] { return readiness(*database); },
                            [&job_system](JsonWriter& w) { job_system.write_health(w); }};
  http::Router router;
  api::register_all_routes(router, deps);
  http::Dispatcher dispatcher(router, metrics,
                              {.cors_origins = config.cors_origins,
                               .trust_proxy = config.trust_proxy,
                               .user_limit = config.user_limit});
  http::Server server(server_options, dispatcher);
  int port = server.listen();

  if (auto token = auth_service.issue_setup_token(); !token.empty()) {
    log::warn("setup.required",
              {{"setup_token", token}, {"hint", "POST /api/v1/auth/setup or open the web UI"}});
    std::fprintf(stderr,
                 "\n  No administrator exists yet. Create one in the web UI or with\n"
                 "    POST /api/v1/auth/setup  using the setup token:\n\n    %s\n\n",
                 token.c_str());
  }
  log::info("server.listening", {{"host", config.host},
                                 {"port", port},
                                 {"io_threads", server_options.io_threads},
                                 {"blocking_threads", server_options.blocking_threads},
                                 {"write_threads", server_options.write_threads},
                                 {"version", CC_VERSION}});
  job_system.start();
  log::flush();
  server.run();
  // The HTTP side has stopped; running jobs get their grace period, then are handed back to the queue.
  bool clean = job_system.stop();
  database->close();
  log::info("database.closed", {});
  log::flush();
  if (!clean) {
    // A handler thread is stuck in code that ignores cancellation; its job is back in the queue. Exiting
    // normally would run destructors under that thread's feet.
    std::_Exit(0);
  }
  return 0;
}

}  // namespace cc::app
