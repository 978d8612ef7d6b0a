#include "api/guards.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "http/context.hpp"

namespace cc::api {

namespace {

std::string_view bearer_token(const http::RequestContext& ctx) {
  auto header = ctx.header("authorization");
  if (!header) throw Error::unauthorized();
  auto value = trim(*header);
  if (!starts_with_ci(value, "bearer ")) throw Error::unauthorized("Use Authorization: Bearer <token>");
  return trim(value.substr(7));
}

std::int64_t parse_project_id(std::string_view text, std::string_view field) {
  auto id = parse_int64(trim(text));
  if (!id || *id <= 0) throw Error::validation(std::string(field), "must be a positive integer", "type");
  return *id;
}

// The project named by `project_id` in a JSON body, else in the query.
std::optional<std::int64_t> project_in_request(http::RequestContext& ctx) {
  auto content_type = ctx.header("content-type").value_or("");
  bool json_body = content_type.find("json") != std::string_view::npos;  // uploads carry no project_id
  if (ctx.has_body() && ctx.request.method != http::Method::Get && json_body) {
    const auto& body = ctx.json();
    if (body.is_object()) {
      if (const auto* v = body.as_object().if_contains("project_id"); v && !v->is_null()) {
        if (!v->is_int64() || v->get_int64() <= 0) {
          throw Error::validation("project_id", "must be a positive integer", "type");
        }
        return v->get_int64();
      }
    }
  }
  for (const auto& [key, value] : ctx.request.query()) {
    if (key == "project_id") return parse_project_id(value, "query.project_id");
  }
  return std::nullopt;
}

// X-Project-ID, else project_id in the body or query. A request that names two different projects is
// refused rather than acting in one of them.
std::optional<std::int64_t> requested_project(http::RequestContext& ctx) {
  auto header = ctx.header("x-project-id");
  if (!header) return project_in_request(ctx);
  auto chosen = parse_project_id(*header, "X-Project-ID");
  std::optional<std::int64_t> named;
  try {
    named = project_in_request(ctx);
  } catch (const Error&) {
    return chosen;  // a malformed body or project_id is the handler's to report, after authentication
  }
  if (named && *named != chosen) {
    throw Error::validation("project_id", fmt::format("is {} but X-Project-ID is {}", *named, chosen),
                            "conflict");
  }
  return chosen;
}

}  // namespace

http::Guard authenticated(services::AccessService& access) {
  return [&access](http::RequestContext& ctx) {
    ctx.principal = access.authenticate(bearer_token(ctx));
    ctx.user_id = ctx.principal->user_id;
  };
}

http::Guard project_role(services::AccessService& access, Role role) {
  return [&access, role](http::RequestContext& ctx) {
    auto [principal, scope] =
        access.authenticate_in_project(bearer_token(ctx), requested_project(ctx), role, ctx.user_id);
    ctx.principal = std::move(principal);
    ctx.scope = scope;
  };
}

http::Guard path_project_role(services::AccessService& access, Role role, std::string param) {
  return [&access, role, param](http::RequestContext& ctx) {
    auto [principal, scope] =
        access.authenticate_in_project(bearer_token(ctx), ctx.path_id(param), role, ctx.user_id);
    ctx.principal = std::move(principal);
    ctx.scope = scope;
  };
}

validation::QuerySpec& add_project_param(validation::QuerySpec& q) {
  return q.integer("project_id", 1, std::nullopt, "Project to act in (else X-Project-ID or your default)");
}

const validation::QuerySpec& project_only_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    add_project_param(q);
    return q;
  }();
  return spec;
}

}  // namespace cc::api
