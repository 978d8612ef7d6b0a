#pragma once
// In-process publish/subscribe of events. Subscribers are called on the publishing thread and must not block:
// a WebSocket subscriber only queues the message on its connection. A subscription ends when its handle is
// destroyed. Events published here that originate in this process are also handed to the forwarders (the
// PostgreSQL relay in scale-out, events/pg_event_relay.hpp); events arriving from other processes are
// delivered locally only.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "events/event.hpp"

namespace cc::events {

using EventPtr = std::shared_ptr<const Event>;
using Handler = std::function<void(const EventPtr&)>;

class EventBus;

class Subscription {
 public:
  Subscription() = default;
  Subscription(EventBus* bus, std::uint64_t id) : bus_(bus), id_(id) {}
  Subscription(Subscription&& other) noexcept;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription();
  void reset();

 private:
  EventBus* bus_ = nullptr;
  std::uint64_t id_ = 0;
};

class EventBus {
 public:
  // Every event of one project.
  [[nodiscard]] Subscription subscribe_project(std::int64_t project_id, Handler handler);
  // The events of one job.
  [[nodiscard]] Subscription subscribe_job(std::int64_t job_id, Handler handler);
  // Events published in this process (not those received from others): for forwarding.
  [[nodiscard]] Subscription subscribe_local(Handler handler);
  // Every event, from this process or another.
  [[nodiscard]] Subscription subscribe_all(Handler handler);

  void publish(Event event);
  void publish(EventPtr event);
  // An event that came from another process.
  void deliver_remote(EventPtr event);

  std::size_t subscriber_count() const;
  std::uint64_t published() const { return published_.load(std::memory_order_relaxed); }

 private:
  friend class Subscription;
  struct Entry {
    std::uint64_t id;
    std::shared_ptr<Handler> handler;
  };
  enum class Scope { Project, Job, Local, All };
  Subscription add(Scope scope, std::int64_t key, Handler handler);
  void remove(std::uint64_t id);
  void deliver(const EventPtr& event, bool local_origin);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::int64_t, std::vector<Entry>> by_project_;
  std::unordered_map<std::int64_t, std::vector<Entry>> by_job_;
  std::vector<Entry> local_;
  std::vector<Entry> all_;
  // id → where it is registered, for removal.
  std::unordered_map<std::uint64_t, std::pair<Scope, std::int64_t>> index_;
  std::uint64_t next_id_ = 1;
  std::atomic<std::uint64_t> published_{0};
};

}  // namespace cc::events
