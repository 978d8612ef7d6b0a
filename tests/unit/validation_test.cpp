#include "core/validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace cc {
// Readable failure messages for matchers over FieldError.
void PrintTo(const FieldError& e, std::ostream* os) {
  *os << "{field: " << e.field << ", code: " << e.code << ", message: \"" << e.message << "\"}";
}
}  // namespace cc

namespace {

namespace json = boost::json;
using cc::Error;
using cc::ErrorKind;
using cc::FieldError;
using cc::validation::Mode;
using cc::validation::ObjectSpec;
using cc::validation::QuerySpec;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::UnorderedElementsAre;

// Runs `fn`, which must throw cc::Error, and returns the error.
Error thrown_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a cc::Error";
  return Error::internal("no error thrown");
}

std::vector<FieldError> field_errors(const ObjectSpec& spec, std::string_view body,
                                     Mode mode = Mode::Create) {
  auto value = json::parse(body);
  Error e = thrown_error([&] { spec.validate(value, mode); });
  EXPECT_EQ(e.kind(), ErrorKind::Validation);
  EXPECT_EQ(e.status(), 422);
  return e.errors();
}

// Validates `body` (must pass) and returns the normalised object.
json::object accepted(const ObjectSpec& spec, std::string_view body, Mode mode = Mode::Create) {
  try {
    return spec.validate(json::parse(body), mode);
  } catch (const Error& e) {
    ADD_FAILURE() << "rejected: " << e.detail();
    return {};
  }
}

auto is_error(std::string field, std::string code) {
  return ::testing::AllOf(Field(&FieldError::field, std::move(field)),
                          Field(&FieldError::code, std::move(code)));
}

ObjectSpec technology_spec() {
  ObjectSpec spec("TechnologyCreate", "A technology on the radar");
  spec.field("title").string(1, 10).required().not_null();
  spec.field("ring").one_of({"adopt", "trial", "assess", "hold"}).required();
  spec.field("priority").integer(1, 5);
  spec.field("score").number(0.0, 10.0);
  spec.field("active").boolean();
  spec.field("notes").text(100);
  return spec;
}

// ---- presence ----

TEST(ObjectSpecPresence, RequiredFieldsMustBePresentWhenCreating) {
  EXPECT_THAT(field_errors(technology_spec(), R"({})", Mode::Create),
              UnorderedElementsAre(is_error("title", "required"), is_error("ring", "required")));
}

TEST(ObjectSpecPresence, RequiredFieldsMayBeOmittedWhenPatching) {
  auto out = accepted(technology_spec(), R"({"priority": 2})", Mode::Patch);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(out.at("priority"), json::value(2));
}

TEST(ObjectSpecPresence, UnknownFieldsAreRejectedByName) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": "a", "ring": "hold", "colour": "red"})"),
              ElementsAre(is_error("colour", "unknown_field")));
}

TEST(ObjectSpecPresence, UnknownFieldsAreKeptWhenAllowed) {
  ObjectSpec spec("Loose");
  spec.field("a").string();
  spec.allow_unknown();
  auto out = accepted(spec, R"({"a": "x", "extra": [1]})");
  EXPECT_EQ(out.at("extra"), json::parse("[1]"));
}

TEST(ObjectSpecPresence, NullIsRejectedOnNotNullFieldsInBothModes) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": null})", Mode::Patch),
              ElementsAre(is_error("title", "null")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": null, "ring": "hold"})", Mode::Create),
              ElementsAre(is_error("title", "null")));
}

TEST(ObjectSpecPresence, NullIsRejectedForRequiredFieldsWhenCreating) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": "a", "ring": null})", Mode::Create),
              ElementsAre(is_error("ring", "null")));
}

TEST(ObjectSpecPresence, NullClearsANullableOptionalField) {
  auto out = accepted(technology_spec(), R"({"priority": null, "notes": null})", Mode::Patch);
  EXPECT_TRUE(out.at("priority").is_null());
  EXPECT_TRUE(out.at("notes").is_null());
}

TEST(ObjectSpecPresence, BodyMustBeAnObject) {
  for (const char* body : {"[]", "\"text\"", "3", "null"}) {
    auto value = json::parse(body);
    Error e = thrown_error([&] { technology_spec().validate(value, Mode::Patch); });
    EXPECT_EQ(e.kind(), ErrorKind::Validation) << body;
    EXPECT_THAT(e.errors(), ElementsAre(is_error("body", "type"))) << body;
  }
}

TEST(ObjectSpecPresence, EveryProblemIsCollectedIntoOneErrorWithOneEntryPerField) {
  auto value = json::parse(R"({"title": 7, "ring": "maybe", "priority": 9, "score": "high", "active": "yes",
                                "extra": 1})");
  Error e = thrown_error([&] { technology_spec().validate(value, Mode::Create); });
  EXPECT_EQ(e.kind(), ErrorKind::Validation);
  EXPECT_EQ(e.status(), 422);
  EXPECT_THAT(e.errors(),
              UnorderedElementsAre(is_error("title", "type"), is_error("ring", "enum"),
                                   is_error("priority", "out_of_range"), is_error("score", "type"),
                                   is_error("active", "type"), is_error("extra", "unknown_field")));
  EXPECT_THAT(e.detail(), ::testing::HasSubstr("6 fields are not valid"));
}

TEST(ObjectSpecPresence, ValidBodyIsReturnedUnchangedApartFromNormalisation) {
  auto out = accepted(technology_spec(),
                      R"({"title": " Rust ", "ring": "adopt", "priority": 3, "score": 7.5, "active": true})");
  EXPECT_EQ(out,
            json::parse(R"({"title": "Rust", "ring": "adopt", "priority": 3, "score": 7.5, "active": true})")
                .as_object());
}

// ---- types ----

TEST(ObjectSpecTypes, StringFieldRejectsNonStrings) {
  for (const char* body : {R"({"notes": 1})", R"({"notes": true})", R"({"notes": []})", R"({"notes": {}})"}) {
    EXPECT_THAT(field_errors(technology_spec(), body, Mode::Patch), ElementsAre(is_error("notes", "type")))
        << body;
  }
}

TEST(ObjectSpecTypes, IntegerRangeIsEnforcedAtBothEnds) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"priority": 0})", Mode::Patch),
              ElementsAre(is_error("priority", "out_of_range")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"priority": 6})", Mode::Patch),
              ElementsAre(is_error("priority", "out_of_range")));
  EXPECT_EQ(accepted(technology_spec(), R"({"priority": 1})", Mode::Patch).at("priority"), json::value(1));
  EXPECT_EQ(accepted(technology_spec(), R"({"priority": 5})", Mode::Patch).at("priority"), json::value(5));
}

TEST(ObjectSpecTypes, OutOfRangeMessageNamesTheBounds) {
  auto errors = field_errors(technology_spec(), R"({"priority": 42})", Mode::Patch);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "must be between 1 and 5");
}

TEST(ObjectSpecTypes, OneSidedIntegerBounds) {
  ObjectSpec spec("Bounds");
  spec.field("at_least").integer(10);
  spec.field("at_most").integer(std::nullopt, 3);
  auto errors = field_errors(spec, R"({"at_least": 9, "at_most": 4})");
  EXPECT_THAT(errors, UnorderedElementsAre(is_error("at_least", "out_of_range"),
                                           is_error("at_most", "out_of_range")));
  auto out = accepted(spec, R"({"at_least": 1000000, "at_most": -1000000})");
  EXPECT_EQ(out.at("at_least"), json::value(1000000));
}

TEST(ObjectSpecTypes, IntegralDoublesAreAcceptedAsIntegersAndNormalised) {
  auto out = accepted(technology_spec(), R"({"priority": 3.0})", Mode::Patch);
  ASSERT_TRUE(out.at("priority").is_int64());
  EXPECT_EQ(out.at("priority").get_int64(), 3);
}

TEST(ObjectSpecTypes, FractionalAndHugeNumbersAreNotIntegers) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"priority": 3.5})", Mode::Patch),
              ElementsAre(is_error("priority", "type")));
  ObjectSpec unbounded("Unbounded");
  unbounded.field("n").integer();
  EXPECT_THAT(field_errors(unbounded, R"({"n": 1e300})"), ElementsAre(is_error("n", "type")));
  EXPECT_THAT(field_errors(unbounded, R"({"n": 18446744073709551615})"), ElementsAre(is_error("n", "type")));
}

TEST(ObjectSpecTypes, BooleansAndStringsAreNotIntegers) {
  EXPECT_THAT(field_errors(technology_spec(), R"({"priority": true})", Mode::Patch),
              ElementsAre(is_error("priority", "type")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"priority": "3"})", Mode::Patch),
              ElementsAre(is_error("priority", "type")));
}

TEST(ObjectSpecTypes, NumbersAcceptIntegersAndEnforceTheirRange) {
  auto out = accepted(technology_spec(), R"({"score": 10})", Mode::Patch);
  ASSERT_TRUE(out.at("score").is_double());
  EXPECT_EQ(out.at("score").get_double(), 10.0);
  EXPECT_THAT(field_errors(technology_spec(), R"({"score": 10.5})", Mode::Patch),
              ElementsAre(is_error("score", "out_of_range")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"score": -0.1})", Mode::Patch),
              ElementsAre(is_error("score", "out_of_range")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"score": false})", Mode::Patch),
              ElementsAre(is_error("score", "type")));
}

TEST(ObjectSpecTypes, BooleanFieldAcceptsOnlyTrueOrFalse) {
  EXPECT_EQ(accepted(technology_spec(), R"({"active": false})", Mode::Patch).at("active"),
            json::value(false));
  EXPECT_THAT(field_errors(technology_spec(), R"({"active": 1})", Mode::Patch),
              ElementsAre(is_error("active", "type")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"active": "true"})", Mode::Patch),
              ElementsAre(is_error("active", "type")));
}

// ---- enums ----

TEST(ObjectSpecEnums, OnlyListedChoicesAreAcceptedCaseSensitively) {
  EXPECT_EQ(accepted(technology_spec(), R"({"ring": "trial"})", Mode::Patch).at("ring"),
            json::value("trial"));
  EXPECT_THAT(field_errors(technology_spec(), R"({"ring": "Trial"})", Mode::Patch),
              ElementsAre(is_error("ring", "enum")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"ring": ""})", Mode::Patch),
              ElementsAre(is_error("ring", "enum")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"ring": 1})", Mode::Patch),
              ElementsAre(is_error("ring", "type")));
}

TEST(ObjectSpecEnums, ChoiceIsTrimmedBeforeMatching) {
  EXPECT_EQ(accepted(technology_spec(), R"({"ring": "  hold "})", Mode::Patch).at("ring"),
            json::value("hold"));
}

TEST(ObjectSpecEnums, MessageListsTheChoices) {
  auto errors = field_errors(technology_spec(), R"({"ring": "nope"})", Mode::Patch);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "must be one of: adopt, trial, assess, hold");
}

// ---- strings ----

TEST(ObjectSpecStrings, StringsAreTrimmed) {
  EXPECT_EQ(accepted(technology_spec(), "{\"notes\": \" \\t spaced \\n \"}", Mode::Patch).at("notes"),
            json::value("spaced"));
}

TEST(ObjectSpecStrings, NoTrimKeepsSurroundingWhitespace) {
  ObjectSpec spec("Secret");
  spec.field("password").string(0, 10).no_trim();
  EXPECT_EQ(accepted(spec, R"({"password": " pw "})").at("password"), json::value(" pw "));
}

TEST(ObjectSpecStrings, MinimumLengthIsCheckedAfterTrimming) {
  auto errors = field_errors(technology_spec(), R"({"title": "   "})", Mode::Patch);
  EXPECT_THAT(errors, ElementsAre(is_error("title", "too_short")));
  EXPECT_EQ(errors[0].message, "must not be empty");
}

TEST(ObjectSpecStrings, MaximumLengthCountsUtf8CodePointsNotBytes) {
  // "äöüßéèêëçñ" is 10 code points in 20 bytes: within max 10.
  EXPECT_EQ(accepted(technology_spec(), R"({"title": "äöüßéèêëçñ"})", Mode::Patch).at("title"),
            json::value("äöüßéèêëçñ"));
  EXPECT_EQ(accepted(technology_spec(), R"({"title": "😀😀😀😀😀😀😀😀😀😀"})", Mode::Patch).at("title"),
            json::value("😀😀😀😀😀😀😀😀😀😀"));
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": "äöüßéèêëçñx"})", Mode::Patch),
              ElementsAre(is_error("title", "too_long")));
  EXPECT_THAT(field_errors(technology_spec(), R"({"title": "abcdefghijk"})", Mode::Patch),
              ElementsAre(is_error("title", "too_long")));
}

TEST(ObjectSpecStrings, EmailIsTrimmedAndLowerCased) {
  ObjectSpec spec("User");
  spec.field("email").email().required();
  EXPECT_EQ(accepted(spec, R"({"email": "  Alice.Smith@Example.COM "})").at("email"),
            json::value("alice.smith@example.com"));
}

TEST(ObjectSpecStrings, MalformedEmailsAreRejected) {
  ObjectSpec spec("User");
  spec.field("email").email().required();
  for (const char* email :
       {"alice", "alice@", "@example.com", "alice@example", "a@b@example.com", "alice@.com", "alice@example.",
        "al ice@example.com", "<alice@example.com>", "a,b@example.com"}) {
    std::string body = std::string(R"({"email": ")") + email + "\"}";
    EXPECT_THAT(field_errors(spec, body), ElementsAre(is_error("email", "format"))) << email;
  }
}

TEST(ObjectSpecStrings, UrlMustBeHttpOrHttpsWithAHost) {
  ObjectSpec spec("Link");
  spec.field("url").url();
  EXPECT_EQ(accepted(spec, R"({"url": " https://example.com/a?b=c "})").at("url"),
            json::value("https://example.com/a?b=c"));
  EXPECT_EQ(accepted(spec, R"({"url": "http://localhost:8000"})").at("url"),
            json::value("http://localhost:8000"));
  for (const char* url : {"ftp://example.com/file", "javascript:alert(1)", "file:///etc/passwd",
                          "example.com", "/relative/path", "http://", "https:///path", "http//example.com"}) {
    std::string body = std::string(R"({"url": ")") + url + "\"}";
    EXPECT_THAT(field_errors(spec, body), ElementsAre(is_error("url", "format"))) << url;
  }
}

TEST(ObjectSpecStrings, UrlLengthIsLimited) {
  ObjectSpec spec("Link");
  spec.field("url").url(30);
  std::string body = R"({"url": "https://example.com/)" + std::string(20, 'a') + "\"}";
  EXPECT_THAT(field_errors(spec, body), ElementsAre(is_error("url", "too_long")));
}

TEST(ObjectSpecStrings, DateTimeIsNormalisedToUtcZulu) {
  ObjectSpec spec("Event");
  spec.field("due").date_time();
  EXPECT_EQ(accepted(spec, R"({"due": "2026-01-31 12:00:00+02:00"})").at("due"),
            json::value("2026-01-31T10:00:00.000000Z"));
  EXPECT_EQ(accepted(spec, R"({"due": "2026-01-31"})").at("due"), json::value("2026-01-31T00:00:00.000000Z"));
}

TEST(ObjectSpecStrings, InvalidDateTimesAreRejected) {
  ObjectSpec spec("Event");
  spec.field("due").date_time();
  for (const char* text : {"2026-02-30T00:00:00Z", "tomorrow", "31/01/2026", ""}) {
    std::string body = std::string(R"({"due": ")") + text + "\"}";
    EXPECT_THAT(field_errors(spec, body), ElementsAre(is_error("due", "format"))) << text;
  }
}

// ---- objects and arrays ----

TEST(ObjectSpecObjects, ObjectFieldMustBeAnObjectWithinItsSerialisedSize) {
  ObjectSpec spec("Settings");
  spec.field("meta").object(20);
  EXPECT_EQ(accepted(spec, R"({"meta": {"a": 1}})").at("meta"), json::parse(R"({"a":1})"));
  EXPECT_THAT(field_errors(spec, R"({"meta": {"key": "a rather long value"}})"),
              ElementsAre(is_error("meta", "too_long")));
  EXPECT_THAT(field_errors(spec, R"({"meta": [1]})"), ElementsAre(is_error("meta", "type")));
  EXPECT_THAT(field_errors(spec, R"({"meta": "{}"})"), ElementsAre(is_error("meta", "type")));
}

TEST(ObjectSpecObjects, StringArrayChecksItemsCountAndLengthAndTrimsItems) {
  ObjectSpec spec("Tags");
  spec.field("tags").string_array(3, 5);
  EXPECT_EQ(accepted(spec, R"({"tags": [" a ", "bb"]})").at("tags"), json::parse(R"(["a","bb"])"));
  EXPECT_THAT(field_errors(spec, R"({"tags": ["a", "b", "c", "d"]})"),
              ElementsAre(is_error("tags", "too_long")));
  EXPECT_THAT(field_errors(spec, R"({"tags": ["abcdef"]})"), ElementsAre(is_error("tags", "too_long")));
  EXPECT_THAT(field_errors(spec, R"({"tags": ["a", 1]})"), ElementsAre(is_error("tags", "type")));
  EXPECT_THAT(field_errors(spec, R"({"tags": "a,b"})"), ElementsAre(is_error("tags", "type")));
}

// ---- JSON Schema ----

TEST(ObjectSpecSchema, CreateSchemaListsRequiredFieldsAndForbidsExtras) {
  auto schema = technology_spec().json_schema(Mode::Create);
  EXPECT_EQ(schema.at("type"), json::value("object"));
  EXPECT_EQ(schema.at("description"), json::value("A technology on the radar"));
  EXPECT_EQ(schema.at("required"), json::parse(R"(["title","ring"])"));
  EXPECT_EQ(schema.at("additionalProperties"), json::value(false));
  EXPECT_EQ(schema.at("properties").as_object().size(), 6u);
}

TEST(ObjectSpecSchema, PatchSchemaHasNoRequiredList) {
  auto schema = technology_spec().json_schema(Mode::Patch);
  EXPECT_FALSE(schema.contains("required"));
}

TEST(ObjectSpecSchema, NullableFieldsAllowNullInTheirType) {
  auto props = technology_spec().json_schema(Mode::Create).at("properties").as_object();
  EXPECT_EQ(props.at("title").at("type"), json::value("string"));  // not_null
  EXPECT_EQ(props.at("notes").at("type"), json::parse(R"(["string","null"])"));
  EXPECT_EQ(props.at("priority").at("type"), json::parse(R"(["integer","null"])"));
  EXPECT_EQ(props.at("score").at("type"), json::parse(R"(["number","null"])"));
  EXPECT_EQ(props.at("active").at("type"), json::parse(R"(["boolean","null"])"));
}

TEST(ObjectSpecSchema, EnumListsItsChoicesAndNullWhenNullable) {
  ObjectSpec spec("E");
  spec.field("nullable").one_of({"a", "b"});
  spec.field("strict").one_of({"x"}).not_null();
  auto props = spec.json_schema(Mode::Create).at("properties").as_object();
  EXPECT_EQ(props.at("nullable").at("enum"), json::parse(R"(["a","b",null])"));
  EXPECT_EQ(props.at("nullable").at("type"), json::parse(R"(["string","null"])"));
  EXPECT_EQ(props.at("strict").at("enum"), json::parse(R"(["x"])"));
  EXPECT_EQ(props.at("strict").at("type"), json::value("string"));
}

TEST(ObjectSpecSchema, BoundsFormatsAndDocumentationArePublished) {
  ObjectSpec spec("Doc");
  spec.field("title").string(1, 10).describe("The title").example("Rust");
  spec.field("priority").integer(1, 5).default_value(3);
  spec.field("score").number(0.0, 2.5);
  spec.field("email").email();
  spec.field("homepage").url(100);
  spec.field("due").date_time();
  spec.field("password").string(8, 64).write_only();
  spec.field("tags").string_array(4, 12);
  auto props = spec.json_schema(Mode::Create).at("properties").as_object();
  EXPECT_EQ(props.at("title"), json::parse(R"({"type":["string","null"],"minLength":1,"maxLength":10,
                                               "description":"The title","examples":["Rust"]})"));
  EXPECT_EQ(props.at("priority"),
            json::parse(R"({"type":["integer","null"],"minimum":1,"maximum":5,"default":3})"));
  EXPECT_EQ(props.at("score").at("maximum"), json::value(2.5));
  EXPECT_EQ(props.at("email").at("format"), json::value("email"));
  EXPECT_EQ(props.at("homepage").at("format"), json::value("uri"));
  EXPECT_EQ(props.at("homepage").at("maxLength"), json::value(100));
  EXPECT_EQ(props.at("due").at("format"), json::value("date-time"));
  EXPECT_EQ(props.at("password").at("writeOnly"), json::value(true));
  EXPECT_EQ(props.at("tags").at("items"), json::parse(R"({"type":"string","maxLength":12})"));
  EXPECT_EQ(props.at("tags").at("maxItems"), json::value(4));
}

TEST(ObjectSpecSchema, AllowUnknownPublishesAdditionalProperties) {
  ObjectSpec spec("Loose");
  spec.field("a").string();
  spec.allow_unknown();
  EXPECT_EQ(spec.json_schema(Mode::Patch).at("additionalProperties"), json::value(true));
}

// ---- query parameters ----

using Pairs = std::vector<std::pair<std::string, std::string>>;

QuerySpec list_query() {
  QuerySpec spec;
  spec.integer("page", 1, std::nullopt, "Page number", 1)
      .integer("limit", 1, 100, "Page size", 20)
      .one_of("status", {"draft", "active", "archived"}, "Filter by status", true)
      .one_of("sort", {"asc", "desc"}, "Sort order")
      .string("q", 5, "Search term")
      .date_time("since", "Changed since")
      .boolean("mine", "Only mine");
  return spec;
}

std::vector<FieldError> query_errors(const QuerySpec& spec, const Pairs& raw) {
  Error e = thrown_error([&] { spec.validate(raw); });
  EXPECT_EQ(e.kind(), ErrorKind::Validation);
  return e.errors();
}

TEST(QuerySpecValidation, IntegersOutsideTheirRangeAreRejected) {
  EXPECT_THAT(query_errors(list_query(), {{"limit", "101"}}),
              ElementsAre(is_error("query.limit", "out_of_range")));
  EXPECT_THAT(query_errors(list_query(), {{"limit", "0"}}),
              ElementsAre(is_error("query.limit", "out_of_range")));
  EXPECT_THAT(query_errors(list_query(), {{"page", "-1"}}),
              ElementsAre(is_error("query.page", "out_of_range")));
  EXPECT_EQ(list_query().validate({{"limit", "100"}}).integer("limit"), 100);
}

TEST(QuerySpecValidation, NonNumericIntegersAreTypeErrors) {
  for (const char* text : {"abc", "5x", "1.5", "99999999999999999999"}) {
    EXPECT_THAT(query_errors(list_query(), {{"page", text}}), ElementsAre(is_error("query.page", "type")))
        << text;
  }
}

TEST(QuerySpecValidation, ValuesAreTrimmed) {
  auto values = list_query().validate({{"limit", " 25 "}, {"sort", " asc"}});
  EXPECT_EQ(values.integer("limit"), 25);
  EXPECT_EQ(values.string("sort"), "asc");
}

TEST(QuerySpecValidation, MultipleEnumAcceptsACommaSeparatedList) {
  auto values = list_query().validate({{"status", "draft, active"}});
  EXPECT_THAT(values.list("status"), ElementsAre("draft", "active"));
}

TEST(QuerySpecValidation, RepeatedMultipleEnumParametersAreCombined) {
  auto values = list_query().validate({{"status", "draft"}, {"status", "archived"}});
  EXPECT_THAT(values.list("status"), ElementsAre("draft", "archived"));
}

TEST(QuerySpecValidation, MultipleEnumRejectsAnyUnknownItem) {
  EXPECT_THAT(query_errors(list_query(), {{"status", "draft,deleted"}}),
              ElementsAre(is_error("query.status", "enum")));
}

TEST(QuerySpecValidation, SingleEnumRejectsLists) {
  EXPECT_THAT(query_errors(list_query(), {{"sort", "asc,desc"}}),
              ElementsAre(is_error("query.sort", "enum")));
  EXPECT_THAT(query_errors(list_query(), {{"sort", "ASC"}}), ElementsAre(is_error("query.sort", "enum")));
}

TEST(QuerySpecValidation, UnknownParametersAreIgnored) {
  auto values = list_query().validate({{"utm_source", "mail"}, {"limit", "5"}});
  EXPECT_EQ(values.string("utm_source"), std::nullopt);
  EXPECT_EQ(values.integer("limit"), 5);
}

TEST(QuerySpecValidation, TheLastValueOfARepeatedParameterWins) {
  auto values = list_query().validate({{"limit", "5"}, {"limit", "7"}, {"q", "one"}, {"q", "two"}});
  EXPECT_EQ(values.integer("limit"), 7);
  EXPECT_EQ(values.string("q"), "two");
}

TEST(QuerySpecValidation, AbsentParametersReadAsNullopt) {
  auto values = list_query().validate({});
  EXPECT_EQ(values.integer("limit"), std::nullopt);
  EXPECT_EQ(values.string("q"), std::nullopt);
  EXPECT_EQ(values.boolean("mine"), std::nullopt);
  EXPECT_EQ(values.date_time("since"), std::nullopt);
  EXPECT_TRUE(values.list("status").empty());
}

TEST(QuerySpecValidation, EmptyValuesAreNoValue) {
  // A form's empty filter means "any": not "exactly empty", and not an error for numbers, enums or times.
  auto values = list_query().validate(
      {{"limit", ""}, {"q", "  "}, {"mine", ""}, {"since", ""}, {"status", ""}, {"limit", "7"}, {"q", ""}});
  EXPECT_EQ(values.integer("limit"), 7);
  EXPECT_EQ(values.string("q"), std::nullopt);
  EXPECT_EQ(values.boolean("mine"), std::nullopt);
  EXPECT_EQ(values.date_time("since"), std::nullopt);
  EXPECT_TRUE(values.list("status").empty());
}

TEST(QuerySpecValidation, BooleansAcceptTrueFalseOneZero) {
  EXPECT_EQ(list_query().validate({{"mine", "true"}}).boolean("mine"), true);
  EXPECT_EQ(list_query().validate({{"mine", "1"}}).boolean("mine"), true);
  EXPECT_EQ(list_query().validate({{"mine", "false"}}).boolean("mine"), false);
  EXPECT_EQ(list_query().validate({{"mine", "0"}}).boolean("mine"), false);
  EXPECT_THAT(query_errors(list_query(), {{"mine", "yes"}}), ElementsAre(is_error("query.mine", "type")));
}

TEST(QuerySpecValidation, DateTimesAreParsed) {
  auto values = list_query().validate({{"since", "2026-01-31T12:00:00+01:00"}});
  ASSERT_TRUE(values.date_time("since"));
  EXPECT_EQ(cc::format_rfc3339(*values.date_time("since")), "2026-01-31T11:00:00.000000Z");
  EXPECT_THAT(query_errors(list_query(), {{"since", "2026-02-30"}}),
              ElementsAre(is_error("query.since", "format")));
}

TEST(QuerySpecValidation, StringLengthCountsCodePoints) {
  EXPECT_EQ(list_query().validate({{"q", "ääääö"}}).string("q"), "ääääö");
  EXPECT_THAT(query_errors(list_query(), {{"q", "abcdef"}}), ElementsAre(is_error("query.q", "too_long")));
}

TEST(QuerySpecValidation, EveryBadParameterIsReportedTogether) {
  EXPECT_THAT(query_errors(list_query(), {{"limit", "0"}, {"sort", "up"}, {"mine", "maybe"}, {"page", "2"}}),
              UnorderedElementsAre(is_error("query.limit", "out_of_range"), is_error("query.sort", "enum"),
                                   is_error("query.mine", "type")));
}

}  // namespace
