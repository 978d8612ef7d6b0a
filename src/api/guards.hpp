#pragma once
// Guards run before a handler: they authenticate the caller and resolve the project and role the request acts
// with. Routes declare them; handlers never repeat these checks.
#include <string>

#include "core/validation.hpp"
#include "domain/role.hpp"
#include "http/route.hpp"
#include "services/access_service.hpp"

namespace cc::api {

// Any signed-in user or API key.
http::Guard authenticated(services::AccessService& access);
// A member of the request's project (X-Project-ID, else project_id in the body or query, else the caller's
// default project) holding at least `role`.
http::Guard project_role(services::AccessService& access, Role role);
// A member of the project named by the path parameter `param`, holding at least `role`.
http::Guard path_project_role(services::AccessService& access, Role role, std::string param = "project_id");

// The optional `project_id` query parameter that project_role() reads, declared so that it is validated and
// documented like any other.
validation::QuerySpec& add_project_param(validation::QuerySpec& q);
// A query of `project_id` alone, for project-scoped routes that take no other parameters.
const validation::QuerySpec& project_only_query();

}  // namespace cc::api
