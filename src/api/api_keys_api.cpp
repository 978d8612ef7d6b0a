// /api/v1/auth/api-keys: create (secret shown once), list and revoke the caller's API keys.
#include <fmt/format.h>

#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "domain/role.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;
using validation::ObjectSpec;

namespace {

const ObjectSpec& api_key_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("ApiKeyCreate");
    s.field("name").string(1, 100).required().not_null().example("CI pipeline");
    s.field("project_id").integer(1).not_null().describe("Defaults to X-Project-ID or your default project");
    s.field("role")
        .one_of(role_names())
        .not_null()
        .describe("At most your own role; defaults to member (or yours if lower)");
    s.field("expires_at").date_time().describe("Optional expiry");
    return s;
  }();
  return spec;
}

}  // namespace

void register_api_key_routes(http::Router& router, ApiDependencies& deps) {
  auto& keys = deps.api_keys;

  router
      .add(Method::Post, "/api/v1/auth/api-keys",
           [&keys](RequestContext& ctx) {
             auto body = api_key_spec().validate(ctx.json(), Mode::Create);
             const auto& scope = ctx.project();
             services::NewApiKeyInput input;
             input.name = std::string(body.at("name").as_string());
             input.project_id = scope.project_id;
             input.role = at_least(scope.role, Role::Member) ? Role::Member : scope.role;
             if (const auto* role = body.if_contains("role")) input.role = *parse_role(role->as_string());
             if (const auto* expires = body.if_contains("expires_at"); expires && !expires->is_null()) {
               input.expires_at = parse_rfc3339(expires->as_string());
             }
             auto created = keys.create(ctx.caller(), input, ctx.actor());
             JsonWriter w;
             write_json(w, created.key, created.secret);
             auto response = Response::json(201, w.take());
             response.set_header("Location", fmt::format("/api/v1/auth/api-keys/{}", created.key.id));
             return response;
           })
      .describe("Create an API key for one project (the secret is returned only here)", "auth")
      .with_guard(project_role(deps.access, Role::Viewer))
      .body(api_key_spec(), Mode::Create)
      .headers({"X-Project-ID"})
      .responds(201, ref("ApiKeyCreated"))
      .errors({403, 404});

  router
      .add(Method::Get, "/api/v1/auth/api-keys",
           [&keys](RequestContext& ctx) { return Response::json(200, json_array(keys.list(ctx.caller()))); })
      .describe("Your API keys (never their secrets)", "auth")
      .with_guard(authenticated(deps.access))
      .responds(200, array_of("ApiKey"));

  router
      .add(Method::Delete, "/api/v1/auth/api-keys/{key_id}",
           [&keys](RequestContext& ctx) {
             keys.revoke(ctx.caller(), ctx.path_id("key_id"), ctx.actor());
             return Response::no_content();
           })
      .describe("Revoke one of your API keys", "auth")
      .with_guard(authenticated(deps.access))
      .responds(204)
      .errors({404});
}

}  // namespace cc::api
