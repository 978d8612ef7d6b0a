#pragma once
// The jobs table, which is the queue. Every state change a worker makes is a compare-and-set on
// (id, lease_owner, status = running): a worker that lost its lease (expired and reclaimed) cannot overwrite
// what the new owner does.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "domain/job.hpp"

namespace cc::repositories {

struct ClaimFilter {
  std::vector<std::string> only_types;  // empty: any type except `except_types`
  std::vector<std::string> except_types;
};

struct HeartbeatResult {
  std::int64_t job_id = 0;
  bool cancel_requested = false;
};

class JobRepository {
 public:
  static std::optional<Job> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  static std::optional<Job> find_any(db::Tx& tx, std::int64_t id);
  static std::optional<Job> find_live_by_dedup_key(db::Tx& tx, std::int64_t project_id, std::string_view key);
  static std::vector<Job> list(db::Tx& tx, const JobQuery& query, std::int64_t offset, std::int64_t limit);
  static std::int64_t count(db::Tx& tx, const JobQuery& query);
  static JobStatistics statistics(db::Tx& tx, std::int64_t project_id,
                                  std::optional<std::string_view> type_prefix);

  static std::int64_t insert(db::Tx& tx, const Job& job);
  // Client-changeable settings (PATCH).
  static void update_settings(db::Tx& tx, const Job& job);
  // Deletes a job that is not running; false when there is none (or it runs).
  static bool remove_unless_running(db::Tx& tx, std::int64_t project_id, std::int64_t id);

  // Queues a pending job to run from `run_at`. False unless it is pending.
  static bool dispatch(db::Tx& tx, std::int64_t id, Timestamp run_at, Timestamp at);
  // Pending → cancelled at once. False unless it was pending.
  static bool cancel_pending(db::Tx& tx, std::int64_t id, Timestamp at);
  // Running: asks its worker to stop. False unless it is running.
  static bool request_cancel(db::Tx& tx, std::int64_t id, Timestamp at);
  // A failed or cancelled job starts over with fresh attempts. False unless it was failed or cancelled.
  static bool rerun(db::Tx& tx, std::int64_t id, Timestamp at);

  // Takes up to `limit` due jobs for `owner`, highest priority first, marking them running under a lease.
  static std::vector<Job> claim(db::Tx& tx, std::string_view owner, Timestamp at, Timestamp lease_until,
                                const ClaimFilter& filter, int limit);
  // Extends the leases of every job `owner` runs; reports which of them were asked to stop.
  static std::vector<HeartbeatResult> heartbeat(db::Tx& tx, std::string_view owner, Timestamp lease_until);
  static bool save_progress(db::Tx& tx, std::int64_t id, std::string_view owner, int progress,
                            const std::optional<std::string>& step, Timestamp at);
  // Ends the attempt of a running job. `status` completed, failed, cancelled, or pending (a retry from
  // `retry_at`). False when `owner` no longer holds the job.
  struct Outcome {
    std::string status;
    std::optional<std::string> result;
    std::optional<std::string> error;
    int progress = 0;
    std::optional<std::string> current_step;
    std::string attempt_history;
    std::optional<Timestamp> retry_at;
    bool refund_attempt = false;  // handed back unfinished (shutdown): the attempt does not count
  };
  static bool finish(db::Tx& tx, std::int64_t id, std::string_view owner, const Outcome& outcome,
                     Timestamp at);
  // The same for many jobs of one owner; on PostgreSQL in one statement per hundred jobs rather than one
  // round trip each. Returns, per job, whether the owner still held it.
  static std::vector<bool> finish_many(db::Tx& tx, std::string_view owner,
                                       const std::vector<std::pair<std::int64_t, const Outcome*>>& outcomes,
                                       Timestamp at);

  // Running jobs whose lease ran out before `at` (their worker died).
  static std::vector<Job> expired(db::Tx& tx, Timestamp at, int limit);
  // Ends or requeues a job whose lease expired; a compare-and-set on the old owner and lease.
  static bool recover(db::Tx& tx, const Job& job, const Outcome& outcome, Timestamp at);

  // Terminal jobs finished before `before` (retention).
  static std::int64_t purge_finished(db::Tx& tx, Timestamp before, int limit);
};

}  // namespace cc::repositories
