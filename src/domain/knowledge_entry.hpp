#pragma once
// A knowledge entry: a titled piece of content in a category, optionally about a technology. The
// knowledge-base issue adds chunks and search over them.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;
class FieldChanges;

struct KnowledgeEntry {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::optional<std::int64_t> technology_id;
  std::string title;
  std::string content;
  std::string category;
  std::optional<std::string> source_file;
  std::optional<std::string> source_url;
  std::optional<std::string> source_type;
  std::optional<std::int64_t> page_number;
  std::optional<double> confidence_score;
  std::optional<double> relevance_score;
  std::optional<std::string> metadata;  // JSON object text
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  std::string etag() const;
};

void write_json(JsonWriter& w, const KnowledgeEntry& e);
void apply_changes(KnowledgeEntry& e, const FieldChanges& changes);
const validation::ObjectSpec& knowledge_entry_spec();

struct KnowledgeQuery {
  std::optional<std::string> category;
  std::optional<std::int64_t> technology_id;
  std::optional<std::string> search;
};

}  // namespace cc
