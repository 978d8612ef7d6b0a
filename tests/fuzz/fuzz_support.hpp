#pragma once
// What every fuzz target checks besides memory safety (ASan) and undefined behaviour (UBSan): a parser of
// untrusted input either accepts it or refuses it with a cc::Error that becomes a 4xx problem. Any other
// exception — or a 5xx — would be a 500 for the client, so the target aborts and libFuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "core/error.hpp"

namespace cc::fuzz {

template <class F>
void expect_accepted_or_client_error(F&& parse) {
  try {
    parse();
  } catch (const cc::Error& e) {
    if (e.status() < 400 || e.status() >= 500) {
      std::fprintf(stderr, "refused with status %d: %s\n", e.status(), e.what());
      std::abort();
    }
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits the input at its first NUL byte (or newline, when there is no NUL): two independent strings from one
// input, e.g. a header and a body.
inline std::pair<std::string_view, std::string_view> split_input(std::string_view text) {
  auto at = text.find('\0');
  if (at == std::string_view::npos) at = text.find('\n');
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace cc::fuzz
