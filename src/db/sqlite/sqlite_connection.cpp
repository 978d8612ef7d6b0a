#include "db/sqlite/sqlite_connection.hpp"

#include <fmt/format.h>

namespace cc::db::sqlite {

namespace {

DbError::Kind classify(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbError::Kind::UniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbError::Kind::ForeignKeyViolation;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return DbError::Kind::CheckViolation;
    default:
      break;
  }
  switch (extended_code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DbError::Kind::Busy;
    case SQLITE_CANTOPEN:
      return DbError::Kind::Connection;
    default:
      return DbError::Kind::Other;
  }
}

class StatementRow final : public Row {
 public:
  explicit StatementRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool is_null(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::int64_t get_int(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double get_double(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string_view get_text(int c) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    if (!text) return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))};
  }
  bool get_bool(int c) const override { return sqlite3_column_int64(stmt_, c) != 0; }

 private:
  sqlite3_stmt* stmt_;
};

// Resets the statement when the statement's use ends, also on exceptions.
struct ResetGuard {
  sqlite3_stmt* stmt;
  ~ResetGuard() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, Role role) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::Writer) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw DbError(DbError::Kind::Connection,
                  fmt::format("cannot open SQLite database {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  // The writer sets WAL (persistent in the file) and full synchronous commits: the group commit in
  // SqliteDatabase pays one fsync per batch, so acknowledged writes survive power loss as well as crashes.
  std::string pragmas =
      "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
      "PRAGMA cache_size = -2000;";
  if (role == Role::Writer) {
    pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
  } else {
    pragmas += "PRAGMA query_only = ON;";
  }
  exec_script(pragmas);
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // statements must be finalised before the connection closes
  if (db_) sqlite3_close_v2(db_);
}

void SqliteConnection::fail(int rc, std::string_view context) {
  int extended = sqlite3_extended_errcode(db_);
  throw DbError(classify(extended ? extended : rc), fmt::format("{}: {}", context, sqlite3_errmsg(db_)));
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                              nullptr);
  if (rc != SQLITE_OK) fail(rc, "prepare");
  StatementPtr stmt(raw);
  return statements_.emplace(std::string(sql), std::move(stmt)).first->second.get();
}

void SqliteConnection::exec_script(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw DbError(classify(sqlite3_extended_errcode(db_)), "script: " + message);
  }
}

sqlite3_stmt* SqliteTx::bind(std::string_view sql, std::span<const Param> params) {
  sqlite3_stmt* stmt = connection_.prepare(sql);
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw DbError(DbError::Kind::Other,
                  fmt::format("statement expects {} parameters, got {}: {}", expected, params.size(), sql));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else if constexpr (std::is_same_v<T, bool>) {
            return sqlite3_bind_int(stmt, index, v ? 1 : 0);
          } else if constexpr (std::is_same_v<T, std::string_view>) {
            // The caller's string outlives the statement's use (reset before returning).
            return sqlite3_bind_text(stmt, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
          } else {
            std::string text = format_rfc3339(v);
            return sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()),
                                     SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(stmt);
      connection_.fail(rc, "bind");
    }
  }
  return stmt;
}

std::int64_t SqliteTx::exec(std::string_view sql, std::span<const Param> params) {
  sqlite3_stmt* stmt = bind(sql, params);
  ResetGuard guard{stmt};
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) connection_.fail(rc, "exec");
  return sqlite3_changes64(connection_.handle());
}

void SqliteTx::query(std::string_view sql, std::span<const Param> params, RowCallback on_row) {
  sqlite3_stmt* stmt = bind(sql, params);
  ResetGuard guard{stmt};
  StatementRow row(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) on_row(row);
  if (rc != SQLITE_DONE) connection_.fail(rc, "query");
}

}  // namespace cc::db::sqlite
