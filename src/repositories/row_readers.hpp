#pragma once
// Column lists and row readers shared by the repositories that select the same entities (a technology is read
// by the technology repository and by link queries, for instance).
#include <string_view>

#include "db/database.hpp"
#include "domain/code_repository.hpp"
#include "domain/technology.hpp"

namespace cc::repositories {

// Columns of technologies, aliased `t`, in the order read_technology expects.
extern const std::string_view kTechnologyColumns;
Technology read_technology(const db::Row& row);
Technology read_technology_from(const db::Row& row, int first_column);
constexpr int kTechnologyColumnCount = 32;

// Columns of repositories, aliased `r`, in the order read_code_repository expects.
extern const std::string_view kCodeRepositoryColumns;
CodeRepository read_code_repository(const db::Row& row);
CodeRepository read_code_repository_from(const db::Row& row, int first_column);
constexpr int kCodeRepositoryColumnCount = 24;

}  // namespace cc::repositories
