#pragma once
// SQLite in WAL mode: a pool of reader connections (readers never block each other or the writer) and one writer
// thread that owns the only write connection. Write callbacks queue up; the writer runs the waiting ones in one
// transaction, each inside its own SAVEPOINT (a failing callback rolls back only itself), commits once with a
// full fsync and then releases every caller. This is group commit: power-loss durability at the cost of one fsync
// per batch instead of one per request, and no "database is locked" errors because only one thread writes.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace cc::db::sqlite {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const OpenOptions& options);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::Sqlite; }
  void run_read(FunctionRef<void(Tx&)> fn) override;
  void run_write(FunctionRef<void(Tx&)> fn) override;
  void close() override;
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  struct WriteRequest;
  class ReaderLease;

  std::unique_ptr<SqliteConnection> acquire_reader();
  void release_reader(std::unique_ptr<SqliteConnection> connection);
  void writer_loop();
  void run_batch(std::vector<WriteRequest*>& batch);

  std::string path_;
  int max_readers_;

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;

  std::unique_ptr<SqliteConnection> writer_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<WriteRequest*> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
};

}  // namespace cc::db::sqlite
