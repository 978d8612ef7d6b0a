#include "jobs/job_runner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/logging.hpp"
#include "db/database.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler.hpp"
#include "repositories/job_repository.hpp"
#include "repositories/schedule_repository.hpp"

namespace cc::jobs {

using repositories::JobRepository;
using repositories::ScheduleRepository;
using SteadyClock = std::chrono::steady_clock;

namespace {

enum class Phase { Waiting, Executing, Done, Abandoned };

struct RunningJob {
  Job job;
  JobHandler* handler = nullptr;
  boost::json::value parameters;
  std::atomic<Phase> phase{Phase::Waiting};
  std::atomic<bool> cancel{false};
  std::atomic<std::int64_t> interrupt_seen_ns{0};  // steady clock, when a cancel was first seen
  SteadyClock::time_point started;
  SteadyClock::time_point deadline;
  Timestamp started_wall;
  std::size_t worker_index = 0;
  // Progress: written only by the handler's thread.
  int progress = 0;
  std::optional<std::string> step;
  SteadyClock::time_point last_persist;
};

using RunningPtr = std::shared_ptr<RunningJob>;

// How an attempt ended, before it is turned into the row's new state.
struct AttemptResult {
  enum class Kind { Completed, Failed, Retryable, Cancelled, HandBack } kind = Kind::Completed;
  std::optional<std::string> result;
  std::optional<std::string> error;
  std::string outcome_name;  // for the attempt history
};

struct FinishItem {
  RunningPtr running;
  AttemptResult attempt;
  Timestamp finished_at;
};

std::int64_t steady_ns(SteadyClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

bool client_error(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::Validation:
    case ErrorKind::BadRequest:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict:
    case ErrorKind::Forbidden:
      return true;
    default:
      return false;
  }
}

std::string default_owner() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) std::snprintf(host, sizeof(host), "host");
  return fmt::format("{}:{}:{}", host, getpid(), crypto::random_token(4));
}

std::string append_attempt(const std::string& history, int attempt, std::string_view worker,
                           Timestamp started, Timestamp finished, std::string_view outcome,
                           const std::optional<std::string>& error) {
  boost::json::array entries;
  try {
    auto parsed = boost::json::parse(history);
    if (parsed.is_array()) entries = std::move(parsed.as_array());
  } catch (const std::exception&) {
    // A damaged history is replaced rather than blocking the job.
  }
  // Bounded: a job re-run many times keeps its latest 50 attempts.
  if (entries.size() >= 50)
    entries.erase(entries.begin(), entries.begin() + static_cast<long>(entries.size() - 49));
  boost::json::object entry;
  entry["attempt"] = attempt;
  entry["worker"] = worker;
  entry["started_at"] = format_rfc3339(started);
  entry["finished_at"] = format_rfc3339(finished);
  entry["outcome"] = outcome;
  if (error) entry["error"] = error->substr(0, 2000);
  entries.push_back(std::move(entry));
  return to_json_string(entries);
}

double unit_random() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

struct JobRunner::State : std::enable_shared_from_this<JobRunner::State> {
  State(db::Database& d, const HandlerRegistry& h, events::EventBus& e, RunnerOptions o)
      : db(d), handlers(h), events(e), options(std::move(o)) {
    if (options.owner.empty()) options.owner = default_owner();
    options.workers = std::max(1, options.workers);
    options.claim_batch = std::max(1, options.claim_batch);
    options.prefetch = std::max(0, options.prefetch);
    for (const auto& type : handlers.types()) {
      auto* handler = handlers.find(type);
      if (handler->concurrency_limit() > 0) limits[type] = handler->concurrency_limit();
    }
    for (const auto& [type, limit] : options.type_limits) limits[type] = limit;
  }

  db::Database& db;
  const HandlerRegistry& handlers;
  events::EventBus& events;
  RunnerOptions options;

  std::mutex mutex;
  std::condition_variable claim_cv, work_cv, finish_cv, maintenance_cv;
  bool started = false;
  bool stop_claiming = false;
  bool stop_workers = false;
  bool stop_finisher = false;
  bool interrupt_all = false;  // running handlers should hand their jobs back
  bool wake_flag = false;

  std::deque<RunningPtr> ready;
  std::unordered_map<std::int64_t, RunningPtr> in_flight;  // claimed and not yet recorded as finished
  std::map<std::string, int, std::less<>> in_flight_by_type;
  std::map<std::string, int, std::less<>> limits;
  std::map<std::string, double, std::less<>> duration_ms;  // moving average per type
  int executing = 0;
  std::deque<FinishItem> finishing;

  std::thread claimer, finisher, maintenance;
  std::vector<std::thread> workers;
  std::shared_ptr<std::atomic<int>> stuck_threads = std::make_shared<std::atomic<int>>(0);

  std::atomic<std::uint64_t> claimed{0}, completed{0}, failed{0}, retried{0}, cancelled{0}, recovered{0},
      abandoned{0};

  // --- claiming -------------------------------------------------------------------------------------------

  bool fast_type(std::string_view type) const {
    auto it = duration_ms.find(type);
    return it != duration_ms.end() && it->second < static_cast<double>(options.fast_job_threshold.count());
  }

  struct ClaimPlan {
    repositories::ClaimFilter slow, fast;
    int slow_limit = 0, fast_limit = 0;
  };

  ClaimPlan plan_claim() {
    ClaimPlan plan;
    int idle = options.workers - executing - static_cast<int>(ready.size());
    int free_total = options.workers + options.prefetch - static_cast<int>(in_flight.size());
    for (const auto& type : handlers.types()) {
      if (auto lim = limits.find(type); lim != limits.end()) {
        auto used = in_flight_by_type.find(type);
        if (used != in_flight_by_type.end() && used->second >= lim->second) continue;
      }
      (fast_type(type) ? plan.fast : plan.slow).only_types.push_back(type);
    }
    if (!plan.slow.only_types.empty()) plan.slow_limit = std::clamp(idle, 0, options.claim_batch);
    if (!plan.fast.only_types.empty()) {
      // While threads still have work waiting, top up in batches rather than one slot at a time: each claim
      // is a write, and many tiny ones would cost more than the jobs.
      int batch_floor = std::min(options.claim_batch, (options.workers + options.prefetch) / 4);
      if (free_total >= batch_floor || ready.empty())
        plan.fast_limit = std::clamp(free_total, 0, options.claim_batch);
    }
    return plan;
  }

  struct ClaimResult {
    int taken = 0;
    bool maybe_more = false;  // the claim got all it asked for
    bool full = false;        // no capacity to claim anything
  };

  ClaimResult claim_once() {
    ClaimPlan plan;
    {
      std::lock_guard lock(mutex);
      plan = plan_claim();
    }
    if (plan.slow_limit == 0 && plan.fast_limit == 0) return {0, false, true};
    auto at = now();
    auto lease_until = at + options.lease;
    std::vector<Job> jobs;
    std::vector<Job> handed_back;
    db.write([&](db::Tx& tx) {
      jobs.clear();
      handed_back.clear();
      if (plan.slow_limit > 0) {
        auto got = JobRepository::claim(tx, options.owner, at, lease_until, plan.slow, plan.slow_limit);
        jobs.insert(jobs.end(), std::make_move_iterator(got.begin()), std::make_move_iterator(got.end()));
      }
      if (plan.fast_limit > 0) {
        auto got = JobRepository::claim(tx, options.owner, at, lease_until, plan.fast, plan.fast_limit);
        jobs.insert(jobs.end(), std::make_move_iterator(got.begin()), std::make_move_iterator(got.end()));
      }
      // A batch may hold more of a limited type than its remaining allowance: return the surplus unchanged.
      std::map<std::string, int, std::less<>> taken;
      {
        std::lock_guard lock(mutex);
        for (const auto& [type, used] : in_flight_by_type) taken[type] = used;
      }
      std::vector<Job> kept;
      for (auto& job : jobs) {
        auto lim = limits.find(job.job_type);
        if (lim != limits.end() && taken[job.job_type] >= lim->second) {
          JobRepository::Outcome back{std::string(job_status::Pending),
                                      std::nullopt,
                                      job.error,
                                      0,
                                      std::nullopt,
                                      job.attempt_history,
                                      job.run_at,
                                      true};
          JobRepository::finish(tx, job.id, options.owner, back, at);
          handed_back.push_back(std::move(job));
          continue;
        }
        ++taken[job.job_type];
        kept.push_back(std::move(job));
      }
      jobs = std::move(kept);
    });
    int requested = plan.slow_limit + plan.fast_limit;
    bool maybe_more = static_cast<int>(jobs.size() + handed_back.size()) >= requested;
    if (jobs.empty()) return {0, maybe_more, false};
    std::vector<RunningPtr> runnable;
    std::vector<std::pair<RunningPtr, std::string>> broken;
    for (auto& job : jobs) {
      auto r = std::make_shared<RunningJob>();
      r->handler = handlers.find(job.job_type);
      r->cancel = job.cancel_requested_at.has_value();
      r->job = std::move(job);
      try {
        r->parameters = boost::json::parse(r->job.parameters);
        runnable.push_back(std::move(r));
      } catch (const std::exception& e) {
        broken.emplace_back(std::move(r), std::string("parameters are not valid JSON: ") + e.what());
      }
    }
    {
      std::lock_guard lock(mutex);
      for (auto& r : runnable) {
        in_flight.emplace(r->job.id, r);
        ++in_flight_by_type[r->job.job_type];
        ready.push_back(r);
      }
      for (auto& [r, why] : broken) {
        in_flight.emplace(r->job.id, r);
        ++in_flight_by_type[r->job.job_type];
        AttemptResult a;
        a.kind = AttemptResult::Kind::Failed;
        a.error = why;
        a.outcome_name = "failed";
        r->started_wall = now();
        finishing.push_back(FinishItem{r, std::move(a), now()});
      }
    }
    claimed.fetch_add(jobs.size(), std::memory_order_relaxed);
    work_cv.notify_all();
    if (!broken.empty()) finish_cv.notify_one();
    return {static_cast<int>(jobs.size()), maybe_more, false};
  }

  // When the next delayed job becomes due, if sooner than the idle poll.
  std::chrono::milliseconds wait_time() {
    auto wait = options.idle_poll;
    try {
      auto next = db.read([&](db::Tx& tx) {
        return tx.query_one("SELECT MIN(run_at) FROM jobs WHERE status = 'pending' AND run_at IS NOT NULL",
                            {}, [](const db::Row& row) { return row.opt_time(0); });
      });
      if (next && *next) {
        auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - now());
        if (until < wait) wait = std::max(until, std::chrono::milliseconds(1));
      }
    } catch (const std::exception& e) {
      log::warn("jobs.poll_failed", {{"error", e.what()}});
    }
    return wait;
  }

  void claim_loop() {
    while (true) {
      {
        std::lock_guard lock(mutex);
        if (stop_claiming) return;
        wake_flag = false;
      }
      ClaimResult r;
      try {
        r = claim_once();
      } catch (const std::exception& e) {
        log::warn("jobs.claim_failed", {{"error", e.what()}});
      }
      if (r.maybe_more && r.taken > 0) continue;
      // Full: a finished job wakes us. Empty: sleep until the next delayed job is due or someone dispatches.
      auto wait = (r.full || r.maybe_more) ? options.idle_poll : wait_time();
      std::unique_lock lock(mutex);
      claim_cv.wait_for(lock, wait, [&] { return stop_claiming || wake_flag; });
    }
  }

  // --- running --------------------------------------------------------------------------------------------

  class Context final : public JobContext {
   public:
    Context(State& state, RunningJob& job) : state_(state), job_(job) {}
    const Job& job() const override { return job_.job; }
    const boost::json::value& parameters() const override { return job_.parameters; }

    void check_interrupted() override {
      if (job_.phase.load() == Phase::Abandoned) {
        throw JobInterrupted(JobInterrupted::Reason::Cancelled, "abandoned by the worker");
      }
      if (job_.cancel.load()) throw JobInterrupted(JobInterrupted::Reason::Cancelled, "cancelled");
      if (SteadyClock::now() > job_.deadline) {
        throw JobInterrupted(JobInterrupted::Reason::TimedOut,
                             fmt::format("timed out after {} s", job_.job.timeout_seconds));
      }
      bool shutting_down;
      {
        std::lock_guard lock(state_.mutex);
        shutting_down = state_.interrupt_all;
      }
      if (shutting_down) throw JobInterrupted(JobInterrupted::Reason::ShuttingDown, "worker shutting down");
    }

    void progress(int percent, std::string_view step) override {
      check_interrupted();
      job_.progress = std::clamp(percent, 0, 100);
      job_.step = std::string(step.substr(0, 255));
      state_.publish_state(job_, events::type::JobProgress, std::string(job_status::Running));
      auto t = SteadyClock::now();
      if (t - job_.last_persist >= state_.options.progress_persist_interval) {
        job_.last_persist = t;
        try {
          state_.db.write([&](db::Tx& tx) {
            JobRepository::save_progress(tx, job_.job.id, state_.options.owner, job_.progress, job_.step,
                                         now());
          });
        } catch (const std::exception& e) {
          // Progress is advisory; the outcome is what must be durable.
          log::warn("jobs.progress_not_saved", {{"job_id", job_.job.id}, {"error", e.what()}});
        }
      }
    }

   private:
    State& state_;
    RunningJob& job_;
  };

  void publish_state(const RunningJob& r, std::string_view type, std::string status) {
    events::JobState s;
    s.job_id = r.job.id;
    s.job_type = r.job.job_type;
    s.status = std::move(status);
    s.progress = r.progress;
    s.current_step = r.step;
    s.attempts = r.job.attempts;
    events.publish(events::Event(type, r.job.project_id, std::move(s)));
  }

  AttemptResult execute(RunningJob& r) {
    AttemptResult a;
    r.started = SteadyClock::now();
    r.deadline = r.started + std::chrono::seconds(r.job.timeout_seconds);
    r.started_wall = now();
    r.last_persist = r.started;
    if (r.cancel.load()) {
      a.kind = AttemptResult::Kind::Cancelled;
      a.outcome_name = "cancelled";
      a.error = "Cancelled before it started";
      return a;
    }
    r.step = "Starting";
    publish_state(r, events::type::JobStarted, std::string(job_status::Running));
    Context context(*this, r);
    try {
      if (!r.handler) throw std::runtime_error("no handler for job type " + r.job.job_type);
      a.result = r.handler->run(context);
      a.kind = AttemptResult::Kind::Completed;
      a.outcome_name = "completed";
    } catch (const JobInterrupted& e) {
      switch (e.reason()) {
        case JobInterrupted::Reason::Cancelled:
          a.kind = AttemptResult::Kind::Cancelled;
          a.outcome_name = "cancelled";
          a.error = "Cancelled";
          a.result = e.partial_result();
          break;
        case JobInterrupted::Reason::TimedOut:
          a.kind = AttemptResult::Kind::Retryable;
          a.outcome_name = "timed_out";
          a.error = e.what();
          break;
        case JobInterrupted::Reason::ShuttingDown:
          a.kind = AttemptResult::Kind::HandBack;
          a.outcome_name = "handed_back";
          break;
      }
    } catch (const Error& e) {
      a.kind = client_error(e) ? AttemptResult::Kind::Failed : AttemptResult::Kind::Retryable;
      a.outcome_name = "failed";
      a.error = e.detail().empty() ? std::string(e.what()) : e.detail();
    } catch (const std::exception& e) {
      a.kind = AttemptResult::Kind::Retryable;
      a.outcome_name = "failed";
      a.error = e.what();
    } catch (...) {
      a.kind = AttemptResult::Kind::Retryable;
      a.outcome_name = "failed";
      a.error = "the handler failed with an unknown exception";
    }
    return a;
  }

  void note_duration(const std::string& type, double ms) {
    auto [it, inserted] = duration_ms.try_emplace(type, ms);
    if (!inserted) it->second = it->second * 0.8 + ms * 0.2;
  }

  void worker_loop(std::size_t index, std::shared_ptr<std::atomic<int>> stuck) {
    auto self = shared_from_this();  // an abandoned thread may outlive the runner object
    while (true) {
      RunningPtr r;
      {
        std::unique_lock lock(mutex);
        work_cv.wait(lock, [&] { return stop_workers || !ready.empty(); });
        if (ready.empty()) return;
        r = std::move(ready.front());
        ready.pop_front();
        r->worker_index = index;
        r->phase = Phase::Executing;
        ++executing;
      }
      auto attempt = execute(*r);
      auto expected = Phase::Executing;
      if (!r->phase.compare_exchange_strong(expected, Phase::Done)) {
        // The watchdog gave up on this handler and started another thread in our place.
        stuck->fetch_sub(1);
        log::warn("jobs.abandoned_handler_returned", {{"job_id", r->job.id}});
        return;
      }
      double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - r->started).count();
      {
        std::lock_guard lock(mutex);
        --executing;
        if (attempt.kind == AttemptResult::Kind::Completed) note_duration(r->job.job_type, ms);
        finishing.push_back(FinishItem{std::move(r), std::move(attempt), now()});
      }
      finish_cv.notify_one();
      wake();  // a thread is free
    }
  }

  // --- recording outcomes ---------------------------------------------------------------------------------

  struct Recorded {
    RunningPtr running;
    JobRepository::Outcome outcome;
    bool written = false;
  };

  JobRepository::Outcome outcome_of(const FinishItem& item) {
    const auto& r = *item.running;
    const auto& a = item.attempt;
    JobRepository::Outcome o;
    o.progress = r.progress;
    o.current_step = r.step;
    o.error = a.error;
    switch (a.kind) {
      case AttemptResult::Kind::Completed:
        o.status = std::string(job_status::Completed);
        o.result = a.result;
        o.progress = 100;
        o.current_step = "Completed";
        break;
      case AttemptResult::Kind::Failed:
        o.status = std::string(job_status::Failed);
        o.current_step = "Failed";
        break;
      case AttemptResult::Kind::Cancelled:
        o.status = std::string(job_status::Cancelled);
        o.result = a.result;  // what a handler reported it got done before it stopped, if anything
        o.current_step = "Cancelled";
        break;
      case AttemptResult::Kind::Retryable:
        if (r.job.attempts < r.job.max_attempts) {
          o.status = std::string(job_status::Pending);
          o.retry_at = item.finished_at + options.retry.delay_after(r.job.attempts, unit_random);
          o.current_step = fmt::format("Retrying after attempt {} of {}", r.job.attempts, r.job.max_attempts);
        } else {
          o.status = std::string(job_status::Failed);
          o.current_step = fmt::format("Failed after {} attempts", r.job.attempts);
        }
        break;
      case AttemptResult::Kind::HandBack:
        o.status = std::string(job_status::Pending);
        o.retry_at = item.finished_at;
        o.refund_attempt = true;
        o.current_step = "Waiting for a worker";
        o.error = r.job.error;
        return o;  // not an attempt: the history stays as it was
    }
    o.attempt_history = append_attempt(r.job.attempt_history, r.job.attempts, options.owner, r.started_wall,
                                       item.finished_at, a.outcome_name, a.error);
    return o;
  }

  void finish_loop() {
    auto self = shared_from_this();
    while (true) {
      std::vector<FinishItem> items;
      {
        std::unique_lock lock(mutex);
        finish_cv.wait(lock, [&] { return stop_finisher || !finishing.empty(); });
        if (finishing.empty()) return;
        while (!finishing.empty()) {
          items.push_back(std::move(finishing.front()));
          finishing.pop_front();
        }
      }
      std::vector<Recorded> recorded;
      recorded.reserve(items.size());
      for (auto& item : items) {
        auto o = outcome_of(item);
        if (item.attempt.kind == AttemptResult::Kind::HandBack)
          o.attempt_history = item.running->job.attempt_history;
        recorded.push_back(Recorded{item.running, std::move(o)});
      }
      write_outcomes(recorded);
      after_outcomes(recorded);
    }
  }

  void write_outcomes(std::vector<Recorded>& recorded) {
    for (int attempt = 0;; ++attempt) {
      try {
        auto at = now();
        db.write([&](db::Tx& tx) {
          std::vector<std::pair<std::int64_t, const JobRepository::Outcome*>> batch;
          batch.reserve(recorded.size());
          for (const auto& rec : recorded) batch.emplace_back(rec.running->job.id, &rec.outcome);
          auto written = JobRepository::finish_many(tx, options.owner, batch, at);
          for (std::size_t i = 0; i < recorded.size(); ++i) {
            auto& rec = recorded[i];
            rec.written = written[i];
            if (rec.written && rec.running->job.schedule_id && is_terminal_job_status(rec.outcome.status)) {
              ScheduleRepository::record_outcome(tx, *rec.running->job.schedule_id,
                                                 rec.outcome.status == job_status::Completed,
                                                 rec.outcome.error, at);
            }
          }
        });
        return;
      } catch (const std::exception& e) {
        // The database is unavailable. Keep trying for a while; after that the leases expire and the jobs run
        // again elsewhere (at least once), so nothing is lost.
        log::error("jobs.outcome_not_saved", {{"jobs", recorded.size()}, {"error", e.what()}});
        if (attempt >= 20) {
          for (auto& rec : recorded) rec.written = false;
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100 * (attempt + 1)));
      }
    }
  }

  void after_outcomes(std::vector<Recorded>& recorded) {
    {
      std::lock_guard lock(mutex);
      for (auto& rec : recorded) {
        if (in_flight.erase(rec.running->job.id) > 0) --in_flight_by_type[rec.running->job.job_type];
      }
    }
    wake();  // capacity is free
    for (auto& rec : recorded) {
      auto& r = *rec.running;
      if (!rec.written) {
        log::warn("jobs.lease_lost", {{"job_id", r.job.id}});
        continue;
      }
      const auto& status = rec.outcome.status;
      std::string_view type;
      if (status == job_status::Completed) {
        completed.fetch_add(1, std::memory_order_relaxed);
        type = events::type::JobCompleted;
      } else if (status == job_status::Failed) {
        failed.fetch_add(1, std::memory_order_relaxed);
        type = events::type::JobFailed;
      } else if (status == job_status::Cancelled) {
        cancelled.fetch_add(1, std::memory_order_relaxed);
        type = events::type::JobCancelled;
      } else if (!rec.outcome.refund_attempt) {
        retried.fetch_add(1, std::memory_order_relaxed);
        type = events::type::JobRetrying;
      } else {
        continue;  // handed back at shutdown: nothing happened that a client needs to see
      }
      events::JobState s;
      s.job_id = r.job.id;
      s.job_type = r.job.job_type;
      s.status = status;
      s.progress = rec.outcome.progress;
      s.current_step = rec.outcome.current_step;
      s.result = rec.outcome.result;
      s.error = rec.outcome.error;
      s.attempts = r.job.attempts;
      events.publish(events::Event(type, r.job.project_id, std::move(s)));
    }
  }

  // --- heartbeats, recovery, watchdog ---------------------------------------------------------------------

  void heartbeat() {
    {
      std::lock_guard lock(mutex);
      if (in_flight.empty()) return;
    }
    auto results = db.write(
        [&](db::Tx& tx) { return JobRepository::heartbeat(tx, options.owner, now() + options.lease); });
    std::lock_guard lock(mutex);
    for (const auto& h : results) {
      if (!h.cancel_requested) continue;
      if (auto it = in_flight.find(h.job_id); it != in_flight.end()) mark_cancel(*it->second);
    }
  }

  void mark_cancel(RunningJob& r) {
    if (r.cancel.exchange(true)) return;
    r.interrupt_seen_ns = steady_ns(SteadyClock::now());
    log::info("jobs.cancel_noticed", {{"job_id", r.job.id}, {"job_type", r.job.job_type}});
  }

  bool running_here(std::int64_t id) {
    std::lock_guard lock(mutex);
    return in_flight.contains(id);
  }

  // Jobs whose worker died: back to the queue, or failed when they have no attempts left.
  int recover(bool everything) {
    auto at = now();
    struct Recovered {
      Job job;
      JobRepository::Outcome outcome;
    };
    std::vector<Recovered> done;
    db.write([&](db::Tx& tx) {
      done.clear();
      // Exclusive start: every running job belongs to a process that no longer exists.
      auto cutoff = everything ? at + std::chrono::hours(24 * 365 * 100) : at;
      for (auto& job : JobRepository::expired(tx, cutoff, 500)) {
        if (job.lease_owner == options.owner && running_here(job.id)) continue;  // alive: heartbeat is late
        JobRepository::Outcome o;
        o.progress = job.progress;
        o.current_step = job.current_step;
        std::string outcome_name = "lease_expired";
        if (job.cancel_requested_at) {
          o.status = std::string(job_status::Cancelled);
          o.error = "Cancelled (its worker stopped)";
          o.current_step = "Cancelled";
        } else if (job.attempts < job.max_attempts) {
          o.status = std::string(job_status::Pending);
          o.retry_at = at;
          o.error = "The worker running it stopped (lease expired); running it again";
        } else {
          o.status = std::string(job_status::Failed);
          o.error = "The worker running it stopped (lease expired) and no attempts are left";
          o.current_step = "Failed";
        }
        o.attempt_history = append_attempt(job.attempt_history, job.attempts, job.lease_owner.value_or(""),
                                           job.started_at.value_or(at), at, outcome_name, o.error);
        if (JobRepository::recover(tx, job, o, at)) {
          if (job.schedule_id && is_terminal_job_status(o.status)) {
            ScheduleRepository::record_outcome(tx, *job.schedule_id, false, o.error, at);
          }
          done.push_back(Recovered{std::move(job), std::move(o)});
        }
      }
    });
    for (auto& d : done) {
      recovered.fetch_add(1, std::memory_order_relaxed);
      log::warn("jobs.recovered", {{"job_id", d.job.id}, {"status", d.outcome.status}});
      events::JobState s = events::JobState::of(d.job);
      s.status = d.outcome.status;
      s.error = d.outcome.error;
      s.current_step = d.outcome.current_step;
      auto type = d.outcome.status == job_status::Pending     ? events::type::JobRetrying
                  : d.outcome.status == job_status::Cancelled ? events::type::JobCancelled
                                                              : events::type::JobFailed;
      events.publish(events::Event(type, d.job.project_id, std::move(s)));
    }
    if (!done.empty()) wake();
    return static_cast<int>(done.size());
  }

  // Gives up on handlers that ignore a cancellation or their timeout: their job is recorded as ended, and a
  // fresh thread takes the place of the stuck one.
  void watchdog() {
    auto t = SteadyClock::now();
    std::vector<FinishItem> given_up;
    {
      std::lock_guard lock(mutex);
      if (stop_workers) return;  // stop() owns the threads now
      for (auto& [id, r] : in_flight) {
        if (r->phase.load() != Phase::Executing) continue;
        bool overdue = t > r->deadline + options.abandon_after;
        auto seen = r->interrupt_seen_ns.load();
        bool ignored_cancel =
            r->cancel.load() && seen != 0 &&
            t - SteadyClock::time_point(std::chrono::nanoseconds(seen)) > options.abandon_after;
        if (!overdue && !ignored_cancel) continue;
        auto expected = Phase::Executing;
        if (!r->phase.compare_exchange_strong(expected, Phase::Abandoned)) continue;
        --executing;
        abandoned.fetch_add(1, std::memory_order_relaxed);
        stuck_threads->fetch_add(1);
        AttemptResult a;
        a.kind = ignored_cancel ? AttemptResult::Kind::Cancelled : AttemptResult::Kind::Failed;
        a.outcome_name = "abandoned";
        a.error = ignored_cancel
                      ? "Cancelled; the handler did not stop and was abandoned"
                      : fmt::format("Timed out after {} s; the handler did not stop and was abandoned",
                                    r->job.timeout_seconds);
        log::error("jobs.handler_abandoned", {{"job_id", r->job.id}, {"type", r->job.job_type}});
        workers[r->worker_index].detach();
        auto index = r->worker_index;
        workers[index] = std::thread([this, index, stuck = stuck_threads] { worker_loop(index, stuck); });
        given_up.push_back(FinishItem{r, std::move(a), now()});
      }
      for (auto& item : given_up) finishing.push_back(std::move(item));
    }
    if (!given_up.empty()) finish_cv.notify_one();
  }

  void maintenance_loop() {
    auto self = shared_from_this();
    auto next_heartbeat = SteadyClock::now() + options.heartbeat;
    auto recover_every = std::max<std::chrono::milliseconds>(
        std::chrono::milliseconds(500),
        std::chrono::duration_cast<std::chrono::milliseconds>(options.lease) / 4);
    auto next_recovery = SteadyClock::now() + recover_every;
    while (true) {
      {
        std::unique_lock lock(mutex);
        maintenance_cv.wait_for(lock, std::chrono::milliseconds(250), [&] { return stop_finisher; });
        if (stop_finisher) return;
      }
      auto t = SteadyClock::now();
      try {
        watchdog();
        if (t >= next_heartbeat) {
          next_heartbeat = t + options.heartbeat;
          heartbeat();
        }
        if (t >= next_recovery) {
          next_recovery = t + recover_every;
          recover(false);
        }
      } catch (const std::exception& e) {
        log::warn("jobs.maintenance_failed", {{"error", e.what()}});
      }
    }
  }

  void wake() {
    {
      std::lock_guard lock(mutex);
      wake_flag = true;
    }
    claim_cv.notify_one();
  }
};

JobRunner::JobRunner(db::Database& database, const HandlerRegistry& handlers, events::EventBus& events,
                     RunnerOptions options)
    : state_(std::make_shared<State>(database, handlers, events, std::move(options))) {}

JobRunner::~JobRunner() {
  stop(std::chrono::milliseconds(0));
}

void JobRunner::start() {
  auto& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (s.started) return;
    s.started = true;
  }
  if (s.options.exclusive) {
    try {
      s.recover(true);
    } catch (const std::exception& e) {
      log::error("jobs.recovery_failed", {{"error", e.what()}});
    }
  }
  for (int i = 0; i < s.options.workers; ++i) {
    auto index = static_cast<std::size_t>(i);
    s.workers.emplace_back([&s, index, stuck = s.stuck_threads] { s.worker_loop(index, stuck); });
  }
  s.finisher = std::thread([&s] { s.finish_loop(); });
  s.maintenance = std::thread([&s] { s.maintenance_loop(); });
  s.claimer = std::thread([&s] { s.claim_loop(); });
  log::info("jobs.runner_started", {{"owner", s.options.owner}, {"workers", s.options.workers}});
}

bool JobRunner::stop(std::chrono::milliseconds grace) {
  auto& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (!s.started || s.stop_finisher) return s.stuck_threads->load() == 0;
    s.stop_claiming = true;
  }
  s.claim_cv.notify_all();
  if (s.claimer.joinable()) s.claimer.join();
  // Claimed jobs that have not started go straight back to the queue.
  {
    std::lock_guard lock(s.mutex);
    while (!s.ready.empty()) {
      auto r = std::move(s.ready.front());
      s.ready.pop_front();
      AttemptResult a;
      a.kind = AttemptResult::Kind::HandBack;
      r->started_wall = now();
      s.finishing.push_back(FinishItem{std::move(r), std::move(a), now()});
    }
  }
  s.finish_cv.notify_one();
  // Running handlers get the grace period to finish, then are asked to hand their jobs back.
  auto running = [&] {
    std::lock_guard lock(s.mutex);
    return s.executing;
  };
  auto deadline = SteadyClock::now() + grace;
  while (running() > 0 && SteadyClock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  {
    std::lock_guard lock(s.mutex);
    s.interrupt_all = true;
  }
  auto hard_deadline = SteadyClock::now() + std::chrono::seconds(5);
  while (running() > 0 && SteadyClock::now() < hard_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  bool clean = true;
  {
    std::lock_guard lock(s.mutex);
    s.stop_workers = true;
    // Handlers that did not stop: hand their jobs back now and leave their threads behind.
    for (auto& [id, r] : s.in_flight) {
      auto expected = Phase::Executing;
      if (!r->phase.compare_exchange_strong(expected, Phase::Abandoned)) continue;
      clean = false;
      --s.executing;
      s.stuck_threads->fetch_add(1);
      s.workers[r->worker_index].detach();
      AttemptResult a;
      a.kind = AttemptResult::Kind::HandBack;
      s.finishing.push_back(FinishItem{r, std::move(a), now()});
    }
  }
  s.work_cv.notify_all();
  for (auto& t : s.workers) {
    if (t.joinable()) t.join();
  }
  {
    std::lock_guard lock(s.mutex);
    s.stop_finisher = true;
  }
  s.finish_cv.notify_all();
  s.maintenance_cv.notify_all();
  if (s.finisher.joinable()) s.finisher.join();
  if (s.maintenance.joinable()) s.maintenance.join();
  if (!clean) log::error("jobs.runner_stopped_with_stuck_handlers", {{"threads", s.stuck_threads->load()}});
  log::info("jobs.runner_stopped", {{"owner", s.options.owner}});
  return clean && s.stuck_threads->load() == 0;
}

void JobRunner::wake() {
  state_->wake();
}

void JobRunner::cancel_if_running(std::int64_t job_id) {
  std::lock_guard lock(state_->mutex);
  if (auto it = state_->in_flight.find(job_id); it != state_->in_flight.end())
    state_->mark_cancel(*it->second);
}

const std::string& JobRunner::owner() const {
  return state_->options.owner;
}

RunnerStatistics JobRunner::statistics() const {
  auto& s = *state_;
  RunnerStatistics out;
  out.claimed = s.claimed.load();
  out.completed = s.completed.load();
  out.failed = s.failed.load();
  out.retried = s.retried.load();
  out.cancelled = s.cancelled.load();
  out.recovered = s.recovered.load();
  out.abandoned = s.abandoned.load();
  std::lock_guard lock(s.mutex);
  out.executing = s.executing;
  out.waiting = static_cast<int>(s.ready.size());
  return out;
}

}  // namespace cc::jobs
