#include "core/etag.hpp"

#include <gtest/gtest.h>

namespace {

using cc::if_match_satisfied;

constexpr const char* kCurrent = R"("v7")";

TEST(IfMatch, StarMatchesAnyCurrentRepresentation) {
  EXPECT_TRUE(if_match_satisfied("*", kCurrent));
  EXPECT_TRUE(if_match_satisfied("  * ", kCurrent));
}

TEST(IfMatch, ExactStrongTagMatches) {
  EXPECT_TRUE(if_match_satisfied(R"("v7")", kCurrent));
  EXPECT_TRUE(if_match_satisfied(R"( "v7" )", kCurrent));
}

TEST(IfMatch, DifferentTagDoesNotMatch) {
  EXPECT_FALSE(if_match_satisfied(R"("v6")", kCurrent));
  EXPECT_FALSE(if_match_satisfied(R"("V7")", kCurrent));
  EXPECT_FALSE(if_match_satisfied("v7", kCurrent));  // unquoted is not the same entity-tag
}

TEST(IfMatch, AnyTagOfAListMatches) {
  EXPECT_TRUE(if_match_satisfied(R"("v5", "v7", "v9")", kCurrent));
  EXPECT_TRUE(if_match_satisfied(R"("v5","v7")", kCurrent));
  EXPECT_FALSE(if_match_satisfied(R"("v5", "v6")", kCurrent));
}

TEST(IfMatch, WeakTagsNeverMatchBecauseIfMatchIsStrong) {
  EXPECT_FALSE(if_match_satisfied(R"(W/"v7")", kCurrent));
  EXPECT_FALSE(if_match_satisfied(R"(W/"v5", W/"v7")", kCurrent));
  EXPECT_TRUE(if_match_satisfied(R"(W/"v7", "v7")", kCurrent));
}

TEST(IfMatch, EmptyHeaderMatchesNothing) {
  EXPECT_FALSE(if_match_satisfied("", kCurrent));
  EXPECT_FALSE(if_match_satisfied(" , ", kCurrent));
}

TEST(IfMatch, StarInsideAListIsNotAWildcard) {
  EXPECT_FALSE(if_match_satisfied(R"("v1", *)", kCurrent));
}

}  // namespace
