#pragma once
// What the API layer is built from; assembled in main and passed to every register_* function.
#include <functional>
#include <string>

#include "core/json_writer.hpp"
#include "db/database.hpp"
#include "events/event_bus.hpp"
#include "http/metrics.hpp"
#include "http/rate_limiter.hpp"
#include "http/static_files.hpp"
#include "jobs/job_handler.hpp"
#include "services/access_service.hpp"
#include "services/api_key_service.hpp"
#include "services/audit_service.hpp"
#include "services/auth_service.hpp"
#include "services/code_repository_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/job_service.hpp"
#include "services/knowledge_service.hpp"
#include "services/project_service.hpp"
#include "services/research_task_service.hpp"
#include "services/schedule_service.hpp"
#include "services/technology_service.hpp"
#include "services/ws_ticket_service.hpp"

namespace cc::api {

struct RateLimiters {
  http::RateLimiter& login;
  http::RateLimiter& registration;
  http::RateLimiter& refresh;
};

struct ApiDependencies {
  db::Database& database;
  services::AccessService& access;
  services::AuthService& auth;
  services::ApiKeyService& api_keys;
  services::ProjectService& projects;
  services::TechnologyService& technologies;
  services::AuditService& audit;
  services::CodeRepositoryService& repositories;
  services::ResearchTaskService& research_tasks;
  services::KnowledgeService& knowledge;
  services::DashboardService& dashboard;
  services::JobService& jobs;
  services::ScheduleService& schedules;
  services::WsTicketService& tickets;
  const jobs::HandlerRegistry& job_handlers;
  events::EventBus& events;
  RateLimiters limits;
  http::Metrics& metrics;
  http::StaticFiles& assets;
  // Empty string when ready; otherwise why not (database unreachable, migrations pending).
  std::function<std::string()> readiness;
  // This process's job workers and scheduler, as the members of a /health/detailed component object.
  std::function<void(JsonWriter&)> write_job_health;
};

}  // namespace cc::api
