// doctest main of the integration tests. Every Client they create logs at
// TRACE (emulator_env.cpp); after the tests ran, that log is audited: no
// password, code, token or Session may be in it (tests/common/log_audit.hpp).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "log_audit.hpp"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int status = context.run();
  return context.shouldExit() ? status : emutest::audit_log_at_exit(status);
}
