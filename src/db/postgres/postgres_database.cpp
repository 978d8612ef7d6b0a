#include "db/postgres/postgres_database.hpp"

#include <boost/url/parse.hpp>

#include "core/logging.hpp"
#include "db/postgres/postgres_connection.hpp"

namespace cc::db::postgres {

namespace {
constexpr int kMaxAttempts = 4;

}  // namespace

PostgresDatabase::Lease::Lease(PostgresDatabase& db) : db_(db), connection_(db.acquire()) {}
PostgresDatabase::Lease::~Lease() {
  db_.release(std::move(connection_));
}

PostgresDatabase::PostgresDatabase(const OpenOptions& options)
    : url_(options.url), max_connections_(std::max(1, options.pool_size)) {
  Lease probe(*this);  // fail fast when the server is unreachable
}

PostgresDatabase::~PostgresDatabase() {
  close();
}

void PostgresDatabase::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  idle_.clear();
}

std::string PostgresDatabase::describe() const {
  // Never log the password.
  auto parsed = boost::urls::parse_uri(url_);
  if (!parsed) return "postgresql://(unparseable url)";
  return "postgresql://" + std::string(parsed->encoded_host_and_port()) + std::string(parsed->encoded_path());
}

std::unique_ptr<PostgresConnection> PostgresDatabase::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (closed_) throw DbError(DbError::Kind::Connection, "database is closed");
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    if (open_ < max_connections_) {
      ++open_;
      lock.unlock();
      try {
        return std::make_unique<PostgresConnection>(url_);
      } catch (...) {
        std::lock_guard relock(mutex_);
        --open_;
        cv_.notify_one();
        throw;
      }
    }
    cv_.wait(lock);
  }
}

void PostgresDatabase::release(std::unique_ptr<PostgresConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection->healthy() && !closed_) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;  // a broken connection is dropped; the next acquire opens a fresh one
    }
  }
  cv_.notify_one();
}

void PostgresDatabase::run_read(FunctionRef<void(Tx&)> fn) {
  Lease connection(*this);
  PostgresTx tx(*connection);
  fn(tx);
}

void PostgresDatabase::run_write(FunctionRef<void(Tx&)> fn) {
  for (int attempt = 1;; ++attempt) {
    Lease connection(*this);
    PostgresTx tx(*connection);
    tx.exec("BEGIN");
    try {
      fn(tx);
      tx.exec("COMMIT");
      return;
    } catch (const DbError& e) {
      if (connection->healthy()) {
        try {
          tx.exec("ROLLBACK");
        } catch (...) {
        }
      }
      if (e.kind() == DbError::Kind::Busy && attempt < kMaxAttempts) {
        log::debug("postgres.retry", {{"attempt", attempt}, {"error", e.what()}});
        continue;
      }
      throw;
    } catch (...) {
      if (connection->healthy()) {
        try {
          tx.exec("ROLLBACK");
        } catch (...) {
        }
      }
      throw;
    }
  }
}

}  // namespace cc::db::postgres
