#pragma once
// Jobs as the API sees them: create (checked by the job type's handler, idempotent, deduplicated), list,
// read, change settings, delete, dispatch, cancel, re-run, statistics. Creating and dispatching happen in the
// same transaction as the data a job belongs to (enqueue()); events go out after the commit.
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/field_changes.hpp"
#include "domain/job.hpp"
#include "services/idempotency.hpp"

namespace cc::events {
class EventBus;
}
namespace cc::jobs {
class HandlerRegistry;
}

namespace cc::services {

struct NewJob {
  std::string job_type;
  boost::json::value parameters = boost::json::object();
  std::string tags = "{}";
  int priority = 5;
  int max_attempts = 3;
  int timeout_seconds = 600;
  std::optional<std::string> dedup_key;
  bool dispatch = false;
  int delay_seconds = 0;
  std::optional<Timestamp> run_at;  // instead of delay_seconds: no earlier than this
  std::optional<std::int64_t> schedule_id;
};

struct CreatedJob {
  Job job;
  std::string body;           // JSON of the job (or the replayed response)
  bool deduplicated = false;  // an existing live job with the same dedup key was returned
  bool replayed = false;      // Idempotency-Key replay
};

struct JobPage {
  std::vector<Job> jobs;
  std::int64_t total = 0;
};

class JobService {
 public:
  JobService(db::Database& db, const jobs::HandlerRegistry& handlers, events::EventBus& events)
      : db_(db), handlers_(handlers), events_(events) {}

  // In-process workers, if any: woken when a job is dispatched, told when a running job is cancelled.
  void on_dispatch(std::function<void()> wake) { wake_ = std::move(wake); }
  void on_cancel(std::function<void(std::int64_t)> cancel) { cancel_ = std::move(cancel); }

  CreatedJob create(const auth::ProjectScope& scope, NewJob request,
                    const std::optional<IdempotencyRequest>& idempotency, const auth::Actor& actor);
  // Inside a caller's write transaction: validates with the handler, deduplicates, inserts (and dispatches).
  // Events are published after that transaction commits.
  CreatedJob enqueue(db::Tx& tx, std::int64_t project_id, NewJob request,
                     std::optional<std::int64_t> created_by);

  JobPage list(const JobQuery& query, std::int64_t skip, std::int64_t limit);
  Job get(const auth::ProjectScope& scope, std::int64_t id);
  // Any project: for callers that check access themselves (the job WebSocket).
  std::optional<Job> find(std::int64_t id);
  Job update(const auth::ProjectScope& scope, std::int64_t id, const boost::json::object& changes,
             const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor);
  Job dispatch(const auth::ProjectScope& scope, std::int64_t id, int delay_seconds, const auth::Actor& actor);
  Job cancel(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor);
  Job rerun(const auth::ProjectScope& scope, std::int64_t id, const auth::Actor& actor);
  JobStatistics statistics(const auth::ProjectScope& scope, std::optional<std::string_view> type_prefix = {});

  std::vector<std::string> supported_types() const;

 private:
  void publish(std::string_view type, const Job& job);
  db::Database& db_;
  const jobs::HandlerRegistry& handlers_;
  events::EventBus& events_;
  std::function<void()> wake_;
  std::function<void(std::int64_t)> cancel_;
};

}  // namespace cc::services
