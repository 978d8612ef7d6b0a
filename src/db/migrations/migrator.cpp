#include "db/migrations/migrator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/crypto.hpp"
#include "core/logging.hpp"

namespace cc::db {

namespace {
// Arbitrary constant identifying "CommandCenter schema migration" among advisory locks.
constexpr std::int64_t kMigrationLockKey = 0x43434D4947;  // "CCMIG"
}  // namespace

Migrator::Migrator(Database& db, std::span<const migrations::Migration> list) : db_(db), list_(list) {}

Migrator Migrator::for_database(Database& db) {
  const auto& list =
      db.dialect() == Dialect::Sqlite ? migrations::sqlite_migrations() : migrations::postgres_migrations();
  return Migrator(db, list);
}

void Migrator::ensure_table() {
  db_.write([&](Tx& tx) {
    if (tx.dialect() == Dialect::Postgres) tx.exec("SELECT pg_advisory_xact_lock(?)", {kMigrationLockKey});
    tx.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT "
        "NULL)");
  });
}

MigrationStatus Migrator::status() {
  ensure_table();
  MigrationStatus status;
  std::set<int> applied;
  db_.read([&](Tx& tx) {
    tx.query(
        "SELECT version, name, checksum FROM schema_migrations ORDER BY version", {}, [&](const Row& row) {
          int version = static_cast<int>(row.get_int(0));
          applied.insert(version);
          status.current = std::max(status.current, version);
          for (const auto& m : list_) {
            if (m.version == version && row.get_text(2) != crypto::sha256_hex(m.sql)) {
              log::warn("migration.checksum_mismatch", {{"version", version}, {"name", row.get_text(1)}});
            }
          }
        });
  });
  for (const auto& m : list_) {
    status.latest = std::max(status.latest, m.version);
    if (!applied.contains(m.version)) status.pending.push_back(m.version);
  }
  return status;
}

std::vector<int> Migrator::apply() {
  auto before = status();
  if (before.current > before.latest) {
    throw DbError(DbError::Kind::Other,
                  fmt::format("the database schema is at version {}, newer than this binary knows ({}); "
                              "run a newer commandcenter",
                              before.current, before.latest));
  }
  std::vector<int> applied;
  for (const auto& m : list_) {
    if (std::find(before.pending.begin(), before.pending.end(), m.version) == before.pending.end()) continue;
    bool ran = false;
    try {
      db_.write([&](Tx& tx) {
        if (tx.dialect() == Dialect::Postgres)
          tx.exec("SELECT pg_advisory_xact_lock(?)", {kMigrationLockKey});
        // Another process may have applied it while we waited for the lock.
        if (tx.query_int("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                         {std::int64_t{m.version}})) {
          return;
        }
        tx.exec_script(m.sql);
        std::string checksum = crypto::sha256_hex(m.sql);
        tx.exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                {std::int64_t{m.version}, std::string_view(m.name), std::string_view(checksum),
                 std::string_view(format_rfc3339(now()))});
        ran = true;
      });
    } catch (const std::exception& e) {
      throw DbError(DbError::Kind::Other, fmt::format("migration {} failed: {}", m.name, e.what()));
    }
    if (ran) {
      log::info("migration.applied", {{"version", m.version}, {"name", m.name}});
      applied.push_back(m.version);
    }
  }
  return applied;
}

}  // namespace cc::db
