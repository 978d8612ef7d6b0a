#pragma once
// Carries events between processes that share one PostgreSQL (scale-out). Every event published in this
// process is written to the `events` table (in batches, by one thread) with a NOTIFY; every process LISTENs,
// and on a notification — or once a second, should one be lost — reads the rows it has not seen and delivers
// those of other processes to its local bus. NOTIFY is only a wake-up hint: the table is the channel, so a
// payload is never limited by NOTIFY's 8000 bytes. Rows are purged after an hour (jobs/scheduler.hpp).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "events/event_bus.hpp"

namespace cc::db {
class Database;
}

namespace cc::events {

class PostgresRelay {
 public:
  // `url` opens the listening connection; `database` writes the events.
  PostgresRelay(EventBus& bus, db::Database& database, std::string url, std::string origin);
  ~PostgresRelay();
  PostgresRelay(const PostgresRelay&) = delete;
  PostgresRelay& operator=(const PostgresRelay&) = delete;

  void start();
  void stop();

 private:
  void write_loop();
  void listen_loop();
  // `event` with its job's result read from the job row, for results too large to travel in the events table.
  Event with_stored_result(const Event& event);

  EventBus& bus_;
  db::Database& database_;
  std::string url_;
  std::string origin_;
  Subscription subscription_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<EventPtr> outbox_;
  std::atomic<bool> stopping_{false};
  std::thread writer_, listener_;
};

}  // namespace cc::events
