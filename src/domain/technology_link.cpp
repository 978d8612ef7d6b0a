#include "domain/technology_link.hpp"

#include "core/json_writer.hpp"

namespace cc {

void write_link_fields(JsonWriter& w, const TechnologyLink& link) {
  w.field("technology_id", link.technology_id)
      .field("repository_id", link.repository_id)
      .field("source", link.source)
      .field("confidence", link.confidence)
      .field("notes", link.notes)
      .field("linked_by", link.created_by)
      .field("linked_at", link.created_at);
}

void write_json(JsonWriter& w, const TechnologyLink& link) {
  w.begin_object();
  write_link_fields(w, link);
  w.end_object();
}

}  // namespace cc
