#include "events/postgres_relay.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <set>
#include <vector>

#include "core/logging.hpp"
#include "db/database.hpp"

namespace cc::events {

namespace {

constexpr std::size_t kMaxOutbox = 100000;
constexpr std::size_t kBatch = 200;
constexpr std::int64_t kLookback =
    1000;  // ids assigned before a later-committed row: read again, de-duplicated

struct ConnectionDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Connection = std::unique_ptr<PGconn, ConnectionDeleter>;
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

Event PostgresRelay::with_stored_result(const Event& event) {
  auto state = *event.job();
  state.result_omitted = false;
  try {
    state.result = database_.read([&](db::Tx& tx) {
      return tx
          .query_one("SELECT result FROM jobs WHERE id = ?", {state.job_id},
                     [](const db::Row& row) { return row.opt_string(0); })
          .value_or(std::nullopt);
    });
  } catch (const std::exception& e) {
    // The job row is gone (deleted, or purged by retention): the event still goes out, without its result.
    log::warn("events.relay_result_unreadable", {{"job_id", state.job_id}, {"error", e.what()}});
  }
  return Event(event.type(), event.project_id(), std::move(state), event.at());
}

PostgresRelay::PostgresRelay(EventBus& bus, db::Database& database, std::string url, std::string origin)
    : bus_(bus), database_(database), url_(std::move(url)), origin_(std::move(origin)) {}

PostgresRelay::~PostgresRelay() {
  stop();
}

void PostgresRelay::start() {
  subscription_ = bus_.subscribe_local([this](const EventPtr& e) {
    {
      std::lock_guard lock(mutex_);
      if (outbox_.size() >= kMaxOutbox) {
        outbox_.pop_front();  // other processes miss the oldest event rather than this one blocking
        log::warn("events.relay_overflow", {});
      }
      outbox_.push_back(e);
    }
    cv_.notify_one();
  });
  writer_ = std::thread([this] { write_loop(); });
  listener_ = std::thread([this] { listen_loop(); });
}

void PostgresRelay::stop() {
  subscription_.reset();
  if (stopping_.exchange(true)) return;
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (listener_.joinable()) listener_.join();
}

void PostgresRelay::write_loop() {
  while (true) {
    std::vector<EventPtr> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_.load() || !outbox_.empty(); });
      if (outbox_.empty()) return;
      while (!outbox_.empty() && batch.size() < kBatch) {
        batch.push_back(std::move(outbox_.front()));
        outbox_.pop_front();
      }
    }
    try {
      database_.write([&](db::Tx& tx) {
        for (const auto& e : batch) {
          auto wire = e->to_wire();
          std::optional<std::int64_t> job_id;
          if (e->job()) job_id = e->job()->job_id;
          tx.exec(
              "INSERT INTO events (origin, project_id, job_id, event_type, payload, created_at) VALUES (?, "
              "?, ?, ?, "
              "?, ?)",
              {std::string_view(origin_), e->project_id(), db::optional_param(job_id),
               std::string_view(e->type()), std::string_view(wire), e->at()});
        }
        tx.exec("NOTIFY cc_events");
      });
    } catch (const std::exception& ex) {
      log::warn("events.relay_write_failed", {{"events", batch.size()}, {"error", ex.what()}});
    }
  }
}

void PostgresRelay::listen_loop() {
  Connection conn;
  std::int64_t last_id = 0;
  std::set<std::int64_t> seen;
  auto connect = [&]() -> bool {
    conn.reset(PQconnectdb(url_.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      log::warn("events.relay_connect_failed", {{"error", PQerrorMessage(conn.get())}});
      conn.reset();
      return false;
    }
    Result listen(PQexec(conn.get(), "LISTEN cc_events"));
    if (PQresultStatus(listen.get()) != PGRES_COMMAND_OK) {
      conn.reset();
      return false;
    }
    if (last_id == 0) {
      Result max(PQexec(conn.get(), "SELECT COALESCE(MAX(id), 0) FROM events"));
      if (PQresultStatus(max.get()) == PGRES_TUPLES_OK && PQntuples(max.get()) == 1) {
        last_id = std::stoll(PQgetvalue(max.get(), 0, 0));
      }
    }
    return true;
  };
  auto read_new = [&] {
    auto from = std::to_string(std::max<std::int64_t>(0, last_id - kLookback));
    const char* params[] = {from.c_str(), origin_.c_str()};
    Result rows(PQexecParams(
        conn.get(),
        "SELECT id, payload::text FROM events WHERE id > $1::bigint AND origin <> $2 ORDER BY id "
        "LIMIT 5000",
        2, nullptr, params, nullptr, nullptr, 0));
    if (PQresultStatus(rows.get()) != PGRES_TUPLES_OK) {
      log::warn("events.relay_read_failed", {{"error", PQerrorMessage(conn.get())}});
      conn.reset();
      return;
    }
    for (int i = 0; i < PQntuples(rows.get()); ++i) {
      std::int64_t id = std::stoll(PQgetvalue(rows.get(), i, 0));
      if (!seen.insert(id).second) continue;
      last_id = std::max(last_id, id);
      if (auto event = Event::from_wire(PQgetvalue(rows.get(), i, 1))) {
        if (event->job() && event->job()->result_omitted) event = with_stored_result(*event);
        bus_.deliver_remote(std::make_shared<const Event>(std::move(*event)));
      }
    }
    // Forget ids that can no longer come back.
    while (!seen.empty() && *seen.begin() <= last_id - 2 * kLookback) seen.erase(seen.begin());
  };
  while (!stopping_.load()) {
    if (!conn && !connect()) {
      for (int i = 0; i < 10 && !stopping_.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    pollfd pfd{PQsocket(conn.get()), POLLIN, 0};
    int ready = ::poll(&pfd, 1, 250);
    if (stopping_.load()) break;
    if (ready > 0) {
      if (!PQconsumeInput(conn.get())) {
        conn.reset();
        continue;
      }
      while (PGnotify* n = PQnotifies(conn.get())) PQfreemem(n);
    }
    // On a notification, and at least every poll interval in case one was missed.
    read_new();
  }
}

}  // namespace cc::events
