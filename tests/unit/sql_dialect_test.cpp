#include "db/sql_dialect.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "temp_dir.hpp"

namespace {

using cc::db::Dialect;
using cc::db::escape_like;
using cc::db::substring_search;
using ::testing::ElementsAre;

TEST(EscapeLike, WildcardsAndTheEscapeCharacterAreEscaped) {
  EXPECT_EQ(escape_like("100%"), "100\\%");
  EXPECT_EQ(escape_like("a_b"), "a\\_b");
  EXPECT_EQ(escape_like("c:\\dir"), "c:\\\\dir");
  EXPECT_EQ(escape_like("%_\\"), "\\%\\_\\\\");
}

TEST(EscapeLike, OrdinaryTextIsUnchanged) {
  EXPECT_EQ(escape_like("plain text \xC3\xA9 'quoted'"), "plain text \xC3\xA9 'quoted'");
  EXPECT_EQ(escape_like(""), "");
}

TEST(SubstringSearch, PostgresUsesOneIlikeOverTheIndexedConcatenation) {
  auto f =
      substring_search(Dialect::Postgres, "t", "technologies_fts", {"title", "description", "tags"}, "50%");
  EXPECT_EQ(f.sql,
            "((t.title || ' ' || coalesce(t.description, '') || ' ' || coalesce(t.tags, '')) ILIKE ?)");
  EXPECT_THAT(f.params, ElementsAre("%50\\%%"));
}

TEST(SubstringSearch, SqliteUsesTheTrigramIndexForTermsOfThreeCharactersOrMore) {
  auto f = substring_search(Dialect::Sqlite, "t", "technologies_fts", {"title", "description"}, "rust");
  EXPECT_EQ(f.sql, "t.id IN (SELECT rowid FROM technologies_fts WHERE technologies_fts MATCH ?)");
  EXPECT_THAT(f.params, ElementsAre("\"rust\""));
}

TEST(SubstringSearch, SqliteQuotesTheTermAsOnePhraseDoublingQuotes) {
  auto f = substring_search(Dialect::Sqlite, "t", "fts", {"title"}, R"(say "hi" OR x)");
  EXPECT_THAT(f.params, ElementsAre(R"("say ""hi"" OR x")"));
}

TEST(SubstringSearch, SqliteFallsBackToEscapedLikeForShortTerms) {
  auto f = substring_search(Dialect::Sqlite, "t", "fts", {"title", "description"}, "c_");
  EXPECT_EQ(f.sql, "(t.title LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\')");
  EXPECT_THAT(f.params, ElementsAre("%c\\_%", "%c\\_%"));
}

TEST(SubstringSearch, ShortnessIsCountedInCharactersNotBytes) {
  // Two characters in four bytes: still too short for trigrams.
  auto f = substring_search(Dialect::Sqlite, "t", "fts", {"title"}, "\xC3\xA4\xC3\xB6");
  EXPECT_EQ(f.sql, "(t.title LIKE ? ESCAPE '\\')");
}

// The fragments run against a real SQLite database with the same kind of trigram table the migrations create.
class SubstringSearchOnSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = cc::db::open_database({"sqlite:" + dir_.file("search.db"), 2});
    db_->write([](cc::db::Tx& tx) {
      tx.exec_script(
          "CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT);"
          "CREATE VIRTUAL TABLE items_fts USING fts5(title, description, content='items', content_rowid='id',"
          "  tokenize='trigram');"
          "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
          "  INSERT INTO items_fts (rowid, title, description) VALUES (new.id, new.title, new.description);"
          "END;"
          "INSERT INTO items (id, title, description) VALUES"
          "  (1, 'PostgreSQL', 'relational database'),"
          "  (2, 'Rust', 'systems language, 100% safe'),"
          "  (3, 'a_b', NULL),"
          "  (4, 'abb', 'say \"hi\" there'),"
          "  (5, 'Go', '1005 goroutines');");
    });
  }

  std::vector<std::int64_t> search(std::string_view term) {
    auto f = substring_search(Dialect::Sqlite, "i", "items_fts", {"title", "description"}, term);
    std::vector<cc::db::Param> params(f.params.begin(), f.params.end());
    return db_->read([&](cc::db::Tx& tx) {
      return tx.query_all("SELECT i.id FROM items i WHERE " + f.sql + " ORDER BY i.id",
                          std::span<const cc::db::Param>(params),
                          [](const cc::db::Row& r) { return r.get_int(0); });
    });
  }

  cc::testing::TempDir dir_;
  std::unique_ptr<cc::db::Database> db_;
};

TEST_F(SubstringSearchOnSqlite, TrigramSearchIsACaseInsensitiveSubstringMatchOverAllColumns) {
  EXPECT_THAT(search("gresq"), ElementsAre(1));
  EXPECT_THAT(search("DATABASE"), ElementsAre(1));
  EXPECT_THAT(search("ang"), ElementsAre(2));
  EXPECT_THAT(search("nothing here"), ElementsAre());
}

TEST_F(SubstringSearchOnSqlite, TrigramSearchTreatsOperatorsAndQuotesAsText) {
  EXPECT_THAT(search("0% safe"), ElementsAre(2));
  EXPECT_THAT(search("\"hi\""), ElementsAre(4));
  EXPECT_THAT(search("Rust OR Go"), ElementsAre());
}

TEST_F(SubstringSearchOnSqlite, ShortTermsMatchWildcardsLiterally) {
  EXPECT_THAT(search("_"), ElementsAre(3));   // not "any character"
  EXPECT_THAT(search("0%"), ElementsAre(2));  // not "0 followed by anything"
  EXPECT_THAT(search("go"), ElementsAre(5));  // case-insensitive, in title or description
}

}  // namespace
