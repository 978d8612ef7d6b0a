#pragma once
// The command line: `commandcenter serve | migrate | user create | version`, each option also readable from a
// CC_* environment variable. Bad flags or configuration print a message and exit with status 2.
namespace cc::app {

int run_cli(int argc, char** argv);

}  // namespace cc::app
