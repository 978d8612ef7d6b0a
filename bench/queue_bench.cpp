// Trivial jobs through the queue, enqueue → complete, in jobs per second.
//   queue_bench --database-url sqlite:/tmp/q.db --jobs 50000 --workers 4
//   queue_bench --database-url postgresql://… --jobs 50000 --workers 4 --processes 2
// Embedded (SQLite): one process enqueues and runs the jobs, as `commandcenter serve` does. PostgreSQL: this
// process enqueues, and --processes worker processes (this binary again, --role worker) run them, as
// `commandcenter worker` does. The handler does nothing, so the number is the queue's own cost: claiming,
// leases, outcome writes, events. It is registered only here — the product has no fake job types.
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/json/value.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <thread>

#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "db/database.hpp"
#include "db/migrations/migrator.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler.hpp"
#include "jobs/job_runner.hpp"
#include "services/job_service.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

class NoopHandler final : public cc::jobs::JobHandler {
 public:
  std::string_view type() const override { return "bench.noop"; }
  std::string_view description() const override { return "does nothing"; }
  std::string validate(const boost::json::value&, std::int64_t) const override { return "{}"; }
  std::string run(cc::jobs::JobContext&) override { return "{}"; }
};

std::int64_t prepare(cc::db::Database& db) {
  cc::db::Migrator::for_database(db).apply();
  return db.write([](cc::db::Tx& tx) {
    auto at = cc::now();
    tx.exec("DELETE FROM jobs");
    tx.exec("DELETE FROM projects WHERE owner = 'queue-bench'");
    return tx.query_int(
        "INSERT INTO projects (name, owner, created_at, updated_at) VALUES ('bench', 'queue-bench', ?, ?) "
        "RETURNING id",
        {at, at});
  });
}

void enqueue(cc::db::Database& db, cc::services::JobService& jobs, std::int64_t project, int count) {
  constexpr int kPerTransaction = 500;
  for (int done = 0; done < count; done += kPerTransaction) {
    db.write([&](cc::db::Tx& tx) {
      for (int i = done; i < std::min(count, done + kPerTransaction); ++i) {
        cc::services::NewJob n;
        n.job_type = "bench.noop";
        n.dispatch = true;
        jobs.enqueue(tx, project, std::move(n), std::nullopt);
      }
    });
  }
}

cc::jobs::RunnerOptions runner_options(int workers) {
  cc::jobs::RunnerOptions o;
  o.workers = workers;
  o.idle_poll = std::chrono::milliseconds(50);
  return o;
}

int run_embedded(const std::string& url, int count, int workers) {
  auto db = cc::db::open_database({url, workers + 4});
  auto project = prepare(*db);
  cc::jobs::HandlerRegistry handlers;
  handlers.add(std::make_unique<NoopHandler>());
  cc::events::EventBus bus;
  cc::services::JobService jobs(*db, handlers, bus);
  std::mutex mutex;
  std::condition_variable cv;
  std::atomic<int> completed{0};
  auto sub = bus.subscribe_all([&](const cc::events::EventPtr& e) {
    if (e->type() == cc::events::type::JobCompleted && ++completed == count) cv.notify_all();
  });
  cc::jobs::JobRunner runner(*db, handlers, bus, runner_options(workers));
  jobs.on_dispatch([&runner] { runner.wake(); });
  runner.start();
  auto start = Clock::now();
  enqueue(*db, jobs, project, count);
  auto enqueued = Clock::now();
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return completed.load() >= count; });
  }
  auto end = Clock::now();
  runner.stop(std::chrono::milliseconds(0));
  double seconds = std::chrono::duration<double>(end - start).count();
  double enqueue_seconds = std::chrono::duration<double>(enqueued - start).count();

  // Drain: the whole backlog is queued first, then a fresh runner empties it.
  project = prepare(*db);
  completed = 0;
  enqueue(*db, jobs, project, count);
  cc::jobs::JobRunner drainer(*db, handlers, bus, runner_options(workers));
  auto drain_start = Clock::now();
  drainer.start();
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return completed.load() >= count; });
  }
  double drain_seconds = std::chrono::duration<double>(Clock::now() - drain_start).count();
  drainer.stop(std::chrono::milliseconds(0));
  std::printf("| sqlite (embedded) | 1 | %d | %d | %.0f | %.0f | %.0f |\n", workers, count, count / seconds,
              count / drain_seconds, count / enqueue_seconds);
  return 0;
}

int run_worker(const std::string& url, int workers) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto db = cc::db::open_database({url, workers + 4});
  cc::jobs::HandlerRegistry handlers;
  handlers.add(std::make_unique<NoopHandler>());
  cc::events::EventBus bus;
  cc::jobs::JobRunner runner(*db, handlers, bus, runner_options(workers));
  runner.start();
  std::printf("ready\n");
  std::fflush(stdout);
  int signal = 0;
  sigwait(&signals, &signal);
  runner.stop(std::chrono::milliseconds(0));
  return 0;
}

struct Workers {
  std::vector<pid_t> pids;
  std::vector<FILE*> outputs;
  ~Workers() {
    for (auto pid : pids) kill(pid, SIGTERM);
    for (auto pid : pids) waitpid(pid, nullptr, 0);
    for (auto* out : outputs) std::fclose(out);
  }
};

// Starts the worker processes and waits until each has started its runner.
bool spawn_workers(Workers& w, const std::string& self, const std::string& url, int workers, int processes) {
  for (int p = 0; p < processes; ++p) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::string workers_text = std::to_string(workers);
    std::vector<std::string> args{self, "--role", "worker", "--database-url", url, "--workers", workers_text};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) return false;
    w.pids.push_back(pid);
    w.outputs.push_back(fdopen(fds[0], "r"));
  }
  char line[64];
  for (auto* out : w.outputs) {
    if (!std::fgets(line, sizeof(line), out)) return false;  // "ready"
  }
  return true;
}

void wait_completed(cc::db::Database& db, int count) {
  for (;;) {
    auto done = db.read(
        [](cc::db::Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM jobs WHERE status = 'completed'"); });
    if (done >= count) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int run_postgres(const std::string& self, const std::string& url, int count, int workers, int processes) {
  auto db = cc::db::open_database({url, 4});
  auto project = prepare(*db);
  cc::jobs::HandlerRegistry handlers;
  handlers.add(std::make_unique<NoopHandler>());
  cc::events::EventBus bus;
  cc::services::JobService jobs(*db, handlers, bus);
  double seconds = 0, enqueue_seconds = 0, drain_seconds = 0;
  {
    Workers w;
    if (!spawn_workers(w, self, url, workers, processes)) return 1;
    auto start = Clock::now();
    enqueue(*db, jobs, project, count);
    enqueue_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    wait_completed(*db, count);
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  // Drain: the backlog is queued first; the clock starts when the worker processes are told to go (spawned).
  project = prepare(*db);
  enqueue(*db, jobs, project, count);
  {
    Workers w;
    auto start = Clock::now();
    if (!spawn_workers(w, self, url, workers, processes)) return 1;
    wait_completed(*db, count);
    drain_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::printf("| postgresql | %d | %d | %d | %.0f | %.0f | %.0f |\n", processes, workers, count,
              count / seconds, count / drain_seconds, count / enqueue_seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cc::crypto::initialize();
  cc::log::init(cc::log::Level::Warn, cc::log::Format::Text);
  CLI::App app{"Queue throughput: trivial jobs, enqueue to completion"};
  std::string url, role = "producer";
  int count = 50000, workers = 4, processes = 1;
  app.add_option("--database-url", url, "sqlite:<path> or postgresql://…")->required();
  app.add_option("--jobs", count, "Jobs to run");
  app.add_option("--workers", workers, "Handler threads per worker process");
  app.add_option("--processes", processes, "Worker processes (PostgreSQL)");
  app.add_option("--role", role, "producer or worker (internal)");
  CLI11_PARSE(app, argc, argv);
  if (role == "worker") return run_worker(url, workers);
  if (url.starts_with("sqlite:")) return run_embedded(url, count, workers);
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  return run_postgres(self, url, count, workers, processes);
}
