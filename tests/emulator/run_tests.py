#!/usr/bin/env python3
"""Run the emulator's unittest suite (used by ctest as ``emulator_unittest``).

Exits 77 (reported as SKIPPED by ctest's SKIP_RETURN_CODE) when the
``cryptography`` module is not available, 0 when every test passed, 1 otherwise.
"""

import os
import sys
import unittest

SKIPPED = 77


def main() -> int:
    try:
        import cryptography  # noqa: F401
    except ImportError:
        print("emulator tests skipped: the Python 'cryptography' module is not installed")
        return SKIPPED
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(start_dir=here, pattern="test_*.py", top_level_dir=here)
    result = unittest.TextTestRunner(verbosity=1 if "-q" in sys.argv else 2).run(suite)
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
