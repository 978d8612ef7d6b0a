// GET /, /health, /health/ready, /metrics, /openapi.json and /docs (Swagger UI).
#include <boost/json/parse.hpp>
#include <chrono>
#include <mutex>

#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "http/context.hpp"
#include "http/openapi.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

constexpr std::string_view kAppName = "CommandCenter";

constexpr std::string_view kDocsPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CommandCenter API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
)";

constexpr std::string_view kDocsInit = R"(window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
});
)";

// Swagger UI sets inline styles, so its pages get their own, looser policy than the API's.
constexpr std::string_view kDocsCsp =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'";

Response docs_response(std::string body, std::string content_type) {
  Response r = Response::text(200, std::move(body), std::move(content_type));
  r.set_header("Content-Security-Policy", std::string(kDocsCsp));
  r.set_header("Cache-Control", "no-cache");
  return r;
}

// The web UI (web/dist, copied beside the binary as share/web): hashed assets, top-level files, and
// index.html for every client route, so that a deep link or a reload lands on the right screen. Which paths
// are screens is the UI's business: a browser navigating to any GET path that no route serves (outside
// /api/) gets the app, whose router shows the screen or its own not-found page. Other clients still get a
// 404 problem.
void register_web_ui_routes(http::Router& router, ApiDependencies& deps) {
  router
      .fallback(Method::Get, "/{client_route}", {"api"},
                [&deps](RequestContext& ctx) {
                  auto accept = ctx.request.header("accept");
                  if (!accept || accept->find("text/html") == std::string_view::npos) {
                    throw Error::not_found("Resource");
                  }
                  auto file = deps.assets.serve_app_page();
                  if (!file) throw Error::not_found("Page");
                  file->set_header("Vary", "Accept");  // the same path is a 404 problem for other clients
                  return std::move(*file);
                })
      .public_route();
  router
      .add(Method::Get, "/assets/{file}",
           [&deps](RequestContext& ctx) {
             auto file = deps.assets.serve_app_asset(ctx.path_param("file"));
             if (!file) throw Error::not_found("File");
             return std::move(*file);
           })
      .public_route()
      .hidden();
  router
      .add(Method::Get, "/favicon.svg",
           [&deps](RequestContext&) {
             auto file = deps.assets.serve_app_file("favicon.svg");
             if (!file) throw Error::not_found("File");
             return std::move(*file);
           })
      .public_route()
      .hidden();
}

}  // namespace

void register_system_routes(http::Router& router, ApiDependencies& deps) {
  // A browser asking for "/" gets the web UI when it was built; API clients keep the service description.
  router
      .add(Method::Get, "/",
           [&deps](RequestContext& ctx) {
             auto accept = ctx.request.header("accept");
             // Which of the two answers depends on Accept: caches must keep them apart.
             if (accept && accept->find("text/html") != std::string_view::npos) {
               if (auto page = deps.assets.serve_app_page()) {
                 page->set_header("Vary", "Accept");
                 return std::move(*page);
               }
             }
             JsonWriter w;
             w.begin_object()
                 .field("app", kAppName)
                 .field("version", CC_VERSION)
                 .field("docs", "/docs")
                 .field("health", "/health")
                 .end_object();
             auto response = Response::json(200, w.take());
             response.set_header("Vary", "Accept");
             return response;
           })
      .describe("Service information (the web UI for browsers)", "system")
      .public_route();

  router
      .add(Method::Get, "/health",
           [](RequestContext&) {
             JsonWriter w;
             w.begin_object()
                 .field("status", "healthy")
                 .field("app", kAppName)
                 .field("version", CC_VERSION)
                 .end_object();
             return Response::json(200, w.take());
           })
      .describe("Liveness: the process answers", "system")
      .public_route()
      .inline_handler()
      .responds(200, ref("Health"));

  router
      .add(
          Method::Get, "/health/detailed",
          [&deps](RequestContext&) {
            // The original's shape: {status, timestamp, response_time_ms, components}; 503 when unhealthy.
            auto started = std::chrono::steady_clock::now();
            std::string problem = deps.readiness();
            auto database_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            bool healthy = problem.empty();
            JsonWriter w;
            w.begin_object()
                .field("status", healthy ? "healthy" : "unhealthy")
                .field("app", kAppName)
                .field("version", CC_VERSION)
                .field("timestamp", now());
            w.key("components").begin_object();
            w.key("database").begin_object().field("status", healthy ? "healthy" : "unhealthy");
            w.field("response_time_ms", database_ms);
            if (!healthy) w.field("error", problem);
            w.end_object();
            if (deps.write_job_health) deps.write_job_health(w);
            w.end_object();
            w.field("response_time_ms",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                        .count());
            w.end_object();
            auto r = Response::json(healthy ? 200 : 503, w.take());
            if (!healthy) r.set_header("Retry-After", "5");
            return r;
          })
      .describe(
          "Health of each part: the database (reachable, schema current), this process's job workers and "
          "scheduler; 503 when unhealthy",
          "system")
      .public_route()
      .responds(200, ref("HealthDetailed"))
      .errors({503});

  router
      .add(Method::Get, "/health/ready",
           [&deps](RequestContext&) {
             std::string problem = deps.readiness();
             if (!problem.empty()) throw Error::unavailable(problem);
             JsonWriter w;
             w.begin_object()
                 .field("status", "ready")
                 .field("database", "ok")
                 .field("migrations", "current")
                 .end_object();
             return Response::json(200, w.take());
           })
      .describe("Readiness: the database answers and its schema is current", "system")
      .public_route()
      .responds(200, ref("Readiness"))
      .errors({503});

  router
      .add(Method::Get, "/metrics",
           [&deps](RequestContext&) {
             return Response::text(200, deps.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
           })
      .describe("Prometheus metrics", "system")
      .public_route()
      .inline_handler()
      .content("text/plain");

  auto openapi = std::make_shared<std::pair<std::once_flag, std::string>>();
  router
      .add(Method::Get, "/openapi.json",
           [&router, openapi](RequestContext&) {
             // Built on first use, once every route is registered.
             std::call_once(openapi->first, [&] {
               openapi->second = http::build_openapi(router,
                                                     {"CommandCenter API", CC_VERSION,
                                                      "Technology radar, repositories, research and "
                                                      "background work for an engineering organisation. "
                                                      "Authenticate with `Authorization: Bearer <access "
                                                      "token or API key>`; choose the project with "
                                                      "`X-Project-ID`. Errors are RFC 9457 problem+json."},
                                                     component_schemas());
             });
             Response r = Response::json(200, openapi->second);
             r.set_header("Cache-Control", "no-cache");
             return r;
           })
      .describe("This API as an OpenAPI 3.1 document", "system")
      .public_route()
      .inline_handler();

  router
      .add(Method::Get, "/docs",
           [](RequestContext&) { return docs_response(std::string(kDocsPage), "text/html; charset=utf-8"); })
      .describe("Interactive API documentation (Swagger UI)", "system")
      .public_route()
      .inline_handler()
      .content("text/html");

  router
      .add(Method::Get, "/docs/init.js",
           [](RequestContext&) {
             return docs_response(std::string(kDocsInit), "text/javascript; charset=utf-8");
           })
      .public_route()
      .inline_handler()
      .hidden();

  router
      .add(Method::Get, "/docs/{file}",
           [&deps](RequestContext& ctx) {
             auto file = deps.assets.serve("swagger-ui/" + std::string(ctx.path_param("file")),
                                           "public, max-age=86400");
             if (!file) throw Error::not_found("File");
             file->set_header("Content-Security-Policy", std::string(kDocsCsp));
             return std::move(*file);
           })
      .public_route()
      .hidden();
  register_web_ui_routes(router, deps);
}

}  // namespace cc::api
