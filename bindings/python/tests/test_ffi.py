"""The ctypes declarations match <cognito/cognito.h> and the symbol registry;
error classes map codes like the C library names them."""
import os
import re
import unittest

import libcognito
from libcognito import _ffi, errors

HEADER = os.environ.get("COGNITO_C_HEADER")
SYMBOLS = os.environ.get("COGNITO_C_SYMBOLS")

_TYPES = {"int": "I", "unsigned": "U", "size_t": "Z", "int64_t": "L", "void": "V", "const char*": "S",
          "char*": "P", "const void*": "S", "void*": "P", "char**": "PP", "const char**": "PP",
          "const uint8_t**": "PP", "size_t*": "PZ", "int*": "PI", "const char*const*": "SL",
          "cognito_transport_fn": "TRANSPORT_FN", "cognito_log_fn": "LOG_FN"}


def _canon(t):
    return re.sub(r"\s*\*\s*", "*", " ".join(t.split())).strip()


def _kind(t):
    t = _canon(t)
    if t in _TYPES:
        return _TYPES[t]
    if re.match(r"^(const )?cognito_\w+\*$", t):
        return "P"
    if re.match(r"^cognito_\w+\*\*$", t):
        return "PP"
    raise AssertionError(f"unknown C type {t!r}")


def _header_prototypes(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*$", "", text, flags=re.M)
    out = {}
    for m in re.finditer(r"COGNITO_C_API\s+([^;]*?)\b(cognito_\w+)\s*\(([^;]*?)\)\s*;", text, re.S):
        raw = " ".join(m.group(3).split())
        params = [] if raw in ("void", "") else [re.match(r"^(.*?)(\w+)$", p.strip()).group(1) for p in raw.split(",")]
        out[m.group(2)] = (_kind(m.group(1)), [_kind(p) for p in params])
    return out


class FfiTest(unittest.TestCase):
    def test_library_loads_with_matching_abi(self):
        self.assertEqual(_ffi.lib.cognito_abi_version(), libcognito.ABI_VERSION)
        self.assertRegex(libcognito.version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(_ffi.lib.cognito_check_version(_ffi.lib.cognito_version_num()), 0)

    @unittest.skipUnless(HEADER and os.path.exists(HEADER), "COGNITO_C_HEADER not set")
    def test_prototypes_match_the_header(self):
        names = {getattr(_ffi, k): k for k in ("I", "U", "Z", "L", "V", "S", "P", "PP", "PZ", "PI", "SL",
                                                "TRANSPORT_FN", "LOG_FN")}
        header = _header_prototypes(HEADER)
        self.assertEqual(sorted(header), sorted(_ffi.PROTOTYPES), "functions differ between header and binding")
        for name, (res, args) in _ffi.PROTOTYPES.items():
            got = (names.get(res, repr(res)), [names.get(a, repr(a)) for a in args])
            self.assertEqual(header[name], got, name)

    @unittest.skipUnless(SYMBOLS and os.path.exists(SYMBOLS), "COGNITO_C_SYMBOLS not set")
    def test_every_registered_symbol_is_declared(self):
        registry = [line.split()[0] for line in open(SYMBOLS, encoding="utf-8")
                    if line.strip() and not line.startswith("#")]
        self.assertEqual(sorted(registry), sorted(_ffi.PROTOTYPES))

    def test_error_classes_by_code_and_range(self):
        self.assertIs(errors.error_class(-326), errors.NotAuthorizedError)
        self.assertIs(errors.error_class(-304), errors.CodeMismatchError)
        self.assertIs(errors.error_class(-204), errors.TimeoutError_)
        self.assertTrue(issubclass(errors.TimeoutError_, TimeoutError))
        self.assertIs(errors.error_class(-100), errors.InvalidArgumentError)
        # unknown codes: the family of their range
        self.assertIs(errors.error_class(-299), errors.TransportError)
        self.assertIs(errors.error_class(-499), errors.ServiceError)
        self.assertIs(errors.error_class(-650), errors.ProtocolError)
        self.assertIs(errors.error_class(-777), errors.CryptoError)
        self.assertIs(errors.error_class(-850), errors.CallbackError)
        self.assertIs(errors.error_class(-999), errors.FatalError)
        e = errors.error_from_code(-326, "Incorrect username or password.", service_code="NotAuthorizedException",
                                   http_status=400, request_id="abc")
        self.assertIsInstance(e, errors.ServiceError)
        self.assertEqual((e.code, e.name, e.http_status, e.request_id), (-326, "NotAuthorized", 400, "abc"))
        self.assertIn("NotAuthorizedException", str(e))
        self.assertFalse(e.fatal)
        self.assertTrue(errors.error_from_code(-900).fatal)

    def test_every_code_has_a_name_in_the_library(self):
        for code in errors._BY_CODE:
            self.assertNotEqual(errors.error_from_code(code).name, "Unknown", code)


if __name__ == "__main__":
    unittest.main()
