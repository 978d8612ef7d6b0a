#pragma once
// JSON shapes of the job endpoints that are not a plain job (lists, progress, statistics), shared by the jobs
// and batch routes.
#include "domain/job.hpp"
#include "http/message.hpp"
#include "services/job_service.hpp"

namespace cc::api {

// {jobs, total, skip, limit}
http::Response job_list_response(const services::JobPage& page, std::int64_t skip, std::int64_t limit);
http::Response job_progress_response(const Job& job);
http::Response job_statistics_response(const JobStatistics& s);

}  // namespace cc::api
