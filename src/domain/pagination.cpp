#include "domain/pagination.hpp"

namespace cc {

namespace {
constexpr std::int64_t kMaxPage = 1'000'000;
constexpr std::int64_t kMaxSkip = 100'000'000;
}  // namespace

void add_pagination_params(validation::QuerySpec& spec, std::int64_t default_limit, std::int64_t max_limit) {
  spec.integer("page", 1, kMaxPage, "Page number, starting at 1", 1);
  spec.integer("limit", 1, max_limit, "Items per page", default_limit);
  spec.integer("skip", 0, kMaxSkip, "Items to skip (alias of page; used when page is absent)");
}

PageRequest page_request(const validation::QueryValues& q, std::int64_t default_limit) {
  PageRequest r;
  r.limit = q.integer("limit").value_or(default_limit);
  if (auto page = q.integer("page")) {
    r.page = *page;
    r.offset = (r.page - 1) * r.limit;
  } else if (auto skip = q.integer("skip")) {
    r.offset = *skip;
    r.page = *skip / r.limit + 1;
  }
  return r;
}

}  // namespace cc
