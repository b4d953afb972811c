#!/usr/bin/env python3
"""Runs one unittest module (python3 run.py test_x); exit 0 passed, 1 failed,
77 when every test was skipped (ctest SKIP_RETURN_CODE)."""
import sys
import unittest

if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromNames(sys.argv[1:])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun and len(result.skipped) == result.testsRun:
        sys.exit(77)
    sys.exit(0)
