#include "core/validation.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/strings.hpp"

namespace cc::validation {

namespace json = boost::json;

std::string_view type_name(Type t) {
  switch (t) {
    case Type::String:
      return "string";
    case Type::Integer:
      return "integer";
    case Type::Number:
      return "number";
    case Type::Boolean:
      return "boolean";
    case Type::DateTime:
      return "date-time string";
    case Type::Email:
      return "email address";
    case Type::Url:
      return "http(s) URL";
    case Type::Enum:
      return "string";
    case Type::Object:
      return "object";
    case Type::StringArray:
      return "array of strings";
    case Type::ObjectArray:
      return "array of objects";
  }
  return "value";
}

namespace {

std::string choices_text(const std::vector<std::string>& choices) {
  return fmt::format("{}", fmt::join(choices, ", "));
}

bool looks_like_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at != s.rfind('@')) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') return false;
  }
  return true;
}

bool is_http_url(std::string_view s) {
  auto parsed = boost::urls::parse_absolute_uri(s);
  if (!parsed) return false;
  auto scheme = parsed->scheme();
  return (scheme == "http" || scheme == "https") && parsed->has_authority() && !parsed->host().empty();
}

std::optional<std::int64_t> as_integer(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(v.get_uint64());
  }
  if (v.is_double()) {
    double d = v.get_double();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

// Checks one value against its field rule; on success may replace it with a normalised form.
void check_value(const Field& f, json::value& v, std::vector<FieldError>& errors) {
  auto fail = [&](std::string message, std::string code) {
    errors.push_back({f.name, std::move(message), std::move(code)});
  };
  auto check_length = [&](std::string_view s) {
    std::size_t len = utf8_length(s);
    if (len < f.min_length) {
      fail(f.min_length == 1 ? "must not be empty"
                             : fmt::format("must be at least {} characters", f.min_length),
           "too_short");
      return false;
    }
    if (f.max_length && len > f.max_length) {
      fail(fmt::format("must be at most {} characters", f.max_length), "too_long");
      return false;
    }
    return true;
  };

  switch (f.type) {
    case Type::String:
    case Type::Email:
    case Type::Url:
    case Type::DateTime:
    case Type::Enum: {
      if (!v.is_string()) return fail(fmt::format("must be a {}", type_name(f.type)), "type");
      std::string s(v.get_string());
      if (f.trim) s = std::string(trim(s));
      if (f.type == Type::Email) s = to_lower(s);
      if (f.type == Type::Enum) {
        for (const auto& c : f.choices) {
          if (c == s) {
            v = s;
            return;
          }
        }
        return fail(fmt::format("must be one of: {}", choices_text(f.choices)), "enum");
      }
      if (!check_length(s)) return;
      if (f.pattern_regex && !std::regex_match(s, *f.pattern_regex)) return fail(f.pattern_message, "format");
      if (f.type == Type::Email && !looks_like_email(s))
        return fail("must be a valid email address", "format");
      if (f.type == Type::Url && !is_http_url(s))
        return fail("must be an http or https URL (or null)", "format");
      if (f.type == Type::DateTime) {
        auto t = parse_rfc3339(s);
        if (!t) return fail("must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z", "format");
        s = format_rfc3339(*t);
      }
      v = s;
      return;
    }
    case Type::Integer: {
      if (v.is_bool() || !v.is_number()) return fail("must be an integer", "type");
      auto n = as_integer(v);
      if (!n) return fail("must be an integer", "type");
      if ((f.min_int && *n < *f.min_int) || (f.max_int && *n > *f.max_int)) {
        if (f.min_int && f.max_int)
          return fail(fmt::format("must be between {} and {}", *f.min_int, *f.max_int), "out_of_range");
        if (f.min_int) return fail(fmt::format("must be at least {}", *f.min_int), "out_of_range");
        return fail(fmt::format("must be at most {}", *f.max_int), "out_of_range");
      }
      v = *n;
      return;
    }
    case Type::Number: {
      if (v.is_bool() || !v.is_number()) return fail("must be a number", "type");
      double d = v.to_number<double>();
      if (!std::isfinite(d)) return fail("must be a finite number", "type");
      if ((f.min_number && d < *f.min_number) || (f.max_number && d > *f.max_number)) {
        if (f.min_number && f.max_number)
          return fail(fmt::format("must be between {} and {}", *f.min_number, *f.max_number), "out_of_range");
        if (f.min_number) return fail(fmt::format("must be at least {}", *f.min_number), "out_of_range");
        return fail(fmt::format("must be at most {}", *f.max_number), "out_of_range");
      }
      v = d;
      return;
    }
    case Type::Boolean:
      if (!v.is_bool()) return fail("must be true or false", "type");
      return;
    case Type::Object:
      if (!v.is_object()) return fail("must be an object", "type");
      if (f.max_length && to_json_string(v).size() > f.max_length) {
        return fail(fmt::format("must serialise to at most {} bytes", f.max_length), "too_long");
      }
      return;
    case Type::ObjectArray: {
      if (!v.is_array()) return fail("must be an array of objects", "type");
      const auto& arr = v.get_array();
      if (arr.empty()) return fail("must hold at least one item", "too_short");
      if (f.max_items && arr.size() > f.max_items)
        return fail(fmt::format("must have at most {} items", f.max_items), "too_long");
      for (const auto& item : arr) {
        if (!item.is_object()) return fail("must be an array of objects", "type");
      }
      return;
    }
    case Type::StringArray: {
      if (!v.is_array()) return fail("must be an array of strings", "type");
      auto& arr = v.get_array();
      if (f.max_items && arr.size() > f.max_items)
        return fail(fmt::format("must have at most {} items", f.max_items), "too_long");
      for (auto& item : arr) {
        if (!item.is_string()) return fail("must be an array of strings", "type");
        std::string s(trim(std::string_view(item.get_string())));
        if (f.max_length && utf8_length(s) > f.max_length) {
          return fail(fmt::format("items must be at most {} characters", f.max_length), "too_long");
        }
        item = s;
      }
      return;
    }
  }
}

}  // namespace

ObjectSpec::ObjectSpec(std::string name, std::string description)
    : name_(std::move(name)), description_(std::move(description)) {}

FieldBuilder ObjectSpec::field(std::string name) {
  fields_.push_back(Field{.name = std::move(name)});
  return FieldBuilder(*this, fields_.size() - 1);
}

ObjectSpec& ObjectSpec::allow_unknown(bool allow) {
  allow_unknown_ = allow;
  return *this;
}

const Field* ObjectSpec::find(std::string_view name) const {
  for (const auto& f : fields_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

json::object ObjectSpec::validate(const json::value& body, Mode mode) const {
  if (!body.is_object()) throw Error::validation("body", "must be a JSON object", "type");
  json::object out = body.get_object();
  std::vector<FieldError> errors;
  for (auto& member : out) {
    const Field* f = find(member.key());
    if (!f) {
      if (!allow_unknown_)
        errors.push_back({std::string(member.key()), "is not a known field", "unknown_field"});
      continue;
    }
    if (member.value().is_null()) {
      if (!f->nullable || (f->required && mode == Mode::Create)) {
        errors.push_back({f->name, "must not be null", "null"});
      }
      continue;
    }
    check_value(*f, member.value(), errors);
  }
  if (mode == Mode::Create) {
    for (const auto& f : fields_) {
      if (f.required && !out.contains(f.name)) errors.push_back({f.name, "is required", "required"});
    }
  }
  if (!errors.empty()) throw Error::validation(std::move(errors));
  return out;
}

json::object ObjectSpec::json_schema(Mode mode) const {
  json::object schema;
  schema["type"] = "object";
  if (!description_.empty()) schema["description"] = description_;
  json::object props;
  json::array required;
  for (const auto& f : fields_) {
    json::object p;
    auto set_type = [&](std::string_view t) {
      if (f.nullable) {
        p["type"] = json::array{json::string(t), "null"};
      } else {
        p["type"] = t;
      }
    };
    switch (f.type) {
      case Type::String:
        set_type("string");
        break;
      case Type::Email:
        set_type("string");
        p["format"] = "email";
        break;
      case Type::Url:
        set_type("string");
        p["format"] = "uri";
        break;
      case Type::DateTime:
        set_type("string");
        p["format"] = "date-time";
        break;
      case Type::Enum: {
        set_type("string");
        json::array e;
        for (const auto& c : f.choices) e.emplace_back(c);
        if (f.nullable) e.emplace_back(nullptr);
        p["enum"] = std::move(e);
        break;
      }
      case Type::Integer:
        set_type("integer");
        break;
      case Type::Number:
        set_type("number");
        break;
      case Type::Boolean:
        set_type("boolean");
        break;
      case Type::Object:
        set_type("object");
        break;
      case Type::ObjectArray:
        set_type("array");
        p["items"] = json::object{{"type", "object"}};
        if (f.max_items) p["maxItems"] = f.max_items;
        p["minItems"] = 1;
        break;
      case Type::StringArray: {
        set_type("array");
        json::object items{{"type", "string"}};
        if (f.max_length) items["maxLength"] = f.max_length;
        p["items"] = std::move(items);
        if (f.max_items) p["maxItems"] = f.max_items;
        break;
      }
    }
    if (f.type == Type::String || f.type == Type::Email || f.type == Type::Url) {
      if (f.min_length) p["minLength"] = f.min_length;
      if (f.max_length) p["maxLength"] = f.max_length;
      if (!f.pattern.empty()) p["pattern"] = f.pattern;
    }
    if (f.min_int) p["minimum"] = *f.min_int;
    if (f.max_int) p["maximum"] = *f.max_int;
    if (f.min_number) p["minimum"] = *f.min_number;
    if (f.max_number) p["maximum"] = *f.max_number;
    if (!f.description.empty()) p["description"] = f.description;
    if (f.default_value) p["default"] = *f.default_value;
    if (f.example) p["examples"] = json::array{*f.example};
    if (f.write_only) p["writeOnly"] = true;
    props[f.name] = std::move(p);
    if (f.required && mode == Mode::Create) required.emplace_back(f.name);
  }
  schema["properties"] = std::move(props);
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = allow_unknown_;
  return schema;
}

Field& FieldBuilder::f() {
  return spec_.fields_[index_];
}
FieldBuilder& FieldBuilder::string(std::size_t min_length, std::size_t max_length) {
  f().type = Type::String;
  f().min_length = min_length;
  f().max_length = max_length;
  return *this;
}
FieldBuilder& FieldBuilder::text(std::size_t max_length) {
  return string(0, max_length);
}
FieldBuilder& FieldBuilder::integer(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
  f().type = Type::Integer;
  f().min_int = min;
  f().max_int = max;
  return *this;
}
FieldBuilder& FieldBuilder::number(std::optional<double> min, std::optional<double> max) {
  f().type = Type::Number;
  f().min_number = min;
  f().max_number = max;
  return *this;
}
FieldBuilder& FieldBuilder::boolean() {
  f().type = Type::Boolean;
  return *this;
}
FieldBuilder& FieldBuilder::date_time() {
  f().type = Type::DateTime;
  return *this;
}
FieldBuilder& FieldBuilder::email() {
  f().type = Type::Email;
  f().min_length = 3;
  f().max_length = 254;
  return *this;
}
FieldBuilder& FieldBuilder::url(std::size_t max_length) {
  f().type = Type::Url;
  f().max_length = max_length;
  return *this;
}
FieldBuilder& FieldBuilder::one_of(std::vector<std::string> choices) {
  f().type = Type::Enum;
  f().choices = std::move(choices);
  return *this;
}
FieldBuilder& FieldBuilder::object(std::size_t max_serialized_bytes) {
  f().type = Type::Object;
  f().max_length = max_serialized_bytes;
  return *this;
}
FieldBuilder& FieldBuilder::string_array(std::size_t max_items, std::size_t max_item_length) {
  f().type = Type::StringArray;
  f().max_items = max_items;
  f().max_length = max_item_length;
  return *this;
}
FieldBuilder& FieldBuilder::object_array(std::size_t max_items) {
  f().type = Type::ObjectArray;
  f().max_items = max_items;
  return *this;
}
FieldBuilder& FieldBuilder::matches(std::string regex, std::string message) {
  f().pattern_regex =
      std::make_shared<const std::regex>(regex, std::regex::ECMAScript | std::regex::optimize);
  f().pattern = "^(?:" + regex + ")$";
  f().pattern_message = std::move(message);
  return *this;
}

FieldBuilder& FieldBuilder::required() {
  f().required = true;
  return *this;
}
FieldBuilder& FieldBuilder::not_null() {
  f().nullable = false;
  return *this;
}
FieldBuilder& FieldBuilder::no_trim() {
  f().trim = false;
  return *this;
}
FieldBuilder& FieldBuilder::write_only() {
  f().write_only = true;
  return *this;
}
FieldBuilder& FieldBuilder::describe(std::string text) {
  f().description = std::move(text);
  return *this;
}
FieldBuilder& FieldBuilder::default_value(json::value v) {
  f().default_value = std::move(v);
  return *this;
}
FieldBuilder& FieldBuilder::example(json::value v) {
  f().example = std::move(v);
  return *this;
}

// ---- query parameters ----

QuerySpec& QuerySpec::add(Param p) {
  params_.push_back(std::move(p));
  return *this;
}

QuerySpec& QuerySpec::integer(std::string name, std::optional<std::int64_t> min,
                              std::optional<std::int64_t> max, std::string description,
                              std::optional<std::int64_t> default_value) {
  Param p{.name = std::move(name), .type = Type::Integer, .min_int = min, .max_int = max};
  p.description = std::move(description);
  if (default_value) p.default_value = *default_value;
  return add(std::move(p));
}

QuerySpec& QuerySpec::string(std::string name, std::size_t max_length, std::string description) {
  Param p{.name = std::move(name), .type = Type::String, .max_length = max_length};
  p.description = std::move(description);
  return add(std::move(p));
}

QuerySpec& QuerySpec::one_of(std::string name, std::vector<std::string> choices, std::string description,
                             bool multiple) {
  Param p{.name = std::move(name), .type = Type::Enum};
  p.choices = std::move(choices);
  p.multiple = multiple;
  p.description = std::move(description);
  return add(std::move(p));
}

QuerySpec& QuerySpec::date_time(std::string name, std::string description) {
  Param p{.name = std::move(name), .type = Type::DateTime};
  p.description = std::move(description);
  return add(std::move(p));
}

QuerySpec& QuerySpec::boolean(std::string name, std::string description) {
  Param p{.name = std::move(name), .type = Type::Boolean};
  p.description = std::move(description);
  return add(std::move(p));
}

QueryValues QuerySpec::validate(const std::vector<std::pair<std::string, std::string>>& raw) const {
  QueryValues out;
  std::vector<FieldError> errors;
  for (const auto& pair : raw) {
    // Named references rather than a structured binding: the lambda below captures the name (clang 14, used
    // for the fuzz build, cannot capture structured bindings).
    const std::string& name = pair.first;
    const std::string& value = pair.second;
    const Param* p = nullptr;
    for (const auto& candidate : params_) {
      if (candidate.name == name) p = &candidate;
    }
    if (!p) continue;  // unknown query parameters are ignored, as HTTP APIs conventionally do
    auto fail = [&](std::string message, std::string code) {
      errors.push_back({"query." + name, std::move(message), std::move(code)});
    };
    std::string v(trim(value));
    // An empty value is no value: a form that submits an empty filter (`?language=`) means "any", not
    // "exactly empty", and an empty number is not a number to check.
    if (v.empty()) continue;
    switch (p->type) {
      case Type::Integer: {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (v.empty() || ec != std::errc{} || end != v.data() + v.size()) {
          fail("must be an integer", "type");
          continue;
        }
        if ((p->min_int && n < *p->min_int) || (p->max_int && n > *p->max_int)) {
          if (p->min_int && p->max_int) {
            fail(fmt::format("must be between {} and {}", *p->min_int, *p->max_int), "out_of_range");
          } else if (p->min_int) {
            fail(fmt::format("must be at least {}", *p->min_int), "out_of_range");
          } else {
            fail(fmt::format("must be at most {}", *p->max_int), "out_of_range");
          }
          continue;
        }
        break;
      }
      case Type::Enum: {
        auto items = p->multiple ? split(v, ',') : std::vector<std::string>{v};
        bool ok = !items.empty();
        for (const auto& item : items) {
          bool found = false;
          for (const auto& c : p->choices) found = found || c == item;
          ok = ok && found;
        }
        if (!ok) {
          fail(fmt::format("must be one of: {}", choices_text(p->choices)), "enum");
          continue;
        }
        break;
      }
      case Type::Boolean:
        if (v != "true" && v != "false" && v != "1" && v != "0") {
          fail("must be true or false", "type");
          continue;
        }
        break;
      case Type::DateTime:
        if (!parse_rfc3339(v)) {
          fail("must be an RFC 3339 date-time", "format");
          continue;
        }
        break;
      default:
        if (p->max_length && utf8_length(v) > p->max_length) {
          fail(fmt::format("must be at most {} characters", p->max_length), "too_long");
          continue;
        }
    }
    out.values_.emplace_back(name, std::move(v));
  }
  if (!errors.empty()) throw Error::validation(std::move(errors));
  return out;
}

std::optional<std::string> QueryValues::string(std::string_view name) const {
  // The last occurrence wins, as in most frameworks.
  for (auto it = values_.rbegin(); it != values_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

std::optional<std::int64_t> QueryValues::integer(std::string_view name) const {
  auto s = string(name);
  if (!s) return std::nullopt;
  std::int64_t n = 0;
  std::from_chars(s->data(), s->data() + s->size(), n);
  return n;
}

std::optional<bool> QueryValues::boolean(std::string_view name) const {
  auto s = string(name);
  if (!s) return std::nullopt;
  return *s == "true" || *s == "1";
}

std::optional<Timestamp> QueryValues::date_time(std::string_view name) const {
  auto s = string(name);
  if (!s) return std::nullopt;
  return parse_rfc3339(*s);
}

std::vector<std::string> QueryValues::list(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : values_) {
    if (key != name) continue;
    for (auto& item : split(value, ',')) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace cc::validation
