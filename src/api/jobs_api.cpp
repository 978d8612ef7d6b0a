// /api/v1/jobs: the original's job endpoints (seed-inventory §1.12) over the real queue, plus re-run and the
// list of supported job types. Jobs are always those of the caller's project.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/job_json.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "http/context.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_project_param(q);
    q.one_of("status_filter", job_statuses(), "Only jobs in these statuses (comma-separated)", true);
    q.string("job_type", 50, "Only jobs of this type");
    q.integer("schedule_id", 1, std::nullopt, "Only jobs created by this schedule");
    add_pagination_params(q, 100, 1000);  // the original's default page of 100
    return q;
  }();
  return spec;
}

const validation::QuerySpec& dispatch_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("delay_seconds", 0, 3600, "Run no earlier than this many seconds from now", 0);
    add_project_param(q);
    return q;
  }();
  return spec;
}

std::optional<services::IdempotencyRequest> idempotency(RequestContext& ctx) {
  auto key = ctx.header("idempotency-key");
  if (!key) return std::nullopt;
  if (key->empty() || key->size() > 255 ||
      std::any_of(key->begin(), key->end(), [](char c) { return c < 0x21 || c > 0x7e; })) {
    throw Error::validation("Idempotency-Key", "must be 1 to 255 visible ASCII characters", "format");
  }
  return services::IdempotencyRequest{ctx.caller().user_id,
                                      fmt::format("POST /api/v1/jobs project={}", ctx.project().project_id),
                                      std::string(*key), crypto::sha256_hex(to_canonical_json(ctx.json()))};
}

services::NewJob new_job(const boost::json::object& body) {
  services::NewJob job;
  job.job_type = std::string(body.at("job_type").as_string());
  if (const auto* p = body.if_contains("parameters")) job.parameters = *p;
  if (const auto* t = body.if_contains("tags")) job.tags = to_json_string(*t);
  if (const auto* v = body.if_contains("priority")) job.priority = static_cast<int>(v->as_int64());
  if (const auto* v = body.if_contains("max_attempts")) job.max_attempts = static_cast<int>(v->as_int64());
  if (const auto* v = body.if_contains("timeout_seconds"))
    job.timeout_seconds = static_cast<int>(v->as_int64());
  if (const auto* v = body.if_contains("dedup_key"); v && v->is_string())
    job.dedup_key = std::string(v->as_string());
  if (const auto* v = body.if_contains("dispatch")) job.dispatch = v->as_bool();
  if (const auto* v = body.if_contains("delay_seconds")) {
    if (!job.dispatch)
      throw Error::validation("delay_seconds", "only applies with dispatch: true", "dependent");
    job.delay_seconds = static_cast<int>(v->as_int64());
  }
  if (const auto* v = body.if_contains("run_at")) {
    if (!job.dispatch) throw Error::validation("run_at", "only applies with dispatch: true", "dependent");
    if (body.contains("delay_seconds")) {
      throw Error::validation("run_at", "give run_at or delay_seconds, not both", "conflict");
    }
    auto at = parse_rfc3339(v->as_string());
    if (!at) throw Error::validation("run_at", "must be an RFC 3339 date-time", "format");
    if (*at > now() + std::chrono::hours(24 * 366)) {
      throw Error::validation("run_at", "must be at most a year from now", "out_of_range");
    }
    job.run_at = *at;
  }
  // A batch_import job takes the body of POST /api/v1/batch/import as its parameters, where tags and
  // priority are the job's own: they apply to the job unless the request sets them at the top level too.
  if (job.job_type == "batch_import" && job.parameters.is_object()) {
    const auto& p = job.parameters.as_object();
    auto adopt = [&](std::string_view key, auto apply) {
      const auto* inner = p.if_contains(key);
      if (!inner || inner->is_null()) return;
      const auto* outer = body.if_contains(key);
      if (outer && *outer != *inner) {
        throw Error::validation(fmt::format("parameters.{}", key),
                                fmt::format("differs from the job's {}; give it once", key), "conflict");
      }
      if (!outer) apply(*inner);
    };
    adopt("priority", [&](const boost::json::value& v) {
      if (v.is_int64()) job.priority = static_cast<int>(v.get_int64());
    });
    adopt("tags", [&](const boost::json::value& v) {
      if (v.is_object()) job.tags = to_json_string(v);
    });
  }
  return job;
}

}  // namespace

void register_job_routes(http::Router& router, ApiDependencies& deps) {
  auto& jobs = deps.jobs;
  auto& access = deps.access;

  router
      .add(Method::Get, "/api/v1/jobs",
           [&jobs](RequestContext& ctx) {
             auto v = list_query().validate(ctx.request.query());
             JobQuery q;
             q.project_id = ctx.project().project_id;
             q.statuses = v.list("status_filter");
             q.job_type = v.string("job_type");
             q.schedule_id = v.integer("schedule_id");
             auto page = page_request(v, 100);
             return job_list_response(jobs.list(q, page.offset, page.limit), page);
           })
      .describe("Jobs of the project, newest first; every given filter applies", "jobs")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("JobList"))
      .errors({403, 404});

  router
      .add(Method::Post, "/api/v1/jobs",
           [&jobs](RequestContext& ctx) {
             auto body = job_create_spec().validate(ctx.json(), validation::Mode::Create);
             auto created = jobs.create(ctx.project(), new_job(body), idempotency(ctx), ctx.actor());
             int status = created.deduplicated ? 200 : 201;
             auto r = Response::json(status, std::move(created.body));
             r.set_header("Location", fmt::format("/api/v1/jobs/{}", created.job.id));
             if (created.replayed) r.set_header("Idempotent-Replayed", "true");
             if (created.deduplicated) r.set_header("Deduplicated", "true");
             return r;
           })
      .describe(
          "Create a job (pending; `dispatch: true` queues it at once). An unsupported job_type is a 422 "
          "naming "
          "the supported ones; a live job with the same dedup_key is returned (200) instead of a new one",
          "jobs")
      .with_guard(project_role(access, Role::Member))
      .body(job_create_spec(), validation::Mode::Create)
      .max_body(16 * 1024 * 1024)
      .headers({"X-Project-ID", "Idempotency-Key"})
      .responds(201, ref("Job"))
      .errors({403, 404, 409, 422});

  router
      .add(Method::Get, "/api/v1/jobs/types",
           [&deps](RequestContext&) {
             JsonWriter w;
             w.begin_object().key("types").begin_array();
             for (const auto& type : deps.jobs.supported_types()) {
               w.begin_object()
                   .field("type", type)
                   .field("description", std::string(deps.job_handlers.find(type)->description()))
                   .end_object();
             }
             w.end_array().end_object();
             return Response::json(200, w.take());
           })
      .describe("The job types this server can run", "jobs")
      .with_guard(authenticated(access))
      .responds(200, ref("JobTypes"));

  router
      .add(Method::Get, "/api/v1/jobs/active/list",
           [&jobs](RequestContext& ctx) {
             project_only_query().validate(ctx.request.query());
             JobQuery q;
             q.project_id = ctx.project().project_id;
             q.statuses = {std::string(job_status::Pending), std::string(job_status::Running)};
             auto page = jobs.list(q, 0, 1000);
             return job_list_response(page, {1, std::max<std::int64_t>(1, page.jobs.size()), 0});
           })
      .describe("Pending and running jobs of the project", "jobs")
      .with_guard(project_role(access, Role::Viewer))
      .query(project_only_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("JobList"));

  router
      .add(Method::Get, "/api/v1/jobs/statistics/summary",
           [&jobs](RequestContext& ctx) {
             project_only_query().validate(ctx.request.query());
             return job_statistics_response(jobs.statistics(ctx.project()));
           })
      .describe("Counts by status, success rate and mean duration, in one grouped query", "jobs")
      .with_guard(project_role(access, Role::Viewer))
      .query(project_only_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("JobStatistics"));

  router
      .add(Method::Get, "/api/v1/jobs/{job_id}",
           [&jobs](RequestContext& ctx) {
             return entity_response(200, jobs.get(ctx.project(), ctx.path_id("job_id")));
           })
      .describe("One job", "jobs")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({404});

  router
      .add(Method::Patch, "/api/v1/jobs/{job_id}",
           [&jobs](RequestContext& ctx) {
             auto body = job_patch_spec().validate(ctx.json(), validation::Mode::Patch);
             return entity_response(200,
                                    jobs.update(ctx.project(), ctx.path_id("job_id"), body, ctx.actor()));
           })
      .describe("Change a job's priority, tags, attempts, timeout, or (while pending) parameters", "jobs")
      .with_guard(project_role(access, Role::Member))
      .body(job_patch_spec(), validation::Mode::Patch)
      .max_body(16 * 1024 * 1024)
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({403, 404, 409, 422});

  router
      .add(Method::Delete, "/api/v1/jobs/{job_id}",
           [&jobs](RequestContext& ctx) {
             jobs.remove(ctx.project(), ctx.path_id("job_id"), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a job that is not running (cancel it first)", "jobs")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(204)
      .errors({403, 404, 409});

  router
      .add(Method::Post, "/api/v1/jobs/{job_id}/dispatch",
           [&jobs](RequestContext& ctx) {
             auto v = dispatch_query().validate(ctx.request.query());
             auto delay = static_cast<int>(v.integer("delay_seconds").value_or(0));
             return entity_response(200,
                                    jobs.dispatch(ctx.project(), ctx.path_id("job_id"), delay, ctx.actor()));
           })
      .describe("Queue a pending job, optionally after a delay (0-3600 s)", "jobs")
      .with_guard(project_role(access, Role::Member))
      .query(dispatch_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({403, 404, 409, 422});

  router
      .add(Method::Post, "/api/v1/jobs/{job_id}/cancel",
           [&jobs](RequestContext& ctx) {
             return entity_response(200, jobs.cancel(ctx.project(), ctx.path_id("job_id"), ctx.actor()));
           })
      .describe(
          "Cancel a job: a pending one at once; a running one stops at its next progress step "
          "(cancel_requested_at is set until it has)",
          "jobs")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({403, 404, 409});

  router
      .add(Method::Post, "/api/v1/jobs/{job_id}/retry",
           [&jobs](RequestContext& ctx) {
             return entity_response(200, jobs.rerun(ctx.project(), ctx.path_id("job_id"), ctx.actor()));
           })
      .describe("Run a failed or cancelled job again, with fresh attempts", "jobs")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({403, 404, 409});

  router
      .add(Method::Get, "/api/v1/jobs/{job_id}/progress",
           [&jobs](RequestContext& ctx) {
             return job_progress_response(jobs.get(ctx.project(), ctx.path_id("job_id")));
           })
      .describe("Progress of one job", "jobs")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("JobProgress"))
      .errors({404});
}

}  // namespace cc::api
