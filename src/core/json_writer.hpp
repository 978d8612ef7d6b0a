#pragma once
// A streaming JSON writer that appends to one string. Responses are written with it rather than built as a
// DOM: it allocates once per response and prints numbers the way people expect (`5`, `1.25`; Boost.JSON 1.81
// would print `5E0`).
#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace cc {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 256) { out_.reserve(reserve); }

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& value(std::nullptr_t);
  JsonWriter& value(Timestamp t);
  JsonWriter& value(const boost::json::value& v);
  template <class T>
  JsonWriter& value(const std::optional<T>& v) {
    if (!v) return value(nullptr);
    return value(*v);
  }
  // Inserts already-serialised JSON (e.g. a JSON column read from the database).
  JsonWriter& raw(std::string_view json);

  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  JsonWriter& raw_field(std::string_view name, std::string_view json) {
    key(name);
    return raw(json);
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

  static void append_escaped(std::string& out, std::string_view s);

 private:
  void before_value();
  std::string out_;
  bool need_comma_ = false;
};

// The JSON text of any value that has a `write_json(JsonWriter&, const T&)` (entities; audit snapshots).
template <class T>
std::string json_text(const T& value) {
  JsonWriter w;
  write_json(w, value);
  return w.take();
}

// Serialises a Boost.JSON value with JsonWriter's number formatting.
std::string to_json_string(const boost::json::value& v);
// The same, with every object's members sorted by key: equal for two texts that differ only in spacing and
// member order (what makes two requests "the same" for Idempotency-Key).
std::string to_canonical_json(const boost::json::value& v);

}  // namespace cc
