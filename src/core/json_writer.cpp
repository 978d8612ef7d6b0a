#include "core/json_writer.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace cc {

void JsonWriter::before_value() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_.push_back('}');
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_.push_back(']');
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_escaped(out_, name);
  out_.push_back(':');
  need_comma_ = false;
  return *this;
}

namespace {

// True if any of the 8 bytes in `word` is a control character, '"' or '\\' (SWAR: eight bytes per step).
inline bool needs_escape(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  auto has_zero = [&](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
  bool control = ((word - ones * 0x20) & ~word & highs) != 0;  // some byte < 0x20
  return control || has_zero(word ^ (ones * '"')) || has_zero(word ^ (ones * '\\'));
}

}  // namespace

void JsonWriter::append_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  // Fast path: nearly every string (and every key) needs no escaping and is copied in one step.
  std::size_t clean = 0;
  while (clean + 8 <= s.size()) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + clean, 8);
    if (needs_escape(word)) break;
    clean += 8;
  }
  while (clean < s.size()) {
    auto c = static_cast<unsigned char>(s[clean]);
    if (c < 0x20 || c == '"' || c == '\\') break;
    ++clean;
  }
  if (clean == s.size()) {
    std::size_t at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    *p = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  out.push_back('"');
  // Copy runs of characters that need no escaping in one append; most strings are a single run.
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (!needs_escape(word)) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_escaped(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  before_value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return value(nullptr);
  before_value();
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::nullptr_t) {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(Timestamp t) {
  return value(format_rfc3339(t));
}

JsonWriter& JsonWriter::value(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return value(nullptr);
    case boost::json::kind::bool_:
      return value(v.get_bool());
    case boost::json::kind::int64:
      return value(v.get_int64());
    case boost::json::kind::uint64: {
      before_value();
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      out_.append(buf, end);
      return *this;
    }
    case boost::json::kind::double_:
      return value(v.get_double());
    case boost::json::kind::string:
      return value(std::string_view(v.get_string()));
    case boost::json::kind::array:
      begin_array();
      for (const auto& item : v.get_array()) value(item);
      return end_array();
    case boost::json::kind::object:
      begin_object();
      for (const auto& member : v.get_object()) {
        key(member.key());
        value(member.value());
      }
      return end_object();
  }
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
  return *this;
}

namespace {

void write_canonical(JsonWriter& w, const boost::json::value& v) {
  if (v.is_array()) {
    w.begin_array();
    for (const auto& item : v.get_array()) write_canonical(w, item);
    w.end_array();
  } else if (v.is_object()) {
    std::vector<const boost::json::key_value_pair*> members;
    members.reserve(v.get_object().size());
    for (const auto& m : v.get_object()) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
    w.begin_object();
    for (const auto* m : members) {
      w.key(m->key());
      write_canonical(w, m->value());
    }
    w.end_object();
  } else {
    w.value(v);
  }
}

}  // namespace

std::string to_canonical_json(const boost::json::value& v) {
  JsonWriter w;
  write_canonical(w, v);
  return w.take();
}

std::string to_json_string(const boost::json::value& v) {
  JsonWriter w;
  w.value(v);
  return w.take();
}

}  // namespace cc
