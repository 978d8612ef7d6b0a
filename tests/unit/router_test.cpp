#include "http/router.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using cc::http::Method;
using cc::http::Route;
using cc::http::Router;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

Route& add(Router& router, Method method, std::string pattern) {
  return router.add(method, std::move(pattern), {});
}

TEST(Router, MatchesALiteralPath) {
  Router router;
  Route& health = add(router, Method::Get, "/health");
  auto match = router.match(Method::Get, "/health");
  EXPECT_EQ(match.route, &health);
  EXPECT_THAT(match.params, IsEmpty());
  EXPECT_THAT(match.allowed, IsEmpty());
}

TEST(Router, RootPathMatchesOnlyTheRootRoute) {
  Router router;
  Route& root = add(router, Method::Get, "/");
  add(router, Method::Get, "/a");
  EXPECT_EQ(router.match(Method::Get, "/").route, &root);
  EXPECT_NE(router.match(Method::Get, "/a").route, &root);
  EXPECT_EQ(router.match(Method::Get, "//").route, nullptr);  // an empty segment, not the root
}

TEST(Router, ExtractsNamedPathParameters) {
  Router router;
  Route& member = add(router, Method::Get, "/api/v1/projects/{project_id}/members/{user_id}");
  auto match = router.match(Method::Get, "/api/v1/projects/12/members/34");
  EXPECT_EQ(match.route, &member);
  EXPECT_THAT(match.params, ElementsAre(Pair("project_id", "12"), Pair("user_id", "34")));
}

TEST(Router, PathParametersArePercentDecoded) {
  Router router;
  add(router, Method::Get, "/files/{name}");
  auto match = router.match(Method::Get, "/files/a%20b%2Fc%C3%A9");
  ASSERT_NE(match.route, nullptr);
  EXPECT_THAT(match.params, ElementsAre(Pair("name", "a b/c\xC3\xA9")));
}

TEST(Router, LiteralSegmentsArePercentDecodedBeforeComparison) {
  Router router;
  Route& route = add(router, Method::Get, "/docs/init.js");
  EXPECT_EQ(router.match(Method::Get, "/docs/init%2Ejs").route, &route);
}

TEST(Router, InvalidPercentEncodingOrEncodedNulDoesNotMatch) {
  Router router;
  add(router, Method::Get, "/files/{name}");
  for (const char* path : {"/files/%zz", "/files/%4", "/files/a%", "/files/a%00b"}) {
    auto match = router.match(Method::Get, path);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_THAT(match.allowed, IsEmpty()) << path;
  }
}

TEST(Router, TrailingSlashIsOptionalOnBothSides) {
  Router router;
  Route& list = add(router, Method::Get, "/api/v1/technologies");
  Route& one = add(router, Method::Get, "/api/v1/technologies/{id}/");
  EXPECT_EQ(router.match(Method::Get, "/api/v1/technologies").route, &list);
  EXPECT_EQ(router.match(Method::Get, "/api/v1/technologies/").route, &list);
  EXPECT_EQ(router.match(Method::Get, "/api/v1/technologies/7").route, &one);
  EXPECT_EQ(router.match(Method::Get, "/api/v1/technologies/7/").route, &one);
}

TEST(Router, OnlyOneTrailingSlashIsIgnored) {
  Router router;
  add(router, Method::Get, "/items");
  EXPECT_EQ(router.match(Method::Get, "/items//").route, nullptr);
}

TEST(Router, EmptySegmentsAndRelativePathsDoNotMatch) {
  Router router;
  add(router, Method::Get, "/a/{id}");
  add(router, Method::Get, "/a/b/c");
  for (const char* path : {"//", "/a//c", "//a/1", "a/1", "", "a", "/a/b//c"}) {
    auto match = router.match(Method::Get, path);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_THAT(match.allowed, IsEmpty()) << path;
  }
}

TEST(Router, SegmentCountMustMatch) {
  Router router;
  add(router, Method::Get, "/a/{id}");
  EXPECT_EQ(router.match(Method::Get, "/a").route, nullptr);
  EXPECT_EQ(router.match(Method::Get, "/a/1/2").route, nullptr);
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheRegistrationOrder) {
  Router params_first;
  Route& by_id = add(params_first, Method::Get, "/analysis/{id}");
  Route& stats = add(params_first, Method::Get, "/analysis/statistics");
  EXPECT_EQ(params_first.match(Method::Get, "/analysis/statistics").route, &stats);
  EXPECT_EQ(params_first.match(Method::Get, "/analysis/42").route, &by_id);

  Router literal_first;
  Route& stats2 = add(literal_first, Method::Get, "/analysis/statistics");
  Route& by_id2 = add(literal_first, Method::Get, "/analysis/{id}");
  EXPECT_EQ(literal_first.match(Method::Get, "/analysis/statistics").route, &stats2);
  EXPECT_EQ(literal_first.match(Method::Get, "/analysis/42").route, &by_id2);
}

TEST(Router, EarlierLiteralSegmentWinsOverLaterOne) {
  Router router;
  Route& late_param = add(router, Method::Get, "/p/x/{b}");
  Route& early_param = add(router, Method::Get, "/p/{a}/y");
  EXPECT_EQ(router.match(Method::Get, "/p/x/y").route, &late_param);
  EXPECT_EQ(router.match(Method::Get, "/p/z/y").route, &early_param);
  auto match = router.match(Method::Get, "/p/x/y");
  EXPECT_THAT(match.params, ElementsAre(Pair("b", "y")));
}

TEST(Router, KnownPathWithAnotherMethodReportsTheAllowedMethods) {
  Router router;
  add(router, Method::Get, "/api/v1/projects/{id}");
  add(router, Method::Patch, "/api/v1/projects/{id}");
  add(router, Method::Delete, "/api/v1/projects/{id}");
  add(router, Method::Post, "/api/v1/projects");
  auto match = router.match(Method::Put, "/api/v1/projects/3");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed, UnorderedElementsAre(Method::Get, Method::Patch, Method::Delete));
  EXPECT_THAT(match.params, IsEmpty());
}

TEST(Router, UnknownPathHasNoAllowedMethods) {
  Router router;
  add(router, Method::Get, "/api/v1/projects");
  auto match = router.match(Method::Post, "/api/v1/nothing");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed, IsEmpty());
}

TEST(Router, TheFallbackTakesOnlyUnmatchedPathsOfItsMethodOutsideTheExcludedPrefixes) {
  Router router;
  Route& health = add(router, Method::Get, "/health");
  add(router, Method::Post, "/api/v1/things");
  Route& app = router.fallback(Method::Get, "/{client_route}", {"api"}, {});
  EXPECT_EQ(router.match(Method::Get, "/knowledge/7").route, &app);
  EXPECT_EQ(router.match(Method::Head, "/radar").route, &app);
  EXPECT_EQ(router.match(Method::Get, "/").route, &app);
  EXPECT_EQ(router.match(Method::Get, "/health").route, &health) << "real routes win";
  EXPECT_EQ(router.match(Method::Get, "/api/v1/nothing").route, nullptr) << "the API keeps its 404s";
  EXPECT_EQ(router.match(Method::Get, "/api").route, nullptr);
  EXPECT_EQ(router.match(Method::Get, "/%61pi/v1/nothing").route, nullptr) << "compared decoded";
  EXPECT_EQ(router.match(Method::Get, "/apiary").route, &app) << "a whole segment, not a prefix";
  EXPECT_EQ(router.match(Method::Post, "/radar").route, nullptr) << "only GET";
  auto other_method = router.match(Method::Get, "/api/v1/things");
  EXPECT_EQ(other_method.route, nullptr);
  EXPECT_THAT(other_method.allowed, ElementsAre(Method::Post));
  EXPECT_TRUE(std::none_of(router.routes().begin(), router.routes().end(), [&](const auto& r) {
    return r.get() == &app;
  })) << "not documented in OpenAPI";
}

TEST(Router, SuccessfulMatchReportsNoAllowedMethods) {
  Router router;
  Route& get = add(router, Method::Get, "/x");
  add(router, Method::Post, "/x");
  auto match = router.match(Method::Get, "/x");
  EXPECT_EQ(match.route, &get);
  EXPECT_THAT(match.allowed, IsEmpty());
}

TEST(Router, HeadIsServedByTheGetRoute) {
  Router router;
  Route& get = add(router, Method::Get, "/docs/{file}");
  auto match = router.match(Method::Head, "/docs/index.html");
  EXPECT_EQ(match.route, &get);
  EXPECT_THAT(match.params, ElementsAre(Pair("file", "index.html")));
}

TEST(Router, HeadWithoutAGetRouteIsNotAllowed) {
  Router router;
  add(router, Method::Post, "/login");
  auto match = router.match(Method::Head, "/login");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed, ElementsAre(Method::Post));
}

TEST(Router, SamePatternAndMethodTwiceThrows) {
  Router router;
  add(router, Method::Get, "/a/{id}");
  EXPECT_THROW(add(router, Method::Get, "/a/{id}"), std::invalid_argument);
  EXPECT_THROW(add(router, Method::Get, "/a/{id}/"),
               std::invalid_argument);  // trailing slash is the same path
  EXPECT_EQ(router.routes().size(), 1u);
}

TEST(Router, SameShapeWithDifferentParameterNamesThrows) {
  // The second route could never be reached: "/a/{id}" and "/a/{key}" match exactly the same paths.
  Router router;
  add(router, Method::Get, "/a/{id}");
  EXPECT_THROW(add(router, Method::Get, "/a/{key}"), std::invalid_argument);
}

TEST(Router, SamePatternWithAnotherMethodIsNotADuplicate) {
  Router router;
  add(router, Method::Get, "/a/{id}");
  EXPECT_NO_THROW(add(router, Method::Delete, "/a/{id}"));
  EXPECT_NO_THROW(add(router, Method::Get, "/a/literal"));
  EXPECT_EQ(router.routes().size(), 3u);
}

TEST(Router, MalformedPatternsThrow) {
  Router router;
  EXPECT_THROW(add(router, Method::Get, "no-leading-slash"), std::invalid_argument);
  EXPECT_THROW(add(router, Method::Get, "/a//b"), std::invalid_argument);
  EXPECT_THROW(add(router, Method::Get, ""), std::invalid_argument);
}

TEST(SplitPath, DecodesEachSegment) {
  std::vector<std::string> segments;
  ASSERT_TRUE(cc::http::split_path("/a/b%20c/%7Bx%7D/", segments));
  EXPECT_THAT(segments, ElementsAre("a", "b c", "{x}"));
  ASSERT_TRUE(cc::http::split_path("/", segments));
  EXPECT_THAT(segments, IsEmpty());
  EXPECT_FALSE(cc::http::split_path("//", segments));
}

}  // namespace
