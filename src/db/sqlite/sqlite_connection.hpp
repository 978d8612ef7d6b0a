#pragma once
// One SQLite connection with a cache of prepared statements, and the Tx that runs statements on it.
#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/database.hpp"
#include "db/string_hash.hpp"

namespace cc::db::sqlite {

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

class SqliteConnection {
 public:
  enum class Role { Reader, Writer };
  SqliteConnection(const std::string& path, Role role);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Returns a cached, reset statement for `sql`.
  sqlite3_stmt* prepare(std::string_view sql);
  void exec_script(std::string_view sql);
  sqlite3* handle() { return db_; }

  [[noreturn]] void fail(int rc, std::string_view context);

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, StatementPtr, StringHash, std::equal_to<>> statements_;
};

class SqliteTx final : public Tx {
 public:
  SqliteTx(SqliteConnection& connection, const std::atomic<std::uint64_t>* generation = nullptr)
      : connection_(connection), generation_(generation) {}
  Dialect dialect() const override { return Dialect::Sqlite; }
  std::optional<std::uint64_t> write_generation() const override {
    if (!generation_) return std::nullopt;
    return generation_->load(std::memory_order_acquire);
  }
  std::int64_t exec(std::string_view sql, std::span<const Param> params) override;
  void query(std::string_view sql, std::span<const Param> params, RowCallback on_row) override;
  void exec_script(std::string_view sql) override { connection_.exec_script(sql); }
  using Tx::exec;
  using Tx::query;

 private:
  sqlite3_stmt* bind(std::string_view sql, std::span<const Param> params);
  SqliteConnection& connection_;
  const std::atomic<std::uint64_t>* generation_;
};

}  // namespace cc::db::sqlite
