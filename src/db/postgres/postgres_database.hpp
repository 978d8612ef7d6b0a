#pragma once
// PostgreSQL: a pool of connections shared by readers and writers. Reads run in autocommit (PostgreSQL's
// READ COMMITTED would give each statement its own snapshot anyway); writes run in one transaction and are
// retried on serialization failures and deadlocks.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "db/database.hpp"

namespace cc::db::postgres {

class PostgresConnection;

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const OpenOptions& options);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::Postgres; }
  void run_read(FunctionRef<void(Tx&)> fn) override;
  void run_write(FunctionRef<void(Tx&)> fn) override;
  void close() override;
  std::string describe() const override;

 private:
  // A pooled connection, returned to the pool (or dropped if broken) when the lease ends.
  class Lease {
   public:
    explicit Lease(PostgresDatabase& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PostgresConnection& operator*() const { return *connection_; }
    PostgresConnection* operator->() const { return connection_.get(); }

   private:
    PostgresDatabase& db_;
    std::unique_ptr<PostgresConnection> connection_;
  };

  std::unique_ptr<PostgresConnection> acquire();
  void release(std::unique_ptr<PostgresConnection> connection);

  std::string url_;
  int max_connections_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int open_ = 0;
  bool closed_ = false;
};

}  // namespace cc::db::postgres
