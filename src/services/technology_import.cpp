#include "services/technology_import.hpp"

#include <fmt/format.h>

#include <set>
#include <span>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/strings.hpp"
#include "domain/field_changes.hpp"
#include "domain/technology.hpp"
#include "events/event_bus.hpp"
#include "repositories/audit_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "services/technology_moves.hpp"

namespace cc::services {

using repositories::AuditRepository;
using repositories::TechnologyRepository;

namespace {

// Rows per write transaction. Smaller chunks commit more often (an import of 5,000 rows takes ~1.5x as long
// as with 200) but hold the single writer for a few milliseconds instead of tens, so other requests' writes
// do not queue behind an import, and the per-row progress events published after each commit reach clients in
// small bursts (docs/PERFORMANCE.md: progress → WebSocket latency).
constexpr std::size_t kChunkRows = 50;

std::string reason_of(const Error& e) {
  if (e.errors().empty()) return e.detail();
  std::vector<std::string> parts;
  for (const auto& f : e.errors()) parts.push_back(fmt::format("{}: {}", f.field, f.message));
  return fmt::format("{}", fmt::join(parts, "; "));
}

// A row that passed validation, ready to write.
struct ValidRow {
  std::size_t index = 0;
  FieldChanges fields;
  std::string title;
  std::optional<std::string> reason;
};

std::string merge_tags(const std::optional<std::string>& existing,
                       const std::optional<std::string>& incoming) {
  return normalize_tags(existing.value_or("") + "," + incoming.value_or(""));
}

// Applies one row inside a write transaction; returns its report.
ImportRowReport apply_row(db::Tx& tx, std::int64_t project_id, const ValidRow& row,
                          const std::string& strategy, bool dry_run, const auth::Actor& actor) {
  ImportRowReport report{static_cast<std::int64_t>(row.index + 1), row.title, "", std::nullopt, std::nullopt};
  auto existing = TechnologyRepository::find_by_title(tx, project_id, row.title);
  auto reason = row.reason.value_or("Imported");
  if (!existing) {
    report.outcome = "imported";
    if (dry_run) return report;
    Technology t;
    t.project_id = project_id;
    apply_changes(t, row.fields);
    if (t.tags) t.tags = normalize_tags(*t.tags);
    if (t.tags && t.tags->empty()) t.tags.reset();
    t.created_at = t.updated_at = now();
    t.id = TechnologyRepository::insert(tx, t, actor.user_id);
    record_moves(tx, nullptr, t, reason, actor);
    AuditRepository::record(tx, actor, project_id, "technology", std::to_string(t.id), "import", std::nullopt,
                            json_text(t));
    report.technology_id = t.id;
    return report;
  }
  report.technology_id = existing->id;
  if (strategy == "skip") {
    report.outcome = "skipped";
    report.reason = fmt::format("a technology titled '{}' already exists", existing->title);
    return report;
  }
  Technology updated = *existing;
  if (strategy == "overwrite") {
    Technology fresh;
    fresh.id = existing->id;
    fresh.project_id = existing->project_id;
    fresh.version = existing->version;
    fresh.created_at = existing->created_at;
    updated = fresh;
    apply_changes(updated, row.fields);
    if (updated.tags) updated.tags = normalize_tags(*updated.tags);
  } else {
    auto incoming_tags = row.fields.string("tags");
    apply_changes(updated, row.fields);
    if (incoming_tags) updated.tags = merge_tags(existing->tags, incoming_tags);
  }
  if (updated.tags && updated.tags->empty()) updated.tags.reset();
  updated.updated_at = existing->updated_at;
  if (json_text(updated) == json_text(*existing)) {
    report.outcome = "skipped";
    report.reason = "no change";
    return report;
  }
  report.outcome = "updated";
  if (dry_run) return report;
  updated.updated_at = now();
  if (!TechnologyRepository::update(tx, updated, existing->version)) {
    throw Error::conflict("the technology changed while it was being imported");
  }
  updated.version = existing->version + 1;
  record_moves(tx, &*existing, updated, reason, actor);
  AuditRepository::record(tx, actor, project_id, "technology", std::to_string(updated.id), "import",
                          json_text(*existing), json_text(updated));
  return report;
}

}  // namespace

const std::vector<std::string>& merge_strategies() {
  static const std::vector<std::string> s{"skip", "overwrite", "merge"};
  return s;
}

std::string ImportReport::to_json() const {
  auto shown = std::span<const ImportRowReport>(rows).first(std::min(reached, rows.size()));
  std::int64_t imported = 0, updated = 0, skipped = 0, failed = 0;
  for (const auto& r : shown) {
    if (r.outcome == "imported") ++imported;
    if (r.outcome == "updated") ++updated;
    if (r.outcome == "skipped") ++skipped;
    if (r.outcome == "failed") ++failed;
  }
  JsonWriter w(256 + shown.size() * 96);
  w.begin_object()
      .field("merge_strategy", merge_strategy)
      .field("dry_run", dry_run)
      .field("total", static_cast<std::int64_t>(rows.size()))
      .field("complete", reached >= rows.size())
      .field("imported_count", imported)
      .field("updated_count", updated)
      .field("skipped_count", skipped)
      .field("failed_count", failed);
  w.key("rows").begin_array();
  for (const auto& r : shown) {
    w.begin_object().field("row", r.row).field("title", r.title).field("outcome", r.outcome);
    if (r.reason) w.field("reason", *r.reason);
    if (r.technology_id) w.field("technology_id", *r.technology_id);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

void TechnologyImporter::run(std::int64_t project_id, const boost::json::array& rows,
                             const std::string& strategy, bool dry_run, const auth::Actor& actor,
                             const std::function<void(std::size_t, std::size_t)>& on_row,
                             ImportReport& report) {
  report = ImportReport{};
  report.merge_strategy = strategy;
  report.dry_run = dry_run;
  report.rows.resize(rows.size());
  const auto total = rows.size();

  // Validate every row first, exactly as a single create would; a title twice in one import is an error in
  // the input rather than something to merge silently.
  std::vector<ValidRow> valid;
  std::set<std::string> seen_titles;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& r = report.rows[i];
    r.row = static_cast<std::int64_t>(i + 1);
    if (rows[i].is_object()) {
      if (const auto* t = rows[i].as_object().if_contains("title"); t && t->is_string()) {
        r.title = std::string(trim(t->get_string()));
      }
    }
    try {
      auto body = technology_spec().validate(rows[i], validation::Mode::Create);
      ValidRow v;
      v.index = i;
      v.fields = FieldChanges::from_json(technology_spec(), body, {"reason", "project_id"});
      v.title = std::string(body.at("title").as_string());
      if (const auto* reason = body.if_contains("reason"); reason && reason->is_string()) {
        v.reason = std::string(reason->get_string());
      }
      if (!seen_titles.insert(to_lower(v.title)).second) {
        throw Error::validation("title", fmt::format("'{}' appears more than once in this import", v.title),
                                "duplicate");
      }
      valid.push_back(std::move(v));
    } catch (const Error& e) {
      r.outcome = "failed";
      r.reason = reason_of(e);
    }
  }

  std::size_t done = 0;
  std::size_t next_valid = 0;
  // Rows are settled in input order; failed rows are reported as they are reached.
  auto settle_failed_until = [&](std::size_t index) {
    while (done < index) {
      ++done;
      if (on_row) on_row(done, total);
    }
  };
  while (next_valid < valid.size()) {
    auto end = std::min(valid.size(), next_valid + kChunkRows);
    std::vector<ImportRowReport> chunk_reports;
    auto write_chunk = [&](std::size_t from, std::size_t to) {
      auto run_rows = [&](db::Tx& tx) {
        chunk_reports.clear();
        for (auto k = from; k < to; ++k) {
          chunk_reports.push_back(apply_row(tx, project_id, valid[k], strategy, dry_run, actor));
        }
      };
      if (dry_run) {
        db_.read(run_rows);
      } else {
        db_.write(run_rows);
      }
    };
    std::vector<ImportRowReport> settled;
    try {
      write_chunk(next_valid, end);
      settled = chunk_reports;
    } catch (const std::exception&) {
      // One row broke the chunk (a concurrent change, a constraint): settle the rows one by one so that only
      // the row at fault fails.
      settled.clear();
      for (auto k = next_valid; k < end; ++k) {
        try {
          write_chunk(k, k + 1);
          settled.push_back(chunk_reports.front());
        } catch (const Error& e) {
          settled.push_back({static_cast<std::int64_t>(valid[k].index + 1), valid[k].title, "failed",
                             reason_of(e), std::nullopt});
        } catch (const db::DbError& e) {
          if (e.kind() != db::DbError::Kind::UniqueViolation &&
              e.kind() != db::DbError::Kind::CheckViolation &&
              e.kind() != db::DbError::Kind::ForeignKeyViolation) {
            throw;  // the database itself is in trouble: the job fails and is retried
          }
          auto why = e.kind() == db::DbError::Kind::UniqueViolation
                         ? std::string("a technology with this title was created concurrently")
                         : std::string("the database refused the row");
          settled.push_back(
              {static_cast<std::int64_t>(valid[k].index + 1), valid[k].title, "failed", why, std::nullopt});
        }
      }
    }
    // The chunk is committed: its rows go into the report before any progress is reported, so that an
    // import stopped by a progress report (cancellation) still reports every row it wrote.
    std::int64_t changed = 0;
    std::vector<std::size_t> written;
    for (auto& s : settled) {
      auto index = static_cast<std::size_t>(s.row - 1);
      if (s.outcome == "imported" || s.outcome == "updated") ++changed;
      report.rows[index] = std::move(s);
      written.push_back(index);
      report.reached = std::max(report.reached, index + 1);
    }
    if (events_ && changed > 0 && !dry_run) {
      events_->publish(
          events::Event("technology.imported", project_id, fmt::format("{{\"count\":{}}}", changed)));
    }
    for (auto index : written) {
      settle_failed_until(index);
      ++done;
      if (on_row) on_row(done, total);
    }
    next_valid = end;
  }
  report.reached = total;
  settle_failed_until(total);
}

}  // namespace cc::services
