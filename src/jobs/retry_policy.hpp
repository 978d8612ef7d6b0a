#pragma once
// How long a failed attempt waits before the next: exponential backoff with "equal jitter" — half the
// exponential delay, plus a random share of the other half — so that jobs that failed together (a database
// restart, an API outage) do not all retry in the same instant.
#include <chrono>
#include <functional>

namespace cc::jobs {

struct RetryPolicy {
  std::chrono::milliseconds base{2000};   // the delay after the first failed attempt, before jitter
  std::chrono::milliseconds cap{600000};  // no delay is longer than this

  // `attempt` is the number of the attempt that failed (1 = the first). `unit_random` returns values in
  // [0, 1); injectable so that tests can check the bounds.
  std::chrono::milliseconds delay_after(int attempt, const std::function<double()>& unit_random) const;
};

}  // namespace cc::jobs
