// /api/v1/research-tasks: CRUD, status and progress, documents, statistics, upcoming and overdue lists.
#include <fmt/format.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"
#include "http/multipart.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;

namespace {

constexpr std::size_t kMultipartOverhead = 64 * 1024;

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    q.integer("technology_id", 1, std::nullopt, "Only tasks about this technology");
    q.integer("repository_id", 1, std::nullopt, "Only tasks about this repository");
    q.one_of("status", task_statuses(), "Only these statuses", true);
    q.string("assigned_to", 255, "Only tasks assigned to this person");
    add_project_param(q);
    return q;
  }();
  return spec;
}

const validation::QuerySpec& status_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.one_of("new_status", task_statuses(), "The new status");
    return q;
  }();
  return spec;
}

const validation::QuerySpec& progress_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("progress_percentage", 0, 100, "0-100; 100 completes the task");
    return q;
  }();
  return spec;
}

const validation::QuerySpec& statistics_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("technology_id", 1, std::nullopt, "Only tasks about this technology");
    q.integer("repository_id", 1, std::nullopt, "Only tasks about this repository");
    return q;
  }();
  return spec;
}

const validation::QuerySpec& upcoming_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("days", 1, 90, "How far ahead", 7);
    q.integer("limit", 1, 500, "At most this many", 100);
    return q;
  }();
  return spec;
}

const validation::QuerySpec& overdue_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("limit", 1, 500, "At most this many", 100);
    return q;
  }();
  return spec;
}

Response task_response(int status, const ResearchTask& t) {
  auto r = entity_response(status, t);
  r.set_header("ETag", t.etag());
  return r;
}

// A query parameter that must be present (these endpoints have one required parameter each).
template <class T>
T required(const std::optional<T>& value, std::string_view name) {
  if (!value) throw Error::validation(fmt::format("query.{}", name), "is required", "required");
  return *value;
}

std::string content_disposition(const std::string& filename) {
  // An ASCII fallback plus the exact name (RFC 6266 / RFC 5987) for clients that understand it.
  std::string ascii;
  for (char c : filename) ascii.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '_');
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii,
                     boost::urls::encode(filename, boost::urls::unreserved_chars));
}

}  // namespace

void register_research_task_routes(http::Router& router, ApiDependencies& deps) {
  auto& tasks = deps.research_tasks;
  auto& access = deps.access;
  const auto& spec = research_task_spec();

  router
      .add(Method::Get, "/api/v1/research-tasks",
           [&tasks](RequestContext& ctx) {
             auto values = list_query().validate(ctx.request.query());
             auto page = page_request(values);
             TaskQuery q;
             q.technology_id = values.integer("technology_id");
             q.repository_id = values.integer("repository_id");
             q.statuses = values.list("status");
             q.assigned_to = values.string("assigned_to");
             return array_page_response(ctx, page, tasks.list(ctx.project(), q, page));
           })
      .describe("Research tasks of the project, newest change first; filters combine", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("ResearchTask"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/research-tasks/{task_id}",
           [&tasks](RequestContext& ctx) {
             return task_response(200, tasks.get(ctx.project(), ctx.path_id("task_id")));
           })
      .describe("One research task", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("ResearchTask"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/research-tasks",
           [&tasks, &spec](RequestContext& ctx) {
             auto body = spec.validate(ctx.json(), Mode::Create);
             auto created = tasks.create(ctx.project(), FieldChanges::from_json(spec, body, {"project_id"}),
                                         ctx.actor());
             auto r = task_response(201, created);
             r.set_header("Location", fmt::format("/api/v1/research-tasks/{}", created.id));
             return r;
           })
      .describe("Create a research task (technology and repository must be of the same project)",
                "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .body(spec, Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("ResearchTask"))
      .errors({403, 404});

  router
      .add(Method::Patch, "/api/v1/research-tasks/{task_id}",
           [&tasks, &spec](RequestContext& ctx) {
             auto body = spec.validate(ctx.json(), Mode::Patch);
             return task_response(200, tasks.update(ctx.project(), ctx.path_id("task_id"),
                                                    FieldChanges::from_json(spec, body, {"project_id"}),
                                                    if_match(ctx), ctx.actor()));
           })
      .describe("Change a research task; status and progress follow the completion rules", "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .body(spec, Mode::Patch)
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("ResearchTask"))
      .errors({403, 404, 412});

  router
      .add(Method::Delete, "/api/v1/research-tasks/{task_id}",
           [&tasks](RequestContext& ctx) {
             tasks.remove(ctx.project(), ctx.path_id("task_id"), if_match(ctx), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a research task and its documents", "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID", "If-Match"})
      .responds(204)
      .errors({403, 404, 412});

  router
      .add(Method::Patch, "/api/v1/research-tasks/{task_id}/status",
           [&tasks](RequestContext& ctx) {
             auto values = status_query().validate(ctx.request.query());
             FieldChanges changes;
             changes.set("status", required(values.string("new_status"), "new_status"));
             return task_response(200, tasks.update(ctx.project(), ctx.path_id("task_id"), changes,
                                                    if_match(ctx), ctx.actor()));
           })
      .describe("Set the status (completed sets completed_at; leaving completed clears it)", "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .query(status_query())
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("ResearchTask"))
      .errors({403, 404, 412});

  router
      .add(Method::Patch, "/api/v1/research-tasks/{task_id}/progress",
           [&tasks](RequestContext& ctx) {
             auto values = progress_query().validate(ctx.request.query());
             FieldChanges changes;
             changes.set("progress_percentage",
                         required(values.integer("progress_percentage"), "progress_percentage"));
             return task_response(200, tasks.update(ctx.project(), ctx.path_id("task_id"), changes,
                                                    if_match(ctx), ctx.actor()));
           })
      .describe("Set the progress (100 completes the task)", "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .query(progress_query())
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("ResearchTask"))
      .errors({403, 404, 412});

  router
      .add(Method::Post, "/api/v1/research-tasks/{task_id}/documents",
           [&tasks](RequestContext& ctx) {
             auto parts = http::parse_multipart(ctx.request.body, ctx.header("content-type").value_or(""));
             const http::MultipartPart* file = nullptr;
             for (const auto& part : parts) {
               if (part.name == "file" && part.filename) file = &part;
             }
             if (!file)
               throw Error::validation("file", "send the document as a form field named 'file'", "required");
             auto task = tasks.add_document(ctx.project(), ctx.path_id("task_id"),
                                            {*file->filename, file->content_type, file->data}, ctx.actor());
             auto r = task_response(201, task);
             r.set_header("Location", fmt::format("/api/v1/research-tasks/{}/documents/{}", task.id,
                                                  task.documents.back().id));
             return r;
           })
      .describe(
          "Attach a document (multipart field 'file'; PDF, text, Markdown, CSV, JSON, PNG, JPEG, Office)",
          "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .max_body(tasks.max_document_bytes() + kMultipartOverhead)
      .headers({"X-Project-ID"})
      .responds(201, ref("ResearchTask"))
      .errors({400, 403, 404, 413, 415, 422});

  router
      .add(Method::Get, "/api/v1/research-tasks/{task_id}/documents",
           [&tasks](RequestContext& ctx) {
             auto task = tasks.get(ctx.project(), ctx.path_id("task_id"));
             JsonWriter w;
             w.begin_object().key("documents").begin_array();
             for (const auto& d : task.documents) write_json(w, d);
             w.end_array().end_object();
             return Response::json(200, w.take());
           })
      .describe("The documents of a research task", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("TaskDocuments"))
      .errors({404});

  router
      .add(Method::Get, "/api/v1/research-tasks/{task_id}/documents/{document_id}",
           [&tasks](RequestContext& ctx) {
             auto content = tasks.document(ctx.project(), ctx.path_id("task_id"), ctx.path_id("document_id"));
             Response r;
             r.status = 200;
             r.content_type = content.document.content_type;
             r.body = std::move(content.bytes);
             r.set_header("Content-Disposition", content_disposition(content.document.filename));
             r.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
             r.set_header("Cache-Control", "private, no-cache");
             return r;
           })
      .describe("Download a document", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200)
      .content("application/octet-stream")
      .errors({404});

  router
      .add(Method::Delete, "/api/v1/research-tasks/{task_id}/documents/{document_id}",
           [&tasks](RequestContext& ctx) {
             tasks.remove_document(ctx.project(), ctx.path_id("task_id"), ctx.path_id("document_id"),
                                   ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a document", "research-tasks")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(204)
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/research-tasks/statistics/overview",
           [&tasks](RequestContext& ctx) {
             auto values = statistics_query().validate(ctx.request.query());
             return entity_response(200, tasks.statistics(ctx.project(), values.integer("technology_id"),
                                                          values.integer("repository_id")));
           })
      .describe("Counts by status, overdue and upcoming (next 7 days) tasks", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .query(statistics_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("TaskStatistics"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/research-tasks/upcoming/list",
           [&tasks](RequestContext& ctx) {
             auto values = upcoming_query().validate(ctx.request.query());
             return Response::json(
                 200, json_array(tasks.upcoming(ctx.project(), values.integer("days").value_or(7),
                                                values.integer("limit").value_or(100))));
           })
      .describe("Pending or in-progress tasks due within the next `days`, soonest first", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .query(upcoming_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("ResearchTask"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/research-tasks/overdue/list",
           [&tasks](RequestContext& ctx) {
             auto values = overdue_query().validate(ctx.request.query());
             return Response::json(
                 200, json_array(tasks.overdue(ctx.project(), values.integer("limit").value_or(100))));
           })
      .describe("Open tasks past their due date, most overdue first", "research-tasks")
      .with_guard(project_role(access, Role::Viewer))
      .query(overdue_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("ResearchTask"))
      .errors({403, 404});
}

}  // namespace cc::api
