#!/usr/bin/env python3
"""Checks libcognito's wire layer against facts taken from botocore's cognito-idp model.

The fixture (botocore_cognito_idp_subset.json next to this script) holds only facts copied
from botocore's service-2.json for the operations that need no SigV4: operation names and
X-Amz-Target values, every input/output member (wire name, required or not, JSON type,
enumeration values, nested structures) and the exception names each operation lists. It
is the independent truth; this script compares it with

  1. the code generator's input, scripts/codegen/cognito-idp-2016-04-18.trimmed.json;
  2. the generated C++ itself: include/cognito/model.hpp (structs, member types, enumeration
     constants, operation_names), lib/wire/model_codec.cpp (wire names and required/optional
     of every encoder and decoder), lib/wire/client_ops.cpp (the operation name each Client
     method sends) and lib/core/client.cpp (the X-Amz-Target prefix);
  3. the error table, lib/util/error.cpp: every exception name an operation lists must map
     to its own ErrorCode (NOT_MAPPED below lists deliberate exceptions: none today).

No build and no network are needed. Exit status 0: no mismatch; 1: mismatches, each on its
own line; 2: a file could not be read or parsed.

Usage:
  check_model.py [--root REPO] [--fixture FILE]    check (default: this repository)
  check_model.py --self-test                       checks that broken facts are detected
  check_model.py --extract SERVICE [--note TEXT]   print a new fixture extracted from
                                                   botocore's service-2.json or .json.gz
"""

import argparse
import copy
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent.parent
DEFAULT_FIXTURE = HERE / "botocore_cognito_idp_subset.json"

# Exception names an operation lists that the library deliberately leaves as ServiceUnknown.
NOT_MAPPED = set()


class ParseError(Exception):
    pass


# ---------------------------------------------------------------------------
# Extraction from botocore (run by hand when botocore's model changes)
# ---------------------------------------------------------------------------


def _type_of(shapes, name):
    """The fixture's type string of shape `name`."""
    s = shapes[name]
    t = s["type"]
    if t == "string":
        return f"enum:{name}" if "enum" in s else "string"
    if t == "structure":
        return "document" if s.get("document") else f"structure:{name}"
    if t == "list":
        return f"list<{_type_of(shapes, s['member']['shape'])}>"
    if t == "map":
        return f"map<{_type_of(shapes, s['key']['shape'])},{_type_of(shapes, s['value']['shape'])}>"
    if t == "timestamp" and "timestampFormat" in s:
        return f"timestamp({s['timestampFormat']})"
    return t  # integer, long, boolean, timestamp, blob, double, float


def collect_shapes(shapes, roots):
    """The structures (member -> type, required) and enums reachable from `roots`,
    in visiting order (depth first, members in model order)."""
    structures, enums = {}, {}

    def visit(name):
        s = shapes[name]
        if s["type"] == "string" and "enum" in s:
            enums[name] = list(s["enum"])
        for key in ("member", "key", "value"):
            if key in s:
                visit(s[key]["shape"])
        if s["type"] != "structure" or s.get("document") or name in structures:
            return
        req = set(s.get("required", []))
        members = {}
        structures[name] = members
        for wire, m in s.get("members", {}).items():
            entry = {"type": _type_of(shapes, m["shape"]), "required": wire in req}
            if "timestampFormat" in m:
                entry["type"] = f"timestamp({m['timestampFormat']})"
            members[wire] = entry
            visit(m["shape"])

    for root in roots:
        visit(root)
    return structures, enums


def op_roots(operations):
    """Input then output shape of each operation, in the given order."""
    for o in operations:
        yield o["input"]["shape"]
        if "output" in o:
            yield o["output"]["shape"]


def extract(service_path, note):
    raw = Path(service_path).read_bytes()
    if str(service_path).endswith(".gz"):
        raw = gzip.decompress(raw)
    full = json.loads(raw.decode("utf-8"))
    shapes = full["shapes"]
    meta = full["metadata"]
    prefix = meta["targetPrefix"]
    ops, exceptions = {}, set()
    for name in sorted(full["operations"]):
        o = full["operations"][name]
        if not (o.get("authtype") == "none" or "smithy.api#noAuth" in o.get("auth", [])):
            continue
        errors = sorted(e["shape"] for e in o.get("errors", []))
        exceptions.update(errors)
        ops[name] = {"target": f"{prefix}.{name}", "input": o["input"]["shape"],
                     "output": o["output"]["shape"] if "output" in o else None, "errors": errors}
    structures, enums = collect_shapes(shapes, op_roots(full["operations"][n] for n in ops))
    for e in exceptions:
        if not shapes[e].get("exception"):
            raise ParseError(f"{e} is listed as an error but is not an exception shape")
    return {
        "_about": [
            "Facts copied from botocore's cognito-idp 2016-04-18 service model (service-2.json) for the",
            "operations whose auth is smithy.api#noAuth: nothing else (no documentation, no constraints).",
            "Member type grammar: string, integer, boolean, timestamp (epoch seconds, a JSON number),",
            "document (any JSON value), enum:<Shape> (a JSON string), list<T>, map<K,V>,",
            "structure:<Shape> (see structures). Regenerate: tests/wire/check_model.py --extract",
            "<botocore>/data/cognito-idp/2016-04-18/service-2.json.gz --note '...' > this file.",
        ],
        "source": {
            "note": note,
            "file": "botocore/data/cognito-idp/2016-04-18/service-2.json",
            "sha256_of_json": hashlib.sha256(raw).hexdigest(),
        },
        "metadata": {k: meta[k] for k in ("apiVersion", "jsonVersion", "protocol", "targetPrefix")},
        "operations": ops,
        "structures": dict(sorted(structures.items())),
        "enums": dict(sorted(enums.items())),
        "exceptions": sorted(exceptions),
    }


def dump_fixture(fx):
    """JSON text with one line per operation, structure member and enumeration."""
    one = lambda v: json.dumps(v, separators=(", ", ": "))
    out = ["{"]
    keys = list(fx)
    for i, k in enumerate(keys):
        end = "," if i + 1 < len(keys) else ""
        v = fx[k]
        if k in ("operations", "enums"):
            items = [f"  {json.dumps(n)}: {one(x)}" for n, x in v.items()]
            out += [f" {json.dumps(k)}: {{"] + [x + ("," if j + 1 < len(items) else "") for j, x in enumerate(items)]
            out.append(" }" + end)
        elif k == "structures":
            out.append(f" {json.dumps(k)}: {{")
            names = list(v)
            for j, n in enumerate(names):
                members = [f"   {json.dumps(w)}: {one(m)}" for w, m in v[n].items()]
                tail = "," if j + 1 < len(names) else ""
                if not members:
                    out.append(f"  {json.dumps(n)}: {{}}{tail}")
                    continue
                out.append(f"  {json.dumps(n)}: {{")
                out += [x + ("," if q + 1 < len(members) else "") for q, x in enumerate(members)]
                out.append("  }" + tail)
            out.append(" }" + end)
        else:
            out.append(f" {json.dumps(k)}: " + json.dumps(v, indent=1).replace("\n", "\n ") + end)
    out.append("}")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# What the repository knows
# ---------------------------------------------------------------------------


def read(root, rel):
    p = Path(root) / rel
    try:
        return p.read_text(encoding="utf-8")
    except OSError as e:
        raise ParseError(f"cannot read {rel}: {e}") from e


def trimmed_facts(root):
    """The codegen input in the fixture's form (so that both compare directly)."""
    data = json.loads(read(root, "scripts/codegen/cognito-idp-2016-04-18.trimmed.json"))
    ops = {name: {"input": o["input"]["shape"], "output": o["output"]["shape"] if "output" in o else None}
           for name, o in data["operations"].items()}
    structures, enums = collect_shapes(data["shapes"], op_roots(data["operations"].values()))
    return {"metadata": data["metadata"], "operations": ops, "structures": structures, "enums": enums}


_STRUCT = re.compile(r"^struct (\w+) \{$")
_MEMBER = re.compile(r"^  (?![ /]|friend\b)(\S.*?) (\w+)(?: = [^;]+)?;(?:\s*///<.*)?$")
_ENUM_HEAD = re.compile(r"^/// Values of (\w+) \(")
_ENUM_NS = re.compile(r"^namespace (\w+) \{$")
_ENUM_CONST = re.compile(r'^inline constexpr std::string_view (\w+) = ("(?:[^"\\]|\\.)*");$')


def parse_model_hpp(text):
    """structs: {cpp name: {"doc": text, "members": [(cpp type, cpp member)]}}, enums, op names."""
    lines = text.split("\n")
    structs, enums, doc = {}, {}, []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _ENUM_HEAD.match(line)
        if m:
            shape = m.group(1)
            while i < len(lines) and not _ENUM_NS.match(lines[i]):
                i += 1
            values = []
            i += 1
            while i < len(lines) and not lines[i].startswith("}"):
                c = _ENUM_CONST.match(lines[i])
                if not c:
                    raise ParseError(f"model.hpp:{i + 1}: unexpected line in the enumeration {shape}")
                values.append(json.loads(c.group(2)))
                i += 1
            enums[shape] = values
            i += 1
            continue
        if line.startswith("///"):
            doc.append(line[3:].strip())
            i += 1
            continue
        m = _STRUCT.match(line)
        if m:
            name, members = m.group(1), []
            i += 1
            while i < len(lines) and lines[i] != "};":
                mm = _MEMBER.match(lines[i])
                if mm and not lines[i].lstrip().startswith("///"):
                    members.append((mm.group(1), mm.group(2)))
                i += 1
            structs[name] = {"doc": " ".join(doc), "members": members}
        doc = []
        i += 1
    m = re.search(r"operation_names = \{(.*?)\};", text, re.S)
    if not m:
        raise ParseError("model.hpp: operation_names not found")
    op_names = re.findall(r'"(\w+)"', m.group(1))
    return structs, enums, op_names


_WRITE_HEAD = re.compile(r"^void write_value\(Encoder& e, const (\w+)& (?:v|/\*v\*/)(?:, const Filled& f)?\) \{$")
_READ_HEAD = re.compile(r"^bool read_value\(const Value& v, (\w+)& (?:out|/\*out\*/), Decoder& d\)")
_WRITE_MEMBER = re.compile(r'^  e\.(required|optional)\("(\w+)", (?:f\.\w+\()?v\.(\w+)\)?\);$')
_READ_MEMBER = re.compile(r'd\.(required|optional)\(v, "(\w+)", out\.(\w+)\)')


def parse_codec_cpp(text):
    """{cpp struct: {"write": [(wire, required, cpp member)], "read": [...]}} from the definitions."""
    lines = text.split("\n")
    out = {}
    i = 0
    while i < len(lines):
        w = _WRITE_HEAD.match(lines[i])
        r = _READ_HEAD.match(lines[i])
        if w:
            entry = out.setdefault(w.group(1), {})
            fields = []
            i += 1
            while i < len(lines) and lines[i] != "}":
                m = _WRITE_MEMBER.match(lines[i])
                if m:
                    fields.append((m.group(2), m.group(1) == "required", m.group(3)))
                elif lines[i].strip() not in ("e.begin_object();", "e.end_object();"):
                    raise ParseError(f"model_codec.cpp:{i + 1}: unexpected line in write_value({w.group(1)})")
                i += 1
            entry["write"] = fields
        elif r and not lines[i].endswith(";"):
            entry = out.setdefault(r.group(1), {})
            body = lines[i]
            while not body.rstrip().endswith("}"):
                i += 1
                body += "\n" + lines[i]
            entry["read"] = [(m.group(2), m.group(1) == "required", m.group(3))
                             for m in _READ_MEMBER.finditer(body)]
        i += 1
    return out


def parse_error_table(text):
    rows = re.findall(r'CodeInfo\{ErrorCode::(\w+), "(\w+)", "(\w*)"\}', text)
    if not rows:
        raise ParseError("lib/util/error.cpp: no CodeInfo rows found")
    return {exc: code for code, _, exc in rows if exc}


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------


def compare_trimmed(fx, tr, out):
    """The codegen input against the fixture."""
    where = "codegen input (scripts/codegen/cognito-idp-2016-04-18.trimmed.json)"
    for k in ("targetPrefix", "jsonVersion", "protocol", "apiVersion"):
        if tr["metadata"].get(k) != fx["metadata"][k]:
            out.append(f"{where}: metadata.{k} is {tr['metadata'].get(k)!r}, botocore has {fx['metadata'][k]!r}")
    for op in sorted(set(fx["operations"]) - set(tr["operations"])):
        out.append(f"{where}: operation {op} is missing")
    for op in sorted(set(tr["operations"]) - set(fx["operations"])):
        out.append(f"{where}: operation {op} is not a SigV4-free operation in botocore")
    for op in sorted(set(fx["operations"]) & set(tr["operations"])):
        for io in ("input", "output"):
            if fx["operations"][op][io] != tr["operations"][op][io]:
                out.append(f"{where}: {op} {io} shape is {tr['operations'][op][io]}, "
                           f"botocore has {fx['operations'][op][io]}")
    for shape in sorted(set(fx["structures"]) - set(tr["structures"])):
        out.append(f"{where}: structure {shape} is missing")
    for shape in sorted(set(tr["structures"]) - set(fx["structures"])):
        out.append(f"{where}: structure {shape} is not in botocore")
    for shape in sorted(set(fx["structures"]) & set(tr["structures"])):
        compare_members(f"{where}: {shape}", fx["structures"][shape], tr["structures"][shape], out)
    for e in sorted(set(fx["enums"]) | set(tr["enums"])):
        a, b = fx["enums"].get(e), tr["enums"].get(e)
        if a != b:
            out.append(f"{where}: enum {e} is {b}, botocore has {a}")


def compare_members(where, want, have, out):
    for w in want:
        if w not in have:
            out.append(f"{where}.{w} is missing (botocore: {want[w]['type']}"
                       f"{', required' if want[w]['required'] else ''})")
    for w in have:
        if w not in want:
            out.append(f"{where}.{w} is not in botocore")
    for w in want:
        if w in have:
            if have[w]["type"] != want[w]["type"]:
                out.append(f"{where}.{w} has type {have[w]['type']}, botocore has {want[w]['type']}")
            if have[w]["required"] != want[w]["required"]:
                out.append(f"{where}.{w} is {'required' if have[w]['required'] else 'optional'}, botocore has it "
                           f"{'required' if want[w]['required'] else 'optional'}")


_SCALARS = {"std::string": "string", "SecretString": "string", "std::int32_t": "integer", "bool": "boolean",
            "double": "timestamp", "JsonDocument": "document"}


def cpp_json_type(t, cpp_to_wire):
    """(fixture-style type with enums as plain string, optional?) of a C++ member type."""
    optional = False
    m = re.fullmatch(r"std::optional<(.+)>", t)
    if m:
        t, optional = m.group(1), True
    return _cpp_inner(t, cpp_to_wire), optional


def _cpp_inner(t, cpp_to_wire):
    if t in _SCALARS:
        return _SCALARS[t]
    m = re.fullmatch(r"std::vector<(.+)>", t)
    if m:
        return f"list<{_cpp_inner(m.group(1), cpp_to_wire)}>"
    m = re.fullmatch(r"std::map<(.+?), (.+)>", t)
    if m:
        return f"map<{_cpp_inner(m.group(1), cpp_to_wire)},{_cpp_inner(m.group(2), cpp_to_wire)}>"
    if t in cpp_to_wire:
        return f"structure:{cpp_to_wire[t]}"
    return f"<unknown C++ type {t}>"


def plain(t):
    """A fixture type with enumerations reduced to string (C++ holds them as std::string)."""
    return re.sub(r"enum:\w+", "string", t)


def compare_generated(fx, root, out):
    structs, enums, op_names = parse_model_hpp(read(root, "include/cognito/model.hpp"))
    codec = parse_codec_cpp(read(root, "lib/wire/model_codec.cpp"))
    ops_cpp = read(root, "lib/wire/client_ops.cpp")
    client_cpp = read(root, "lib/core/client.cpp")

    # Operations: names, the name each method sends, the X-Amz-Target prefix.
    if sorted(op_names) != sorted(fx["operations"]) or len(op_names) != len(set(op_names)):
        out.append(f"model.hpp operation_names: missing {sorted(set(fx['operations']) - set(op_names))}, "
                   f"not in botocore {sorted(set(op_names) - set(fx['operations']))}")
    sent = {}
    for resp, op in re.findall(r"return run<(\w+)>\(\*this,\s*\"(\w+)\",\s*request", ops_cpp):
        sent[op] = resp
    for op in sorted(fx["operations"]):
        if op not in sent:
            out.append(f"client_ops.cpp: no Client method sends operation {op}")
        elif sent[op] != f"{op}Response":
            out.append(f"client_ops.cpp: {op} is decoded as {sent[op]}, expected {op}Response")
    for op in sorted(set(sent) - set(fx["operations"])):
        out.append(f"client_ops.cpp: sends {op}, which is not a SigV4-free operation in botocore")
    prefix = fx["metadata"]["targetPrefix"] + "."
    if not re.search(r'"X-Amz-Target",\s*"' + re.escape(prefix) + r'"\s*\+\s*std::string\(operation\)', client_cpp):
        out.append(f"lib/core/client.cpp: X-Amz-Target is not built as \"{prefix}\" + operation")
    for op, o in fx["operations"].items():
        if o["target"] != prefix + op:
            out.append(f"fixture: {op} target {o['target']} is not {prefix}{op}")

    # Which C++ struct holds which wire shape.
    wire_to_cpp = {}
    for cpp, s in structs.items():
        m = re.search(r"Wire shape (\w+)\.", s["doc"])
        if m:
            wire_to_cpp[m.group(1)] = cpp
    for op, o in fx["operations"].items():
        if f"{op}Request" in structs:
            wire_to_cpp.setdefault(o["input"], f"{op}Request")
        else:
            out.append(f"model.hpp: struct {op}Request (input of {op}) is missing")
        if f"{op}Response" not in structs:
            out.append(f"model.hpp: struct {op}Response (output of {op}) is missing")
        elif o["output"] is not None:
            wire_to_cpp.setdefault(o["output"], f"{op}Response")
        elif structs[f"{op}Response"]["members"]:
            out.append(f"model.hpp: {op}Response has members but botocore gives {op} no output")
    if "JsonDocument" in structs:
        wire_to_cpp.setdefault("<document>", "JsonDocument")
    cpp_to_wire = {c: w for w, c in wire_to_cpp.items() if w != "<document>"}

    for shape, members in sorted(fx["structures"].items()):
        cpp = wire_to_cpp.get(shape)
        if cpp is None:
            out.append(f"model.hpp: no struct for wire shape {shape}")
            continue
        where = f"{cpp} (wire {shape})"
        decls = {name: t for t, name in structs[cpp]["members"]}
        c = codec.get(cpp, {})
        for direction in ("write", "read"):
            if direction not in c:
                out.append(f"model_codec.cpp: no {direction}_value for {cpp}")
                continue
            fields = {w: (req, member) for w, req, member in c[direction]}
            if len(fields) != len(c[direction]):
                out.append(f"model_codec.cpp: {direction}_value({cpp}) names a wire member twice")
            for w, want in members.items():
                if w not in fields:
                    out.append(f"model_codec.cpp: {direction}_value({cpp}) lacks {shape}.{w} "
                               f"({want['type']}{', required' if want['required'] else ''})")
                    continue
                req, member = fields[w]
                if req != want["required"]:
                    out.append(f"model_codec.cpp: {direction}_value({cpp}) treats {shape}.{w} as "
                               f"{'required' if req else 'optional'}; botocore: "
                               f"{'required' if want['required'] else 'optional'}")
                if member not in decls:
                    out.append(f"model.hpp: {where} has no member {member} for {shape}.{w}")
                    continue
                have_t, is_opt = cpp_json_type(decls[member], cpp_to_wire)
                if have_t != plain(want["type"]):
                    out.append(f"model.hpp: {where}::{member} is {decls[member]} ({have_t}); "
                               f"botocore has {shape}.{w} as {want['type']}")
                container = want["type"].startswith(("list<", "map<"))
                if not container and is_opt == want["required"]:
                    out.append(f"model.hpp: {where}::{member} is {decls[member]} but {shape}.{w} is "
                               f"{'required' if want['required'] else 'optional'}")
            for w in fields:
                if w not in members:
                    out.append(f"model_codec.cpp: {direction}_value({cpp}) handles {w}, "
                               f"which botocore's {shape} does not have")
        wired = {m for _, _, m in c.get("write", [])}
        for _, member in structs[cpp]["members"]:
            if member not in wired:
                out.append(f"model.hpp: {where}::{member} is never written to the wire")

    # Enumerations: every value botocore lists is a constant, and no more.
    for shape, values in sorted(fx["enums"].items()):
        if shape not in enums:
            out.append(f"model.hpp: no constants for the enumeration {shape} ({', '.join(values)})")
        elif enums[shape] != values:
            missing = [v for v in values if v not in enums[shape]]
            extra = [v for v in enums[shape] if v not in values]
            out.append(f"model.hpp: enumeration {shape} differs: missing {missing}, not in botocore {extra}"
                       + ("" if missing or extra else " (order)"))
    for shape in sorted(set(enums) - set(fx["enums"])):
        out.append(f"model.hpp: enumeration {shape} is not used by the SigV4-free operations in botocore")


def compare_errors(fx, root, out):
    table = parse_error_table(read(root, "lib/util/error.cpp"))
    header = read(root, "include/cognito/error.hpp")
    codes = set(re.findall(r"^\s+(\w+) = -?\d+,", header, re.M))
    for exc in fx["exceptions"]:
        users = sorted(op for op, o in fx["operations"].items() if exc in o["errors"])
        if exc in NOT_MAPPED:
            continue
        if exc not in table:
            out.append(f"lib/util/error.cpp: exception {exc} (listed by {', '.join(users)}) has no ErrorCode: "
                       f"it decodes as ServiceUnknown")
        elif table[exc] not in codes:
            out.append(f"lib/util/error.cpp: {exc} maps to ErrorCode::{table[exc]}, not in error.hpp")
        elif table[exc] == "ServiceUnknown":
            out.append(f"lib/util/error.cpp: {exc} maps to ServiceUnknown")
    seen = {}
    for exc, code in table.items():
        if code in seen:
            out.append(f"lib/util/error.cpp: {exc} and {seen[code]} share ErrorCode::{code}")
        seen[code] = exc


def check(fx, root):
    out = []
    compare_trimmed(fx, trimmed_facts(root), out)
    compare_generated(fx, root, out)
    compare_errors(fx, root, out)
    return list(dict.fromkeys(out))  # each mismatch once, in order


# ---------------------------------------------------------------------------
# Self-test: every kind of broken fact is reported
# ---------------------------------------------------------------------------


def self_test(fx, root):
    base = set(check(fx, root))

    def mutated(edit):
        f = copy.deepcopy(fx)
        edit(f)
        return set(check(f, root)) - base

    s = fx["structures"]
    cases = {
        "member dropped": lambda f: f["structures"]["SignUpRequest"].pop("Username"),
        "member added": lambda f: f["structures"]["AuthenticationResultType"].__setitem__(
            "Extra", {"type": "string", "required": False}),
        "required flipped (request)": lambda f: f["structures"]["SignUpRequest"]["Password"].__setitem__(
            "required", not s["SignUpRequest"]["Password"]["required"]),
        "required flipped (response)": lambda f: f["structures"]["GetUserResponse"]["Username"].__setitem__(
            "required", not s["GetUserResponse"]["Username"]["required"]),
        "type changed": lambda f: f["structures"]["AuthenticationResultType"]["ExpiresIn"].__setitem__(
            "type", "string"),
        "timestamp changed": lambda f: f["structures"]["DeviceType"]["DeviceCreateDate"].__setitem__(
            "type", "integer"),
        "enum value added": lambda f: f["enums"]["ChallengeNameType"].append("NEW_CHALLENGE"),
        "enum value dropped": lambda f: f["enums"]["AuthFlowType"].pop(),
        "operation added": lambda f: f["operations"].__setitem__(
            "NewOperation", {"target": "AWSCognitoIdentityProviderService.NewOperation",
                             "input": "SignUpRequest", "output": None, "errors": []}),
        "exception added": lambda f: (f["exceptions"].append("BrandNewException"),
                                      f["operations"]["SignUp"]["errors"].append("BrandNewException")),
        "target prefix changed": lambda f: f["metadata"].__setitem__("targetPrefix", "AWSCognitoIdentityService"),
    }
    failed = 0
    for name, edit in cases.items():
        found = mutated(edit)
        print(f"{'ok' if found else 'NOT DETECTED'}: {name}" + (f" ({len(found)} mismatches)" if found else ""))
        failed += not found
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=str(DEFAULT_ROOT), help="repository root (default: this one)")
    ap.add_argument("--fixture", default=str(DEFAULT_FIXTURE), help="facts extracted from botocore")
    ap.add_argument("--self-test", action="store_true", help="check that broken facts are detected")
    ap.add_argument("--extract", metavar="SERVICE", help="print a fixture extracted from service-2.json[.gz]")
    ap.add_argument("--note", default="", help="with --extract: where the model came from")
    args = ap.parse_args()
    try:
        if args.extract:
            print(dump_fixture(extract(args.extract, args.note)))
            return 0
        fx = json.loads(Path(args.fixture).read_text(encoding="utf-8"))
        if args.self_test:
            return self_test(fx, args.root)
        mismatches = check(fx, args.root)
    except (ParseError, KeyError, ValueError) as e:
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    for m in mismatches:
        print(m)
    n_members = sum(len(m) for m in fx["structures"].values())
    print(f"checked {len(fx['operations'])} operations, {len(fx['structures'])} structures, {n_members} members, "
          f"{len(fx['enums'])} enumerations, {len(fx['exceptions'])} exception names "
          f"against botocore ({fx['source']['note'].split(' (')[0]}): {len(mismatches)} mismatch(es)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
