#pragma once
// SQLite in WAL mode: reader connections (readers never block each other or the writer), one per thread that
// reads, kept in a thread-local slot so that a read takes no lock; and one writer thread that owns the only
// write connection. Write callbacks queue up; the writer runs the waiting ones in one transaction, each
// inside its own SAVEPOINT (a failing callback rolls back only itself), commits once with a full fsync and
// then releases every caller. This is group commit: power-loss durability at the cost of one fsync per batch
// instead of one per request, and no "database is locked" errors because only one thread writes.
#include <atomic>
#include <condition_variable>
#include <cstdint>
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
  std::optional<std::uint64_t> write_generation() const override {
    return generation_.load(std::memory_order_acquire);
  }

 private:
  struct WriteRequest;
  class ReaderLease;

  std::unique_ptr<SqliteConnection> acquire_reader();
  void release_reader(std::unique_ptr<SqliteConnection> connection);
  void writer_loop();
  void run_batch(std::vector<WriteRequest*>& batch);

  std::string path_;
  std::uint64_t instance_id_;  // identifies this database in threads' cached reader slot

  std::atomic<bool> closed_{false};
  std::atomic<std::uint64_t> generation_{0};  // see Tx::write_generation
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // spare readers (a thread already had one)

  std::unique_ptr<SqliteConnection> writer_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<WriteRequest*> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
};

}  // namespace cc::db::sqlite
