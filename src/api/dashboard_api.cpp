// /api/v1/dashboard/stats and /api/v1/dashboard/recent-activity.
#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

const validation::QuerySpec& activity_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("limit", 1, 100, "Items per list", 10);
    add_project_param(q);
    return q;
  }();
  return spec;
}

}  // namespace

void register_dashboard_routes(http::Router& router, ApiDependencies& deps) {
  auto& dashboard = deps.dashboard;
  auto& access = deps.access;

  router
      .add(Method::Get, "/api/v1/dashboard/stats",
           [&dashboard](RequestContext& ctx) {
             return Response::json(200, dashboard.stats_json(ctx.project()));
           })
      .describe("Counts across the project: repositories, technologies, research tasks, knowledge",
                "dashboard")
      .with_guard(project_role(access, Role::Viewer))
      .headers({"X-Project-ID"})
      .responds(200, ref("DashboardStats"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/dashboard/recent-activity",
           [&dashboard](RequestContext& ctx) {
             auto values = activity_query().validate(ctx.request.query());
             return entity_response(
                 200, dashboard.recent_activity(ctx.project(), values.integer("limit").value_or(10)));
           })
      .describe("The most recently changed repositories, technologies, tasks and knowledge entries",
                "dashboard")
      .with_guard(project_role(access, Role::Viewer))
      .query(activity_query())
      .headers({"X-Project-ID"})
      .responds(200, ref("RecentActivity"))
      .errors({403, 404});
}

}  // namespace cc::api
