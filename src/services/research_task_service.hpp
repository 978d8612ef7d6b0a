#pragma once
// Research tasks: CRUD with the status/progress/completion rules, links to a technology and a repository of
// the same project, statistics, upcoming and overdue lists, and attached documents.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/field_changes.hpp"
#include "domain/pagination.hpp"
#include "domain/research_task.hpp"
#include "storage/file_store.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

struct UploadedDocument {
  std::string filename;
  std::string content_type;
  std::string_view bytes;
};

struct DocumentContent {
  TaskDocument document;
  std::string bytes;
};

class ResearchTaskService {
 public:
  ResearchTaskService(db::Database& db, storage::FileStore& files, std::size_t max_document_bytes,
                      events::EventBus* events = nullptr);

  Page<ResearchTask> list(const auth::ProjectScope& scope, const TaskQuery& query, const PageRequest& page);
  ResearchTask get(const auth::ProjectScope& scope, std::int64_t id);
  ResearchTask create(const auth::ProjectScope& scope, const FieldChanges& fields, const auth::Actor& actor);
  ResearchTask update(const auth::ProjectScope& scope, std::int64_t id, const FieldChanges& fields,
                      const std::optional<std::string>& if_match, const auth::Actor& actor);
  void remove(const auth::ProjectScope& scope, std::int64_t id, const std::optional<std::string>& if_match,
              const auth::Actor& actor);

  TaskStatistics statistics(const auth::ProjectScope& scope, std::optional<std::int64_t> technology_id,
                            std::optional<std::int64_t> repository_id);
  std::vector<ResearchTask> upcoming(const auth::ProjectScope& scope, std::int64_t days, std::int64_t limit);
  std::vector<ResearchTask> overdue(const auth::ProjectScope& scope, std::int64_t limit);

  ResearchTask add_document(const auth::ProjectScope& scope, std::int64_t task_id,
                            const UploadedDocument& upload, const auth::Actor& actor);
  DocumentContent document(const auth::ProjectScope& scope, std::int64_t task_id, std::int64_t document_id);
  // Removes stored files that no document refers to and that were written more than `min_age` ago: what
  // a crash between saving a file and committing its row, or between deleting a row and its file, left
  // behind. Returns how many were removed.
  std::size_t remove_orphan_files(std::chrono::seconds min_age);
  void remove_document(const auth::ProjectScope& scope, std::int64_t task_id, std::int64_t document_id,
                       const auth::Actor& actor);

  std::size_t max_document_bytes() const { return max_document_bytes_; }

 private:
  void check_links(db::Tx& tx, const auth::ProjectScope& scope, const ResearchTask& task);
  db::Database& db_;
  storage::FileStore& files_;
  std::size_t max_document_bytes_;
  events::EventBus* events_;
};

}  // namespace cc::services
