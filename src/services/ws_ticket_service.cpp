#include "services/ws_ticket_service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "services/access_service.hpp"

namespace cc::services {

WsTicket WsTicketService::issue(const auth::Principal& principal) {
  if (!principal.session_id) {
    throw Error::forbidden(
        "API keys open WebSockets with the Authorization header; tickets are for browsers");
  }
  WsTicket t;
  t.ticket = crypto::random_token(32);
  t.expires_in = kLifetimeSeconds;
  auto hash = crypto::sha256_hex(t.ticket);
  auto at = now();
  db_.write([&](db::Tx& tx) {
    tx.exec("INSERT INTO ws_tickets (ticket_hash, user_id, session_id, expires_at) VALUES (?, ?, ?, ?)",
            {std::string_view(hash), principal.user_id, std::string_view(*principal.session_id),
             at + std::chrono::seconds(kLifetimeSeconds)});
  });
  return t;
}

auth::Principal WsTicketService::redeem(std::string_view ticket) {
  if (ticket.empty() || ticket.size() > 128) throw Error::unauthorized("Invalid WebSocket ticket");
  auto hash = crypto::sha256_hex(ticket);
  auto at = now();
  struct Owner {
    std::int64_t user_id;
    std::string session_id;
  };
  // Marking it used and reading it back is one statement: two connections racing with one ticket cannot both
  // win.
  auto owner = db_.write([&](db::Tx& tx) {
    return tx.query_one(
        "UPDATE ws_tickets SET used_at = ? WHERE ticket_hash = ? AND used_at IS NULL AND expires_at > ? "
        "RETURNING "
        "user_id, session_id",
        {at, std::string_view(hash), at}, [](const db::Row& row) {
          return Owner{row.get_int(0), row.get_string(1)};
        });
  });
  if (!owner) throw Error::unauthorized("The WebSocket ticket is unknown, expired or already used");
  return access_.session_principal(owner->user_id, owner->session_id);
}

}  // namespace cc::services
