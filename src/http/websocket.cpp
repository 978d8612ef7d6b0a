#include "http/websocket.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"

namespace cc::http {

bool is_websocket_upgrade(const Request& request) {
  auto upgrade = request.header("upgrade");
  auto connection = request.header("connection");
  if (!upgrade || !connection || !iequals(trim(*upgrade), "websocket")) return false;
  for (auto& token : split(*connection, ',')) {
    if (iequals(token, "upgrade")) return true;
  }
  return false;
}

Response websocket_upgrade(const Request& request, std::shared_ptr<WebSocketSession> session) {
  if (!is_websocket_upgrade(request)) {
    throw Error(ErrorKind::BadRequest,
                "This endpoint speaks WebSocket: send Connection: Upgrade and Upgrade: websocket");
  }
  Response r;
  r.status = 101;
  r.upgrade = std::move(session);
  return r;
}

}  // namespace cc::http
