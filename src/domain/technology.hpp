#pragma once
// A technology on the radar: every field of the original system (seed-inventory §1.4, §2 technologies), its
// enumerations, the request rules, and its JSON form.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace cc {

class JsonWriter;

const std::vector<std::string>& technology_domains();
const std::vector<std::string>& technology_statuses();
const std::vector<std::string>& integration_difficulties();
const std::vector<std::string>& maturity_levels();
const std::vector<std::string>& cost_tiers();

struct Technology {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string title;
  std::optional<std::string> vendor;
  std::string domain = "other";
  std::string status = "discovery";
  std::int64_t relevance_score = 50;
  std::int64_t priority = 3;
  std::optional<std::string> description;
  std::optional<std::string> notes;
  std::optional<std::string> use_cases;
  std::optional<std::string> documentation_url;
  std::optional<std::string> repository_url;
  std::optional<std::string> website_url;
  std::optional<std::string> tags;
  std::optional<double> latency_ms;
  std::optional<std::int64_t> throughput_qps;
  std::optional<std::string> integration_difficulty;
  std::optional<std::int64_t> integration_time_estimate_days;
  std::optional<std::string> maturity_level;
  std::optional<std::int64_t> stability_score;
  std::optional<std::string> cost_tier;
  std::optional<double> cost_monthly_usd;
  std::optional<std::string> dependencies;  // JSON text
  std::optional<std::string> alternatives;
  std::optional<Timestamp> last_hn_mention;
  std::optional<std::int64_t> hn_score_avg;
  std::optional<std::int64_t> github_stars;
  std::optional<Timestamp> github_last_commit;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  std::string etag() const;
};

void write_json(JsonWriter& w, const Technology& t);
void write_fields(JsonWriter& w, const Technology& t);

// Body of POST (Mode::Create) and PATCH (Mode::Patch). Besides the columns it accepts `reason` (kept in the
// history when status or domain change) and `project_id` (selects the project).
const validation::ObjectSpec& technology_spec();

struct TechnologyHistoryEntry {
  std::int64_t id = 0;
  std::int64_t technology_id = 0;
  std::string field;
  std::optional<std::string> from_value;
  std::string to_value;
  std::optional<std::string> reason;
  std::optional<std::int64_t> changed_by;
  std::optional<std::string> changed_by_email;
  Timestamp changed_at;
};

void write_json(JsonWriter& w, const TechnologyHistoryEntry& e);

// Normalises a comma-separated tag list: trimmed, de-duplicated (case-insensitively), joined with ", ".
std::string normalize_tags(std::string_view tags);

}  // namespace cc

namespace cc {

struct SortKey {
  std::string field;
  bool descending = false;
};

// What GET /technologies filters by; every given filter applies (they combine with AND).
struct TechnologyQuery {
  std::vector<std::string> domains;
  std::vector<std::string> statuses;
  std::optional<std::string> search;
  std::vector<std::string> tags;  // lower-case; a technology must carry all of them
  std::optional<std::int64_t> priority_min, priority_max, relevance_min, relevance_max;
  std::vector<SortKey> sort;  // default: -updated_at
};

const std::vector<std::string>& technology_sort_fields();

// Applies the columns in `changes` to `t` (names are the ObjectSpec's, already validated).
class FieldChanges;
void apply_changes(Technology& t, const FieldChanges& changes);

}  // namespace cc
