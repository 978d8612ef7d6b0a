#pragma once
// Structured logging: every line is an event name plus key/value fields, printed as one JSON object per line
// (the default, for log shippers) or as readable text. Backed by spdlog; stdout is flushed once a second and
// on warnings, so the access log costs no system call per request.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cc::log {

enum class Level { Debug, Info, Warn, Error };
enum class Format { Json, Text };

struct Field {
  using Value = std::variant<std::string_view, std::int64_t, double, bool, std::nullptr_t>;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, std::int64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, std::size_t v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  // Absent values are written as null.
  Field(std::string_view k, std::nullptr_t) : key(k), value(nullptr) {}
  Field(std::string_view k, const std::optional<std::int64_t>& v) : key(k) {
    if (v) {
      value = *v;
    } else {
      value = nullptr;
    }
  }
  std::string_view key;
  Value value;
};

void init(Level level, Format format);
bool parse_level(std::string_view text, Level& out);
bool enabled(Level level);
void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
void flush();

inline void debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::Debug, event, fields);
}
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::Info, event, fields);
}
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::Warn, event, fields);
}
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::Error, event, fields);
}

}  // namespace cc::log
