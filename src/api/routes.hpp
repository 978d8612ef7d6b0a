#pragma once
// Mounts every resource's routes on the router. One function per resource file; this file only mounts.
#include "api/api_dependencies.hpp"
#include "http/router.hpp"

namespace cc::api {

void register_system_routes(http::Router& router, ApiDependencies& deps);
void register_auth_routes(http::Router& router, ApiDependencies& deps);
void register_api_key_routes(http::Router& router, ApiDependencies& deps);
void register_project_routes(http::Router& router, ApiDependencies& deps);
void register_technology_routes(http::Router& router, ApiDependencies& deps);
void register_audit_routes(http::Router& router, ApiDependencies& deps);
void register_repository_routes(http::Router& router, ApiDependencies& deps);
void register_research_task_routes(http::Router& router, ApiDependencies& deps);
void register_knowledge_routes(http::Router& router, ApiDependencies& deps);
void register_dashboard_routes(http::Router& router, ApiDependencies& deps);
void register_job_routes(http::Router& router, ApiDependencies& deps);
void register_batch_routes(http::Router& router, ApiDependencies& deps);
void register_schedule_routes(http::Router& router, ApiDependencies& deps);
void register_websocket_routes(http::Router& router, ApiDependencies& deps);

inline void register_all_routes(http::Router& router, ApiDependencies& deps) {
  register_system_routes(router, deps);
  register_auth_routes(router, deps);
  register_api_key_routes(router, deps);
  register_project_routes(router, deps);
  register_technology_routes(router, deps);
  register_audit_routes(router, deps);
  register_repository_routes(router, deps);
  register_research_task_routes(router, deps);
  register_knowledge_routes(router, deps);
  register_dashboard_routes(router, deps);
  register_job_routes(router, deps);
  register_batch_routes(router, deps);
  register_schedule_routes(router, deps);
  register_websocket_routes(router, deps);
}

}  // namespace cc::api
