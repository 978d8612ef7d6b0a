#include "db/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "temp_dir.hpp"

namespace {

using cc::db::Database;
using cc::db::DbError;
using cc::db::Row;
using cc::db::Tx;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open();
    db_->write([](Tx& tx) {
      tx.exec_script(
          "CREATE TABLE items (id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL, "
          "  name TEXT UNIQUE);"
          "CREATE TABLE parents (id INTEGER PRIMARY KEY);"
          "CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id),"
          "  qty INTEGER CHECK (qty >= 0));");
    });
  }

  std::unique_ptr<Database> open() const { return cc::db::open_database({"sqlite:" + path_, 4}); }

  std::int64_t count(std::string_view where = "1 = 1") {
    return db_->read(
        [&](Tx& tx) { return tx.query_int("SELECT COUNT(*) FROM items WHERE " + std::string(where)); });
  }

  void insert(Tx& tx, std::int64_t thread, std::int64_t seq, std::string_view name) {
    tx.exec("INSERT INTO items (thread, seq, name) VALUES (?, ?, ?)", {thread, seq, name});
  }

  cc::testing::TempDir dir_;  // declared first: outlives the database
  std::string path_ = dir_.file("test.db");
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteDatabaseTest, OpenDatabaseChoosesSqliteForSqliteUrls) {
  EXPECT_EQ(db_->dialect(), cc::db::Dialect::Sqlite);
  EXPECT_EQ(db_->describe(), "sqlite:" + path_);
  EXPECT_THROW(cc::db::open_database({"mysql://localhost/x", 1}), std::invalid_argument);
}

TEST_F(SqliteDatabaseTest, WriteReturnsTheCallbacksValue) {
  auto id = db_->write([&](Tx& tx) {
    insert(tx, 1, 1, "first");
    return tx.query_int("SELECT last_insert_rowid()");
  });
  EXPECT_GT(id, 0);
  auto name = db_->read([&](Tx& tx) {
    return tx.query_one("SELECT name FROM items WHERE id = ?", {id},
                        [](const Row& r) { return r.get_string(0); });
  });
  EXPECT_EQ(name, "first");
}

TEST_F(SqliteDatabaseTest, CommittedWriteSurvivesReopeningTheFile) {
  db_->write([&](Tx& tx) { insert(tx, 1, 1, "durable"); });
  db_.reset();
  db_ = open();
  EXPECT_EQ(count("name = 'durable'"), 1);
}

TEST_F(SqliteDatabaseTest, ParametersAndColumnsRoundTripEveryType) {
  const cc::Timestamp when = cc::from_unix_seconds(1'800'000'000) + std::chrono::microseconds{42};
  db_->write([&](Tx& tx) {
    tx.exec_script("CREATE TABLE kinds (n INTEGER, d REAL, b INTEGER, s TEXT, t TEXT, z TEXT)");
    tx.exec("INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?)",
            {std::int64_t{-9'000'000'000}, 2.5, true, std::string_view("h\xC3\xA9 'quoted'"), when, nullptr});
  });
  db_->read([&](Tx& tx) {
    int rows = 0;
    tx.query("SELECT n, d, b, s, t, z FROM kinds", {}, [&](const Row& r) {
      ++rows;
      EXPECT_EQ(r.get_int(0), -9'000'000'000);
      EXPECT_EQ(r.get_double(1), 2.5);
      EXPECT_TRUE(r.get_bool(2));
      EXPECT_EQ(r.get_text(3), "h\xC3\xA9 'quoted'");
      EXPECT_EQ(r.get_text(4), "2027-01-15T08:00:00.000042Z");
      EXPECT_EQ(r.get_time(4), when);
      EXPECT_TRUE(r.is_null(5));
      EXPECT_EQ(r.opt_string(5), std::nullopt);
      EXPECT_EQ(r.opt_int(5), std::nullopt);
      EXPECT_EQ(r.opt_time(5), std::nullopt);
      EXPECT_EQ(r.opt_int(0), -9'000'000'000);
      EXPECT_EQ(r.opt_double(1), 2.5);
      EXPECT_THROW(r.get_time(3), DbError);  // not a timestamp
    });
    EXPECT_EQ(rows, 1);
  });
}

TEST_F(SqliteDatabaseTest, QueryHelpersReturnAllRowsFirstRowOrNothing) {
  db_->write([&](Tx& tx) {
    for (int i = 1; i <= 3; ++i) insert(tx, 0, i, "n" + std::to_string(i));
  });
  db_->read([&](Tx& tx) {
    auto all = tx.query_all("SELECT seq FROM items ORDER BY seq DESC", {},
                            [](const Row& r) { return r.get_int(0); });
    EXPECT_EQ(all, (std::vector<std::int64_t>{3, 2, 1}));
    auto first =
        tx.query_one("SELECT seq FROM items ORDER BY seq", {}, [](const Row& r) { return r.get_int(0); });
    EXPECT_EQ(first, 1);
    auto none = tx.query_one("SELECT seq FROM items WHERE seq > ?", {std::int64_t{10}},
                             [](const Row& r) { return r.get_int(0); });
    EXPECT_EQ(none, std::nullopt);
    EXPECT_EQ(tx.query_int("SELECT seq FROM items WHERE seq > 10"), 0);
  });
}

TEST_F(SqliteDatabaseTest, ExecReturnsTheNumberOfChangedRows) {
  auto changed = db_->write([&](Tx& tx) {
    for (int i = 1; i <= 4; ++i) insert(tx, 0, i, "c" + std::to_string(i));
    return tx.exec("UPDATE items SET thread = 9 WHERE seq <= ?", {std::int64_t{3}});
  });
  EXPECT_EQ(changed, 3);
}

TEST_F(SqliteDatabaseTest, WrongNumberOfParametersIsAnError) {
  EXPECT_THROW(db_->write([&](Tx& tx) {
    tx.exec("INSERT INTO items (thread, seq) VALUES (?, ?)", {std::int64_t{1}});
  }),
               DbError);
  EXPECT_EQ(count(), 0);
}

TEST_F(SqliteDatabaseTest, ConstraintViolationsAreClassified) {
  auto kind_of = [&](auto&& fn) -> std::optional<DbError::Kind> {
    try {
      db_->write(fn);
    } catch (const DbError& e) {
      return e.kind();
    }
    return std::nullopt;
  };
  db_->write([&](Tx& tx) {
    insert(tx, 0, 0, "taken");
    tx.exec("INSERT INTO parents (id) VALUES (1)");
  });
  EXPECT_EQ(kind_of([&](Tx& tx) { insert(tx, 0, 1, "taken"); }), DbError::Kind::UniqueViolation);
  EXPECT_EQ(kind_of([&](Tx& tx) { tx.exec("INSERT INTO parents (id) VALUES (1)"); }),
            DbError::Kind::UniqueViolation);
  EXPECT_EQ(kind_of([&](Tx& tx) { tx.exec("INSERT INTO children (parent_id, qty) VALUES (99, 1)"); }),
            DbError::Kind::ForeignKeyViolation);
  EXPECT_EQ(kind_of([&](Tx& tx) { tx.exec("INSERT INTO children (parent_id, qty) VALUES (1, -1)"); }),
            DbError::Kind::CheckViolation);
  EXPECT_EQ(kind_of([&](Tx& tx) { tx.exec("INSERT INTO items (seq) VALUES (1)"); }),
            DbError::Kind::CheckViolation);
  EXPECT_EQ(kind_of([&](Tx& tx) { tx.exec("INSERT INTO nowhere VALUES (1)"); }), DbError::Kind::Other);
}

TEST_F(SqliteDatabaseTest, ThrowingWriteRollsBackEverythingItDid) {
  db_->write([&](Tx& tx) { insert(tx, 0, 0, "taken"); });
  try {
    db_->write([&](Tx& tx) {
      insert(tx, 1, 1, "mine");
      insert(tx, 1, 2, "taken");  // unique violation
    });
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::UniqueViolation);
  }
  EXPECT_EQ(count("name = 'mine'"), 0);
  EXPECT_EQ(count(), 1);
}

TEST_F(SqliteDatabaseTest, NonDatabaseExceptionsPropagateAndRollBack) {
  EXPECT_THROW(db_->write([&](Tx& tx) {
    insert(tx, 1, 1, "half-done");
    throw std::runtime_error("business rule failed");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  // The writer is still healthy afterwards.
  db_->write([&](Tx& tx) { insert(tx, 1, 2, "after"); });
  EXPECT_EQ(count(), 1);
}

TEST_F(SqliteDatabaseTest, GroupCommitKeepsEveryWriteOfConcurrentThreads) {
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 200;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        try {
          db_->write([&](Tx& tx) {
            tx.exec("INSERT INTO items (thread, seq) VALUES (?, ?)", {std::int64_t{t}, std::int64_t{i}});
          });
        } catch (...) {
          ++errors;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(count(), kThreads * kWritesPerThread);
  db_->read([&](Tx& tx) {
    EXPECT_EQ(tx.query_int("SELECT COUNT(*) FROM (SELECT DISTINCT thread, seq FROM items)"),
              kThreads * kWritesPerThread);
    tx.query("SELECT thread, COUNT(*), MIN(seq), MAX(seq) FROM items GROUP BY thread ORDER BY thread", {},
             [&](const Row& r) {
               EXPECT_EQ(r.get_int(1), kWritesPerThread) << "thread " << r.get_int(0);
               EXPECT_EQ(r.get_int(2), 0);
               EXPECT_EQ(r.get_int(3), kWritesPerThread - 1);
             });
  });
}

TEST_F(SqliteDatabaseTest, FailingWritesInConcurrentBatchesRollBackOnlyThemselves) {
  // Eight threads keep the writer busy, so most callbacks share a batch (a transaction) with others; every
  // fifth callback hits a unique violation after its own insert and every seventh throws an ordinary
  // exception.
  db_->write([&](Tx& tx) { insert(tx, -1, -1, "taken"); });
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 100;
  std::atomic<int> unique_violations{0}, runtime_errors{0}, unexpected{0}, succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        bool violate = i % 5 == 0;
        bool throw_plain = !violate && i % 7 == 0;
        std::string name =
            (violate || throw_plain ? "fail-" : "ok-") + std::to_string(t) + "-" + std::to_string(i);
        try {
          db_->write([&](Tx& tx) {
            insert(tx, t, i, name);
            if (violate) insert(tx, t, i, "taken");
            if (throw_plain) throw std::runtime_error("callback failed");
          });
          ++succeeded;
        } catch (const DbError& e) {
          if (violate && e.kind() == DbError::Kind::UniqueViolation) {
            ++unique_violations;
          } else {
            ++unexpected;
          }
        } catch (const std::runtime_error&) {
          if (throw_plain) {
            ++runtime_errors;
          } else {
            ++unexpected;
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  int violating = 0, plain = 0;
  for (int i = 0; i < kWritesPerThread; ++i) {
    if (i % 5 == 0) {
      ++violating;
    } else if (i % 7 == 0) {
      ++plain;
    }
  }
  int good = kWritesPerThread - violating - plain;
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(unique_violations.load(), kThreads * violating);
  EXPECT_EQ(runtime_errors.load(), kThreads * plain);
  EXPECT_EQ(succeeded.load(), kThreads * good);
  EXPECT_EQ(count("name LIKE 'fail-%'"), 0);
  EXPECT_EQ(count("name LIKE 'ok-%'"), kThreads * good);
  EXPECT_EQ(count(), kThreads * good + 1);
}

TEST_F(SqliteDatabaseTest, AfterCommitHooksRunOnceTheWriteIsVisible) {
  bool ran = false;
  std::int64_t seen_by_hook = -1;
  db_->write([&](Tx& tx) {
    insert(tx, 1, 1, "hooked");
    tx.after_commit([&] {
      ran = true;
      seen_by_hook = count("name = 'hooked'");  // a fresh read sees the committed row
    });
    EXPECT_FALSE(ran);  // not while the transaction is open
  });
  EXPECT_TRUE(ran);
  EXPECT_EQ(seen_by_hook, 1);
}

TEST_F(SqliteDatabaseTest, AfterCommitHooksAreDroppedOnRollback) {
  bool ran = false;
  EXPECT_THROW(db_->write([&](Tx& tx) {
    insert(tx, 1, 1, "rolled-back");
    tx.after_commit([&] { ran = true; });
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_FALSE(ran);
  // A later successful write does not run the dropped hook either.
  int later = 0;
  db_->write([&](Tx& tx) {
    insert(tx, 1, 2, "committed");
    tx.after_commit([&] { ++later; });
  });
  EXPECT_FALSE(ran);
  EXPECT_EQ(later, 1);
}

TEST_F(SqliteDatabaseTest, AfterCommitIsRefusedInsideARead) {
  EXPECT_THROW(db_->read([](Tx& tx) { tx.after_commit([] {}); }), std::logic_error);
}

TEST_F(SqliteDatabaseTest, ReadSeesOneSnapshotEvenWhileAWriteCommits) {
  db_->write([&](Tx& tx) { insert(tx, 0, 0, "before"); });
  std::int64_t first = -1, second = -1;
  db_->read([&](Tx& tx) {
    first = tx.query_int("SELECT COUNT(*) FROM items");
    db_->write([&](Tx& w) { insert(w, 0, 1, "during"); });  // commits on the writer thread
    second = tx.query_int("SELECT COUNT(*) FROM items");
  });
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1);   // the committed row is not visible inside the earlier snapshot
  EXPECT_EQ(count(), 2);  // but a new read sees it
}

TEST_F(SqliteDatabaseTest, ReadsCannotWrite) {
  EXPECT_THROW(db_->read([&](Tx& tx) { insert(tx, 0, 0, "sneaky"); }), DbError);
  EXPECT_EQ(count(), 0);
}

TEST_F(SqliteDatabaseTest, ExceptionInAReadPropagatesAndLeavesTheConnectionUsable) {
  EXPECT_THROW(db_->read([](Tx& tx) {
    tx.query_int("SELECT COUNT(*) FROM items");
    throw std::runtime_error("stop");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  db_->write([&](Tx& tx) { insert(tx, 0, 0, "x"); });
  EXPECT_EQ(count(), 1);
}

TEST_F(SqliteDatabaseTest, ConcurrentReadersSeeCommittedData) {
  db_->write([&](Tx& tx) {
    for (int i = 0; i < 50; ++i) insert(tx, 0, i, "r" + std::to_string(i));
  });
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (count() != 50) ++wrong;
      }
    });
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(SqliteDatabaseTest, NestedWriteFromInsideAWriteIsRefused) {
  db_->write([&](Tx& tx) {
    insert(tx, 0, 0, "outer");
    EXPECT_THROW(db_->write([&](Tx& inner) { insert(inner, 0, 1, "inner"); }), std::logic_error);
  });
  EXPECT_EQ(count("name = 'outer'"), 1);
  EXPECT_EQ(count("name = 'inner'"), 0);
}

TEST_F(SqliteDatabaseTest, ClosedDatabaseRefusesWork) {
  db_->close();
  EXPECT_THROW(db_->write([&](Tx& tx) { insert(tx, 0, 0, "late"); }), DbError);
  EXPECT_THROW(db_->read([](Tx& tx) { tx.query_int("SELECT 1"); }), DbError);
  db_->close();  // closing twice is harmless
}

}  // namespace
