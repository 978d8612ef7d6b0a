#pragma once
// The few SQL fragments that differ between SQLite and PostgreSQL, so that repositories stay dialect-free.
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace cc::db {

// "a = ?, b = ?, " for a comma-separated column list (UPDATE statements built once, at start-up).
std::string assignments(std::string_view columns);
// ", ?" repeated n times.
std::string more_placeholders(int n);

// Escapes % _ and \ for a LIKE pattern that uses '\' as its escape character.
std::string escape_like(std::string_view text);

struct SqlFragment {
  std::string sql;
  std::vector<std::string> params;
};

// Case-insensitive substring match of `term` in any of `columns` of table alias `alias`, backed by an index:
// on SQLite the FTS5 trigram table `fts_table` (content table = alias's table, rowid = id), on PostgreSQL a
// pg_trgm GIN index on the concatenation of the columns (first column NOT NULL, the others coalesced), which
// the migration must create with exactly this expression.
SqlFragment substring_search(Dialect dialect, std::string_view alias, std::string_view fts_table,
                             const std::vector<std::string_view>& columns, std::string_view term);

// Appended to a SELECT whose rows the transaction is about to claim: on PostgreSQL, concurrent claimers skip
// each other's locked rows instead of waiting or taking the same rows; SQLite has one writer, so the claim is
// atomic by construction and needs nothing.
std::string_view skip_locked(Dialect dialect);

// Seconds from timestamp column `from` to `to` as a floating-point SQL expression (NULL when either is NULL).
std::string seconds_between(Dialect dialect, std::string_view from, std::string_view to);

}  // namespace cc::db
