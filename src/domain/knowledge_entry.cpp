#include "domain/knowledge_entry.hpp"

#include <fmt/format.h>

#include "core/json_writer.hpp"
#include "domain/field_assign.hpp"

namespace cc {

std::string KnowledgeEntry::etag() const {
  return fmt::format("\"e{}v{}\"", id, version);
}

void write_json(JsonWriter& w, const KnowledgeEntry& e) {
  w.begin_object()
      .field("id", e.id)
      .field("project_id", e.project_id)
      .field("technology_id", e.technology_id)
      .field("title", e.title)
      .field("content", e.content)
      .field("category", e.category)
      .field("source_file", e.source_file)
      .field("source_url", e.source_url)
      .field("source_type", e.source_type)
      .field("page_number", e.page_number)
      .field("confidence_score", e.confidence_score)
      .field("relevance_score", e.relevance_score);
  if (e.metadata) {
    w.raw_field("metadata_", *e.metadata);
  } else {
    w.field("metadata_", nullptr);
  }
  w.field("version", e.version)
      .field("created_at", e.created_at)
      .field("updated_at", e.updated_at)
      .end_object();
}

void apply_changes(KnowledgeEntry& e, const FieldChanges& changes) {
  using field_assign::assign;
  using field_assign::assign_required;
  for (const auto& [name, v] : changes.values()) {
    if (name == "title")
      assign_required(e.title, v);
    else if (name == "content")
      assign_required(e.content, v);
    else if (name == "category")
      assign_required(e.category, v);
    else if (name == "technology_id")
      assign(e.technology_id, v);
    else if (name == "source_file")
      assign(e.source_file, v);
    else if (name == "source_url")
      assign(e.source_url, v);
    else if (name == "source_type")
      assign(e.source_type, v);
    else if (name == "page_number")
      assign(e.page_number, v);
    else if (name == "confidence_score")
      assign(e.confidence_score, v);
    else if (name == "relevance_score")
      assign(e.relevance_score, v);
    else if (name == "metadata_")
      assign(e.metadata, v);
  }
}

const validation::ObjectSpec& knowledge_entry_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("KnowledgeEntry");
    s.field("title").string(1, 512).required().not_null();
    s.field("content").string(1, 1'000'000).no_trim().required().not_null();
    s.field("category").string(1, 100).required().not_null().example("architecture");
    s.field("technology_id").integer(1).describe("A technology of the same project");
    s.field("source_file").text(512);
    s.field("source_url").url(512);
    s.field("source_type").text(100);
    s.field("page_number").integer(0, 1'000'000);
    s.field("confidence_score").number(0.0, 1.0);
    s.field("relevance_score").number(0.0, 1.0);
    s.field("metadata_").object(65536);
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    return s;
  }();
  return spec;
}

}  // namespace cc
