#pragma once
// Page requests: `page` (1-based) and `limit` (default 20, at most 100); `skip` is accepted as an alias.
#include <cstdint>
#include <vector>

#include "core/validation.hpp"

namespace cc {

struct PageRequest {
  std::int64_t page = 1;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

// Adds page, limit and skip to a query spec.
void add_pagination_params(validation::QuerySpec& spec, std::int64_t default_limit = 20,
                           std::int64_t max_limit = 100);
PageRequest page_request(const validation::QueryValues& q, std::int64_t default_limit = 20);

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace cc
