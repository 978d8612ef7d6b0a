// GET /api/v1/audit: the project's audit trail, for project admins; GET /api/v1/audit/instance: what no
// project shows, for site administrators.
#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

// Every action the services record.
const std::vector<std::string> kActions{"create", "update",   "delete", "sync",  "invite", "accept_invite",
                                        "import", "dispatch", "cancel", "rerun", "execute"};

// The filters both audit logs take.
void add_audit_filters(validation::QuerySpec& q) {
  add_pagination_params(q);
  q.string("entity", 50, "Entity type: project, member, technology, api_key, user, ...");
  q.string("entity_id", 50, "Id of the entity");
  q.one_of("action", kActions, "What happened");
  q.integer("actor", 1, std::nullopt, "User id of who did it");
  q.date_time("since", "Entries at or after this time");
  q.date_time("until", "Entries before this time");
}

const validation::QuerySpec& audit_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_audit_filters(q);
    add_project_param(q);
    return q;
  }();
  return spec;
}

const validation::QuerySpec& instance_audit_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_audit_filters(q);
    q.integer("deleted_project", 1, std::nullopt, "Only the entries of this deleted project");
    return q;
  }();
  return spec;
}

repositories::AuditQuery audit_filters(const validation::QueryValues& values) {
  repositories::AuditQuery q;
  q.entity = values.string("entity");
  q.entity_id = values.string("entity_id");
  q.action = values.string("action");
  q.actor_user_id = values.integer("actor");
  q.since = values.date_time("since");
  q.until = values.date_time("until");
  return q;
}

}  // namespace

void register_audit_routes(http::Router& router, ApiDependencies& deps) {
  auto& audit = deps.audit;
  router
      .add(Method::Get, "/api/v1/audit",
           [&audit](RequestContext& ctx) {
             auto values = audit_query().validate(ctx.request.query());
             auto page = page_request(values);
             return page_response(audit.list(ctx.project(), audit_filters(values), page), page);
           })
      .describe("Who changed what and when, newest first (project admins)", "audit")
      .with_guard(project_role(deps.access, Role::Admin))
      .query(audit_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("AuditPage"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/audit/instance",
           [&audit](RequestContext& ctx) {
             auto values = instance_audit_query().validate(ctx.request.query());
             auto page = page_request(values);
             return page_response(audit.list_instance(ctx.caller(), values.integer("deleted_project"),
                                                      audit_filters(values), page),
                                  page);
           })
      .describe(
          "What no project's audit log shows, newest first (site administrators): users created, invitations "
          "accepted, and every entry of deleted projects, their deletion included",
          "audit")
      .with_guard(authenticated(deps.access))
      .query(instance_audit_query())
      .responds(200, ref("AuditPage"))
      .errors({401, 403});
}

}  // namespace cc::api
