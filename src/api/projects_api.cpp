// /api/v1/projects and /api/v1/projects/{project_id}/members.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"
#include "services/project_service.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;
using validation::ObjectSpec;

namespace {

const ObjectSpec& project_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("Project");
    s.field("name").string(1, 255).required().not_null();
    s.field("owner").string(1, 255).not_null().describe("Free text; defaults to your email");
    s.field("description").text(10000);
    return s;
  }();
  return spec;
}

const ObjectSpec& member_add_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("MemberAdd", "Add an existing user (by email or user_id) or invite a new email");
    s.field("email").email().not_null();
    s.field("user_id").integer(1).not_null();
    s.field("role").one_of(role_names()).required().not_null();
    return s;
  }();
  return spec;
}

const ObjectSpec& member_update_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("MemberUpdate");
    s.field("role").one_of(role_names()).required().not_null();
    return s;
  }();
  return spec;
}

const validation::QuerySpec& list_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    return q;
  }();
  return spec;
}

Response project_response(int status, const Project& p) {
  auto r = entity_response(status, p);
  r.set_header("ETag", services::project_etag(p));
  return r;
}

}  // namespace

void register_project_routes(http::Router& router, ApiDependencies& deps) {
  auto& projects = deps.projects;
  auto& access = deps.access;

  router
      .add(Method::Post, "/api/v1/projects",
           [&projects](RequestContext& ctx) {
             auto body = project_spec().validate(ctx.json(), Mode::Create);
             auto p =
                 projects.create(ctx.caller(), FieldChanges::from_json(project_spec(), body), ctx.actor());
             auto r = project_response(201, p);
             r.set_header("Location", fmt::format("/api/v1/projects/{}", p.id));
             return r;
           })
      .describe("Create a project; you become its owner", "projects")
      .with_guard(authenticated(access))
      .body(project_spec(), Mode::Create)
      .responds(201, ref("Project"))
      .errors({403, 409});

  router
      .add(Method::Get, "/api/v1/projects",
           [&projects](RequestContext& ctx) {
             auto page = page_request(list_query().validate(ctx.request.query()));
             return array_page_response(ctx, page, projects.list(ctx.caller(), page));
           })
      .describe("Projects you belong to", "projects")
      .with_guard(authenticated(access))
      .query(list_query())
      .responds(200, array_of("Project"));

  router
      .add(Method::Get, "/api/v1/projects/{project_id}",
           [&projects](RequestContext& ctx) { return project_response(200, projects.get(ctx.project())); })
      .describe("One project", "projects")
      .with_guard(path_project_role(access, Role::Viewer))
      .responds(200, ref("Project"))
      .errors({404});

  router
      .add(Method::Get, "/api/v1/projects/{project_id}/stats",
           [&projects](RequestContext& ctx) {
             auto [p, stats] = projects.stats(ctx.project());
             JsonWriter w;
             w.begin_object();
             write_fields(w, p);
             w.field("repository_count", stats.repository_count)
                 .field("technology_count", stats.technology_count)
                 .field("research_task_count", stats.research_task_count)
                 .field("knowledge_entry_count", stats.knowledge_entry_count)
                 .field("member_count", stats.member_count)
                 .end_object();
             return Response::json(200, w.take());
           })
      .describe("A project with counts of what it holds", "projects")
      .with_guard(path_project_role(access, Role::Viewer))
      .responds(200, ref("ProjectStats"))
      .errors({404});

  router
      .add(Method::Patch, "/api/v1/projects/{project_id}",
           [&projects](RequestContext& ctx) {
             auto body = project_spec().validate(ctx.json(), Mode::Patch);
             return project_response(
                 200, projects.update(ctx.project(), FieldChanges::from_json(project_spec(), body),
                                      if_match(ctx), ctx.actor()));
           })
      .describe("Change a project (admins)", "projects")
      .with_guard(path_project_role(access, Role::Admin))
      .body(project_spec(), Mode::Patch)
      .headers({"If-Match"})
      .responds(200, ref("Project"))
      .errors({403, 404, 409, 412});

  router
      .add(Method::Delete, "/api/v1/projects/{project_id}",
           [&projects](RequestContext& ctx) {
             projects.remove(ctx.project(), if_match(ctx), ctx.actor());
             return Response::no_content();
           })
      .describe("Delete a project and everything in it (owners)", "projects")
      .with_guard(path_project_role(access, Role::Owner))
      .headers({"If-Match"})
      .responds(204)
      .errors({403, 404, 412});

  router
      .add(Method::Get, "/api/v1/projects/{project_id}/members",
           [&projects](RequestContext& ctx) {
             return Response::json(200, json_array(projects.members(ctx.project())));
           })
      .describe("Members of a project and their roles", "projects")
      .with_guard(path_project_role(access, Role::Viewer))
      .responds(200, array_of("Member"))
      .errors({404});

  router
      .add(Method::Post, "/api/v1/projects/{project_id}/members",
           [&projects](RequestContext& ctx) {
             auto body = member_add_spec().validate(ctx.json(), Mode::Create);
             services::AddMemberInput input;
             if (const auto* e = body.if_contains("email")) input.email = std::string(e->as_string());
             if (const auto* u = body.if_contains("user_id")) input.user_id = u->as_int64();
             if (input.email.has_value() == input.user_id.has_value()) {
               throw Error::validation("email", "give either email or user_id", "required");
             }
             input.role = *parse_role(body.at("role").as_string());
             auto added = projects.add_member(ctx.project(), input, ctx.actor());
             JsonWriter w;
             w.begin_object();
             write_fields(w, added.member);
             if (added.invite_token) {
               w.field("invite_token", *added.invite_token)
                   .field("invite_expires_at", *added.invite_expires_at);
             }
             w.end_object();
             auto r = Response::json(201, w.take());
             r.set_header("Location", fmt::format("/api/v1/projects/{}/members/{}", added.member.project_id,
                                                  added.member.user_id));
             return r;
           })
      .describe("Add a member (an unknown email is invited; the response carries the invite token once)",
                "projects")
      .with_guard(path_project_role(access, Role::Admin))
      .body(member_add_spec(), Mode::Create)
      .responds(201, ref("MemberAdded"))
      .errors({403, 404, 409});

  router
      .add(Method::Patch, "/api/v1/projects/{project_id}/members/{user_id}",
           [&projects](RequestContext& ctx) {
             auto body = member_update_spec().validate(ctx.json(), Mode::Create);
             return entity_response(
                 200, projects.change_role(ctx.project(), ctx.path_id("user_id"),
                                           *parse_role(body.at("role").as_string()), ctx.actor()));
           })
      .describe("Change a member's role (admins; owners for the owner role)", "projects")
      .with_guard(path_project_role(access, Role::Admin))
      .body(member_update_spec(), Mode::Create)
      .responds(200, ref("Member"))
      .errors({403, 404, 409});

  router
      .add(Method::Delete, "/api/v1/projects/{project_id}/members/{user_id}",
           [&projects](RequestContext& ctx) {
             projects.remove_member(ctx.project(), ctx.caller().user_id, ctx.path_id("user_id"), ctx.actor());
             return Response::no_content();
           })
      .describe("Remove a member (admins), or leave a project yourself", "projects")
      .with_guard(path_project_role(access, Role::Viewer))
      .responds(204)
      .errors({403, 404, 409});
}

}  // namespace cc::api
