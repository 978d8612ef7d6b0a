#pragma once
// Applies numbered migrations, each in its own transaction: a migration that fails leaves the schema exactly
// as it was before it, and the caller (serve, migrate) stops. Applying twice changes nothing. On PostgreSQL
// an advisory lock lets several processes start at once without racing.
#include <span>
#include <vector>

#include "db/database.hpp"
#include "db/migrations/embedded.hpp"

namespace cc::db {

struct MigrationStatus {
  int current = 0;  // highest applied version
  int latest = 0;   // highest version this binary knows
  std::vector<int> pending;
  bool is_current() const { return pending.empty() && current <= latest; }
};

class Migrator {
 public:
  Migrator(Database& db, std::span<const migrations::Migration> list);
  // The migrations built into the binary for db's dialect.
  static Migrator for_database(Database& db);

  MigrationStatus status();
  // Returns the versions it applied, in order. Throws DbError naming the migration that failed.
  std::vector<int> apply();

 private:
  void ensure_table();
  Database& db_;
  std::span<const migrations::Migration> list_;
};

}  // namespace cc::db
