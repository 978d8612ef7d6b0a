#pragma once
// The composition root of `serve`: builds every object from the configuration, wires them together, and runs
// the server until it is told to stop. Nothing else knows every layer.
#include "core/config.hpp"

namespace cc::app {

int run_server(const ServerConfig& config);

}  // namespace cc::app
