#pragma once
// Declarative request validation. A resource declares its request body (ObjectSpec) and query parameters
// (QuerySpec) once; the same declaration validates requests (collecting every field error, then throwing one
// 422) and produces the JSON Schema that /openapi.json publishes. The rules cannot drift from the docs.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace cc::validation {

enum class Type {
  String,
  Integer,
  Number,
  Boolean,
  DateTime,
  Email,
  Url,
  Enum,
  Object,
  StringArray,
  ObjectArray
};

struct Field {
  std::string name;
  Type type = Type::String;
  bool required = false;    // must be present when creating
  bool nullable = true;     // JSON null accepted (clears an optional value)
  bool trim = true;         // strings are trimmed before length checks
  bool write_only = false;  // documented as writeOnly (passwords, tokens)
  std::optional<std::int64_t> min_int, max_int;
  std::optional<double> min_number, max_number;
  std::size_t min_length = 0;
  std::size_t max_length = 0;  // 0 = unlimited; Object: serialised size, StringArray: per item
  std::size_t max_items = 0;   // StringArray
  std::vector<std::string> choices;
  std::string pattern;  // ECMAScript regular expression the whole (trimmed) string must match
  std::shared_ptr<const std::regex> pattern_regex;
  std::string pattern_message;
  std::string description;
  std::optional<boost::json::value> default_value;  // documentation only
  std::optional<boost::json::value> example;
};

enum class Mode { Create, Patch };

class FieldBuilder;

class ObjectSpec {
 public:
  explicit ObjectSpec(std::string name, std::string description = {});

  FieldBuilder field(std::string name);
  // Accept members that are not listed (off by default: unknown members are a 422).
  ObjectSpec& allow_unknown(bool allow = true);

  const std::string& name() const { return name_; }
  const std::vector<Field>& fields() const { return fields_; }
  const Field* find(std::string_view name) const;

  // Throws cc::Error (422) listing every problem; returns the normalised object (trimmed strings).
  boost::json::object validate(const boost::json::value& body, Mode mode) const;
  boost::json::object json_schema(Mode mode) const;

 private:
  friend class FieldBuilder;
  std::string name_;
  std::string description_;
  std::vector<Field> fields_;
  bool allow_unknown_ = false;
};

class FieldBuilder {
 public:
  FieldBuilder(ObjectSpec& spec, std::size_t index) : spec_(spec), index_(index) {}
  FieldBuilder& string(std::size_t min_length = 0, std::size_t max_length = 0);
  FieldBuilder& text(std::size_t max_length);
  FieldBuilder& integer(std::optional<std::int64_t> min = {}, std::optional<std::int64_t> max = {});
  FieldBuilder& number(std::optional<double> min = {}, std::optional<double> max = {});
  FieldBuilder& boolean();
  FieldBuilder& date_time();
  FieldBuilder& email();
  FieldBuilder& url(std::size_t max_length = 2048);
  FieldBuilder& one_of(std::vector<std::string> choices);
  // For String fields: the value must match `regex` entirely; `message` explains the rule to the client.
  FieldBuilder& matches(std::string regex, std::string message);
  FieldBuilder& object(std::size_t max_serialized_bytes = 65536);
  FieldBuilder& string_array(std::size_t max_items, std::size_t max_item_length);
  // An array of 1..max_items JSON objects (their members are checked by whoever consumes them).
  FieldBuilder& object_array(std::size_t max_items);
  FieldBuilder& required();
  FieldBuilder& not_null();
  FieldBuilder& no_trim();
  FieldBuilder& write_only();
  FieldBuilder& describe(std::string text);
  FieldBuilder& default_value(boost::json::value v);
  FieldBuilder& example(boost::json::value v);

 private:
  Field& f();
  ObjectSpec& spec_;
  std::size_t index_;
};

// Query string parameters.
struct Param {
  std::string name;
  Type type = Type::String;
  std::optional<std::int64_t> min_int, max_int;
  std::size_t max_length = 0;
  std::vector<std::string> choices;  // for Enum; a comma-separated list is accepted when `multiple`
  bool multiple = false;
  std::string description;
  std::optional<boost::json::value> default_value;
};

class QueryValues;

class QuerySpec {
 public:
  QuerySpec& add(Param p);
  QuerySpec& integer(std::string name, std::optional<std::int64_t> min, std::optional<std::int64_t> max,
                     std::string description, std::optional<std::int64_t> default_value = {});
  QuerySpec& string(std::string name, std::size_t max_length, std::string description);
  QuerySpec& one_of(std::string name, std::vector<std::string> choices, std::string description,
                    bool multiple = false);
  QuerySpec& date_time(std::string name, std::string description);
  QuerySpec& boolean(std::string name, std::string description);
  const std::vector<Param>& params() const { return params_; }

  // `raw` holds the decoded query pairs in order. Throws cc::Error (422) naming each bad parameter.
  QueryValues validate(const std::vector<std::pair<std::string, std::string>>& raw) const;

 private:
  std::vector<Param> params_;
};

class QueryValues {
 public:
  std::optional<std::string> string(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  std::optional<Timestamp> date_time(std::string_view name) const;
  std::vector<std::string> list(std::string_view name) const;

 private:
  friend class QuerySpec;
  std::vector<std::pair<std::string, std::string>> values_;
};

std::string_view type_name(Type t);

}  // namespace cc::validation
