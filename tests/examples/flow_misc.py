#!/usr/bin/env python3
"""quick_start, and what every example shares: --help, usage errors."""
import pathlib
import re

from example_driver import PASSWORD, Driver, check, main

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]

EXAMPLES = ["sign_up", "sign_in_password", "sign_in_srp", "sign_in_custom_otp", "sign_in_passwordless",
            "totp_setup", "refresh", "forgot_password", "remember_device"]


def case_quick_start(d: Driver) -> None:
    user = d.new_user("quick", phone=True, mfa={"sms": True, "preferred": "SMS_MFA"})
    r = d.run("quick_start", [user], [PASSWORD, "000000", d.code(user, "SMS_MFA")])
    r.ok()
    check("CodeMismatchException" in r.stderr, "a wrong code is reported and asked again")
    check(r.stdout.startswith(f"signed in as {user}; access token valid for 3600 s"), "signed in")


def case_readme_quick_start(_d: Driver) -> None:
    """The quick start in the README (examples/README.md, or the root README once merged) is
    examples/quick_start.cpp from its first #include on, so what readers copy compiles."""
    source = (SOURCE_DIR / "examples" / "quick_start.cpp").read_text(encoding="utf-8")
    code = source[source.index("#include"):].strip()
    found = 0
    for readme in (SOURCE_DIR / "README.md", SOURCE_DIR / "examples" / "README.md"):
        if not readme.exists():
            continue
        for block in re.findall(r"```cpp\n(.*?)```", readme.read_text(encoding="utf-8"), re.S):
            if "quick_start USERNAME" in block:
                found += 1
                check(block.strip() == code, f"the quick start in {readme.relative_to(SOURCE_DIR)} is quick_start.cpp")
    check(found > 0, "a README has the quick start")


def case_help(d: Driver) -> None:
    for ex in EXAMPLES:
        r = d.run(ex, ["--help"], [], settings=False)
        r.ok()
        check(r.stdout.startswith(f"usage: {ex} [options]") and "--username" in r.stdout
              and "--json" in r.stdout and "stdin" in r.stdout, f"{ex} --help")
        r = d.run(ex, ["--no-such-flag"], [], settings=False)
        r.failed(2)
        check("unknown argument" in r.stderr, f"{ex}: unknown flags are usage errors")


if __name__ == "__main__":
    main({"quick_start": case_quick_start, "readme_quick_start": case_readme_quick_start, "help": case_help})
