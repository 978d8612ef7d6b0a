#pragma once
// research_tasks and research_task_documents. Lists load the documents of a whole page in one query.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "domain/pagination.hpp"
#include "domain/research_task.hpp"

namespace cc::repositories {

class ResearchTaskRepository {
 public:
  static std::optional<ResearchTask> find(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  static Page<ResearchTask> list(db::Tx& tx, std::int64_t project_id, const TaskQuery& query,
                                 const PageRequest& page);
  static std::int64_t insert(db::Tx& tx, const ResearchTask& t, std::optional<std::int64_t> created_by);
  static bool update(db::Tx& tx, const ResearchTask& t, std::int64_t expected_version);
  static bool remove(db::Tx& tx, std::int64_t project_id, std::int64_t id);
  // A new version of the task without changing its fields (its documents changed).
  static void touch(db::Tx& tx, std::int64_t project_id, std::int64_t id, Timestamp at);
  // Before a technology or repository is deleted: the tasks linked to it lose the link in a new version of
  // themselves (the foreign key would clear it silently, leaving their ETags stale). Returns their ids.
  static std::vector<std::int64_t> unlink_technology(db::Tx& tx, std::int64_t project_id,
                                                     std::int64_t technology_id, Timestamp at);
  static std::vector<std::int64_t> unlink_repository(db::Tx& tx, std::int64_t project_id,
                                                     std::int64_t repository_id, Timestamp at);

  // Open tasks (pending, in progress, blocked) due before `now`; soonest first.
  static std::vector<ResearchTask> overdue(db::Tx& tx, std::int64_t project_id, Timestamp now,
                                           std::int64_t limit);
  // Pending or in-progress tasks due between `now` and `until`; soonest first.
  static std::vector<ResearchTask> upcoming(db::Tx& tx, std::int64_t project_id, Timestamp now,
                                            Timestamp until, std::int64_t limit);
  static TaskStatistics statistics(db::Tx& tx, std::int64_t project_id,
                                   std::optional<std::int64_t> technology_id,
                                   std::optional<std::int64_t> repository_id, Timestamp now);

  static std::int64_t insert_document(db::Tx& tx, std::int64_t project_id, const TaskDocument& d,
                                      std::optional<std::int64_t> uploaded_by);
  static std::optional<TaskDocument> find_document(db::Tx& tx, std::int64_t project_id, std::int64_t task_id,
                                                   std::int64_t document_id);
  static bool remove_document(db::Tx& tx, std::int64_t project_id, std::int64_t task_id,
                              std::int64_t document_id);
  // Stored names of every document of a project (to remove the files after the project is deleted).
  static std::vector<std::string> stored_names_of_project(db::Tx& tx, std::int64_t project_id);
  // Which of `names` no document of any project refers to.
  static std::vector<std::string> unreferenced(db::Tx& tx, const std::vector<std::string>& names);
  static std::vector<std::string> stored_names_of_task(db::Tx& tx, std::int64_t project_id,
                                                       std::int64_t task_id);
};

}  // namespace cc::repositories
