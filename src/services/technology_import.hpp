#pragma once
// Importing many technologies at once (the batch_import job): every row validated like a single create, then
// merged with what the project already has by title (case-insensitive):
//   skip      — an existing technology is left alone;
//   overwrite — it becomes exactly the row (fields the row leaves out return to their defaults);
//   merge     — the row's fields replace the existing ones, the rest stay, tags are united.
// A dry run reports what would happen without writing. Rows are written in chunks, one transaction each, with
// history and audit entries as for single changes; running the same import twice has the effect of once.
#include <boost/json/array.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

const std::vector<std::string>& merge_strategies();

struct ImportRowReport {
  std::int64_t row = 0;  // 1-based position in the input
  std::string title;
  std::string outcome;  // imported | updated | skipped | failed
  std::optional<std::string> reason;
  std::optional<std::int64_t> technology_id;
};

struct ImportReport {
  std::string merge_strategy;
  bool dry_run = false;
  std::vector<ImportRowReport> rows;  // one per input row
  // Rows before this one are settled. Less than rows.size() when the import was stopped: the report then
  // holds the rows it got to (every row written included) and says it is not complete.
  std::size_t reached = 0;

  std::string to_json() const;
};

class TechnologyImporter {
 public:
  TechnologyImporter(db::Database& db, events::EventBus* events) : db_(db), events_(events) {}

  // Fills `report`. `on_row(done, total)` is called after each row is settled (written, or decided in a dry
  // run); it may throw to stop the import (cancellation), leaving the rows written so far in place and in
  // `report`.
  void run(std::int64_t project_id, const boost::json::array& rows, const std::string& strategy, bool dry_run,
           const auth::Actor& actor, const std::function<void(std::size_t, std::size_t)>& on_row,
           ImportReport& report);

 private:
  db::Database& db_;
  events::EventBus* events_;
};

}  // namespace cc::services
