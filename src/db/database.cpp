#include "db/database.hpp"

#include <stdexcept>

#include "core/strings.hpp"
#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace cc::db {

Timestamp Row::get_time(int column) const {
  auto parsed = parse_rfc3339(get_text(column));
  if (!parsed) throw DbError(DbError::Kind::Other, "column holds a value that is not a timestamp");
  return *parsed;
}

std::optional<std::string> Row::opt_string(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_string(column);
}

std::optional<std::int64_t> Row::opt_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_int(column);
}

std::optional<double> Row::opt_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_double(column);
}

std::optional<Timestamp> Row::opt_time(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_time(column);
}

std::int64_t Tx::query_int(std::string_view sql, std::span<const Param> params) {
  std::int64_t out = 0;
  bool seen = false;
  query(sql, params, [&](const Row& row) {
    if (!seen && !row.is_null(0)) out = row.get_int(0);
    seen = true;
  });
  return out;
}

void Tx::after_commit(std::function<void()> fn) {
  if (!hooks) throw std::logic_error("after_commit outside a write transaction");
  hooks->push_back(std::move(fn));
}

std::unique_ptr<Database> open_database(const OpenOptions& options) {
  if (starts_with_ci(options.url, "postgresql://") || starts_with_ci(options.url, "postgres://")) {
    return std::make_unique<postgres::PostgresDatabase>(options);
  }
  if (starts_with_ci(options.url, "sqlite:")) return std::make_unique<sqlite::SqliteDatabase>(options);
  throw std::invalid_argument("unsupported database URL (expected postgresql://… or sqlite:<path>)");
}

}  // namespace cc::db
