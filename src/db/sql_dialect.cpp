#include "db/sql_dialect.hpp"

#include <fmt/format.h>

#include "core/strings.hpp"

namespace cc::db {

std::string assignments(std::string_view columns) {
  std::string out;
  for (const auto& column : split(columns, ',')) out += column + " = ?, ";
  return out;
}

std::string more_placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += ", ?";
  return out;
}

std::string escape_like(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

SqlFragment substring_search(Dialect dialect, std::string_view alias, std::string_view fts_table,
                             const std::vector<std::string_view>& columns, std::string_view term) {
  SqlFragment out;
  std::string pattern = "%" + escape_like(term) + "%";
  if (dialect == Dialect::Postgres) {
    out.sql = "((";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) out.sql += " || ' ' || ";
      if (i == 0) {
        out.sql += std::string(alias) + "." + std::string(columns[i]);
      } else {
        out.sql += "coalesce(" + std::string(alias) + "." + std::string(columns[i]) + ", '')";
      }
    }
    out.sql += ") ILIKE ?)";
    out.params.push_back(std::move(pattern));
    return out;
  }
  // The trigram tokenizer can only use its index for terms of three or more characters.
  if (utf8_length(term) >= 3) {
    std::string quoted = "\"";
    for (char c : term) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    quoted += '"';
    out.sql = std::string(alias) + ".id IN (SELECT rowid FROM " + std::string(fts_table) + " WHERE " +
              std::string(fts_table) + " MATCH ?)";
    out.params.push_back(std::move(quoted));
    return out;
  }
  out.sql = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out.sql += " OR ";
    out.sql += std::string(alias) + "." + std::string(columns[i]) + " LIKE ? ESCAPE '\\'";
    out.params.push_back(pattern);
  }
  out.sql += ")";
  return out;
}

std::string_view skip_locked(Dialect dialect) {
  return dialect == Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
}

std::string seconds_between(Dialect dialect, std::string_view from, std::string_view to) {
  if (dialect == Dialect::Postgres) {
    return fmt::format("EXTRACT(EPOCH FROM ({} - {}))::float8", to, from);
  }
  return fmt::format("(julianday({}) - julianday({})) * 86400.0", to, from);
}

}  // namespace cc::db
