#include "domain/dashboard.hpp"

#include "core/json_writer.hpp"

namespace cc {

void write_json(JsonWriter& w, const DashboardStats& s) {
  auto counts = [&](std::string_view key, const std::vector<std::pair<std::string, std::int64_t>>& values) {
    w.key(key).begin_object();
    for (const auto& [name, n] : values) w.field(name, n);
    w.end_object();
  };
  w.begin_object();
  w.key("repositories").begin_object().field("total", s.repositories_total);
  w.key("recently_synced").begin_array();
  for (const auto& r : s.recently_synced) {
    w.begin_object()
        .field("id", r.id)
        .field("full_name", r.full_name)
        .field("last_synced_at", r.last_synced_at)
        .end_object();
  }
  w.end_array().end_object();

  w.key("technologies").begin_object().field("total", s.technologies_total);
  counts("by_status", s.technologies_by_status);
  counts("by_domain", s.technologies_by_domain);
  w.field("high_priority_count", s.high_priority_count);
  w.key("high_priority").begin_array();
  for (const auto& t : s.high_priority) {
    w.begin_object()
        .field("id", t.id)
        .field("title", t.title)
        .field("priority", t.priority)
        .field("status", t.status)
        .end_object();
  }
  w.end_array().end_object();

  w.key("research_tasks");
  write_json(w, s.research_tasks);

  w.key("knowledge_base")
      .begin_object()
      .field("total_entries", s.knowledge_entries)
      .field("total_documents", s.knowledge_entries)
      .field("categories", s.knowledge_categories)
      .field("status", "available")
      .end_object();
  w.end_object();
}

namespace {
void write_item(JsonWriter& w, const ActivityItem& item, bool with_type) {
  w.begin_object();
  if (with_type) w.field("type", item.type);
  w.field("id", item.id);
  w.field(item.type == "repository" ? "full_name" : "title", item.title);
  if (item.status) w.field(item.type == "knowledge_entry" ? "category" : "status", *item.status);
  w.field("updated_at", item.updated_at).end_object();
}
}  // namespace

void write_json(JsonWriter& w, const RecentActivity& a) {
  auto list = [&](std::string_view key, const std::vector<ActivityItem>& items, bool with_type) {
    w.key(key).begin_array();
    for (const auto& item : items) write_item(w, item, with_type);
    w.end_array();
  };
  w.begin_object();
  list("recent_repositories", a.repositories, false);
  list("recent_technologies", a.technologies, false);
  list("recent_tasks", a.tasks, false);
  list("recent_knowledge_entries", a.knowledge, false);
  list("items", a.merged, true);
  w.end_object();
}

}  // namespace cc
