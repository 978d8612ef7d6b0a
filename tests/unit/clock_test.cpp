#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace std::chrono;
using cc::format_rfc3339;
using cc::parse_rfc3339;
using cc::Timestamp;

Timestamp at(year_month_day date, hours h = hours{0}, minutes m = minutes{0}, seconds s = seconds{0},
             microseconds us = microseconds{0}) {
  return Timestamp{sys_days{date}} + h + m + s + us;
}

const Timestamp kSample = at(2026y / 11 / 26, hours{1}, minutes{25}, seconds{37}, microseconds{123456});

// ---- format_rfc3339 ----

TEST(FormatRfc3339, PrintsFixedWidthUtcWithSixFractionDigitsAndZ) {
  EXPECT_EQ(format_rfc3339(kSample), "2026-11-26T01:25:37.123456Z");
}

TEST(FormatRfc3339, PadsEveryComponentSoTextOrderIsTimeOrder) {
  EXPECT_EQ(format_rfc3339(at(2026y / 1 / 2, hours{3}, minutes{4}, seconds{5}, microseconds{6})),
            "2026-01-02T03:04:05.000006Z");
  EXPECT_EQ(format_rfc3339(Timestamp{}), "1970-01-01T00:00:00.000000Z");
}

TEST(FormatRfc3339, HandlesInstantsBeforeTheEpoch) {
  EXPECT_EQ(format_rfc3339(Timestamp{microseconds{-1}}), "1969-12-31T23:59:59.999999Z");
}

// ---- parse_rfc3339: accepted forms ----

TEST(ParseRfc3339, AcceptsZuluWithFraction) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37.123456Z"), kSample);
}

TEST(ParseRfc3339, AcceptsLowerCaseTAndZ) {
  EXPECT_EQ(parse_rfc3339("2026-11-26t01:25:37.123456z"), kSample);
}

TEST(ParseRfc3339, AcceptsPostgresTextFormWithSpaceAndHourOnlyOffset) {
  EXPECT_EQ(parse_rfc3339("2026-11-26 01:25:37.123456+00"), kSample);
}

TEST(ParseRfc3339, PositiveOffsetIsSubtractedToReachUtc) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T03:25:37.123456+02:00"), kSample);
}

TEST(ParseRfc3339, NegativeOffsetIsAddedToReachUtc) {
  // 20:55:37 at -04:30 is 01:25:37 the next day in UTC.
  EXPECT_EQ(parse_rfc3339("2026-11-25T20:55:37.123456-04:30"), kSample);
}

TEST(ParseRfc3339, AcceptsOffsetWithoutColon) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T06:55:37.123456+0530"), kSample);
}

TEST(ParseRfc3339, TimeWithoutOffsetIsUtc) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37.123456"), kSample);
}

TEST(ParseRfc3339, SecondsAndFractionAreOptional) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25Z"), at(2026y / 11 / 26, hours{1}, minutes{25}));
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37Z"), at(2026y / 11 / 26, hours{1}, minutes{25}, seconds{37}));
}

TEST(ParseRfc3339, ShortFractionIsScaledToMicroseconds) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37.5Z"),
            at(2026y / 11 / 26, hours{1}, minutes{25}, seconds{37}, microseconds{500000}));
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37.012Z"),
            at(2026y / 11 / 26, hours{1}, minutes{25}, seconds{37}, microseconds{12000}));
}

TEST(ParseRfc3339, FractionBeyondMicrosecondsIsTruncated) {
  EXPECT_EQ(parse_rfc3339("2026-11-26T01:25:37.123456789Z"), kSample);
}

TEST(ParseRfc3339, PlainDateIsMidnightUtc) {
  EXPECT_EQ(parse_rfc3339("2026-11-26"), at(2026y / 11 / 26));
}

TEST(ParseRfc3339, LeapDayIsAcceptedInLeapYears) {
  EXPECT_EQ(parse_rfc3339("2024-02-29"), at(2024y / 2 / 29));
}

TEST(ParseRfc3339, LeapSecondFoldsIntoTheNextMinute) {
  EXPECT_EQ(parse_rfc3339("2016-12-31T23:59:60Z"), at(2017y / 1 / 1));
}

// ---- parse_rfc3339: rejected input ----

TEST(ParseRfc3339, RejectsDatesThatDoNotExist) {
  EXPECT_FALSE(parse_rfc3339("2026-02-30"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2025-02-29"));  // not a leap year
  EXPECT_FALSE(parse_rfc3339("2026-13-01"));
  EXPECT_FALSE(parse_rfc3339("2026-00-10"));
  EXPECT_FALSE(parse_rfc3339("2026-04-31"));
  EXPECT_FALSE(parse_rfc3339("2026-01-00"));
}

TEST(ParseRfc3339, RejectsTimesOutOfRange) {
  EXPECT_FALSE(parse_rfc3339("2026-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:60:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:61Z"));
}

TEST(ParseRfc3339, RejectsBadOffsets) {
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00+24:00"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00+05:60"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00+5"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00+05:"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00+05:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-01-01T12:00:00 UTC"));
}

TEST(ParseRfc3339, RejectsGarbageAndTruncatedInput) {
  for (const char* text :
       {"", "garbage", "2026", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01T",
        "2026-01-01T12", "2026-01-01T12:", "2026-01-01T1:00", "2026-01-01T12:00:00.", "2026-01-01T12:00:00.Z",
        "2026-01-01X12:00:00Z", "2026-01-01T12:00:00Zjunk", "2026-01-01T12:00:00Z ", " 2026-01-01",
        "2026-01-01junk", "abcd-ef-ghT12:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(text)) << '"' << text << '"';
  }
}

// ---- round trips ----

TEST(Rfc3339RoundTrip, ParsingTheFormattedTextGivesTheSameInstant) {
  std::vector<Timestamp> samples = {
      Timestamp{},
      kSample,
      at(2000y / 2 / 29, hours{23}, minutes{59}, seconds{59}, microseconds{999999}),
      at(1999y / 12 / 31),
      Timestamp{microseconds{-1}},
      at(9999y / 12 / 31, hours{23}, minutes{59}, seconds{59}, microseconds{1})};
  for (auto t : samples) {
    auto text = format_rfc3339(t);
    EXPECT_EQ(parse_rfc3339(text), t) << text;
  }
}

TEST(Rfc3339RoundTrip, NowSurvivesFormatAndParseExactly) {
  auto t = cc::now();
  EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
}

TEST(Rfc3339RoundTrip, CanonicalTextIsReproducedVerbatim) {
  for (const char* text :
       {"2026-11-26T01:25:37.123456Z", "1970-01-01T00:00:00.000000Z", "2024-02-29T12:00:00.000001Z"}) {
    auto parsed = parse_rfc3339(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(format_rfc3339(*parsed), text);
  }
}

TEST(Rfc3339RoundTrip, PostgresTextNormalisesToZulu) {
  auto parsed = parse_rfc3339("2026-11-26 03:25:37.123456+02");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(format_rfc3339(*parsed), "2026-11-26T01:25:37.123456Z");
}

// ---- unix seconds (JWT claims) ----

TEST(UnixSeconds, ConvertsBothWaysAndDropsSubSecondPart) {
  EXPECT_EQ(cc::to_unix_seconds(kSample), 1795656337);
  EXPECT_EQ(cc::from_unix_seconds(1795656337), at(2026y / 11 / 26, hours{1}, minutes{25}, seconds{37}));
  EXPECT_EQ(cc::to_unix_seconds(cc::from_unix_seconds(0)), 0);
}

}  // namespace
