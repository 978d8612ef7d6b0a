#pragma once
// One libpq connection with a cache of prepared statements, and the Tx that runs statements on it.
// libpq is used directly (rather than libpqxx): our Tx/Database interface owns transactions and parameter
// conversion, and libpq's prepared-statement API maps onto it one to one.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/database.hpp"
#include "db/string_hash.hpp"

namespace cc::db::postgres {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Rewrites `?` placeholders to `$1..$n`, leaving quoted strings, identifiers and comments alone.
std::string number_placeholders(std::string_view sql);

class PostgresConnection {
 public:
  explicit PostgresConnection(const std::string& url);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  ResultPtr execute(std::string_view sql, std::span<const Param> params);
  void exec_script(std::string_view sql);
  bool healthy() const;
  PGconn* handle() { return conn_; }

 private:
  const std::string& statement_name(std::string_view sql, int param_count);
  [[noreturn]] void fail(const PGresult* result, std::string_view context);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> prepared_;
};

class PostgresTx final : public Tx {
 public:
  explicit PostgresTx(PostgresConnection& connection) : connection_(connection) {}
  Dialect dialect() const override { return Dialect::Postgres; }
  std::int64_t exec(std::string_view sql, std::span<const Param> params) override;
  void query(std::string_view sql, std::span<const Param> params, RowCallback on_row) override;
  void exec_script(std::string_view sql) override { connection_.exec_script(sql); }
  using Tx::exec;
  using Tx::query;

 private:
  PostgresConnection& connection_;
};

}  // namespace cc::db::postgres
