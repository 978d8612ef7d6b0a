#pragma once
// What a job type is: a handler that checks its parameters when the job is created and does the work when a
// worker runs it. Handlers live in jobs/handlers/, one file each, and are registered only when they do real
// work — a job type without a handler is refused at creation (422 naming the supported types).
//
// Execution is at least once (a worker that dies mid-job leaves the job to be run again), so a handler must
// be idempotent: running it twice has the effect of running it once.
#include <atomic>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/job.hpp"

namespace cc::db {
class Database;
}

namespace cc::jobs {

// Thrown out of JobContext::progress when the job should stop: cancelled by a user, or out of time.
class JobInterrupted : public std::runtime_error {
 public:
  enum class Reason { Cancelled, TimedOut, ShuttingDown };
  JobInterrupted(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
  Reason reason() const { return reason_; }
  // What the handler got done before it stopped (JSON text), kept as the result of a cancelled job. A
  // handler catches the exception, sets this and rethrows.
  const std::optional<std::string>& partial_result() const { return partial_result_; }
  void set_partial_result(std::string result) { partial_result_ = std::move(result); }

 private:
  Reason reason_;
  std::optional<std::string> partial_result_;
};

// What a running handler sees of its job. Progress reports are also the points where a handler notices that
// it should stop.
class JobContext {
 public:
  virtual ~JobContext() = default;
  virtual const Job& job() const = 0;
  virtual const boost::json::value& parameters() const = 0;
  // 0–100 and a short description of the current step. Throws JobInterrupted when the job was cancelled, ran
  // past its timeout, or the worker is shutting down (the job is then handed back to the queue).
  virtual void progress(int percent, std::string_view step) = 0;
  // Checks for cancellation without reporting progress.
  virtual void check_interrupted() = 0;
};

class JobHandler {
 public:
  virtual ~JobHandler() = default;
  virtual std::string_view type() const = 0;
  virtual std::string_view description() const = 0;
  // Validates and normalises a job's parameters when it is created (throws cc::Error, 422) and returns them
  // as JSON text. Runs inside the creating transaction, so it may read the project's data.
  virtual std::string validate(const boost::json::value& parameters, std::int64_t project_id) const = 0;
  // Does the work; returns the result as JSON text. A cc::Error of a client kind (validation, not found,
  // conflict) fails the job at once; any other exception is retried with backoff while attempts remain.
  virtual std::string run(JobContext& context) = 0;
  // At most this many jobs of this type run at once in one process; 0: no limit beyond the pool size.
  virtual int concurrency_limit() const { return 0; }
};

class HandlerRegistry {
 public:
  void add(std::unique_ptr<JobHandler> handler);
  // nullptr when the type has no handler.
  JobHandler* find(std::string_view type) const;
  // Throws the 422 that names the supported types when `type` has none.
  JobHandler& require(std::string_view type, std::string_view field = "job_type") const;
  std::vector<std::string> types() const;

 private:
  std::map<std::string, std::unique_ptr<JobHandler>, std::less<>> handlers_;
};

}  // namespace cc::jobs
