#pragma once
// WebSocket without Beast in sight. A WebSocket route is an ordinary GET route whose handler authenticates
// the caller and answers with `websocket_upgrade(...)`; the server then completes the handshake on that
// connection and calls the session's callbacks. Sending is thread-safe and never blocks: messages queue on
// the connection, and a client that lets its queue grow past the limit is disconnected so it cannot hold up
// anyone else.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace cc::http {

// Close codes (RFC 6455 §7.4.1).
namespace close_code {
inline constexpr int Normal = 1000;
inline constexpr int GoingAway = 1001;
inline constexpr int PolicyViolation = 1008;
inline constexpr int InternalError = 1011;
inline constexpr int TryAgainLater = 1013;
}  // namespace close_code

class WebSocketConnection {
 public:
  virtual ~WebSocketConnection() = default;
  // Queues a text message. False when the connection is closed or closing.
  virtual bool send(std::shared_ptr<const std::string> text) = 0;
  bool send(std::string text) { return send(std::make_shared<const std::string>(std::move(text))); }
  // Sends the queued messages, then a close frame.
  virtual void close(int code, std::string reason) = 0;
};

struct WebSocketSession {
  // On the connection's I/O thread, once the handshake is done. Keep the connection to send later.
  std::function<void(const std::shared_ptr<WebSocketConnection>&)> on_open;
  // A text message from the client (optional).
  std::function<void(std::string_view)> on_message;
  // Exactly once, when the connection is gone (closed by either side, dropped, or refused as too slow).
  std::function<void()> on_close;
};

// True when the request asks to switch to the WebSocket protocol.
bool is_websocket_upgrade(const Request& request);

// The answer of a WebSocket route that accepted the caller: 426 when the request is not an upgrade.
Response websocket_upgrade(const Request& request, std::shared_ptr<WebSocketSession> session);

}  // namespace cc::http
