#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <semaphore>

#include "core/logging.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace cc::db::sqlite {

namespace {
constexpr std::size_t kMaxBatch = 256;
thread_local bool t_on_writer_thread = false;
std::atomic<std::uint64_t> g_next_instance{1};

// Each thread keeps the reader it used last, so the common case takes no lock. The slot is tagged with the
// database instance (not its address, which a later instance may reuse).
struct CachedReader {
  std::uint64_t instance = 0;
  std::unique_ptr<SqliteConnection> connection;
};
thread_local CachedReader t_reader;

// Must run before SQLite initialises. Memory statistics take a process-wide mutex on every allocation, which
// serialises all reader threads; we do not use them.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
}
}  // namespace

struct SqliteDatabase::WriteRequest {
  explicit WriteRequest(FunctionRef<void(Tx&)> f) : fn(f) {}
  FunctionRef<void(Tx&)> fn;
  std::exception_ptr error;
  std::binary_semaphore done{0};
};

SqliteDatabase::SqliteDatabase(const OpenOptions& options)
    : path_(options.url.substr(options.url.find(':') + 1)), instance_id_(g_next_instance.fetch_add(1)) {
  configure_sqlite_once();
  writer_ = std::make_unique<SqliteConnection>(path_, SqliteConnection::Role::Writer);
  writer_thread_ = std::thread([this] { writer_loop(); });
}

SqliteDatabase::~SqliteDatabase() {
  close();
}

void SqliteDatabase::close() {
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  closed_.store(true, std::memory_order_release);
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
  }
  if (t_reader.instance == instance_id_) t_reader.connection.reset();
  // Closing the last connection checkpoints the WAL into the database file.
  writer_.reset();
}

std::unique_ptr<SqliteConnection> SqliteDatabase::acquire_reader() {
  if (closed_.load(std::memory_order_acquire)) throw DbError(DbError::Kind::Connection, "database is closed");
  if (t_reader.instance == instance_id_ && t_reader.connection) return std::move(t_reader.connection);
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return connection;
    }
  }
  return std::make_unique<SqliteConnection>(path_, SqliteConnection::Role::Reader);
}

void SqliteDatabase::release_reader(std::unique_ptr<SqliteConnection> connection) {
  if (closed_.load(std::memory_order_acquire)) return;  // closes it
  if (!t_reader.connection || t_reader.instance != instance_id_) {
    // The slot is empty, or holds a connection of an earlier database, which is closed by this assignment.
    t_reader.instance = instance_id_;
    t_reader.connection = std::move(connection);
    return;
  }
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(connection));
}

void SqliteDatabase::run_read(FunctionRef<void(Tx&)> fn) {
  auto connection = acquire_reader();
  struct Return {
    SqliteDatabase& db;
    std::unique_ptr<SqliteConnection>& connection;
    ~Return() { db.release_reader(std::move(connection)); }
  } give_back{*this, connection};
  SqliteTx tx(*connection, &generation_);
  // A read transaction gives every statement of the callback the same snapshot (a count and its page agree).
  tx.exec("BEGIN");
  try {
    fn(tx);
  } catch (...) {
    tx.exec("ROLLBACK");
    throw;
  }
  tx.exec("COMMIT");
}

void SqliteDatabase::run_write(FunctionRef<void(Tx&)> fn) {
  if (t_on_writer_thread) throw std::logic_error("nested write transaction");
  WriteRequest request(fn);
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) throw DbError(DbError::Kind::Connection, "database is closed");
    queue_.push_back(&request);
  }
  queue_cv_.notify_one();
  request.done.acquire();
  if (request.error) std::rethrow_exception(request.error);
}

void SqliteDatabase::writer_loop() {
  t_on_writer_thread = true;
  std::vector<WriteRequest*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    // Odd while the batch is written, even once it is committed or rolled back (Tx::write_generation).
    generation_.fetch_add(1, std::memory_order_acq_rel);
    run_batch(batch);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    for (auto* request : batch) request->done.release();
    batch.clear();
  }
}

void SqliteDatabase::run_batch(std::vector<WriteRequest*>& batch) {
  SqliteTx tx(*writer_);
  try {
    tx.exec("BEGIN IMMEDIATE");
  } catch (...) {
    for (auto* request : batch) request->error = std::current_exception();
    return;
  }
  bool single = batch.size() == 1;
  for (auto* request : batch) {
    // With one request the transaction itself is the unit; otherwise each request gets a savepoint.
    if (single) {
      try {
        request->fn(tx);
      } catch (...) {
        request->error = std::current_exception();
        try {
          tx.exec("ROLLBACK");
        } catch (const std::exception& e) {
          log::error("sqlite.rollback_failed", {{"error", e.what()}});
        }
        return;
      }
      continue;
    }
    try {
      tx.exec("SAVEPOINT request");
    } catch (...) {
      request->error = std::current_exception();
      continue;
    }
    try {
      request->fn(tx);
      tx.exec("RELEASE request");
    } catch (...) {
      request->error = std::current_exception();
      if (sqlite3_get_autocommit(writer_->handle())) {
        // Some errors (I/O, disk full) make SQLite roll back the whole transaction: nothing of this batch was
        // written, so every request in it fails.
        for (auto* other : batch) {
          if (!other->error) other->error = request->error;
        }
        return;
      }
      try {
        tx.exec("ROLLBACK TO request");
        tx.exec("RELEASE request");
      } catch (const std::exception& e) {
        log::error("sqlite.savepoint_rollback_failed", {{"error", e.what()}});
      }
    }
  }
  try {
    tx.exec("COMMIT");
  } catch (...) {
    auto error = std::current_exception();
    try {
      tx.exec("ROLLBACK");
    } catch (...) {
    }
    for (auto* request : batch) {
      if (!request->error) request->error = error;
    }
  }
}

}  // namespace cc::db::sqlite
