"""Modular exponentiation for the emulator's SRP: OpenSSL's BN_mod_exp through
ctypes when the system libcrypto loads, else Python's ``pow``.

Python's ``pow`` takes about 5 ms per 3072-bit exponentiation and a server-side
SRP sign-in needs three; OpenSSL takes well under 1 ms.  Both give the same
integers (a test compares them); ``COGNITO_EMULATOR_PURE_POW=1`` forces
``pow``.  This is test infrastructure: timing side channels do not matter here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading


def _load():
    if os.environ.get("COGNITO_EMULATOR_PURE_POW") == "1":
        return None
    for name in ("libcrypto.so.3", ctypes.util.find_library("crypto")):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
            vp, cp, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
            for fn, res, args in (
                ("BN_CTX_new", vp, []), ("BN_CTX_free", None, [vp]),
                ("BN_new", vp, []), ("BN_free", None, [vp]),
                ("BN_bin2bn", vp, [cp, i, vp]), ("BN_bn2bin", i, [vp, cp]),
                ("BN_num_bits", i, [vp]),
                ("BN_mod_exp", i, [vp, vp, vp, vp, vp]),
            ):
                f = getattr(lib, fn)
                f.restype, f.argtypes = res, args
            return lib
        except (OSError, AttributeError):
            continue
    return None


_lib = _load()
_local = threading.local()  # one BN_CTX per thread (the server is threaded)


def backend() -> str:
    return "openssl" if _lib is not None else "python"


def _ctx():
    ctx = getattr(_local, "ctx", None)
    if ctx is None:
        ctx = _lib.BN_CTX_new()
        if not ctx:
            raise MemoryError("BN_CTX_new failed")
        _local.ctx = ctx  # freed with the thread's process; threads are few
    return ctx


def _bn(value: int):
    raw = value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")
    bn = _lib.BN_bin2bn(raw, len(raw), None)
    if not bn:
        raise MemoryError("BN_bin2bn failed")
    return bn


def mod_exp(base: int, exponent: int, modulus: int) -> int:
    """base ** exponent mod modulus, for non-negative base/exponent and modulus > 1."""
    if _lib is None or base < 0 or exponent < 0 or modulus <= 1:
        return pow(base, exponent, modulus)
    owned = []
    try:
        b, e, m, r = _bn(base), _bn(exponent), _bn(modulus), _lib.BN_new()
        owned = [b, e, m, r]
        if not r or _lib.BN_mod_exp(r, b, e, m, _ctx()) != 1:
            return pow(base, exponent, modulus)
        size = (_lib.BN_num_bits(r) + 7) // 8
        buf = ctypes.create_string_buffer(max(1, size))
        n = _lib.BN_bn2bin(r, buf)
        return int.from_bytes(buf.raw[:n], "big")
    finally:
        for bn in owned:
            if bn:
                _lib.BN_free(bn)
