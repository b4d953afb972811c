#!/usr/bin/env python3
"""Fails when a doctest test case name contains ';'.

doctest_discover_tests reads `--list-test-cases` into a CMake list, so a ';'
in a TEST_CASE name splits it in two: ctest then registers two tests whose
`--test-case=` filters match nothing, and they pass without running a single
assertion. SUBCASE names never reach CMake and may hold anything.

    check_test_names.py DIR...     scan the C++ sources below each DIR
    check_test_names.py --self-test

The sources are read with a small lexer (comments, string and character
literals, raw strings), so a ';' in a comment or in an ordinary string is not
reported, and a name made of adjacent literals is joined first.
"""

import os
import re
import sys

# Macros whose (first) string argument names a doctest test case.
NAME_FIRST = {"TEST_CASE", "SCENARIO", "TEST_CASE_TEMPLATE", "TEST_CASE_TEMPLATE_DEFINE",
              "SCENARIO_TEMPLATE", "SCENARIO_TEMPLATE_DEFINE", "TEST_CASE_CLASS"}
NAME_SECOND = {"TEST_CASE_FIXTURE", "DOCTEST_TEST_CASE_FIXTURE"}
NAME_FIRST |= {"DOCTEST_" + m for m in NAME_FIRST}
EXTENSIONS = (".cpp", ".cc", ".cxx", ".hpp", ".h", ".hh", ".inc")

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9](?:[0-9A-Za-z_.]|'(?=[0-9A-Za-z]))*")
_RAW_PREFIX = re.compile(r'(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(')
_PREFIX = re.compile(r'(?:u8|u|U|L)?"')


def _string_at(src, i):
    """The value and end of the string literal at src[i], or None."""
    m = _RAW_PREFIX.match(src, i)
    if m:
        close = ")" + m.group(1) + '"'
        end = src.find(close, m.end())
        if end < 0:
            return None
        return src[m.end():end], end + len(close)
    m = _PREFIX.match(src, i)
    if not m:
        return None
    j = m.end()
    out = []
    while j < len(src) and src[j] != '"':
        if src[j] == "\\" and j + 1 < len(src):
            out.append(src[j:j + 2])
            j += 2
        elif src[j] == "\n":
            return None
        else:
            out.append(src[j])
            j += 1
    if j >= len(src):
        return None
    return "".join(out), j + 1


def _skip_space(src, i):
    while i < len(src):
        if src[i].isspace():
            i += 1
        elif src.startswith("//", i):
            nl = src.find("\n", i)
            i = len(src) if nl < 0 else nl + 1
        elif src.startswith("/*", i):
            end = src.find("*/", i + 2)
            i = len(src) if end < 0 else end + 2
        else:
            break
    return i


def _name_after(src, i, skip_args):
    """The test name of a macro call whose '(' is at src[i] (adjacent literals joined)."""
    i += 1
    if skip_args:  # TEST_CASE_FIXTURE(Fixture, "name"): skip to the first top-level ','
        depth = 0
        while i < len(src):
            c = src[i]
            if c in "(<[{":
                depth += 1
            elif c in ")>]}":
                depth -= 1
            elif c == "," and depth == 0:
                i += 1
                break
            i += 1
    parts = []
    while True:
        i = _skip_space(src, i)
        lit = _string_at(src, i)
        if lit is None:
            break
        parts.append(lit[0])
        i = lit[1]
    return "".join(parts) if parts else None


def test_names(src):
    """(line, name) of every test case declared in C++ source text `src`."""
    found = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i) or src.startswith("/*", i):
            i = _skip_space(src, i)
            continue
        if c == '"' or (c in "uULR" and (_RAW_PREFIX.match(src, i) or _PREFIX.match(src, i))):
            lit = _string_at(src, i)
            if lit is not None:
                i = lit[1]
                continue
        if c.isdigit():  # a number, digit separators included: 1'800'000
            m = _NUMBER.match(src, i)
            i = m.end()
            continue
        if c == "'":
            j = i + 1
            while j < n and src[j] != "'" and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        m = _IDENT.match(src, i)
        if m:
            word = m.group(0)
            i = m.end()
            if word in NAME_FIRST or word in NAME_SECOND:
                j = _skip_space(src, i)
                if j < n and src[j] == "(":
                    name = _name_after(src, j, word in NAME_SECOND)
                    if name is not None:
                        found.append((src.count("\n", 0, m.start()) + 1, name))
            continue
        i += 1
    return found


def check(roots):
    bad = []
    files = 0
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "build")))
            for f in sorted(filenames):
                if not f.endswith(EXTENSIONS):
                    continue
                path = os.path.join(dirpath, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    src = fh.read()
                files += 1
                for line, name in test_names(src):
                    if ";" in name:
                        bad.append(f"{path}:{line}: test case name contains ';': {name!r}")
    for b in bad:
        print(b, file=sys.stderr)
    if bad:
        print(f"{len(bad)} test case name(s) with ';' (doctest_discover_tests would split them "
              "into tests that run nothing); use ',' or ':' instead", file=sys.stderr)
        return 1
    print(f"{files} files: no test case name contains ';'")
    return 0


def self_test():
    src = r'''
// TEST_CASE("in a comment; ignored")
/* TEST_CASE("in a block comment; ignored") */
const char* s = "TEST_CASE(\"in a string; ignored\")";
TEST_CASE("plain, no semicolon") { SUBCASE("subcase; allowed") {} }
TEST_CASE("one; two") {}
TEST_CASE("split " "across; literals") {}
TEST_CASE_FIXTURE(Fix<int, 2>, "fixture; name") {}
TEST_CASE(R"(raw; name)") {}
SCENARIO("scenario;") {}
DOCTEST_TEST_CASE("prefixed; name" * doctest::skip()) {}
TEST_CASE("escaped \"quote\"; too") {}
char c = '"'; int n = 1'000'000; TEST_CASE("after a char literal; found") {}
TEST_CASE_TEMPLATE("template; name", T, int, long) {}
TEST_CASE("multi"
          "line") {}
'''
    got = [name for _, name in test_names(src)]
    want = ["plain, no semicolon", "one; two", "split across; literals", "fixture; name", "raw; name",
            "scenario;", "prefixed; name", 'escaped \\"quote\\"; too', "after a char literal; found",
            "template; name", "multiline"]
    if got != want:
        print(f"self-test: names\n  got  {got}\n  want {want}", file=sys.stderr)
        return 1
    lines = [line for line, _ in test_names(src)]
    if lines[0] != 5 or lines[-1] != 15:
        print(f"self-test: line numbers {lines}", file=sys.stderr)
        return 1
    print("self-test passed")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return check(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
