// /api/v1/repositories (with sync from GitHub) and the links between technologies and repositories, which
// answer from either side: /api/v1/technologies/{id}/repositories and /api/v1/repositories/{id}/technologies.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;
using validation::ObjectSpec;

namespace {

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    q.string("owner", 100, "Only repositories of this owner (case-insensitive)");
    q.string("language", 100, "Only repositories in this language (case-insensitive)");
    q.string("search", 200, "Substring of the full name or description");
    add_project_param(q);
    return q;
  }();
  return spec;
}

const ObjectSpec& sync_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("RepositorySync", "Optional; accepted for compatibility with the original clients");
    s.field("force").boolean().describe("Ignored: every sync fetches the current state");
    s.field("project_id").integer(1).not_null();
    return s;
  }();
  return spec;
}

const ObjectSpec& link_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("TechnologyRepositoryLink");
    s.field("repository_id").integer(1).required().not_null();
    s.field("notes").text(2000);
    s.field("project_id").integer(1).not_null();
    return s;
  }();
  return spec;
}

Response repository_response(int status, const CodeRepository& r) {
  auto response = entity_response(status, r);
  response.set_header("ETag", r.etag());
  return response;
}

// A linked technology or repository: its fields, and how it was linked.
template <class T>
void write_linked(JsonWriter& w, const std::pair<T, TechnologyLink>& linked) {
  w.begin_object();
  write_fields(w, linked.first);
  w.key("link");
  write_json(w, linked.second);
  w.end_object();
}

// Link lists are short: a page holds every link of all but the largest repositories.
constexpr std::int64_t kLinksPerPage = 500;

const validation::QuerySpec& links_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q, kLinksPerPage, kLinksPerPage);
    return q;
  }();
  return spec;
}

}  // namespace

void register_repository_routes(http::Router& router, ApiDependencies& deps) {
  auto& repos = deps.repositories;
  auto& access = deps.access;

  router
      .add(Method::Get, "/api/v1/repositories",
           [&repos](RequestContext& ctx) {
             auto values = list_query().validate(ctx.request.query());
             auto page = page_request(values);
             repositories::CodeRepositoryQuery q{values.string("owner"), values.string("language"),
                                                 values.string("search")};
             return array_page_response(ctx, page, repos.list(ctx.project(), q, page));
           })
      .describe("Repositories of the project, newest change first; filters combine", "repositories")
      .with_guard(project_role(access, Role::Viewer))
      .query(list_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("Repository"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/repositories/{repository_id}",
           [&repos](RequestContext& ctx) {
             return repository_response(200, repos.get(ctx.project(), ctx.path_id("repository_id")));
           })
      .describe("One repository (its access token is never returned)", "repositories")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("Repository"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/repositories",
           [&repos](RequestContext& ctx) {
             auto body = repository_create_spec().validate(ctx.json(), Mode::Create);
             auto created = repos.create(
                 ctx.project(), FieldChanges::from_json(repository_create_spec(), body, {"project_id"}),
                 ctx.actor());
             auto r = repository_response(201, created);
             r.set_header("Location", fmt::format("/api/v1/repositories/{}", created.id));
             return r;
           })
      .describe("Track a GitHub repository (an access token is stored encrypted)", "repositories")
      .with_guard(project_role(access, Role::Member))
      .body(repository_create_spec(), Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("Repository"))
      .errors({403, 404, 409});

  router
      .add(Method::Patch, "/api/v1/repositories/{repository_id}",
           [&repos](RequestContext& ctx) {
             auto body = repository_update_spec().validate(ctx.json(), Mode::Patch);
             return repository_response(
                 200, repos.update(ctx.project(), ctx.path_id("repository_id"),
                                   FieldChanges::from_json(repository_update_spec(), body, {"project_id"}),
                                   if_match(ctx), ctx.actor()));
           })
      .describe("Change description, privacy, metadata or the access token (null removes it)", "repositories")
      .with_guard(project_role(access, Role::Member))
      .body(repository_update_spec(), Mode::Patch)
      .headers({"X-Project-ID", "If-Match"})
      .responds(200, ref("Repository"))
      .errors({403, 404, 412});

  router
      .add(Method::Delete, "/api/v1/repositories/{repository_id}",
           [&repos](RequestContext& ctx) {
             repos.remove(ctx.project(), ctx.path_id("repository_id"), if_match(ctx), ctx.actor());
             return Response::no_content();
           })
      .describe("Stop tracking a repository (its links go too; its research tasks stay)", "repositories")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID", "If-Match"})
      .responds(204)
      .errors({403, 404, 412});

  router
      .add(Method::Post, "/api/v1/repositories/{repository_id}/sync",
           [&repos](RequestContext& ctx) {
             if (ctx.has_body()) sync_spec().validate(ctx.json(), Mode::Patch);
             auto result = repos.sync(ctx.project(), ctx.path_id("repository_id"), ctx.actor());
             const auto& r = result.repository;
             JsonWriter w;
             w.begin_object()
                 .field("repository_id", r.id)
                 .field("synced", true)
                 .field("last_commit_sha", r.last_commit_sha)
                 .field("last_commit_message", r.last_commit_message)
                 .field("last_synced_at", r.last_synced_at)
                 .field("changes_detected", result.changes_detected);
             w.key("repository");
             write_json(w, r);
             w.end_object();
             return Response::json(200, w.take());
           })
      .describe("Fetch the repository's metadata and latest commit from GitHub", "repositories")
      .with_guard(project_role(access, Role::Member))
      .body(sync_spec(), Mode::Patch)
      .headers({"X-Project-ID"})
      .responds(200, ref("RepositorySync"))
      .errors({403, 404, 502, 504});

  router
      .add(Method::Get, "/api/v1/repositories/{repository_id}/technologies",
           [&repos](RequestContext& ctx) {
             auto page = page_request(links_query().validate(ctx.request.query()), kLinksPerPage);
             return array_page_response(
                 ctx, page, repos.technologies_of(ctx.project(), ctx.path_id("repository_id"), page),
                 write_linked<Technology>);
           })
      .describe(
          "Technologies this repository uses, with how each link was made; X-Total-Count and Link page "
          "through them",
          "repositories")
      .with_guard(project_role(access, Role::Viewer))
      .query(links_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("LinkedTechnology"))
      .errors({404});

  router
      .add(Method::Get, "/api/v1/technologies/{technology_id}/repositories",
           [&repos](RequestContext& ctx) {
             auto page = page_request(links_query().validate(ctx.request.query()), kLinksPerPage);
             return array_page_response(
                 ctx, page, repos.repositories_of(ctx.project(), ctx.path_id("technology_id"), page),
                 write_linked<CodeRepository>);
           })
      .describe(
          "Repositories that use this technology, with how each link was made; X-Total-Count and Link "
          "page through them",
          "technologies")
      .with_guard(project_role(access, Role::Viewer))
      .query(links_query())
      .headers({"X-Project-ID"})
      .responds(200, array_of("LinkedRepository"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/technologies/{technology_id}/repositories",
           [&repos](RequestContext& ctx) {
             auto body = link_spec().validate(ctx.json(), Mode::Create);
             std::optional<std::string> notes;
             if (const auto* n = body.if_contains("notes"); n && !n->is_null())
               notes = std::string(n->as_string());
             auto technology_id = ctx.path_id("technology_id");
             auto repository_id = body.at("repository_id").as_int64();
             auto link = repos.link(ctx.project(), technology_id, repository_id, notes, ctx.actor());
             auto r = entity_response(201, link);
             r.set_header("Location", fmt::format("/api/v1/technologies/{}/repositories/{}", technology_id,
                                                  repository_id));
             return r;
           })
      .describe("Link a repository of the same project to this technology", "technologies")
      .with_guard(project_role(access, Role::Member))
      .body(link_spec(), Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("TechnologyLink"))
      .errors({403, 404, 409});

  router
      .add(Method::Delete, "/api/v1/technologies/{technology_id}/repositories/{repository_id}",
           [&repos](RequestContext& ctx) {
             repos.unlink(ctx.project(), ctx.path_id("technology_id"), ctx.path_id("repository_id"),
                          ctx.actor());
             return Response::no_content();
           })
      .describe("Remove the link between a technology and a repository", "technologies")
      .with_guard(project_role(access, Role::Member))
      .headers({"X-Project-ID"})
      .responds(204)
      .errors({403, 404});
}

}  // namespace cc::api
