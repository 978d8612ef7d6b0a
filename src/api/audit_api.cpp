// GET /api/v1/audit: the project's audit trail, for project admins.
#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

const validation::QuerySpec& audit_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_pagination_params(q);
    q.string("entity", 50, "Entity type: project, member, technology, api_key, user");
    q.string("entity_id", 50, "Id of the entity");
    q.one_of("action", {"create", "update", "delete", "invite", "accept_invite"}, "What happened");
    q.integer("actor", 1, std::nullopt, "User id of who did it");
    q.date_time("since", "Entries at or after this time");
    q.date_time("until", "Entries before this time");
    add_project_param(q);
    return q;
  }();
  return spec;
}

}  // namespace

void register_audit_routes(http::Router& router, ApiDependencies& deps) {
  auto& audit = deps.audit;
  router
      .add(Method::Get, "/api/v1/audit",
           [&audit](RequestContext& ctx) {
             auto values = audit_query().validate(ctx.request.query());
             auto page = page_request(values);
             repositories::AuditQuery q;
             q.entity = values.string("entity");
             q.entity_id = values.string("entity_id");
             q.action = values.string("action");
             q.actor_user_id = values.integer("actor");
             q.since = values.date_time("since");
             q.until = values.date_time("until");
             return page_response(audit.list(ctx.project(), q, page), page);
           })
      .describe("Who changed what and when, newest first (project admins)", "audit")
      .with_guard(project_role(deps.access, Role::Admin))
      .query(audit_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("AuditPage"))
      .errors({403, 404});
}

}  // namespace cc::api
