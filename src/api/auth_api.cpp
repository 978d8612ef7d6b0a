// /api/v1/auth: first-run setup, register, login, refresh, me, logout, accept-invite.
#include "api/guards.hpp"
#include "api/responses.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/validation.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;
using validation::Mode;
using validation::ObjectSpec;

namespace {

constexpr std::size_t kMaxPassword = 256;

const ObjectSpec& register_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("UserRegister");
    s.field("email").email().required().not_null();
    s.field("password").string(8, kMaxPassword).no_trim().required().not_null().write_only();
    s.field("full_name").text(255);
    return s;
  }();
  return spec;
}

const ObjectSpec& login_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("UserLogin");
    s.field("email").email().required().not_null();
    s.field("password").string(8, kMaxPassword).no_trim().required().not_null().write_only();
    return s;
  }();
  return spec;
}

const ObjectSpec& refresh_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("TokenRefresh");
    s.field("refresh_token").string(1, 512).required().not_null().write_only();
    return s;
  }();
  return spec;
}

const ObjectSpec& logout_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("Logout", "Optional: without a body the session of the access token in use ends");
    s.field("refresh_token").string(1, 512).write_only();
    return s;
  }();
  return spec;
}

const ObjectSpec& setup_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("Setup", "Creates the first administrator and their first project");
    s.field("token").string(1, 256).required().not_null().describe(
        "The setup token printed in the server log");
    s.field("email").email().required().not_null();
    s.field("password").string(8, kMaxPassword).no_trim().required().not_null().write_only();
    s.field("full_name").text(255);
    s.field("project_name").string(1, 255).required().not_null();
    return s;
  }();
  return spec;
}

const ObjectSpec& accept_invite_spec() {
  static const ObjectSpec spec = [] {
    ObjectSpec s("AcceptInvite");
    s.field("token").string(1, 256).required().not_null().describe(
        "The invite_token given when you were added");
    s.field("password").string(8, kMaxPassword).no_trim().required().not_null().write_only();
    s.field("full_name").text(255);
    return s;
  }();
  return spec;
}

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return std::string(v->as_string());
}

std::string required_string(const boost::json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

services::ClientInfo client_of(const RequestContext& ctx) {
  return {ctx.request.remote_address, std::string(ctx.header("user-agent").value_or(""))};
}

void write_tokens(JsonWriter& w, const services::TokenPair& t) {
  w.field("access_token", t.access_token)
      .field("refresh_token", t.refresh_token)
      .field("token_type", "bearer")
      .field("expires_in", t.expires_in);
}

Response token_response(const services::TokenPair& t) {
  JsonWriter w;
  w.begin_object();
  write_tokens(w, t);
  w.end_object();
  return Response::json(200, w.take());
}

}  // namespace

void register_auth_routes(http::Router& router, ApiDependencies& deps) {
  auto& auth = deps.auth;

  router
      .add(Method::Get, "/api/v1/auth/setup",
           [&auth](RequestContext&) {
             JsonWriter w;
             w.begin_object()
                 .field("setup_required", auth.setup_required())
                 .field("registration_open", auth.registration_open())
                 .end_object();
             return Response::json(200, w.take());
           })
      .describe("Whether the installation still needs its first administrator", "auth")
      .public_route()
      .responds(200, ref("SetupStatus"));

  router
      .add(Method::Post, "/api/v1/auth/setup",
           [&auth](RequestContext& ctx) {
             auto body = setup_spec().validate(ctx.json(), Mode::Create);
             services::SetupInput input{required_string(body, "token"), required_string(body, "email"),
                                        required_string(body, "password"), optional_string(body, "full_name"),
                                        required_string(body, "project_name")};
             auto result = auth.setup(input, client_of(ctx), ctx.request_id);
             JsonWriter w;
             w.begin_object();
             w.key("user");
             write_json(w, result.user);
             w.key("project");
             write_json(w, result.project);
             write_tokens(w, result.tokens);
             w.end_object();
             return Response::json(201, w.take());
           })
      .describe("First run: create the first administrator and project with the setup token", "auth")
      .public_route()
      .body(setup_spec(), Mode::Create)
      .heavy()
      .limit_by_ip(deps.limits.login)
      .responds(201, ref("SetupResult"))
      .errors({401, 409, 429});

  router
      .add(Method::Post, "/api/v1/auth/register",
           [&auth](RequestContext& ctx) {
             auto body = register_spec().validate(ctx.json(), Mode::Create);
             auto user = auth.register_user(required_string(body, "email"), required_string(body, "password"),
                                            optional_string(body, "full_name"), ctx.request_id);
             return entity_response(201, user);
           })
      .describe("Create an account (when registration is open)", "auth")
      .public_route()
      .body(register_spec(), Mode::Create)
      .heavy()
      .limit_by_ip(deps.limits.registration)
      .responds(201, ref("User"))
      .errors({403, 409, 429});

  router
      .add(Method::Post, "/api/v1/auth/login",
           [&auth](RequestContext& ctx) {
             auto body = login_spec().validate(ctx.json(), Mode::Create);
             return token_response(auth.login(required_string(body, "email"),
                                              required_string(body, "password"), client_of(ctx)));
           })
      .describe("Sign in with email and password", "auth")
      .public_route()
      .body(login_spec(), Mode::Create)
      .heavy()
      .limit_by_ip(deps.limits.login)
      .responds(200, ref("TokenPair"))
      .errors({401, 403, 429});

  router
      .add(Method::Post, "/api/v1/auth/refresh",
           [&auth](RequestContext& ctx) {
             auto body = refresh_spec().validate(ctx.json(), Mode::Create);
             return token_response(auth.refresh(required_string(body, "refresh_token"), client_of(ctx)));
           })
      .describe("Exchange a refresh token for a new pair (the old one stops working)", "auth")
      .public_route()
      .body(refresh_spec(), Mode::Create)
      .limit_by_ip(deps.limits.refresh)
      .responds(200, ref("TokenPair"))
      .errors({401, 429});

  router
      .add(Method::Get, "/api/v1/auth/me",
           [&auth](RequestContext& ctx) { return entity_response(200, auth.me(ctx.caller())); })
      .describe("The signed-in user", "auth")
      .with_guard(authenticated(deps.access))
      .responds(200, ref("User"));

  router
      .add(Method::Post, "/api/v1/auth/logout",
           [&auth](RequestContext& ctx) {
             std::optional<std::string> refresh;
             if (ctx.has_body())
               refresh = optional_string(logout_spec().validate(ctx.json(), Mode::Patch), "refresh_token");
             auth.logout(ctx.caller(), refresh);
             return Response::json(200, R"({"message":"Successfully logged out"})");
           })
      .describe("End the session: its refresh tokens and access tokens stop working", "auth")
      .with_guard(authenticated(deps.access))
      .body(logout_spec(), Mode::Patch)
      .responds(200, ref("Message"));

  router
      .add(Method::Post, "/api/v1/auth/accept-invite",
           [&auth](RequestContext& ctx) {
             auto body = accept_invite_spec().validate(ctx.json(), Mode::Create);
             return token_response(auth.accept_invite(required_string(body, "token"),
                                                      required_string(body, "password"),
                                                      optional_string(body, "full_name"), client_of(ctx)));
           })
      .describe("Set a password for an invited account and sign in", "auth")
      .public_route()
      .body(accept_invite_spec(), Mode::Create)
      .heavy()
      .limit_by_ip(deps.limits.login)
      .responds(200, ref("TokenPair"))
      .errors({401, 429});
}

}  // namespace cc::api
