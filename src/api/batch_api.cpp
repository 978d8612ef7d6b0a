// /api/v1/batch: batch import of technologies as a batch_import job (JSON body or an uploaded CSV/JSON file),
// batch statistics, and batch jobs. The original's /batch/analyze and /batch/export arrive with the analysis
// and export job types.
#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <set>

#include "api/guards.hpp"
#include "api/job_json.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/strings.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "jobs/handlers/batch_import.hpp"
#include "services/technology_file.hpp"
#include "services/technology_import.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

constexpr std::size_t kMaxImportBytes = 16 * 1024 * 1024;

const validation::ObjectSpec& import_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("BatchImport", "Technologies to import as a background job");
    s.field("project_id")
        .integer(1)
        .not_null()
        .describe("Project to import into (else X-Project-ID or default)");
    s.field("technologies")
        .object_array(jobs::kMaxImportRows)
        .required()
        .not_null()
        .describe("Array of technologies (the fields of POST /api/v1/technologies), 1 to 10,000");
    s.field("merge_strategy")
        .one_of(services::merge_strategies())
        .not_null()
        .default_value("skip")
        .describe(
            "What to do with a title the project already has: skip it, overwrite it with the row, or merge "
            "the row "
            "into it");
    s.field("dry_run").boolean().not_null().default_value(false).describe(
        "Report what would happen; write nothing");
    s.field("tags").object(16384).not_null();
    s.field("priority").integer(1, 10).not_null().default_value(5);
    return s;
  }();
  return spec;
}

// The original's batch response: the job's state plus the counts of its report once it has one.
Response batch_response(int status, const Job& job, std::size_t total_items) {
  JsonWriter w(512);
  w.begin_object()
      .field("job_id", job.id)
      .field("job_type", job.job_type)
      .field("status", job.status)
      .field("progress", job.progress)
      .field("total_items", static_cast<std::int64_t>(total_items))
      .field("completed_items", static_cast<std::int64_t>(0))
      .field("failed_items", static_cast<std::int64_t>(0))
      .field("started_at", job.started_at)
      .field("completed_at", job.completed_at)
      .field("results", nullptr)
      .field("error", job.error)
      .field("celery_task_id", nullptr)
      .field("imported_count", static_cast<std::int64_t>(0))
      .field("skipped_count", static_cast<std::int64_t>(0))
      .field("failed_count", static_cast<std::int64_t>(0))
      .field("conflicts", nullptr)
      .end_object();
  auto r = Response::json(status, w.take());
  r.set_header("Location", fmt::format("/api/v1/jobs/{}", job.id));
  return r;
}

const validation::QuerySpec& csv_import_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.one_of("merge_strategy", {"skip", "overwrite", "merge"},
             "For a CSV body: what to do with titles that exist");
    q.boolean("dry_run", "For a CSV body: report what would happen, change nothing");
    q.integer("priority", 1, 10, "For a CSV body: the job's priority");
    add_project_param(q);
    return q;
  }();
  return spec;
}

Response start_import(ApiDependencies& deps, RequestContext& ctx, boost::json::array rows,
                      std::string strategy, bool dry_run, std::string tags, int priority) {
  auto total = rows.size();
  services::NewJob job;
  job.job_type = "batch_import";
  job.parameters = boost::json::object{
      {"technologies", std::move(rows)}, {"merge_strategy", strategy}, {"dry_run", dry_run}};
  job.tags = std::move(tags);
  job.priority = priority;
  job.dispatch = true;
  // A long import must not be cut short by the default timeout.
  job.timeout_seconds = 3600;
  auto created = deps.jobs.create(ctx.project(), std::move(job), std::nullopt, ctx.actor());
  return batch_response(202, created.job, total);
}

// The fields of a multipart import upload, each checked: a value that is not understood is a 422, never a
// silent default (a misspelt dry_run must not import for real).
struct UploadForm {
  const http::MultipartPart* file = nullptr;
  std::string strategy = "skip";
  bool dry_run = false;
  int priority = 5;
  std::string tags = "{}";
};

UploadForm read_upload_form(const std::vector<http::MultipartPart>& parts, std::int64_t project_id) {
  UploadForm form;
  std::vector<FieldError> errors;
  std::set<std::string, std::less<>> seen;
  for (const auto& part : parts) {
    if (!seen.insert(part.name).second) {
      errors.push_back({part.name, "is given more than once", "duplicate"});
      continue;
    }
    auto value = trim(part.data);
    if (part.name == "file") {
      if (part.filename) form.file = &part;
    } else if (part.name == "merge_strategy") {
      const auto& allowed = services::merge_strategies();
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        errors.push_back({"merge_strategy", "must be one of: skip, overwrite, merge", "enum"});
      } else {
        form.strategy = std::string(value);
      }
    } else if (part.name == "dry_run") {
      if (iequals(value, "true") || value == "1" || iequals(value, "on")) {
        form.dry_run = true;
      } else if (iequals(value, "false") || value == "0" || iequals(value, "off")) {
        form.dry_run = false;
      } else {
        errors.push_back({"dry_run", "must be true or false", "type"});
      }
    } else if (part.name == "priority") {
      auto n = parse_int64(value);
      if (!n || *n < 1 || *n > 10) {
        errors.push_back({"priority", "must be an integer from 1 to 10", "out_of_range"});
      } else {
        form.priority = static_cast<int>(*n);
      }
    } else if (part.name == "tags") {
      boost::system::error_code ec;
      auto tags = boost::json::parse(value, ec);
      if (ec || !tags.is_object()) {
        errors.push_back({"tags", "must be a JSON object", "type"});
      } else {
        form.tags = to_json_string(tags);
      }
    } else if (part.name == "project_id") {
      auto n = parse_int64(value);
      if (!n || *n != project_id) {
        errors.push_back(
            {"project_id",
             fmt::format("must be the project of the request ({}); choose it with X-Project-ID", project_id),
             "conflict"});
      }
    } else {
      errors.push_back({part.name, "is not a known field", "unknown_field"});
    }
  }
  if (!form.file) {
    errors.push_back({"file", "send a .csv or .json file as a form field named 'file'", "required"});
  }
  if (!errors.empty()) throw Error::validation(std::move(errors));
  return form;
}

}  // namespace

void register_batch_routes(http::Router& router, ApiDependencies& deps) {
  auto& access = deps.access;

  router
      .add(Method::Post, "/api/v1/batch/import",
           [&deps](RequestContext& ctx) {
             auto media = ctx.header("content-type").value_or("");
             media = trim(media.substr(0, media.find(';')));
             if (iequals(media, "text/csv") || iequals(media, "application/csv")) {
               // The CSV itself as the body; the options in the query.
               auto options = csv_import_query().validate(ctx.request.query());
               auto strategy = options.string("merge_strategy").value_or("skip");
               boost::json::array rows;
               try {
                 rows = services::parse_technology_file("import.csv", media, ctx.request.body);
               } catch (const Error& e) {
                 if (e.kind() != ErrorKind::Validation) throw;
                 auto errors = e.errors();
                 for (auto& f : errors)
                   f.field = f.field == "file" ? "body" : f.field;  // the body is the file
                 throw Error::validation(std::move(errors));
               }
               return start_import(deps, ctx, std::move(rows), strategy,
                                   options.boolean("dry_run").value_or(false), "{}",
                                   static_cast<int>(options.integer("priority").value_or(5)));
             }
             auto body = import_spec().validate(ctx.json(), validation::Mode::Create);
             const auto& rows = body.at("technologies");
             auto strategy = body.contains("merge_strategy")
                                 ? std::string(body.at("merge_strategy").as_string())
                                 : std::string("skip");
             bool dry_run = body.contains("dry_run") && body.at("dry_run").as_bool();
             std::string tags = body.contains("tags") ? to_json_string(body.at("tags")) : "{}";
             int priority = body.contains("priority") ? static_cast<int>(body.at("priority").as_int64()) : 5;
             return start_import(deps, ctx, rows.as_array(), strategy, dry_run, std::move(tags), priority);
           })
      .describe(
          "Import technologies as a batch_import job; follow it at /api/v1/jobs/{job_id} or its WebSocket. "
          "The "
          "body is JSON, or a CSV file itself (Content-Type: text/csv, a header row of field names) with the "
          "options in the query",
          "batch")
      .with_guard(project_role(access, Role::Member))
      .body(import_spec(), validation::Mode::Create)
      .query(csv_import_query())
      .max_body(kMaxImportBytes)
      .headers({"X-Project-ID"})
      .responds(202, ref("BatchJob"))
      .errors({403, 404, 413, 422});

  router
      .add(Method::Post, "/api/v1/batch/import/upload",
           [&deps](RequestContext& ctx) {
             auto parts = http::parse_multipart(ctx.request.body, ctx.header("content-type").value_or(""));
             auto form = read_upload_form(parts, ctx.project().project_id);
             auto rows = services::parse_technology_file(*form.file->filename, form.file->content_type,
                                                         form.file->data);
             return start_import(deps, ctx, std::move(rows), form.strategy, form.dry_run,
                                 std::move(form.tags), form.priority);
           })
      .describe(
          "Import technologies from an uploaded file (multipart field 'file': CSV with a header row of field "
          "names, or JSON); optional fields merge_strategy, dry_run (true/false), priority (1-10) and tags "
          "(a "
          "JSON object)",
          "batch")
      .with_guard(project_role(access, Role::Member))
      .max_body(kMaxImportBytes)
      .headers({"X-Project-ID"})
      .responds(202, ref("BatchJob"))
      .errors({400, 403, 404, 413, 415, 422});

  router
      .add(Method::Get, "/api/v1/batch/statistics",
           [&deps](RequestContext& ctx) {
             project_only_query().validate(ctx.request.query());
             auto s = deps.jobs.statistics(ctx.project(), std::string_view("batch_"));
             return batch_statistics_response(s);
           })
      .describe("Counts of batch jobs by status, their mean duration and success rate", "batch")
      .with_guard(project_role(access, Role::Viewer))
      .query(project_only_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("BatchStatistics"));

  router
      .add(Method::Get, "/api/v1/batch/jobs/{job_id}",
           [&deps](RequestContext& ctx) {
             auto job = deps.jobs.get(ctx.project(), ctx.path_id("job_id"));
             if (!job.job_type.starts_with("batch_"))
               throw Error::not_found("Batch job", std::to_string(job.id));
             return entity_response(200, job);
           })
      .describe("One batch job", "batch")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("Job"))
      .errors({404});
}

}  // namespace cc::api
