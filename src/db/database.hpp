#pragma once
// The small database interface every repository is written against. Two drivers implement it: SQLite
// (embedded, src/db/sqlite) and PostgreSQL (scale-out, src/db/postgres). SQL uses `?` placeholders on both;
// the PostgreSQL driver numbers them. Dialect differences that SQL cannot hide are functions in
// db/sql_dialect.hpp.
//
// Work runs inside a transaction callback: read() gives a consistent snapshot, write() a transaction that is
// durable when write() returns. Exceptions thrown by the callback roll the transaction back and propagate.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/function_ref.hpp"

namespace cc::db {

enum class Dialect { Sqlite, Postgres };

using Param = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string_view, Timestamp>;

template <class T>
Param optional_param(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string_view(*v);
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return static_cast<std::int64_t>(*v);
  } else {
    return *v;
  }
}

// A database failure. Constraint kinds let services answer 409 instead of 500.
class DbError : public std::runtime_error {
 public:
  enum class Kind { UniqueViolation, ForeignKeyViolation, CheckViolation, Busy, Connection, Other };
  DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  virtual ~Row() = default;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t get_int(int column) const = 0;
  virtual double get_double(int column) const = 0;
  // Valid until the callback returns.
  virtual std::string_view get_text(int column) const = 0;
  virtual bool get_bool(int column) const = 0;

  std::string get_string(int column) const { return std::string(get_text(column)); }
  Timestamp get_time(int column) const;
  std::optional<std::string> opt_string(int column) const;
  std::optional<std::int64_t> opt_int(int column) const;
  std::optional<double> opt_double(int column) const;
  std::optional<Timestamp> opt_time(int column) const;
};

using RowCallback = FunctionRef<void(const Row&)>;

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement; returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, std::span<const Param> params) = 0;
  virtual void query(std::string_view sql, std::span<const Param> params, RowCallback on_row) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // A counter of committed write batches when this process is the database's only writer (embedded SQLite):
  // odd while a batch is being written, even otherwise. Lets read paths cache derived values (counts) safely;
  // see services/count_cache.hpp for the protocol. nullopt when other processes may write (PostgreSQL).
  virtual std::optional<std::uint64_t> write_generation() const { return std::nullopt; }

  std::int64_t exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return exec(sql, std::span<const Param>(params.begin(), params.size()));
  }
  void query(std::string_view sql, std::initializer_list<Param> params, RowCallback on_row) {
    query(sql, std::span<const Param>(params.begin(), params.size()), on_row);
  }

  template <class F>
  auto query_one(std::string_view sql, std::span<const Param> params, F&& map)
      -> std::optional<std::invoke_result_t<F&, const Row&>> {
    std::optional<std::invoke_result_t<F&, const Row&>> out;
    query(sql, params, [&](const Row& row) {
      if (!out) out.emplace(map(row));
    });
    return out;
  }
  template <class F>
  auto query_one(std::string_view sql, std::initializer_list<Param> params, F&& map) {
    return query_one(sql, std::span<const Param>(params.begin(), params.size()), std::forward<F>(map));
  }

  template <class F>
  auto query_all(std::string_view sql, std::span<const Param> params, F&& map)
      -> std::vector<std::invoke_result_t<F&, const Row&>> {
    std::vector<std::invoke_result_t<F&, const Row&>> out;
    out.reserve(16);
    query(sql, params, [&](const Row& row) { out.push_back(map(row)); });
    return out;
  }
  template <class F>
  auto query_all(std::string_view sql, std::initializer_list<Param> params, F&& map) {
    return query_all(sql, std::span<const Param>(params.begin(), params.size()), std::forward<F>(map));
  }

  // First column of the first row as an integer (COUNT, RETURNING id); 0 when there is no row.
  std::int64_t query_int(std::string_view sql, std::span<const Param> params);
  std::int64_t query_int(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query_int(sql, std::span<const Param>(params.begin(), params.size()));
  }

  // Runs `fn` once the transaction has committed (events, cache invalidation). Dropped on rollback.
  void after_commit(std::function<void()> fn);

  // Set by Database::write for the duration of one callback.
  std::vector<std::function<void()>>* hooks = nullptr;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual void run_read(FunctionRef<void(Tx&)> fn) = 0;
  virtual void run_write(FunctionRef<void(Tx&)> fn) = 0;
  // Stops accepting work, finishes what is queued and closes every connection.
  virtual void close() = 0;
  virtual std::string describe() const = 0;
  // See Tx::write_generation; readable without a transaction.
  virtual std::optional<std::uint64_t> write_generation() const { return std::nullopt; }

  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_void_v<R>) {
      run_read([&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      run_read([&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }

  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    std::vector<std::function<void()>> hooks;
    auto with_hooks = [&](Tx& tx) {
      hooks.clear();  // a retried transaction starts again
      tx.hooks = &hooks;
    };
    if constexpr (std::is_void_v<R>) {
      run_write([&](Tx& tx) {
        with_hooks(tx);
        fn(tx);
      });
      for (auto& h : hooks) h();
    } else {
      std::optional<R> out;
      run_write([&](Tx& tx) {
        with_hooks(tx);
        out.emplace(fn(tx));
      });
      for (auto& h : hooks) h();
      return std::move(*out);
    }
  }
};

struct OpenOptions {
  std::string url;         // "postgresql://…", or "sqlite:<path>"
  int pool_size = 8;       // connections for concurrent readers (and writers on PostgreSQL)
  bool read_only = false;  // tools that only inspect
};

std::unique_ptr<Database> open_database(const OpenOptions& options);

}  // namespace cc::db
