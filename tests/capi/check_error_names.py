#!/usr/bin/env python3
"""Every cognito::ErrorCode (include/cognito/error.hpp) has a C name in
<cognito/cognito.h> with the same value, the C header has no code the C++
API lacks, and the library names each code like the C++ enumerator
(cognito_error_name). Naming: COGNITO_E_ + UPPER_SNAKE of the enumerator,
except the few spelled out in RENAMED."""
import argparse
import ctypes
import re
import sys

RENAMED = {"Ok": "COGNITO_OK", "InvalidArgument": "COGNITO_E_INVALID_ARG", "OutOfMemory": "COGNITO_E_NOMEM",
           "InvalidOAuthFlow": "COGNITO_E_INVALID_OAUTH_FLOW"}


def c_name(cpp):
    if cpp in RENAMED:
        return RENAMED[cpp]
    return "COGNITO_E_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", cpp).upper()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--error-hpp", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--library")
    a = ap.parse_args()

    hpp = open(a.error_hpp, encoding="utf-8").read()
    body = hpp[hpp.index("enum class ErrorCode"):]
    body = body[:body.index("};")]
    cpp = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s*(\w+)\s*=\s*(-?\d+)\s*,", body, re.M)}
    if len(cpp) < 20:
        sys.exit(f"could not parse ErrorCode from {a.error_hpp}")

    h = open(a.header, encoding="utf-8").read()
    enum = h[h.index("enum cognito_status"):]
    enum = enum[:enum.index("};")]
    c = {m.group(1): int(m.group(2)) for m in re.finditer(r"\b(COGNITO_(?:OK|E_\w+))\s*=\s*(-?\d+)", enum)}

    problems = []
    for name, value in cpp.items():
        want = c_name(name)
        if want not in c:
            problems.append(f"ErrorCode::{name} ({value}) has no C name {want} in {a.header}")
        elif c[want] != value:
            problems.append(f"{want} is {c[want]} but ErrorCode::{name} is {value}")
    known = {c_name(n) for n in cpp}
    for name, value in c.items():
        if name not in known:
            problems.append(f"{name} ({value}) has no cognito::ErrorCode")
    if len(set(c.values())) != len(c):
        problems.append("two C names share a value")

    if a.library:
        lib = ctypes.CDLL(a.library)
        lib.cognito_error_name.restype = ctypes.c_char_p
        lib.cognito_error_name.argtypes = [ctypes.c_int]
        lib.cognito_strerror.restype = ctypes.c_char_p
        lib.cognito_strerror.argtypes = [ctypes.c_int]
        for name, value in cpp.items():
            got = lib.cognito_error_name(value).decode()
            if got != name:
                problems.append(f"cognito_error_name({value}) is {got!r}, want {name!r}")
            if not lib.cognito_strerror(value):
                problems.append(f"cognito_strerror({value}) is empty")

    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(cpp)} error codes: C names and values match the C++ API")
    return 0


if __name__ == "__main__":
    sys.exit(main())
