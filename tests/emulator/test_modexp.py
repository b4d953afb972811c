"""The emulator's modular exponentiation: OpenSSL (when it loads) agrees with pow()."""

from __future__ import annotations

import secrets
import unittest

from cognito_emulator import modexp
from cognito_emulator import srp_server as srv


class ModExpTest(unittest.TestCase):
    def test_agrees_with_pow(self):
        exponents = [0, 1, 2, srv.N - 1] + [secrets.randbits(bits) for bits in (8, 255, 256, 1024, 3072)]
        bases = [0, 1, 2, srv.G, srv.N - 1] + [secrets.randbelow(srv.N) for _ in range(5)]
        for e in exponents:
            for b in bases:
                self.assertEqual(modexp.mod_exp(b, e, srv.N), pow(b, e, srv.N), (b, e))

    def test_degenerate_arguments_fall_back(self):
        self.assertEqual(modexp.mod_exp(3, 4, 1), 0)
        self.assertEqual(modexp.mod_exp(7, 5, 13), pow(7, 5, 13))

    def test_backend_is_named(self):
        self.assertIn(modexp.backend(), ("openssl", "python"))


if __name__ == "__main__":
    unittest.main()
