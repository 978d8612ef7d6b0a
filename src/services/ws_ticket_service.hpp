#pragma once
// Tickets that let a browser open a WebSocket: a browser cannot set an Authorization header on one, and an
// access token in a URL would end up in logs. A ticket is random, single-use, lives 30 seconds, and is stored
// only as a hash; redeeming it yields the session it was issued to, if that session is still active.
#include <string>
#include <string_view>

#include "auth/principal.hpp"
#include "db/database.hpp"

namespace cc::services {

class AccessService;

struct WsTicket {
  std::string ticket;
  int expires_in = 0;  // seconds
};

class WsTicketService {
 public:
  static constexpr int kLifetimeSeconds = 30;

  WsTicketService(db::Database& db, AccessService& access) : db_(db), access_(access) {}

  // For signed-in users (access tokens). API keys authenticate WebSockets with the Authorization header.
  WsTicket issue(const auth::Principal& principal);
  // Consumes the ticket. Throws Error 401 when it is unknown, used or expired.
  auth::Principal redeem(std::string_view ticket);

 private:
  db::Database& db_;
  AccessService& access_;
};

}  // namespace cc::services
