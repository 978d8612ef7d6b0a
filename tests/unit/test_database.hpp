#pragma once
// Databases for unit tests: SQLite in a temporary directory always, and PostgreSQL when CC_TEST_DATABASE_URL
// names an (empty) test database — its tests are only registered then, so a run reports exactly what it ran.
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/migrations/migrator.hpp"
#include "temp_dir.hpp"

namespace cc::testing {

inline std::optional<std::string> postgres_url() {
  const char* url = std::getenv("CC_TEST_DATABASE_URL");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

inline std::vector<std::string> backends() {
  std::vector<std::string> names{"sqlite"};
  if (postgres_url()) names.push_back("postgres");
  return names;
}

// Drops everything in the test database's current schema (the variable names a database for tests only).
inline void reset_postgres(const std::string& url) {
  auto db = db::open_database({url, 1});
  db->write([](db::Tx& tx) {
    std::string schema;
    tx.query("SELECT current_schema()", {}, [&](const db::Row& r) { schema = r.get_string(0); });
    tx.exec_script("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE; CREATE SCHEMA \"" + schema + "\";");
  });
}

// A migrated, empty database of the backend `name`; `open()` gives further independent handles to it (a
// second process, as far as the code under test can tell).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& name) {
    if (name == "postgres") {
      url_ = *postgres_url();
      reset_postgres(url_);
    } else {
      dir_.emplace();
      url_ = "sqlite:" + dir_->file("test.db");
    }
    db_ = open();
    db::Migrator::for_database(*db_).apply();
  }
  ~TestDatabase() {
    db_.reset();
    if (url_.starts_with("postgres")) reset_postgres(url_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  db::Database& operator*() { return *db_; }
  db::Database* operator->() { return db_.get(); }
  std::unique_ptr<db::Database> open(int pool = 8) const { return db::open_database({url_, pool}); }
  const std::string& url() const { return url_; }
  bool postgres() const { return url_.starts_with("postgres"); }

 private:
  std::optional<TempDir> dir_;
  std::string url_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace cc::testing
