// Migration tests run on SQLite always, and on PostgreSQL too when CC_TEST_DATABASE_URL names an (empty) test
// database: the PostgreSQL instances are only registered when the variable is set, so a run without it
// reports exactly the tests it ran.
#include "db/migrations/migrator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "db/database.hpp"
#include "temp_dir.hpp"
#include "test_database.hpp"

namespace {

using cc::db::Database;
using cc::db::DbError;
using cc::db::Dialect;
using cc::db::Migrator;
using cc::db::Row;
using cc::db::Tx;
using cc::db::migrations::Migration;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using cc::testing::backends;
using cc::testing::postgres_url;
using cc::testing::reset_postgres;

class MigratorTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    cc::crypto::initialize();
    if (GetParam() == "postgres") {
      url_ = *postgres_url();
      reset_postgres(url_);
    } else {
      dir_.emplace();
      url_ = "sqlite:" + dir_->file("migrations.db");
    }
    db_ = cc::db::open_database({url_, 4});
  }

  void TearDown() override {
    db_.reset();
    if (GetParam() == "postgres") reset_postgres(url_);
    dir_.reset();
  }

  // Every table, index, trigger and constraint definition, in a stable order.
  std::vector<std::string> schema() {
    return db_->read([](Tx& tx) {
      std::vector<std::string> out;
      auto add = [&](const Row& r) { out.push_back(r.get_string(0)); };
      if (tx.dialect() == Dialect::Sqlite) {
        tx.query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY name",
                 {}, add);
      } else {
        tx.query(
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || "
            "coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = "
            "current_schema() "
            "ORDER BY table_name, column_name",
            {}, add);
        tx.query(
            "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "ORDER BY indexname",
            {}, add);
        tx.query(
            "SELECT c.conname || ': ' || pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() "
            "ORDER BY c.conname",
            {}, add);
      }
      return out;
    });
  }

  bool table_exists(const std::string& name) {
    return db_->read([&](Tx& tx) {
      if (tx.dialect() == Dialect::Sqlite) {
        return tx.query_int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                            {std::string_view(name)}) > 0;
      }
      return tx.query_int(
                 "SELECT COUNT(*) FROM information_schema.tables "
                 "WHERE table_schema = current_schema() AND table_name = ?",
                 {std::string_view(name)}) > 0;
    });
  }

  std::vector<std::int64_t> recorded_versions() {
    return db_->read([](Tx& tx) {
      return tx.query_all("SELECT version FROM schema_migrations ORDER BY version", {},
                          [](const Row& r) { return r.get_int(0); });
    });
  }

  std::optional<cc::testing::TempDir> dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

const std::vector<Migration>& embedded(const Database& db) {
  return db.dialect() == Dialect::Sqlite ? cc::db::migrations::sqlite_migrations()
                                         : cc::db::migrations::postgres_migrations();
}

std::vector<int> versions_of(const std::vector<Migration>& list) {
  std::vector<int> out;
  for (const auto& m : list) out.push_back(m.version);
  return out;
}

TEST_P(MigratorTest, FreshDatabaseHasEveryEmbeddedMigrationPending) {
  const auto& list = embedded(*db_);
  ASSERT_FALSE(list.empty());
  auto status = Migrator::for_database(*db_).status();
  EXPECT_EQ(status.current, 0);
  EXPECT_EQ(status.latest, list.back().version);
  EXPECT_EQ(status.pending, versions_of(list));
  EXPECT_FALSE(status.is_current());
}

TEST_P(MigratorTest, ApplyRunsEveryMigrationOnceAndRecordsItsChecksum) {
  const auto& list = embedded(*db_);
  EXPECT_EQ(Migrator::for_database(*db_).apply(), versions_of(list));
  EXPECT_TRUE(table_exists("users"));
  EXPECT_TRUE(table_exists("technologies"));

  auto status = Migrator::for_database(*db_).status();
  EXPECT_TRUE(status.is_current());
  EXPECT_EQ(status.current, list.back().version);
  EXPECT_THAT(status.pending, IsEmpty());

  auto checksums = db_->read([](Tx& tx) {
    return tx.query_all("SELECT checksum FROM schema_migrations ORDER BY version", {},
                        [](const Row& r) { return r.get_string(0); });
  });
  ASSERT_EQ(checksums.size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(checksums[i], cc::crypto::sha256_hex(list[i].sql));
}

TEST_P(MigratorTest, SecondApplyDoesNothingAndLeavesTheSchemaUnchanged) {
  auto migrator = Migrator::for_database(*db_);
  ASSERT_FALSE(migrator.apply().empty());
  auto before = schema();
  ASSERT_FALSE(before.empty());
  EXPECT_THAT(migrator.apply(), IsEmpty());
  EXPECT_THAT(Migrator::for_database(*db_).apply(), IsEmpty());
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(recorded_versions().size(), embedded(*db_).size());
}

TEST_P(MigratorTest, FailingMigrationKeepsEarlierOnesAndLeavesNoTraceOfItself) {
  const std::vector<Migration> list = {
      {1, "0001_first", "CREATE TABLE mig_first (id INTEGER PRIMARY KEY);"},
      // Creates two tables, then fails on a table that does not exist.
      {2, "0002_broken",
       "CREATE TABLE mig_second (id INTEGER PRIMARY KEY);\n"
       "CREATE TABLE mig_third (id INTEGER PRIMARY KEY);\n"
       "INSERT INTO mig_missing (id) VALUES (1);"},
  };
  Migrator migrator(*db_, list);
  try {
    migrator.apply();
    FAIL() << "the broken migration should have thrown";
  } catch (const DbError& e) {
    EXPECT_THAT(e.what(), HasSubstr("0002_broken"));
  }
  EXPECT_TRUE(table_exists("mig_first"));
  EXPECT_FALSE(table_exists("mig_second"));
  EXPECT_FALSE(table_exists("mig_third"));
  EXPECT_THAT(recorded_versions(), ElementsAre(1));
  auto status = migrator.status();
  EXPECT_EQ(status.current, 1);
  EXPECT_THAT(status.pending, ElementsAre(2));
}

TEST_P(MigratorTest, FixedMigrationAppliesAfterAFailedAttempt) {
  const std::vector<Migration> broken = {
      {1, "0001_first", "CREATE TABLE mig_first (id INTEGER PRIMARY KEY);"},
      {2, "0002_second",
       "CREATE TABLE mig_second (id INTEGER PRIMARY KEY); INSERT INTO mig_missing VALUES (1);"},
  };
  EXPECT_THROW(Migrator(*db_, broken).apply(), DbError);
  const std::vector<Migration> fixed = {
      broken[0],
      {2, "0002_second",
       "CREATE TABLE mig_second (id INTEGER PRIMARY KEY); INSERT INTO mig_first VALUES (1);"},
  };
  EXPECT_THAT(Migrator(*db_, fixed).apply(), ElementsAre(2));
  EXPECT_TRUE(table_exists("mig_second"));
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM mig_first"); }), 1);
  EXPECT_THAT(recorded_versions(), ElementsAre(1, 2));
}

TEST_P(MigratorTest, LaterMigrationsSeeTheEffectsOfEarlierOnes) {
  const std::vector<Migration> list = {
      {1, "0001_create", "CREATE TABLE mig_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
      {2, "0002_seed", "INSERT INTO mig_items (id, name) VALUES (1, 'one'), (2, 'two');"},
      {3, "0003_alter", "ALTER TABLE mig_items ADD COLUMN note TEXT;"},
  };
  EXPECT_THAT(Migrator(*db_, list).apply(), ElementsAre(1, 2, 3));
  auto rows = db_->read([](Tx& tx) {
    return tx.query_all("SELECT name FROM mig_items WHERE note IS NULL ORDER BY id", {},
                        [](const Row& r) { return r.get_string(0); });
  });
  EXPECT_THAT(rows, ElementsAre("one", "two"));
}

TEST_P(MigratorTest, OnlyNewMigrationsRunWhenTheListGrows) {
  std::vector<Migration> list = {{1, "0001_create", "CREATE TABLE mig_items (id INTEGER PRIMARY KEY);"}};
  EXPECT_THAT(Migrator(*db_, list).apply(), ElementsAre(1));
  list.push_back({2, "0002_insert", "INSERT INTO mig_items (id) VALUES (7);"});
  EXPECT_THAT(Migrator(*db_, list).apply(), ElementsAre(2));
  EXPECT_THAT(Migrator(*db_, list).apply(), IsEmpty());
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM mig_items"); }), 1);
}

TEST_P(MigratorTest, SchemaNewerThanTheBinaryIsRefused) {
  const std::vector<Migration> newer = {
      {1, "0001_a", "CREATE TABLE mig_a (id INTEGER PRIMARY KEY);"},
      {2, "0002_b", "CREATE TABLE mig_b (id INTEGER PRIMARY KEY);"},
  };
  ASSERT_THAT(Migrator(*db_, newer).apply(), ElementsAre(1, 2));
  const std::vector<Migration> older(newer.begin(), newer.begin() + 1);
  Migrator old_binary(*db_, older);
  EXPECT_FALSE(old_binary.status().is_current());
  try {
    old_binary.apply();
    FAIL() << "an older binary must not run against a newer schema";
  } catch (const DbError& e) {
    EXPECT_THAT(e.what(), HasSubstr("newer"));
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, MigratorTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
