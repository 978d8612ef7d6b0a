// commandcenter: one binary for the whole product. See src/app/cli.cpp for the commands.
#include "app/cli.hpp"

int main(int argc, char** argv) {
  return cc::app::run_cli(argc, argv);
}
