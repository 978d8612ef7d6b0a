// The dispatcher turns every failure of a handler into a problem+json response and never lets an exception
// escape; it adds the request id and security headers to every response.
#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "http/context.hpp"
#include "http/metrics.hpp"

namespace {

using cc::http::Dispatcher;
using cc::http::Method;
using cc::http::Request;
using cc::http::RequestContext;
using cc::http::Response;

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cc::crypto::initialize();
    router.add(Method::Get, "/ok", [](RequestContext&) { return Response::json(200, R"({"ok":true})"); });
    router.add(Method::Get, "/not-found",
               [](RequestContext&) -> Response { throw cc::Error::not_found("Widget", "7"); });
    router.add(Method::Get, "/std-exception",
               [](RequestContext&) -> Response { throw std::runtime_error("boom"); });
    router.add(Method::Get, "/not-an-exception", [](RequestContext&) -> Response { throw 42; });
    router.add(Method::Get, "/db-busy", [](RequestContext&) -> Response {
      throw cc::db::DbError(cc::db::DbError::Kind::Busy, "locked");
    });
    router.add(Method::Get, "/db-other", [](RequestContext&) -> Response {
      throw cc::db::DbError(cc::db::DbError::Kind::Other, "syntax error near SELECT");
    });
    router.add(Method::Get, "/guarded", [](RequestContext&) { return Response::json(200, "{}"); })
        .with_guard([](RequestContext&) { throw cc::Error::unauthorized(); });
    router.add(Method::Post, "/json", [](RequestContext& ctx) {
      auto& body = ctx.json();
      return Response::json(200, body.is_object() ? "{}" : "[]");
    });
  }

  Response call(Method method, std::string path, std::vector<cc::http::Header> headers = {},
                std::string body = {}) {
    Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    request.headers = std::move(headers);
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    auto match = dispatcher.route(request);
    return dispatcher.handle(request, std::move(match), std::chrono::steady_clock::now());
  }

  static boost::json::object problem(const Response& r) {
    EXPECT_EQ(r.content_type, "application/problem+json");
    return boost::json::parse(r.body).as_object();
  }

  cc::http::Router router;
  cc::http::Metrics metrics;
  Dispatcher dispatcher{router, metrics, {}};
};

TEST_F(DispatcherTest, EveryResponseCarriesARequestIdAndSecurityHeaders) {
  auto r = call(Method::Get, "/ok");
  EXPECT_EQ(r.status, 200);
  ASSERT_TRUE(r.header("X-Request-ID"));
  EXPECT_EQ(r.header("X-Request-ID")->size(), 32u);
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_TRUE(r.header("Content-Security-Policy"));
}

TEST_F(DispatcherTest, AnErrorBecomesAProblemWithItsStatus) {
  auto r = call(Method::Get, "/not-found", {{"x-request-id", "abc-123"}});
  EXPECT_EQ(r.status, 404);
  auto p = problem(r);
  EXPECT_EQ(p.at("status").as_int64(), 404);
  EXPECT_EQ(p.at("detail").as_string(), "Widget 7 not found");
  EXPECT_EQ(p.at("request_id").as_string(), "abc-123");
  EXPECT_EQ(p.at("instance").as_string(), "/not-found");
}

TEST_F(DispatcherTest, AnUnexpectedExceptionIsA500ThatRevealsNothing) {
  for (const char* path : {"/std-exception", "/not-an-exception", "/db-other"}) {
    auto r = call(Method::Get, path);
    EXPECT_EQ(r.status, 500) << path;
    auto p = problem(r);
    EXPECT_EQ(p.at("detail").as_string(), "An unexpected error occurred") << path;
    EXPECT_EQ(r.body.find("boom"), std::string::npos);
    EXPECT_EQ(r.body.find("SELECT"), std::string::npos);
  }
}

TEST_F(DispatcherTest, AnUnavailableDatabaseIsA503WithRetryAfter) {
  auto r = call(Method::Get, "/db-busy");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After"), "1");
}

TEST_F(DispatcherTest, AGuardRunsBeforeTheHandler) {
  auto r = call(Method::Get, "/guarded");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("WWW-Authenticate"), "Bearer");
}

TEST_F(DispatcherTest, UnknownPathsAre404AndWrongMethods405WithAllow) {
  EXPECT_EQ(call(Method::Get, "/nope").status, 404);
  auto r = call(Method::Delete, "/ok");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(DispatcherTest, BodiesMustBeJson) {
  EXPECT_EQ(call(Method::Post, "/json", {{"content-type", "text/plain"}}, "{}").status, 415);
  EXPECT_EQ(call(Method::Post, "/json", {{"content-type", "application/json"}}, "{").status, 400);
  EXPECT_EQ(call(Method::Post, "/json", {{"content-type", "application/json; charset=utf-8"}}, "{}").status,
            200);
  EXPECT_EQ(call(Method::Post, "/json", {{"content-type", "application/merge-patch+json"}}, "{}").status,
            200);
}

TEST_F(DispatcherTest, RequestsAreCountedByRoutePattern) {
  call(Method::Get, "/ok");
  call(Method::Get, "/not-found");
  auto text = metrics.render();
  EXPECT_NE(text.find(R"(http_requests_total{route="/ok",method="GET",status="200"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(http_requests_total{route="/not-found",method="GET",status="404"} 1)"),
            std::string::npos);
}

}  // namespace
