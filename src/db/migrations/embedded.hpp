#pragma once
// The migration files, embedded at build time by cmake/embed_migrations.cmake.
#include <vector>

namespace cc::db::migrations {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace cc::db::migrations
