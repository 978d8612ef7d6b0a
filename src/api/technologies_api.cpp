// /api/v1/technologies: list with combined filters, get, create, patch, delete, and the move history.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;

namespace {

constexpr std::size_t kMaxTags = 5;
constexpr std::size_t kMaxSortKeys = 3;

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    q.one_of("domain", technology_domains(), "Only these domains", true);
    q.one_of("status", technology_statuses(), "Only these statuses", true);
    q.string("search", 200, "Substring of title, description or tags (case-insensitive)");
    q.string("tag", 500, "Only technologies carrying every one of these comma-separated tags");
    q.integer("priority_min", 1, 5, "Lowest priority");
    q.integer("priority_max", 1, 5, "Highest priority");
    q.integer("relevance_min", 0, 100, "Lowest relevance score");
    q.integer("relevance_max", 0, 100, "Highest relevance score");
    q.string("sort", 100,
             "Comma-separated fields, '-' for descending: title, priority, relevance_score, status, domain, "
             "created_at, updated_at (default -updated_at)");
    add_project_param(q);
    return q;
  }();
  return spec;
}

TechnologyQuery parse_query(const validation::QueryValues& v) {
  TechnologyQuery q;
  q.domains = v.list("domain");
  q.statuses = v.list("status");
  q.search = v.string("search");
  if (auto tags = v.string("tag")) {
    for (auto& tag : split(*tags, ',')) q.tags.push_back(to_lower(tag));
    if (q.tags.size() > kMaxTags) {
      throw Error::validation("query.tag", fmt::format("at most {} tags", kMaxTags), "too_long");
    }
  }
  q.priority_min = v.integer("priority_min");
  q.priority_max = v.integer("priority_max");
  q.relevance_min = v.integer("relevance_min");
  q.relevance_max = v.integer("relevance_max");
  if (auto sort = v.string("sort")) {
    const auto& allowed = technology_sort_fields();
    for (auto& key : split(*sort, ',')) {
      SortKey k;
      k.descending = key.starts_with('-');
      k.field = k.descending ? key.substr(1) : key;
      if (std::find(allowed.begin(), allowed.end(), k.field) == allowed.end()) {
        throw Error::validation(
            "query.sort",
            fmt::format("cannot sort by '{}'; use one of: {}", k.field, fmt::join(allowed, ", ")), "enum");
      }
      q.sort.push_back(std::move(k));
    }
    if (q.sort.size() > kMaxSortKeys) {
      throw Error::validation("query.sort", fmt::format("at most {} sort fields", kMaxSortKeys), "too_long");
    }
  }
  return q;
}

Response technology_response(int status, const Technology& t) {
  auto r = entity_response(status, t);
  r.set_header("ETag", t.etag());
  return r;
}

std::optional<services::IdempotencyRequest> idempotency(RequestContext& ctx) {
  auto key = ctx.header("idempotency-key");
  if (!key) return std::nullopt;
  if (key->empty() || key->size() > 255 ||
      std::any_of(key->begin(), key->end(), [](char c) { return c < 0x21 || c > 0x7e; })) {
    throw Error::validation("Idempotency-Key", "must be 1 to 255 visible ASCII characters", "format");
  }
  return services::IdempotencyRequest{
      ctx.caller().user_id, fmt::format("POST /api/v1/technologies project={}", ctx.project().project_id),
      std::string(*key), crypto::sha256_hex(to_canonical_json(ctx.json()))};
}

std::optional<std::string> reason_of(const boost::json::object& body) {
  const auto* r = body.if_contains("reason");
  if (!r || r->is_null()) return std::nullopt;
  return std::string(r->as_string());
}

constexpr std::int64_t kMovesPerPage = 1000;

const validation::QuerySpec& moves_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q, kMovesPerPage, kMovesPerPage);
    q.date_time("since", "Only moves at or after this time");
    return q;
  }();
  return spec;
}

}  // namespace

void register_technology_routes(http::Router& router, ApiDependencies& deps) {
  auto& technologies = deps.technologies;
  auto& access = deps.access;

  router
      .add(Method::Get, "/api/v1/technologies",
           [&technologies](RequestContext& ctx) {
             auto values = list_query().validate(ctx.request.query());
             auto page = page_request(values);
             return page_response(technologies.list(ctx.project(), parse_query(values), page), page);
           })
      .describe("Technologies of the project; every given filter applies", "technologies")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("TechnologyPage"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/technologies/moves",
           [&technologies](RequestContext& ctx) {
             auto values = moves_query().validate(ctx.request.query());
             auto page = page_request(values, kMovesPerPage);
             return array_page_response(ctx, page,
                                        technologies.moves(ctx.project(), values.date_time("since"), page));
           })
      .describe(
          "Every status and domain move of the project's technologies (creations excluded), newest "
          "first; X-Total-Count and Link page through them",
          "technologies")
      .with_guard(project_role(access, Role::Viewer))
      .query(moves_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("TechnologyHistoryEntry"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/technologies/{technology_id}",
           [&technologies](RequestContext& ctx) {
             return technology_response(200, technologies.get(ctx.project(), ctx.path_id("technology_id")));
           })
      .describe("One technology (with ETag)", "technologies")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("Technology"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/technologies",
           [&technologies](RequestContext& ctx) {
             auto body = technology_spec().validate(ctx.json(), Mode::Create);
             auto fields = FieldChanges::from_json(technology_spec(), body, {"reason", "project_id"});
             auto created =
                 technologies.create(ctx.project(), fields, reason_of(body), idempotency(ctx), ctx.actor());
             auto r = Response::json(201, std::move(created.body));
             r.set_header("Location", fmt::format("/api/v1/technologies/{}", created.id));
             r.set_header("ETag", created.etag);
             if (created.replayed) r.set_header("Idempotent-Replayed", "true");
             return r;
           })
      .describe("Add a technology (Idempotency-Key makes retries safe)", "technologies")
      .with_guard(project_role(access, Role::Member))
      .body(technology_spec(), Mode::Create)
      .headers({"X-Project-ID", "Idempotency-Key"})
      .responds(201, ref("Technology"))
      .errors({403, 404, 409});

  router
      .add(Method::Patch, "/api/v1/technologies/{technology_id}",
           [&technologies](RequestContext& ctx) {
             auto body = technology_spec().validate(ctx.json(), Mode::Patch);
             auto fields = FieldChanges::from_json(technology_spec(), body, {"reason", "project_id"});
             return technology_response(
                 200, technologies.update(ctx.project(), ctx.path_id("technology_id"), fields,
                                          reason_of(body), if_match(ctx), ctx.actor()));
           })
      .describe("Change a technology; status and domain moves go into its history", "technologies")
      .with_guard(project_role(access, Role::Member))
      .body(technology_spec(), Mode::Patch)
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("Technology"))
      .errors({403, 404, 409, 412});

  router
      .add(Method::Delete, "/api/v1/technologies/{technology_id}",
           [&technologies](RequestContext& ctx) {
             technologies.remove(ctx.project(), ctx.path_id("technology_id"), if_match(ctx), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a technology", "technologies")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID", "If-Match"})
      .responds(204)
      .errors({403, 404, 412});

  router
      .add(Method::Get, "/api/v1/technologies/{technology_id}/history",
           [&technologies](RequestContext& ctx) {
             return Response::json(
                 200, json_array(technologies.history(ctx.project(), ctx.path_id("technology_id"))));
           })
      .describe("Every status and domain move of a technology: from, to, who, when, why", "technologies")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, array_of("TechnologyHistoryEntry"))
      .errors({404});
}

}  // namespace cc::api
