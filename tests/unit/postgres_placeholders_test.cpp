#include <gtest/gtest.h>

#include "db/postgres/postgres_connection.hpp"

namespace {

using cc::db::postgres::number_placeholders;

TEST(NumberPlaceholders, QuestionMarksBecomeNumberedParametersInOrder) {
  EXPECT_EQ(number_placeholders("SELECT * FROM t WHERE a = ? AND b = ? LIMIT ?"),
            "SELECT * FROM t WHERE a = $1 AND b = $2 LIMIT $3");
}

TEST(NumberPlaceholders, NumbersPastNineAreWrittenInFull) {
  EXPECT_EQ(number_placeholders("VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
}

TEST(NumberPlaceholders, SqlWithoutPlaceholdersIsUnchanged) {
  EXPECT_EQ(number_placeholders("SELECT 1"), "SELECT 1");
  EXPECT_EQ(number_placeholders(""), "");
}

TEST(NumberPlaceholders, QuestionMarksInsideStringLiteralsAreLeftAlone) {
  EXPECT_EQ(number_placeholders("SELECT '?', ? WHERE x = 'why?'"), "SELECT '?', $1 WHERE x = 'why?'");
}

TEST(NumberPlaceholders, DoubledQuotesInsideLiteralsDoNotEndTheLiteral) {
  EXPECT_EQ(number_placeholders("SELECT 'it''s ?' = ?"), "SELECT 'it''s ?' = $1");
}

TEST(NumberPlaceholders, QuestionMarksInsideQuotedIdentifiersAreLeftAlone) {
  EXPECT_EQ(number_placeholders(R"(SELECT "odd?name" FROM t WHERE id = ?)"),
            R"(SELECT "odd?name" FROM t WHERE id = $1)");
}

TEST(NumberPlaceholders, QuestionMarksInsideLineCommentsAreLeftAlone) {
  EXPECT_EQ(number_placeholders("SELECT ? -- why? because?\nFROM t WHERE a = ?"),
            "SELECT $1 -- why? because?\nFROM t WHERE a = $2");
}

TEST(NumberPlaceholders, CommentRunningToTheEndIsKept) {
  EXPECT_EQ(number_placeholders("SELECT ? -- trailing ?"), "SELECT $1 -- trailing ?");
}

TEST(NumberPlaceholders, SingleDashIsNotAComment) {
  EXPECT_EQ(number_placeholders("SELECT ? - ? FROM t"), "SELECT $1 - $2 FROM t");
}

TEST(NumberPlaceholders, UnterminatedLiteralIsCopiedWithoutNumbering) {
  EXPECT_EQ(number_placeholders("SELECT ?, 'open ?"), "SELECT $1, 'open ?");
}

}  // namespace
