#pragma once
// `commandcenter worker`: only the job workers and the scheduler, no HTTP. For PostgreSQL deployments where
// several processes share one database; it runs until SIGINT/SIGTERM, then lets running jobs finish within
// the grace period and hands the rest back to the queue.
#include "core/config.hpp"

namespace cc::app {

int run_worker(const ServerConfig& config);

}  // namespace cc::app
