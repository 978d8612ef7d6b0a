// /api/v1/knowledge/entries and /api/v1/knowledge/categories.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;

namespace {

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    q.string("category", 100, "Only this category");
    q.integer("technology_id", 1, std::nullopt, "Only entries about this technology");
    q.string("search", 200, "Substring of the title, content or category");
    add_project_param(q);
    return q;
  }();
  return spec;
}

Response entry_response(int status, const KnowledgeEntry& e) {
  auto r = entity_response(status, e);
  r.set_header("ETag", e.etag());
  return r;
}

}  // namespace

void register_knowledge_routes(http::Router& router, ApiDependencies& deps) {
  auto& knowledge = deps.knowledge;
  auto& access = deps.access;
  const auto& spec = knowledge_entry_spec();

  router
      .add(Method::Get, "/api/v1/knowledge/entries",
           [&knowledge](RequestContext& ctx) {
             auto values = list_query().validate(ctx.request.query());
             auto page = page_request(values);
             KnowledgeQuery q{values.string("category"), values.integer("technology_id"),
                              values.string("search")};
             return page_response(knowledge.list(ctx.project(), q, page), page);
           })
      .describe("Knowledge entries of the project, newest change first; filters combine", "knowledge")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("KnowledgeEntryPage"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/knowledge/entries/{entry_id}",
           [&knowledge](RequestContext& ctx) {
             return entry_response(200, knowledge.get(ctx.project(), ctx.path_id("entry_id")));
           })
      .describe("One knowledge entry", "knowledge")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("KnowledgeEntry"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/knowledge/entries",
           [&knowledge, &spec](RequestContext& ctx) {
             auto body = spec.validate(ctx.json(), Mode::Create);
             auto created = knowledge.create(
                 ctx.project(), FieldChanges::from_json(spec, body, {"project_id"}), ctx.actor());
             auto r = entry_response(201, created);
             r.set_header("Location", fmt::format("/api/v1/knowledge/entries/{}", created.id));
             return r;
           })
      .describe("Add a knowledge entry", "knowledge")
      .with_guard(project_role(access, Role::Member))
      .body(spec, Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("KnowledgeEntry"))
      .errors({403, 404});

  router
      .add(Method::Patch, "/api/v1/knowledge/entries/{entry_id}",
           [&knowledge, &spec](RequestContext& ctx) {
             auto body = spec.validate(ctx.json(), Mode::Patch);
             return entry_response(200, knowledge.update(ctx.project(), ctx.path_id("entry_id"),
                                                         FieldChanges::from_json(spec, body, {"project_id"}),
                                                         if_match(ctx), ctx.actor()));
           })
      .describe("Change a knowledge entry", "knowledge")
      .with_guard(project_role(access, Role::Member))
      .body(spec, Mode::Patch)
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("KnowledgeEntry"))
      .errors({403, 404, 412});

  router
      .add(Method::Delete, "/api/v1/knowledge/entries/{entry_id}",
           [&knowledge](RequestContext& ctx) {
             knowledge.remove(ctx.project(), ctx.path_id("entry_id"), if_match(ctx), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a knowledge entry", "knowledge")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID", "If-Match"})
      .responds(204)
      .errors({403, 404, 412});

  router
      .add(Method::Get, "/api/v1/knowledge/categories",
           [&knowledge](RequestContext& ctx) {
             JsonWriter w;
             w.begin_array();
             for (const auto& [category, count] : knowledge.categories(ctx.project())) w.value(category);
             w.end_array();
             return Response::json(200, w.take());
           })
      .describe("The categories in use, alphabetically", "knowledge")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, boost::json::object{{"type", "array"}, {"items", {{"type", "string"}}}})
      .errors({403, 404});
}

}  // namespace cc::api
