#pragma once
// A transparent string hash, so that maps keyed by std::string can be searched with a std::string_view
// (statement caches look up SQL text without copying it).
#include <cstddef>
#include <functional>
#include <string_view>

namespace cc::db {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace cc::db
