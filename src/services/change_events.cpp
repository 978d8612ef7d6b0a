#include "services/change_events.hpp"

#include <fmt/format.h>

#include "events/event_bus.hpp"

namespace cc::services {

void publish_change_after_commit(db::Tx& tx, events::EventBus* bus, std::string_view resource,
                                 std::string_view action, std::int64_t project_id, std::int64_t id) {
  if (!bus) return;
  tx.after_commit([bus, type = fmt::format("{}.{}", resource, action), project_id, id] {
    bus->publish(events::Event(type, project_id, fmt::format("{{\"id\":{}}}", id)));
  });
}

}  // namespace cc::services
