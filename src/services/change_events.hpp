#pragma once
// Resource change events ("technology.updated", …) for WebSocket subscribers, published once the change has
// committed: a subscriber never hears of a change that was rolled back.
#include <cstdint>
#include <string_view>

#include "db/database.hpp"

namespace cc::events {
class EventBus;
}

namespace cc::services {

// `bus` may be null (tools that run without events).
void publish_change_after_commit(db::Tx& tx, events::EventBus* bus, std::string_view resource,
                                 std::string_view action, std::int64_t project_id, std::int64_t id);

}  // namespace cc::services
