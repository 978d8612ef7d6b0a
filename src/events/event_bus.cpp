#include "events/event_bus.hpp"

#include <mutex>

#include "core/logging.hpp"

namespace cc::events {

Subscription::Subscription(Subscription&& other) noexcept : bus_(other.bus_), id_(other.id_) {
  other.bus_ = nullptr;
}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    bus_ = other.bus_;
    id_ = other.id_;
    other.bus_ = nullptr;
  }
  return *this;
}

Subscription::~Subscription() {
  reset();
}

void Subscription::reset() {
  if (bus_) bus_->remove(id_);
  bus_ = nullptr;
}

Subscription EventBus::subscribe_project(std::int64_t project_id, Handler handler) {
  return add(Scope::Project, project_id, std::move(handler));
}

Subscription EventBus::subscribe_job(std::int64_t job_id, Handler handler) {
  return add(Scope::Job, job_id, std::move(handler));
}

Subscription EventBus::subscribe_local(Handler handler) {
  return add(Scope::Local, 0, std::move(handler));
}

Subscription EventBus::subscribe_all(Handler handler) {
  return add(Scope::All, 0, std::move(handler));
}

Subscription EventBus::add(Scope scope, std::int64_t key, Handler handler) {
  std::unique_lock lock(mutex_);
  auto id = next_id_++;
  Entry entry{id, std::make_shared<Handler>(std::move(handler))};
  switch (scope) {
    case Scope::Project:
      by_project_[key].push_back(std::move(entry));
      break;
    case Scope::Job:
      by_job_[key].push_back(std::move(entry));
      break;
    case Scope::Local:
      local_.push_back(std::move(entry));
      break;
    case Scope::All:
      all_.push_back(std::move(entry));
      break;
  }
  index_.emplace(id, std::make_pair(scope, key));
  return Subscription(this, id);
}

void EventBus::remove(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  auto it = index_.find(id);
  if (it == index_.end()) return;
  auto [scope, key] = it->second;
  index_.erase(it);
  auto drop = [id](std::vector<Entry>& v) { std::erase_if(v, [id](const Entry& e) { return e.id == id; }); };
  if (scope == Scope::Local || scope == Scope::All) {
    drop(scope == Scope::Local ? local_ : all_);
    return;
  }
  auto& map = scope == Scope::Project ? by_project_ : by_job_;
  if (auto found = map.find(key); found != map.end()) {
    drop(found->second);
    if (found->second.empty()) map.erase(found);
  }
}

void EventBus::publish(Event event) {
  deliver(std::make_shared<const Event>(std::move(event)), true);
}

void EventBus::publish(EventPtr event) {
  deliver(event, true);
}

void EventBus::deliver_remote(EventPtr event) {
  deliver(event, false);
}

void EventBus::deliver(const EventPtr& event, bool local_origin) {
  published_.fetch_add(1, std::memory_order_relaxed);
  // Handlers run outside the lock, so one may end its own subscription (or another's) while being called.
  std::vector<std::shared_ptr<Handler>> targets;
  {
    std::shared_lock lock(mutex_);
    auto add_all = [&](const std::vector<Entry>& entries) {
      for (const auto& e : entries) targets.push_back(e.handler);
    };
    if (auto it = by_project_.find(event->project_id()); it != by_project_.end()) add_all(it->second);
    if (event->job()) {
      if (auto it = by_job_.find(event->job()->job_id); it != by_job_.end()) add_all(it->second);
    }
    if (local_origin) add_all(local_);
    add_all(all_);
  }
  for (const auto& handler : targets) {
    try {
      (*handler)(event);
    } catch (const std::exception& e) {
      log::error("events.subscriber_failed", {{"event", event->type()}, {"error", e.what()}});
    }
  }
}

std::size_t EventBus::subscriber_count() const {
  std::shared_lock lock(mutex_);
  return index_.size();
}

}  // namespace cc::events
