#pragma once
// The history of a technology's moves (status and domain), shared by edits through the API and by imports.
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "db/database.hpp"
#include "domain/technology.hpp"

namespace cc::services {

// Records each of status and domain that differs between `before` and `after` (all of them when `before` is
// null: a new technology), with `reason`, by `actor`, at `after.updated_at`. Runs inside the change's
// transaction.
void record_moves(db::Tx& tx, const Technology* before, const Technology& after,
                  const std::optional<std::string>& reason, const auth::Actor& actor);

}  // namespace cc::services
