#include "jobs/handlers/batch_import.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "services/technology_import.hpp"

namespace cc::jobs {

namespace {

class BatchImportHandler final : public JobHandler {
 public:
  BatchImportHandler(db::Database& database, events::EventBus& events)
      : database_(database), events_(events) {}

  std::string_view type() const override { return "batch_import"; }
  std::string_view description() const override {
    return "Imports technologies with a merge strategy and reports the outcome of every row";
  }

  std::string validate(const boost::json::value& parameters, std::int64_t project_id) const override {
    std::vector<FieldError> errors;
    const auto* object = parameters.if_object();
    if (!object) throw Error::validation("parameters", "must be an object", "type");
    const auto* rows = object->if_contains("technologies");
    if (!rows || !rows->is_array()) {
      errors.push_back({"parameters.technologies", "is required: an array of technologies", "required"});
    } else if (rows->as_array().empty()) {
      errors.push_back({"parameters.technologies", "must hold at least one technology", "too_short"});
    } else if (rows->as_array().size() > kMaxImportRows) {
      errors.push_back({"parameters.technologies",
                        fmt::format("at most {} technologies per import", kMaxImportRows), "too_long"});
    }
    std::string strategy = "skip";
    if (const auto* s = object->if_contains("merge_strategy"); s && !s->is_null()) {
      const auto& allowed = services::merge_strategies();
      if (!s->is_string() ||
          std::find(allowed.begin(), allowed.end(), std::string_view(s->get_string())) == allowed.end()) {
        errors.push_back({"parameters.merge_strategy", "must be one of: skip, overwrite, merge", "enum"});
      } else {
        strategy = std::string(s->get_string());
      }
    }
    bool dry_run = false;
    if (const auto* d = object->if_contains("dry_run"); d && !d->is_null()) {
      if (!d->is_bool()) {
        errors.push_back({"parameters.dry_run", "must be true or false", "type"});
      } else {
        dry_run = d->get_bool();
      }
    }
    if (const auto* p = object->if_contains("priority");
        p && !p->is_null() && (!p->is_int64() || p->get_int64() < 1 || p->get_int64() > 10)) {
      errors.push_back({"parameters.priority",
                        "must be an integer from 1 to 10 (the job's priority is its own "
                        "priority field)",
                        "out_of_range"});
    }
    if (const auto* p = object->if_contains("project_id"); p && !p->is_null()) {
      if (!p->is_int64()) {
        errors.push_back({"parameters.project_id", "must be an integer", "type"});
      } else if (p->get_int64() != project_id) {
        // The job imports into its own project; a body naming another one is a mistake, not a redirect.
        errors.push_back(
            {"parameters.project_id",
             fmt::format("names project {}, but the job belongs to project {}", p->get_int64(), project_id),
             "conflict"});
      }
    }
    if (const auto* t = object->if_contains("tags"); t && !t->is_null() && !t->is_object()) {
      errors.push_back({"parameters.tags", "must be an object", "type"});
    }
    for (const auto& member : *object) {
      auto key = member.key();
      // The body of POST /api/v1/batch/import is accepted whole; its project_id, tags and priority are the
      // job's own (POST /api/v1/jobs applies them to the job), not parameters of the import.
      if (key != "technologies" && key != "merge_strategy" && key != "dry_run" && key != "project_id" &&
          key != "tags" && key != "priority") {
        errors.push_back({fmt::format("parameters.{}", std::string_view(key)), "is not a known parameter",
                          "unknown_field"});
      }
    }
    if (!errors.empty()) throw Error::validation(std::move(errors));
    // Rows are not validated here: a bad row is reported as failed in the result, the others are imported.
    JsonWriter w(rows->as_array().size() * 128 + 64);
    w.begin_object().field("merge_strategy", strategy).field("dry_run", dry_run);
    w.key("technologies").value(*rows);
    w.end_object();
    return w.take();
  }

  std::string run(JobContext& context) override {
    const auto& params = context.parameters().as_object();
    const auto& rows = params.at("technologies").as_array();
    auto strategy = std::string(params.at("merge_strategy").as_string());
    bool dry_run = params.at("dry_run").as_bool();
    const auto& job = context.job();
    auth::Actor actor{job.created_by, std::nullopt, fmt::format("job-{}", job.id)};
    context.progress(0, fmt::format("Validating {} rows", rows.size()));
    services::TechnologyImporter importer(database_, &events_);
    services::ImportReport report;
    try {
      importer.run(
          job.project_id, rows, strategy, dry_run, actor,
          [&](std::size_t done, std::size_t total) {
            context.progress(static_cast<int>(done * 100 / total), fmt::format("Row {} of {}", done, total));
          },
          report);
    } catch (JobInterrupted& stopped) {
      // Rows written before a cancellation stay written; the job's result says which they were.
      stopped.set_partial_result(report.to_json());
      throw;
    }
    return report.to_json();
  }

 private:
  db::Database& database_;
  events::EventBus& events_;
};

}  // namespace

std::unique_ptr<JobHandler> make_batch_import_handler(db::Database& database, events::EventBus& events) {
  return std::make_unique<BatchImportHandler>(database, events);
}

}  // namespace cc::jobs
