#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace {

using cc::JsonWriter;
namespace json = boost::json;

std::string written(auto&& value) {
  JsonWriter w;
  w.value(value);
  return w.take();
}

// ---- strings ----

TEST(JsonWriterStrings, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(written(std::string_view(R"(say "hi" \o/)")), R"("say \"hi\" \\o/")");
}

TEST(JsonWriterStrings, CommonControlCharactersUseShortEscapes) {
  EXPECT_EQ(written(std::string_view("a\nb\rc\td\be\ff")), R"("a\nb\rc\td\be\ff")");
}

TEST(JsonWriterStrings, OtherControlCharactersUseUnicodeEscapes) {
  EXPECT_EQ(written(std::string_view("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(written(std::string_view("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonWriterStrings, Utf8AndDelPassThroughUnchanged) {
  std::string text = "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x98\x80 \x7F";  // é ✓ 😀 DEL
  EXPECT_EQ(written(std::string_view(text)), "\"" + text + "\"");
}

TEST(JsonWriterStrings, EscapedOutputParsesBackToTheOriginal) {
  std::string text("\"\\/\n\r\t\b\f\x01\x7f\0end", 14);
  text += "\xE2\x9C\x93";
  auto parsed = json::parse(written(std::string_view(text)));
  ASSERT_TRUE(parsed.is_string());
  EXPECT_EQ(std::string(parsed.get_string()), text);
}

TEST(JsonWriterStrings, KeysAreEscapedLikeValues) {
  JsonWriter w;
  w.begin_object().field("a\"b", 1).end_object();
  EXPECT_EQ(w.str(), R"({"a\"b":1})");
}

// ---- numbers ----

TEST(JsonWriterNumbers, IntegralDoublesPrintWithoutExponentOrFraction) {
  EXPECT_EQ(written(5.0), "5");
  EXPECT_EQ(written(-3.0), "-3");
  EXPECT_EQ(written(0.0), "0");
}

TEST(JsonWriterNumbers, FractionalDoublesPrintShortestRoundTripForm) {
  EXPECT_EQ(written(1.25), "1.25");
  EXPECT_EQ(written(0.1), "0.1");
  EXPECT_EQ(written(-2.5), "-2.5");
  double third = 1.0 / 3.0;
  EXPECT_EQ(json::parse(written(third)).as_double(), third);
}

TEST(JsonWriterNumbers, NonFiniteDoublesBecomeNull) {
  EXPECT_EQ(written(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(written(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(written(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonWriterNumbers, NonFiniteDoubleInsideArrayStillGetsItsComma) {
  JsonWriter w;
  w.begin_array().value(1).value(std::numeric_limits<double>::quiet_NaN()).value(2).end_array();
  EXPECT_EQ(w.str(), "[1,null,2]");
}

TEST(JsonWriterNumbers, IntegersPrintExactlyAtTheirLimits) {
  EXPECT_EQ(written(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(written(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(written(42), "42");
}

TEST(JsonWriterScalars, BooleansNullAndTimestamps) {
  EXPECT_EQ(written(true), "true");
  EXPECT_EQ(written(false), "false");
  EXPECT_EQ(written(nullptr), "null");
  EXPECT_EQ(written(cc::Timestamp{std::chrono::microseconds{1500000}}), R"("1970-01-01T00:00:01.500000Z")");
}

// ---- structure ----

TEST(JsonWriterStructure, NestedObjectsAndArraysPutCommasOnlyBetweenSiblings) {
  JsonWriter w;
  w.begin_object()
      .field("a", 1)
      .key("b")
      .begin_array()
      .value(1)
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .value("x")
      .end_array()
      .key("c")
      .begin_object()
      .field("d", true)
      .field("e", nullptr)
      .end_object()
      .field("f", "g")
      .end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[1,{},[],"x"],"c":{"d":true,"e":null},"f":"g"})");
  EXPECT_NO_THROW(json::parse(w.str()));
}

TEST(JsonWriterStructure, ArrayOfObjects) {
  JsonWriter w;
  w.begin_array();
  for (int i = 0; i < 3; ++i) w.begin_object().field("i", i).end_object();
  w.end_array();
  EXPECT_EQ(w.str(), R"([{"i":0},{"i":1},{"i":2}])");
}

TEST(JsonWriterStructure, EmptyContainers) {
  JsonWriter w;
  w.begin_object().key("a").begin_array().end_array().key("o").begin_object().end_object().end_object();
  EXPECT_EQ(w.str(), R"({"a":[],"o":{}})");
}

TEST(JsonWriterStructure, RawInsertsSerialisedJsonWithCommas) {
  JsonWriter w;
  w.begin_object().field("a", 1).raw_field("j", R"({"x":[1,2]})").field("b", 2).end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"j":{"x":[1,2]},"b":2})");
}

TEST(JsonWriterStructure, OptionalWritesNullWhenEmptyAndTheValueOtherwise) {
  JsonWriter w;
  w.begin_object()
      .field("none", std::optional<std::int64_t>{})
      .field("some", std::optional<std::int64_t>{7})
      .field("text", std::optional<std::string>{"t"})
      .field("no_text", std::optional<std::string>{})
      .end_object();
  EXPECT_EQ(w.str(), R"({"none":null,"some":7,"text":"t","no_text":null})");
}

TEST(JsonWriterStructure, TakeMovesTheOutputOut) {
  JsonWriter w;
  w.begin_array().value(1).end_array();
  EXPECT_EQ(w.take(), "[1]");
}

// ---- Boost.JSON values ----

TEST(ToJsonString, SerialisesBoostValuesWithFriendlyNumbers) {
  auto v = json::parse(R"({"a":5.0,"b":[1,2.5,null,true,false],"c":{"d":"e\"f"},"n":-7})");
  EXPECT_EQ(cc::to_json_string(v), R"({"a":5,"b":[1,2.5,null,true,false],"c":{"d":"e\"f"},"n":-7})");
}

TEST(ToJsonString, LargeUnsignedIntegersPrintExactly) {
  json::value v = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(cc::to_json_string(v), "18446744073709551615");
}

TEST(ToJsonString, ScalarsAndEmptyContainers) {
  EXPECT_EQ(cc::to_json_string(json::value(nullptr)), "null");
  EXPECT_EQ(cc::to_json_string(json::value("x\ny")), R"("x\ny")");
  EXPECT_EQ(cc::to_json_string(json::value(json::array{})), "[]");
  EXPECT_EQ(cc::to_json_string(json::value(json::object{})), "{}");
}

TEST(ToJsonString, BoostValueEmbeddedInAWriterGetsCommas) {
  JsonWriter w;
  w.begin_array().value(1).value(json::parse("[2,{\"k\":3.0}]")).value(4).end_array();
  EXPECT_EQ(w.str(), R"([1,[2,{"k":3}],4])");
}

TEST(ToJsonString, RoundTripsThroughTheParser) {
  auto original = json::parse(R"({"x":[0.5,1e300,-1e-300,"\u00e9\u0001"],"y":{"z":[[],{}]}})");
  EXPECT_EQ(json::parse(cc::to_json_string(original)), original);
}

}  // namespace
