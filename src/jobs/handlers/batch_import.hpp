#pragma once
// `batch_import`: imports technologies into the job's project (services/technology_import.hpp). Parameters:
// {"technologies": [{title, domain, …}, …], "merge_strategy": "skip"|"overwrite"|"merge", "dry_run": false}.
// The result is the per-row report.
#include <memory>

#include "jobs/job_handler.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::jobs {

inline constexpr std::size_t kMaxImportRows = 10000;

std::unique_ptr<JobHandler> make_batch_import_handler(db::Database& database, events::EventBus& events);

}  // namespace cc::jobs
