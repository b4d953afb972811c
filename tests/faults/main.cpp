// doctest main of the emulator-backed fault tests: exits 77 (ctest: skipped)
// when the emulator fixture did not start (no emulator.json), except when
// ctest only lists the test cases.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <string_view>

#include "fault_env.hpp"
#include "log_audit.hpp"

int main(int argc, char** argv) {
  bool listing = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.rfind("--list", 0) == 0 || a.rfind("-l", 0) == 0 || a == "--help" || a == "-h" || a == "-?")
      listing = true;
  }
  if (!listing && !faults::emulator_available()) {
    std::fprintf(stderr, "emulator.json not found (is the ctest fixture 'emulator' running?): skipped\n");
    return 77;
  }
  doctest::Context context(argc, argv);
  const int status = context.run();
  // Every client logged at TRACE: no secret may be in that log.
  return context.shouldExit() ? status : emutest::audit_log_at_exit(status);
}
