// /api/v1/schedules: every endpoint of the original (seed-inventory §1.14), plus a preview of the next runs
// for the web UI's cron helper.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "http/context.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;

namespace {

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_project_param(q);
    q.boolean("enabled", "Only enabled (true) or disabled (false) schedules");
    q.string("task_type", 50, "Only schedules of this job type");
    q.one_of("frequency", schedule_frequencies(), "Only schedules of this frequency");
    q.integer("page", 1, std::nullopt, "Page number", 1);
    q.integer("page_size", 1, 100, "Schedules per page", 50);
    return q;
  }();
  return spec;
}

const validation::QuerySpec& due_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_project_param(q);
    q.integer("limit", 1, 500, "Schedules to return", 100);
    return q;
  }();
  return spec;
}

const validation::QuerySpec& preview_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.one_of("frequency", schedule_frequencies(), "Frequency (default cron)");
    q.string("cron_expression", 100, "Five-field cron expression, with frequency cron");
    q.string("timezone", 64, "IANA time zone (default UTC)");
    q.date_time("start_time", "No run before");
    q.date_time("end_time", "No run at or after");
    q.integer("count", 1, 50, "How many runs", 5);
    return q;
  }();
  return spec;
}

const validation::ObjectSpec& execute_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("ScheduleExecute");
    s.field("force").boolean().not_null().default_value(false).describe(
        "Run even if the schedule is disabled or outside its window");
    s.field("project_id").integer(1).not_null();
    return s;
  }();
  return spec;
}

FieldChanges schedule_fields(RequestContext& ctx, Mode mode) {
  auto body = schedule_spec().validate(ctx.json(), mode);
  return FieldChanges::from_json(schedule_spec(), body, {"project_id", "created_by"});
}

}  // namespace

void register_schedule_routes(http::Router& router, ApiDependencies& deps) {
  auto& schedules = deps.schedules;
  auto& access = deps.access;

  router
      .add(Method::Post, "/api/v1/schedules",
           [&schedules](RequestContext& ctx) {
             auto s = schedules.create(ctx.project(), schedule_fields(ctx, Mode::Create), ctx.actor());
             auto r = entity_response(201, s);
             r.set_header("Location", fmt::format("/api/v1/schedules/{}", s.id));
             return r;
           })
      .describe("Create a schedule; its first run is planned at once", "schedules")
      .with_guard(project_role(access, Role::Member))
      .body(schedule_spec(), Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("Schedule"))
      .errors({403, 404, 422});

  router
      .add(Method::Get, "/api/v1/schedules",
           [&schedules](RequestContext& ctx) {
             auto v = list_query().validate(ctx.request.query());
             ScheduleQuery q;
             q.enabled = v.boolean("enabled");
             q.task_type = v.string("task_type");
             q.frequency = v.string("frequency");
             auto page = v.integer("page").value_or(1);
             auto size = v.integer("page_size").value_or(50);
             auto result = schedules.list(ctx.project(), q, (page - 1) * size, size);
             JsonWriter w(1024 * (result.schedules.size() + 1));
             w.begin_object().key("schedules").begin_array();
             for (const auto& s : result.schedules) write_json(w, s);
             w.end_array()
                 .field("total", result.total)
                 .field("page", page)
                 .field("page_size", size)
                 .field("pages", (result.total + size - 1) / size)
                 .end_object();
             return Response::json(200, w.take());
           })
      .describe("Schedules of the project, newest first", "schedules")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("ScheduleList"));

  router
      .add(Method::Get, "/api/v1/schedules/statistics/summary",
           [&schedules](RequestContext& ctx) {
             project_only_query().validate(ctx.request.query());
             auto s = schedules.statistics(ctx.project());
             std::optional<double> rate;
             if (s.successes + s.failures > 0) {
               rate =
                   100.0 * static_cast<double>(s.successes) / static_cast<double>(s.successes + s.failures);
             }
             JsonWriter w;
             w.begin_object()
                 .field("total_schedules", s.total)
                 .field("enabled_schedules", s.enabled)
                 .field("disabled_schedules", s.total - s.enabled)
                 .field("total_runs", s.runs)
                 .field("successful_runs", s.successes)
                 .field("failed_runs", s.failures)
                 .field("success_rate", rate);
             w.key("by_frequency").begin_object();
             for (const auto& [frequency, n] : s.by_frequency) w.field(frequency, n);
             w.end_object().end_object();
             return Response::json(200, w.take());
           })
      .describe("Counts of schedules and of their runs' outcomes", "schedules")
      .with_guard(project_role(access, Role::Viewer))
      .query(project_only_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("ScheduleStatistics"));

  router
      .add(Method::Get, "/api/v1/schedules/due/list",
           [&schedules](RequestContext& ctx) {
             auto v = due_query().validate(ctx.request.query());
             return Response::json(
                 200, json_array(
                          schedules.due(ctx.project(), static_cast<int>(v.integer("limit").value_or(100)))));
           })
      .describe("Enabled schedules whose next run is due now, inside their window", "schedules")
      .with_guard(project_role(access, Role::Viewer))
      .query(due_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("Schedule"));

  router
      .add(Method::Get, "/api/v1/schedules/preview",
           [](RequestContext& ctx) {
             auto v = preview_query().validate(ctx.request.query());
             jobs::Recurrence r;
             r.frequency = v.string("frequency").value_or("cron");
             r.cron = v.string("cron_expression");
             r.timezone = v.string("timezone").value_or("UTC");
             r.start_time = v.date_time("start_time");
             r.end_time = v.date_time("end_time");
             auto runs = services::ScheduleService::preview(r, now(),
                                                            static_cast<int>(v.integer("count").value_or(5)));
             JsonWriter w;
             w.begin_object().key("next_runs").begin_array();
             for (auto t : runs) w.value(t);
             w.end_array().field("timezone", r.timezone).end_object();
             return Response::json(200, w.take());
           })
      .describe("The next runs a schedule with these settings would have (UTC instants)", "schedules")
      .with_guard(authenticated(access))
      .query(preview_query())
      .responds(200, ref("SchedulePreview"))
      .errors({422});

  router
      .add(Method::Get, "/api/v1/schedules/{schedule_id}",
           [&schedules](RequestContext& ctx) {
             return entity_response(200, schedules.get(ctx.project(), ctx.path_id("schedule_id")));
           })
      .describe("One schedule", "schedules")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("Schedule"))
      .errors({404});

  router
      .add(Method::Patch, "/api/v1/schedules/{schedule_id}",
           [&schedules](RequestContext& ctx) {
             return entity_response(200, schedules.update(ctx.project(), ctx.path_id("schedule_id"),
                                                          schedule_fields(ctx, Mode::Patch), ctx.actor()));
           })
      .describe("Change a schedule; a change of its timing plans the next run again", "schedules")
      .with_guard(project_role(access, Role::Member))
      .body(schedule_spec(), Mode::Patch)
      .headers({"X-Project-ID"})
      .responds(200, ref("Schedule"))
      .errors({403, 404, 409, 422});

  router
      .add(Method::Delete, "/api/v1/schedules/{schedule_id}",
           [&schedules](RequestContext& ctx) {
             schedules.remove(ctx.project(), ctx.path_id("schedule_id"), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a schedule (the jobs it created stay)", "schedules")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(204)
      .errors({403, 404});

  router
      .add(Method::Post, "/api/v1/schedules/{schedule_id}/execute",
           [&schedules](RequestContext& ctx) {
             bool force = false;
             if (ctx.has_body()) {
               auto body = execute_spec().validate(ctx.json(), Mode::Patch);
               if (const auto* f = body.if_contains("force")) force = f->as_bool();
             }
             for (const auto& [key, value] : ctx.request.query()) {
               if (key == "force") force = value == "true" || value == "1";
             }
             auto e = schedules.execute(ctx.project(), ctx.path_id("schedule_id"), force, ctx.actor());
             JsonWriter w;
             w.begin_object()
                 .field("schedule_id", e.schedule.id)
                 .field("schedule_name", e.schedule.name)
                 .field("job_id", e.job.id)
                 .field("executed_at", e.executed_at)
                 .field("next_run_at", e.schedule.next_run_at)
                 .field("message", fmt::format("Job {} created and queued", e.job.id))
                 .end_object();
             auto r = Response::json(202, w.take());
             r.set_header("Location", fmt::format("/api/v1/jobs/{}", e.job.id));
             return r;
           })
      .describe("Run a schedule now; refused (409) when it is not active unless force is true", "schedules")
      .with_guard(project_role(access, Role::Member))
      .body(execute_spec(), Mode::Patch)
      .headers({"X-Project-ID"})
      .responds(202, ref("ScheduleExecution"))
      .errors({403, 404, 409, 422});

  for (bool enable : {true, false}) {
    router
        .add(Method::Post,
             enable ? "/api/v1/schedules/{schedule_id}/enable" : "/api/v1/schedules/{schedule_id}/disable",
             [&schedules, enable](RequestContext& ctx) {
               return entity_response(200, schedules.set_enabled(ctx.project(), ctx.path_id("schedule_id"),
                                                                 enable, ctx.actor()));
             })
        .describe(enable ? "Enable a schedule (its next run is planned)" : "Disable a schedule", "schedules")
        .with_guard(project_role(access, Role::Member))
        .headers({"X-Project-ID"})
        .responds(200, ref("Schedule"))
        .errors({403, 404});
  }
}

}  // namespace cc::api
