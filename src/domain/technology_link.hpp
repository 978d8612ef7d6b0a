#pragma once
// A link between a technology and a repository of the same project, and how it was made.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace cc {

class JsonWriter;

struct TechnologyLink {
  std::int64_t technology_id = 0;
  std::int64_t repository_id = 0;
  std::string source = "manual";  // manual | detected
  std::optional<double> confidence;
  std::optional<std::string> notes;
  std::optional<std::int64_t> created_by;
  Timestamp created_at;
};

// The link's own fields, without braces (responses embed them next to the linked resource).
void write_link_fields(JsonWriter& w, const TechnologyLink& link);
void write_json(JsonWriter& w, const TechnologyLink& link);

}  // namespace cc
