#!/usr/bin/env python3
"""python3-cffi parses <cognito/cognito.h> (preprocessed with the C compiler,
system includes left out, the export macro empty) and every function of
capi/symbols.txt resolves in the built library through it. Exits 77 (skipped)
when cffi is not installed."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc", required=True)
    ap.add_argument("--header", required=True)
    ap.add_argument("--symbols", required=True)
    ap.add_argument("--library", required=True)
    a = ap.parse_args()
    try:
        import cffi
    except ImportError:
        print("cffi is not installed (Debian: python3-cffi): skipped")
        return 77

    text = open(a.header, encoding="utf-8").read()
    text = re.sub(r"^\s*#\s*include\s*<[^>]*>\s*$", "", text, flags=re.M)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "cognito_cdef.h")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(text)
        cdef = subprocess.run([a.cc, "-E", "-P", "-xc", "-DCOGNITO_C_STATIC", src],
                              check=True, capture_output=True, text=True).stdout
    ffi = cffi.FFI()
    ffi.cdef(cdef)
    lib = ffi.dlopen(a.library)

    missing = []
    for line in open(a.symbols, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name = line.split()[0]
        try:
            getattr(lib, name)
        except (AttributeError, NotImplementedError) as exc:
            missing.append(f"{name}: {exc}")
    if missing:
        print("\n".join(missing), file=sys.stderr)
        return 1
    # Constants and a call through cffi.
    assert lib.COGNITO_E_NOT_AUTHORIZED == -326
    assert lib.COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE == 2
    assert ffi.string(lib.cognito_error_name(lib.COGNITO_E_TIMEOUT)) == b"Timeout"
    out = ffi.new("cognito_config **")
    assert lib.cognito_config_new(out) == lib.COGNITO_OK
    lib.cognito_config_free(out[0])
    print(f"cffi {cffi.__version__} parsed the header; every registered symbol resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
