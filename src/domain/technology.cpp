#include "domain/technology.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/json_writer.hpp"
#include "core/strings.hpp"

namespace cc {

const std::vector<std::string>& technology_domains() {
  static const std::vector<std::string> v = {"audio-dsp", "ai-ml",          "music-theory", "performance",
                                             "ui-ux",     "infrastructure", "other"};
  return v;
}

const std::vector<std::string>& technology_statuses() {
  static const std::vector<std::string> v = {"discovery",      "research",   "evaluation",
                                             "implementation", "integrated", "archived"};
  return v;
}

const std::vector<std::string>& integration_difficulties() {
  static const std::vector<std::string> v = {"trivial", "easy", "moderate", "complex", "very_complex"};
  return v;
}

const std::vector<std::string>& maturity_levels() {
  static const std::vector<std::string> v = {"alpha", "beta", "stable", "mature", "legacy"};
  return v;
}

const std::vector<std::string>& cost_tiers() {
  static const std::vector<std::string> v = {"free",     "freemium",  "affordable",
                                             "moderate", "expensive", "enterprise"};
  return v;
}

std::string Technology::etag() const {
  return fmt::format("\"t{}v{}\"", id, version);
}

void write_json(JsonWriter& w, const Technology& t) {
  w.begin_object();
  write_fields(w, t);
  w.end_object();
}

void write_fields(JsonWriter& w, const Technology& t) {
  w.field("id", t.id)
      .field("project_id", t.project_id)
      .field("title", t.title)
      .field("vendor", t.vendor)
      .field("domain", t.domain)
      .field("status", t.status)
      .field("relevance_score", t.relevance_score)
      .field("priority", t.priority)
      .field("description", t.description)
      .field("notes", t.notes)
      .field("use_cases", t.use_cases)
      .field("documentation_url", t.documentation_url)
      .field("repository_url", t.repository_url)
      .field("website_url", t.website_url)
      .field("tags", t.tags)
      .field("latency_ms", t.latency_ms)
      .field("throughput_qps", t.throughput_qps)
      .field("integration_difficulty", t.integration_difficulty)
      .field("integration_time_estimate_days", t.integration_time_estimate_days)
      .field("maturity_level", t.maturity_level)
      .field("stability_score", t.stability_score)
      .field("cost_tier", t.cost_tier)
      .field("cost_monthly_usd", t.cost_monthly_usd);
  if (t.dependencies) {
    w.raw_field("dependencies", *t.dependencies);
  } else {
    w.field("dependencies", nullptr);
  }
  w.field("alternatives", t.alternatives)
      .field("last_hn_mention", t.last_hn_mention)
      .field("hn_score_avg", t.hn_score_avg)
      .field("github_stars", t.github_stars)
      .field("github_last_commit", t.github_last_commit)
      .field("version", t.version)
      .field("created_at", t.created_at)
      .field("updated_at", t.updated_at);
}

const validation::ObjectSpec& technology_spec() {
  static const validation::ObjectSpec spec = [] {
    validation::ObjectSpec s("Technology", "A technology tracked on the radar");
    s.field("title")
        .string(1, 255)
        .required()
        .not_null()
        .describe("Unique within the project")
        .example("Rust");
    s.field("vendor").text(255);
    s.field("domain").one_of(technology_domains()).not_null().default_value("other");
    s.field("status").one_of(technology_statuses()).not_null().default_value("discovery");
    s.field("relevance_score").integer(0, 100).not_null().default_value(50);
    s.field("priority").integer(1, 5).not_null().default_value(3).describe("1 (lowest) to 5 (highest)");
    s.field("description").text(20000);
    s.field("notes").text(20000);
    s.field("use_cases").text(20000);
    s.field("documentation_url").url(512);
    s.field("repository_url").url(512);
    s.field("website_url").url(512);
    s.field("tags").text(1000).describe("Comma-separated tags").example("systems, memory-safety");
    s.field("latency_ms").number(0.0, 1e9).describe("P99 latency in milliseconds");
    s.field("throughput_qps").integer(0, 1'000'000'000'000);
    s.field("integration_difficulty").one_of(integration_difficulties());
    s.field("integration_time_estimate_days").integer(0, 10000);
    s.field("maturity_level").one_of(maturity_levels());
    s.field("stability_score").integer(0, 100);
    s.field("cost_tier").one_of(cost_tiers());
    s.field("cost_monthly_usd").number(0.0, 1e12);
    s.field("dependencies").object(16384).describe("Map of technology id to relationship");
    s.field("alternatives").text(1000).describe("Comma-separated technology ids");
    s.field("last_hn_mention").date_time();
    s.field("hn_score_avg").integer(0, 1'000'000);
    s.field("github_stars").integer(0, 1'000'000'000);
    s.field("github_last_commit").date_time();
    s.field("reason").text(2000).describe("Why status or domain changed; kept in the history");
    s.field("project_id").integer(1).not_null().describe("Project to act in (else X-Project-ID or default)");
    return s;
  }();
  return spec;
}

void write_json(JsonWriter& w, const TechnologyHistoryEntry& e) {
  w.begin_object()
      .field("id", e.id)
      .field("technology_id", e.technology_id)
      .field("field", e.field)
      .field("from", e.from_value)
      .field("to", e.to_value)
      .field("reason", e.reason)
      .field("changed_by", e.changed_by)
      .field("changed_by_email", e.changed_by_email)
      .field("changed_at", e.changed_at)
      .end_object();
}

std::string normalize_tags(std::string_view tags) {
  std::vector<std::string> unique;
  std::vector<std::string> lowered;
  for (auto& tag : split(tags, ',')) {
    auto key = to_lower(tag);
    if (std::find(lowered.begin(), lowered.end(), key) != lowered.end()) continue;
    lowered.push_back(std::move(key));
    unique.push_back(std::move(tag));
  }
  return fmt::format("{}", fmt::join(unique, ", "));
}

}  // namespace cc

#include "domain/field_assign.hpp"
#include "domain/field_changes.hpp"

namespace cc {

const std::vector<std::string>& technology_sort_fields() {
  static const std::vector<std::string> v = {"title",  "priority",   "relevance_score", "status",
                                             "domain", "created_at", "updated_at"};
  return v;
}

void apply_changes(Technology& t, const FieldChanges& changes) {
  using field_assign::assign;
  using field_assign::assign_required;
  for (const auto& [name, v] : changes.values()) {
    if (name == "title")
      assign_required(t.title, v);
    else if (name == "vendor")
      assign(t.vendor, v);
    else if (name == "domain")
      assign_required(t.domain, v);
    else if (name == "status")
      assign_required(t.status, v);
    else if (name == "relevance_score")
      assign_required(t.relevance_score, v);
    else if (name == "priority")
      assign_required(t.priority, v);
    else if (name == "description")
      assign(t.description, v);
    else if (name == "notes")
      assign(t.notes, v);
    else if (name == "use_cases")
      assign(t.use_cases, v);
    else if (name == "documentation_url")
      assign(t.documentation_url, v);
    else if (name == "repository_url")
      assign(t.repository_url, v);
    else if (name == "website_url")
      assign(t.website_url, v);
    else if (name == "tags")
      assign(t.tags, v);
    else if (name == "latency_ms")
      assign(t.latency_ms, v);
    else if (name == "throughput_qps")
      assign(t.throughput_qps, v);
    else if (name == "integration_difficulty")
      assign(t.integration_difficulty, v);
    else if (name == "integration_time_estimate_days")
      assign(t.integration_time_estimate_days, v);
    else if (name == "maturity_level")
      assign(t.maturity_level, v);
    else if (name == "stability_score")
      assign(t.stability_score, v);
    else if (name == "cost_tier")
      assign(t.cost_tier, v);
    else if (name == "cost_monthly_usd")
      assign(t.cost_monthly_usd, v);
    else if (name == "dependencies")
      assign(t.dependencies, v);
    else if (name == "alternatives")
      assign(t.alternatives, v);
    else if (name == "last_hn_mention")
      assign(t.last_hn_mention, v);
    else if (name == "hn_score_avg")
      assign(t.hn_score_avg, v);
    else if (name == "github_stars")
      assign(t.github_stars, v);
    else if (name == "github_last_commit")
      assign(t.github_last_commit, v);
  }
}

}  // namespace cc
