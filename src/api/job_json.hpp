#pragma once
// JSON shapes of the job endpoints that are not a plain job (lists, progress, statistics), shared by the jobs
// and batch routes.
#include "domain/job.hpp"
#include "domain/pagination.hpp"
#include "http/message.hpp"
#include "services/job_service.hpp"

namespace cc::api {

// {jobs, total, skip, limit}
// {jobs, total, skip, limit, page, page_size}: the original's envelope, plus the page it is.
http::Response job_list_response(const services::JobPage& page, const PageRequest& request);
http::Response job_progress_response(const Job& job);
// GET /api/v1/jobs/statistics/summary: {total, by_status, success_rate, average_duration_seconds,
// active_jobs}
http::Response job_statistics_response(const JobStatistics& s);
// GET /api/v1/batch/statistics: {total_batches, active_batches, by_type, by_status, average_duration_seconds,
// success_rate}
http::Response batch_statistics_response(const JobStatistics& s);

}  // namespace cc::api
