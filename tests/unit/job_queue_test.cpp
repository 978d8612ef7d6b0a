// The job queue end to end below the HTTP layer, on SQLite and (with CC_TEST_DATABASE_URL) PostgreSQL: a real
// runner with handlers that exist only in this test, so that failure, slowness and stubbornness can be made
// to order. Waiting is on events (the bus), bounded only so that a broken build fails instead of hanging.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/scheduler.hpp"
#include "repositories/job_repository.hpp"
#include "repositories/schedule_repository.hpp"
#include "services/job_service.hpp"
#include "test_database.hpp"

namespace {

using namespace std::chrono_literals;
using cc::Job;
using cc::db::Tx;
using cc::jobs::JobContext;
using cc::jobs::JobHandler;

// What the test handlers saw, shared with the test body.
struct Record {
  std::mutex mutex;
  std::map<std::int64_t, int> runs;  // job id → times its handler was entered
  int concurrent = 0;
  int max_concurrent = 0;
  std::vector<std::int64_t> order;
};

class TestHandler : public JobHandler {
 public:
  TestHandler(std::string type, Record& record, int limit = 0)
      : type_(std::move(type)), record_(record), limit_(limit) {}
  std::string_view type() const override { return type_; }
  std::string_view description() const override { return "test"; }
  std::string validate(const boost::json::value& p, std::int64_t) const override {
    if (!p.is_object()) throw cc::Error::validation("parameters", "must be an object");
    return cc::to_json_string(p);
  }
  int concurrency_limit() const override { return limit_; }

  std::string run(JobContext& ctx) override {
    int attempt;
    {
      std::lock_guard lock(record_.mutex);
      attempt = ++record_.runs[ctx.job().id];
      record_.order.push_back(ctx.job().id);
      record_.max_concurrent = std::max(record_.max_concurrent, ++record_.concurrent);
    }
    struct Leave {
      Record& r;
      ~Leave() {
        std::lock_guard lock(r.mutex);
        --r.concurrent;
      }
    } leave{record_};
    const auto& p = ctx.parameters().as_object();
    auto number = [&](const char* key, std::int64_t otherwise) {
      const auto* v = p.if_contains(key);
      return v ? v->as_int64() : otherwise;
    };
    if (type_ == "test.flaky" && attempt <= number("fail_times", 0))
      throw std::runtime_error("flaky failure");
    if (type_ == "test.permanent") throw cc::Error::validation("input", "cannot be processed");
    if (type_ == "test.slow") {
      for (std::int64_t i = 0; i < number("steps", 1000000); ++i) {
        ctx.progress(static_cast<int>(i % 100), "working");
        std::this_thread::sleep_for(std::chrono::milliseconds(number("step_ms", 10)));
      }
    }
    if (type_ == "test.stubborn")
      std::this_thread::sleep_for(std::chrono::milliseconds(number("sleep_ms", 3000)));
    return R"({"ok":true})";
  }

 private:
  std::string type_;
  Record& record_;
  int limit_;
};

// Collects terminal and retry events, and lets the test wait for them.
class Outcomes {
 public:
  explicit Outcomes(cc::events::EventBus& bus)
      : subscription_(bus.subscribe_all([this](const cc::events::EventPtr& e) {
          std::lock_guard lock(mutex_);
          seen_.push_back(e);
          cv_.notify_all();
        })) {}

  // The first event of `type` for job `id`; fails the test (instead of hanging) if it never comes.
  cc::events::EventPtr wait(std::int64_t id, std::string_view type, std::chrono::seconds bound = 30s) {
    std::unique_lock lock(mutex_);
    cc::events::EventPtr found;
    cv_.wait_for(lock, bound, [&] {
      for (const auto& e : seen_) {
        if (e->job() && e->job()->job_id == id && e->type() == type) {
          found = e;
          return true;
        }
      }
      return false;
    });
    return found;
  }
  cc::events::EventPtr terminal(std::int64_t id) {
    std::unique_lock lock(mutex_);
    cc::events::EventPtr found;
    cv_.wait_for(lock, 30s, [&] {
      for (const auto& e : seen_) {
        if (e->job() && e->job()->job_id == id && e->job()->terminal()) {
          found = e;
          return true;
        }
      }
      return false;
    });
    return found;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<cc::events::EventPtr> seen_;
  cc::events::Subscription subscription_;
};

class JobQueueTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    cc::crypto::initialize();
    db_.emplace(GetParam());
    project_ = (*db_)->write([](Tx& tx) {
      auto at = cc::now();
      return tx.query_int(
          "INSERT INTO projects (name, owner, created_at, updated_at) VALUES ('Queue', 'tests', ?, ?) "
          "RETURNING id",
          {at, at});
    });
    for (const char* type : {"test.ok", "test.flaky", "test.permanent", "test.slow", "test.stubborn"}) {
      handlers_.add(std::make_unique<TestHandler>(type, record_));
    }
    handlers_.add(std::make_unique<TestHandler>("test.limited", record_, 1));
    jobs_.emplace(**db_, handlers_, bus_);
  }

  void TearDown() override {
    if (runner_) runner_->stop(0ms);
    runner_.reset();
    jobs_.reset();
    db_.reset();
  }

  void start(cc::jobs::RunnerOptions options = {}) {
    options.retry.base = 40ms;
    options.lease = options.lease == 30s ? 3s : options.lease;
    options.heartbeat = 1s;
    options.abandon_after = 1s;
    options.idle_poll = 200ms;
    runner_ = std::make_unique<cc::jobs::JobRunner>(**db_, handlers_, bus_, options);
    jobs_->on_dispatch([r = runner_.get()] { r->wake(); });
    jobs_->on_cancel([r = runner_.get()](std::int64_t id) { r->cancel_if_running(id); });
    runner_->start();
  }

  Job enqueue(std::string type, std::string parameters = "{}", int max_attempts = 3, bool dispatch = true,
              int priority = 5, int timeout = 600, std::optional<std::string> dedup = std::nullopt) {
    return (*db_)->write([&](Tx& tx) {
      cc::services::NewJob n;
      n.job_type = std::move(type);
      n.parameters = boost::json::parse(parameters);
      n.max_attempts = max_attempts;
      n.dispatch = dispatch;
      n.priority = priority;
      n.timeout_seconds = timeout;
      n.dedup_key = dedup;
      return jobs_->enqueue(tx, project_, std::move(n), std::nullopt).job;
    });
  }

  // A schedule of `frequency` running `task_type`, due a second ago (inserted in `tx`).
  std::int64_t insert_due_schedule(Tx& tx, std::string name, std::string task_type, std::string frequency,
                                   std::string parameters = "{}") {
    cc::Schedule s;
    s.project_id = project_;
    s.name = std::move(name);
    s.task_type = std::move(task_type);
    s.task_parameters = std::move(parameters);
    s.frequency = std::move(frequency);
    s.created_at = s.updated_at = cc::now();
    s.next_run_at = cc::now() - 1s;
    return cc::repositories::ScheduleRepository::insert(tx, s);
  }

  Job load(std::int64_t id) {
    return *(*db_)->read([&](Tx& tx) { return cc::repositories::JobRepository::find_any(tx, id); });
  }

  std::vector<std::string> outcomes(const Job& job) {
    std::vector<std::string> out;
    auto history = boost::json::parse(job.attempt_history);
    for (const auto& a : history.as_array()) {
      out.emplace_back(a.as_object().at("outcome").as_string());
    }
    return out;
  }

  cc::auth::ProjectScope scope() const { return {project_, cc::Role::Owner}; }

  std::optional<cc::testing::TestDatabase> db_;
  std::int64_t project_ = 0;
  Record record_;
  cc::jobs::HandlerRegistry handlers_;
  cc::events::EventBus bus_;
  Outcomes outcomes_{bus_};
  std::optional<cc::services::JobService> jobs_;
  std::unique_ptr<cc::jobs::JobRunner> runner_;
};

TEST_P(JobQueueTest, RunsADispatchedJobAndRecordsItsAttempt) {
  start();
  auto job = enqueue("test.ok");
  auto done = outcomes_.terminal(job.id);
  ASSERT_TRUE(done);
  auto row = load(job.id);
  EXPECT_EQ(row.status, "completed");
  EXPECT_EQ(row.progress, 100);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(boost::json::parse(row.result.value_or("null")), boost::json::parse(R"({"ok":true})"));
  EXPECT_FALSE(row.lease_owner.has_value());
  EXPECT_EQ(outcomes(row), std::vector<std::string>{"completed"});
}

TEST_P(JobQueueTest, AnUndispatchedJobIsLeftAlone) {
  start();
  auto waiting = enqueue("test.ok", "{}", 3, false);
  auto other = enqueue("test.ok");
  ASSERT_TRUE(outcomes_.terminal(other.id));
  EXPECT_EQ(load(waiting.id).status, "pending");
  EXPECT_EQ(record_.runs.count(waiting.id), 0u);
}

TEST_P(JobQueueTest, RetriesWithBackoffThenSucceeds) {
  start();
  auto job = enqueue("test.flaky", R"({"fail_times": 2})", 3);
  auto retry = outcomes_.wait(job.id, cc::events::type::JobRetrying);
  ASSERT_TRUE(retry);
  ASSERT_TRUE(outcomes_.terminal(job.id));
  auto row = load(job.id);
  EXPECT_EQ(row.status, "completed");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(outcomes(row), (std::vector<std::string>{"failed", "failed", "completed"}));
  // Each retry started no sooner than the backoff allowed: half the exponential delay at least.
  auto history = boost::json::parse(row.attempt_history).as_array();
  for (std::size_t i = 1; i < history.size(); ++i) {
    auto finished = *cc::parse_rfc3339(history[i - 1].as_object().at("finished_at").as_string());
    auto started = *cc::parse_rfc3339(history[i].as_object().at("started_at").as_string());
    auto minimum = 20ms * (1 << (i - 1));
    EXPECT_GE(started - finished, minimum) << "attempt " << i + 1;
  }
}

TEST_P(JobQueueTest, AnExhaustedJobStaysFailedAndCanBeRerun) {
  start();
  auto job = enqueue("test.flaky", R"({"fail_times": 2})", 2);
  ASSERT_TRUE(outcomes_.terminal(job.id));
  auto dead = load(job.id);
  EXPECT_EQ(dead.status, "failed");
  EXPECT_EQ(dead.attempts, 2);
  EXPECT_EQ(dead.error.value_or(""), "flaky failure");
  EXPECT_EQ(outcomes(dead), (std::vector<std::string>{"failed", "failed"}));

  auto again = jobs_->rerun(scope(), job.id, {});
  EXPECT_EQ(again.status, "pending");
  EXPECT_EQ(again.attempts, 0);
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobCompleted));
  auto row = load(job.id);
  EXPECT_EQ(row.status, "completed");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(outcomes(row), (std::vector<std::string>{"failed", "failed", "completed"})) << "history is kept";
}

TEST_P(JobQueueTest, AClientErrorFailsAtOnceWithoutRetrying) {
  start();
  auto job = enqueue("test.permanent", "{}", 5);
  ASSERT_TRUE(outcomes_.terminal(job.id));
  auto row = load(job.id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(record_.runs[job.id], 1);
}

TEST_P(JobQueueTest, ADedupKeyNamesOneLiveJob) {
  auto first = enqueue("test.ok", "{}", 3, false, 5, 600, "nightly");
  auto second = (*db_)->write([&](Tx& tx) {
    cc::services::NewJob n;
    n.job_type = "test.ok";
    n.dedup_key = "nightly";
    return jobs_->enqueue(tx, project_, n, std::nullopt);
  });
  EXPECT_TRUE(second.deduplicated);
  EXPECT_EQ(second.job.id, first.id);
  start();
  jobs_->dispatch(scope(), first.id, 0, {});
  ASSERT_TRUE(outcomes_.terminal(first.id));
  auto third = enqueue("test.ok", "{}", 3, false, 5, 600, "nightly");
  EXPECT_NE(third.id, first.id) << "the key is free once the job has ended";
}

TEST_P(JobQueueTest, APendingJobIsCancelledAtOnceAndNeverRuns) {
  auto job = enqueue("test.ok", "{}", 3, false);
  jobs_->dispatch(scope(), job.id, 3600, {});
  auto cancelled = jobs_->cancel(scope(), job.id, {});
  EXPECT_EQ(cancelled.status, "cancelled");
  start();
  auto marker = enqueue("test.ok");
  ASSERT_TRUE(outcomes_.terminal(marker.id));
  EXPECT_EQ(record_.runs.count(job.id), 0u);
  EXPECT_THROW(jobs_->cancel(scope(), job.id, {}), cc::Error);
}

TEST_P(JobQueueTest, ARunningJobStopsAtItsNextProgressStep) {
  start();
  auto job = enqueue("test.slow", R"({"step_ms": 5})");
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobProgress));
  auto asked = jobs_->cancel(scope(), job.id, {});
  EXPECT_EQ(asked.status, "running");
  EXPECT_TRUE(asked.cancel_requested_at.has_value());
  auto end = outcomes_.terminal(job.id);
  ASSERT_TRUE(end);
  EXPECT_EQ(end->type(), cc::events::type::JobCancelled);
  EXPECT_EQ(load(job.id).status, "cancelled");
}

TEST_P(JobQueueTest, ACancelFromAnotherProcessArrivesWithTheHeartbeat) {
  start();
  auto job = enqueue("test.slow", R"({"step_ms": 5})");
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobProgress));
  // Another process can only write the request into the row.
  (*db_)->write([&](Tx& tx) { cc::repositories::JobRepository::request_cancel(tx, job.id, cc::now()); });
  auto end = outcomes_.terminal(job.id);
  ASSERT_TRUE(end);
  EXPECT_EQ(end->job()->status, "cancelled");
}

TEST_P(JobQueueTest, AJobPastItsTimeoutFails) {
  start();
  auto job = enqueue("test.slow", R"({"step_ms": 20})", 1, true, 5, 1);
  auto end = outcomes_.terminal(job.id);
  ASSERT_TRUE(end);
  auto row = load(job.id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_NE(row.error.value_or("").find("timed out"), std::string::npos) << row.error.value_or("");
  EXPECT_EQ(outcomes(row), std::vector<std::string>{"timed_out"});
}

TEST_P(JobQueueTest, AHandlerThatIgnoresCancellationIsAbandonedAndReplaced) {
  cc::jobs::RunnerOptions options;
  options.workers = 1;
  start(options);
  auto job = enqueue("test.stubborn", R"({"sleep_ms": 4000})");
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobStarted));
  jobs_->cancel(scope(), job.id, {});
  auto end = outcomes_.terminal(job.id);
  ASSERT_TRUE(end);
  EXPECT_EQ(load(job.id).status, "cancelled");
  EXPECT_NE(load(job.id).error.value_or("").find("abandoned"), std::string::npos);
  // The only worker thread is still stuck in the handler; a replacement runs the next job.
  auto next = enqueue("test.ok");
  auto done = outcomes_.terminal(next.id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->type(), cc::events::type::JobCompleted);
  EXPECT_EQ(runner_->statistics().abandoned, 1u);
  std::this_thread::sleep_for(4s);  // let the stuck thread return before the database closes
}

TEST_P(JobQueueTest, AJobWhoseWorkerDiedRunsAgainAfterItsLeaseExpires) {
  auto job = enqueue("test.ok", "{}", 3, false);
  // As a worker that was killed would leave it: running, leased to a process that no longer exists.
  (*db_)->write([&](Tx& tx) {
    auto past = cc::now() - 5s;
    tx.exec(
        "UPDATE jobs SET status = 'running', attempts = 1, lease_owner = 'dead-worker', lease_expires_at = "
        "?, "
        "started_at = ?, run_at = ? WHERE id = ?",
        {past, past, past, job.id});
  });
  start();
  auto end = outcomes_.wait(job.id, cc::events::type::JobCompleted);
  ASSERT_TRUE(end);
  auto row = load(job.id);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(outcomes(row), (std::vector<std::string>{"lease_expired", "completed"}));
  EXPECT_GE(runner_->statistics().recovered, 1u);
}

TEST_P(JobQueueTest, AnExclusiveRunnerRecoversEveryRunningJobAtStart) {
  auto job = enqueue("test.ok", "{}", 3, false);
  (*db_)->write([&](Tx& tx) {
    tx.exec(
        "UPDATE jobs SET status = 'running', attempts = 1, lease_owner = 'previous-process', "
        "lease_expires_at = ?, "
        "run_at = ? WHERE id = ?",
        {cc::now() + 1h, cc::now(), job.id});
  });
  cc::jobs::RunnerOptions options;
  options.exclusive = true;
  options.lease = 600s;
  start(options);
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobCompleted));
}

TEST_P(JobQueueTest, APerTypeLimitHoldsAcrossTheWholePool) {
  cc::jobs::RunnerOptions options;
  options.workers = 4;
  start(options);
  std::vector<Job> jobs;
  for (int i = 0; i < 6; ++i) jobs.push_back(enqueue("test.limited"));
  for (const auto& j : jobs) ASSERT_TRUE(outcomes_.terminal(j.id));
  EXPECT_EQ(record_.max_concurrent, 1);
}

TEST_P(JobQueueTest, AConfiguredTypeLimitOverridesTheHandlers) {
  cc::jobs::RunnerOptions options;
  options.workers = 4;
  options.type_limits["test.slow"] = 1;  // the handler itself sets no limit
  start(options);
  std::vector<Job> jobs;
  for (int i = 0; i < 4; ++i) jobs.push_back(enqueue("test.slow", R"({"steps": 20, "step_ms": 5})"));
  for (const auto& j : jobs) ASSERT_TRUE(outcomes_.terminal(j.id));
  EXPECT_EQ(record_.max_concurrent, 1);
  for (const auto& j : jobs) EXPECT_EQ(load(j.id).status, "completed");
}

TEST_P(JobQueueTest, StatisticsCountEveryTypeInEachStatus) {
  start();
  std::vector<Job> ended{enqueue("test.ok"), enqueue("test.ok"), enqueue("test.permanent", "{}", 1)};
  enqueue("test.flaky", "{}", 3, false);  // stays pending
  enqueue("test.ok", "{}", 3, false);     // stays pending
  for (const auto& j : ended) ASSERT_TRUE(outcomes_.terminal(j.id));
  auto s = jobs_->statistics(scope());
  EXPECT_EQ(s.total, 5);
  EXPECT_EQ(s.completed, 2);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.pending, 2) << "pending jobs of two types";
  EXPECT_EQ(s.by_type.size(), 3u);
  ASSERT_TRUE(s.success_rate().has_value());
  EXPECT_NEAR(*s.success_rate(), 200.0 / 3.0, 0.01);
}

TEST_P(JobQueueTest, HigherPriorityRunsFirst) {
  std::vector<Job> low, high;
  for (int i = 0; i < 3; ++i) low.push_back(enqueue("test.ok", "{}", 3, true, 1));
  for (int i = 0; i < 3; ++i) high.push_back(enqueue("test.ok", "{}", 3, true, 9));
  cc::jobs::RunnerOptions options;
  options.workers = 1;
  options.prefetch = 0;
  options.claim_batch = 1;
  start(options);
  for (const auto& j : low) ASSERT_TRUE(outcomes_.terminal(j.id));
  std::vector<std::int64_t> expected;
  for (const auto& j : high) expected.push_back(j.id);
  for (const auto& j : low) expected.push_back(j.id);
  EXPECT_EQ(record_.order, expected);
}

TEST_P(JobQueueTest, StoppingHandsRunningJobsBackWithoutUsingAnAttempt) {
  start();
  auto job = enqueue("test.slow", R"({"step_ms": 5})");
  ASSERT_TRUE(outcomes_.wait(job.id, cc::events::type::JobProgress));
  EXPECT_TRUE(runner_->stop(0ms));
  auto row = load(job.id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.attempts, 0);
  EXPECT_FALSE(row.lease_owner.has_value());
  EXPECT_TRUE(row.run_at.has_value());
}

TEST_P(JobQueueTest, AOnceScheduleFiresOnceAndCountsTheOutcome) {
  auto schedule_id = (*db_)->write(
      [&](Tx& tx) { return insert_due_schedule(tx, "once", "test.flaky", "once", R"({"fail_times": 1})"); });
  cc::jobs::Scheduler scheduler(**db_, *jobs_);
  EXPECT_EQ(scheduler.fire_due(), 1);
  EXPECT_EQ(scheduler.fire_due(), 0) << "a once schedule never fires again";
  cc::jobs::RunnerOptions options;
  start(options);
  auto job_id = (*db_)->read(
      [&](Tx& tx) { return tx.query_int("SELECT id FROM jobs WHERE schedule_id = ?", {schedule_id}); });
  ASSERT_TRUE(outcomes_.terminal(job_id));
  auto s = *(*db_)->read(
      [&](Tx& tx) { return cc::repositories::ScheduleRepository::find(tx, project_, schedule_id); });
  EXPECT_FALSE(s.enabled);
  EXPECT_FALSE(s.next_run_at.has_value());
  EXPECT_EQ(s.run_count, 1);
  EXPECT_EQ(s.success_count, 1) << "counted once, after the retry succeeded";
  EXPECT_EQ(s.failure_count, 0);
}

TEST_P(JobQueueTest, AFailedScheduledJobCountsAsAFailure) {
  auto schedule_id =
      (*db_)->write([&](Tx& tx) { return insert_due_schedule(tx, "daily", "test.permanent", "daily"); });
  cc::jobs::Scheduler scheduler(**db_, *jobs_);
  ASSERT_EQ(scheduler.fire_due(), 1);
  start();
  auto job_id = (*db_)->read(
      [&](Tx& tx) { return tx.query_int("SELECT id FROM jobs WHERE schedule_id = ?", {schedule_id}); });
  ASSERT_TRUE(outcomes_.terminal(job_id));
  auto s = *(*db_)->read(
      [&](Tx& tx) { return cc::repositories::ScheduleRepository::find(tx, project_, schedule_id); });
  EXPECT_TRUE(s.enabled);
  EXPECT_TRUE(s.next_run_at.has_value() && *s.next_run_at > cc::now()) << "the next day is planned";
  EXPECT_EQ(s.failure_count, 1);
  EXPECT_EQ(s.last_error.value_or(""), "input: cannot be processed");
}

TEST_P(JobQueueTest, ScheduleCountersFollowCancellationAndReRuns) {
  auto schedule_id =
      (*db_)->write([&](Tx& tx) { return insert_due_schedule(tx, "hourly", "test.ok", "hourly"); });
  auto counters = [&] {
    auto s = *(*db_)->read(
        [&](Tx& tx) { return cc::repositories::ScheduleRepository::find(tx, project_, schedule_id); });
    return std::pair{s.success_count, s.failure_count};
  };
  cc::jobs::Scheduler scheduler(**db_, *jobs_);
  ASSERT_EQ(scheduler.fire_due(), 1);
  auto job_id = (*db_)->read(
      [&](Tx& tx) { return tx.query_int("SELECT id FROM jobs WHERE schedule_id = ?", {schedule_id}); });
  EXPECT_EQ(jobs_->cancel(scope(), job_id, {}).status, "cancelled");
  EXPECT_EQ(counters(), (std::pair<std::int64_t, std::int64_t>{0, 1})) << "a run cancelled before it started";
  start();
  jobs_->rerun(scope(), job_id, {});
  ASSERT_TRUE(outcomes_.wait(job_id, cc::events::type::JobCompleted));
  EXPECT_EQ(counters(), (std::pair<std::int64_t, std::int64_t>{1, 0})) << "the re-run's outcome replaces it";
}

TEST_P(JobQueueTest, TwoSchedulersFireEachDueRunExactlyOnce) {
  // Only PostgreSQL deployments run several schedulers; on SQLite the two handles still race through the file
  // lock, which must give the same answer.
  constexpr int kSchedules = 40;
  (*db_)->write([&](Tx& tx) {
    for (int i = 0; i < kSchedules; ++i)
      insert_due_schedule(tx, "s" + std::to_string(i), "test.ok", "hourly");
  });
  // Two processes as far as the database can tell: separate connection pools, racing.
  auto other = db_->open();
  cc::services::JobService other_jobs(*other, handlers_, bus_);
  cc::jobs::Scheduler a(**db_, *jobs_, {.batch = 7});
  cc::jobs::Scheduler b(*other, other_jobs, {.batch = 7});
  std::atomic<int> fired{0};
  auto spin = [&](cc::jobs::Scheduler& s) {
    for (int i = 0; i < 20; ++i) fired += s.fire_due();
  };
  std::thread ta(spin, std::ref(a)), tb(spin, std::ref(b));
  ta.join();
  tb.join();
  EXPECT_EQ(fired.load(), kSchedules);
  auto jobs = (*db_)->read(
      [&](Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM jobs WHERE schedule_id IS NOT NULL"); });
  EXPECT_EQ(jobs, kSchedules);
  auto distinct =
      (*db_)->read([&](Tx& tx) { return tx.query_int("SELECT COUNT(DISTINCT schedule_id) FROM jobs"); });
  EXPECT_EQ(distinct, kSchedules);
}

TEST_P(JobQueueTest, HousekeepingDeletesOnlyJobsThatEndedBeforeTheRetention) {
  using namespace std::chrono;
  auto end_as = [&](const Job& job, const char* status, cc::Timestamp at) {
    (*db_)->write([&](Tx& tx) {
      tx.exec("UPDATE jobs SET status = ?, completed_at = ? WHERE id = ?", {std::string(status), at, job.id});
    });
  };
  auto long_ago = cc::now() - hours(24 * 10);
  std::vector<std::int64_t> purged, kept;
  for (const char* status : {"completed", "failed", "cancelled"}) {
    auto old = enqueue("test.ok", "{}", 3, false);
    end_as(old, status, long_ago);
    purged.push_back(old.id);
    auto recent = enqueue("test.ok", "{}", 3, false);
    end_as(recent, status, cc::now() - hours(24));
    kept.push_back(recent.id);
  }
  auto waiting = enqueue("test.ok", "{}", 3, false);  // pending for days: not ended, never purged
  (*db_)->write([&](Tx& tx) {
    tx.exec("UPDATE jobs SET created_at = ? WHERE id = ?", {long_ago, waiting.id});
  });
  kept.push_back(waiting.id);

  cc::jobs::Scheduler keep_all(**db_, *jobs_);
  keep_all.housekeeping();
  auto exists = [&](std::int64_t id) {
    return (*db_)->read(
               [&](Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM jobs WHERE id = ?", {id}); }) == 1;
  };
  for (auto id : purged) EXPECT_TRUE(exists(id)) << "no retention configured: job " << id << " is kept";

  cc::jobs::Scheduler seven_days(**db_, *jobs_, {.job_retention = hours(24 * 7)});
  seven_days.housekeeping();
  for (auto id : purged) EXPECT_FALSE(exists(id)) << "job " << id << " ended ten days ago";
  for (auto id : kept) EXPECT_TRUE(exists(id)) << "job " << id;
}

INSTANTIATE_TEST_SUITE_P(Backends, JobQueueTest, ::testing::ValuesIn(cc::testing::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
