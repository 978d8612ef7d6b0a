#include "app/worker.hpp"

#include <csignal>
#include <optional>

#include "app/data_dir.hpp"
#include "app/job_system.hpp"
#include "core/logging.hpp"
#include "db/migrations/migrator.hpp"

namespace cc::app {

int run_worker(const ServerConfig& config) {
  bool postgres = config.database.is_postgres();
  if (!postgres) prepare_data_dir(config.database.data_dir);
  std::string url = database_url(config.database.data_dir, config.database.url);
  std::optional<DataDirLock> lock;
  if (!postgres) lock.emplace(config.database.data_dir);

  // Block the stop signals before any thread starts, so that every thread inherits the mask and only
  // sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  int pool = std::max(4, config.jobs.workers + 4);
  auto database = db::open_database({url, pool});
  if (config.run_migrations) db::Migrator::for_database(*database).apply();
  JobSystem jobs(*database, url, config.jobs, !postgres);
  jobs.start();
  log::info("worker.started", {{"database", database->describe()}, {"workers", config.jobs.workers}});
  log::flush();

  int signal = 0;
  sigwait(&signals, &signal);
  log::info("worker.signal", {{"signal", signal}});
  bool clean = jobs.stop();
  database->close();
  log::info("worker.stopped", {});
  log::flush();
  if (!clean) std::_Exit(0);
  return 0;
}

}  // namespace cc::app
