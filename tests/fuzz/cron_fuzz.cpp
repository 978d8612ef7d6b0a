// Schedules: a cron expression and a time zone from a client, then the next runs computed from them. Every
// computation must end (an expression that never matches, such as 30 February, has no next run) and runs must
// move forward.
#include <chrono>

#include "fuzz_support.hpp"
#include "jobs/recurrence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = cc::fuzz::split_input(cc::fuzz::as_text(data, size));
  const std::string_view cron = input.first, zone = input.second;
  cc::fuzz::expect_accepted_or_client_error([&] {
    cc::jobs::Recurrence r;
    r.frequency = "cron";
    r.cron = std::string(cron);
    r.timezone = zone.empty() ? "UTC" : std::string(zone);
    cc::jobs::validate_recurrence(r);
    auto after = cc::Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 28));
    for (int i = 0; i < 3; ++i) {
      auto next = cc::jobs::next_run(r, after, false);
      if (!next) break;
      if (*next <= after) std::abort();
      after = *next;
    }
  });
  return 0;
}
