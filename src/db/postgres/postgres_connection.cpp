#include "db/postgres/postgres_connection.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace cc::db::postgres {

namespace {

DbError::Kind classify(const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return DbError::Kind::Connection;
  std::string_view s(state);
  if (s == "23505") return DbError::Kind::UniqueViolation;
  if (s == "23503") return DbError::Kind::ForeignKeyViolation;
  if (s == "23514" || s == "23502") return DbError::Kind::CheckViolation;
  if (s == "40001" || s == "40P01" || s == "55P03") return DbError::Kind::Busy;
  if (s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03") return DbError::Kind::Connection;
  return DbError::Kind::Other;
}

class ResultRow final : public Row {
 public:
  ResultRow(const PGresult* result, int row) : result_(result), row_(row) {}
  void set_row(int row) { row_ = row; }
  bool is_null(int c) const override { return PQgetisnull(result_, row_, c) != 0; }
  std::string_view get_text(int c) const override {
    return {PQgetvalue(result_, row_, c), static_cast<std::size_t>(PQgetlength(result_, row_, c))};
  }
  std::int64_t get_int(int c) const override {
    auto text = get_text(c);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{}) {
      // numeric/float columns: truncate like SQLite's integer conversion does
      return static_cast<std::int64_t>(get_double(c));
    }
    return v;
  }
  double get_double(int c) const override {
    auto text = get_text(c);
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  }
  bool get_bool(int c) const override {
    auto text = get_text(c);
    return !text.empty() && (text[0] == 't' || text[0] == '1');
  }

 private:
  const PGresult* result_;
  int row_;
};

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      auto end = sql.find(c, i + 1);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      auto end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size() - 1;
      out.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

PostgresConnection::PostgresConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw DbError(DbError::Kind::Connection, "cannot connect to PostgreSQL: " + message);
  }
  exec_script(
      "SET TIME ZONE 'UTC'; SET client_min_messages = warning; SET application_name = 'commandcenter';");
}

PostgresConnection::~PostgresConnection() {
  if (conn_) PQfinish(conn_);
}

bool PostgresConnection::healthy() const {
  return conn_ && PQstatus(conn_) == CONNECTION_OK;
}

void PostgresConnection::fail(const PGresult* result, std::string_view context) {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw DbError(classify(result), fmt::format("{}: {}", context, message));
}

const std::string& PostgresConnection::statement_name(std::string_view sql, int param_count) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  std::string name = "s" + std::to_string(prepared_.size());
  std::string numbered = number_placeholders(sql);
  ResultPtr result(PQprepare(conn_, name.c_str(), numbered.c_str(), param_count, nullptr));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(result.get(), "prepare");
  return prepared_.emplace(std::string(sql), std::move(name)).first->second;
}

ResultPtr PostgresConnection::execute(std::string_view sql, std::span<const Param> params) {
  // Text-format parameters; libpq needs NUL-terminated values, so each is copied once.
  std::vector<std::string> storage(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return;
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            storage[i] = std::to_string(v);
          } else if constexpr (std::is_same_v<T, double>) {
            char buf[32];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
            storage[i].assign(buf, end);
          } else if constexpr (std::is_same_v<T, bool>) {
            storage[i] = v ? "t" : "f";
          } else if constexpr (std::is_same_v<T, std::string_view>) {
            storage[i].assign(v);
          } else {
            storage[i] = format_rfc3339(v);
          }
          values[i] = storage[i].c_str();
        },
        params[i]);
  }
  const std::string& name = statement_name(sql, static_cast<int>(params.size()));
  ResultPtr result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                                  nullptr, nullptr, 0));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), "query");
  return result;
}

void PostgresConnection::exec_script(std::string_view sql) {
  std::string text(sql);
  ResultPtr result(PQexec(conn_, text.c_str()));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), "script");
}

std::int64_t PostgresTx::exec(std::string_view sql, std::span<const Param> params) {
  auto result = connection_.execute(sql, params);
  const char* affected = PQcmdTuples(result.get());
  return (affected && *affected) ? std::strtoll(affected, nullptr, 10) : 0;
}

void PostgresTx::query(std::string_view sql, std::span<const Param> params, RowCallback on_row) {
  auto result = connection_.execute(sql, params);
  int rows = PQntuples(result.get());
  ResultRow row(result.get(), 0);
  for (int i = 0; i < rows; ++i) {
    row.set_row(i);
    on_row(row);
  }
}

}  // namespace cc::db::postgres
