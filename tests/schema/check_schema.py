#!/usr/bin/python3
"""Checks the content schemas in content/schema/ (issue 5).

    check_schema.py SOURCE_DIR core        the bundled pack and vocabularies validate
    check_schema.py SOURCE_DIR meta        the schemas are valid draft-07 schemas
    check_schema.py SOURCE_DIR enums       enums agree with content/ and the engine's sources
    check_schema.py SOURCE_DIR golden      the schema agrees with the golden lint cases
    check_schema.py SOURCE_DIR samples [UNKNOT]
                                           hand-made samples: accepted or rejected where
                                           expected (and, given the unknot binary, by
                                           `unknot lint` too)

YAML is read the way yaml-language-server reads it (YAML 1.2 core schema: `yes`
and `no` are strings, `010` is ten, no sexagesimal numbers or timestamps), and a
duplicate key is a YAML error as it is in an editor. Needs the Debian packages
python3-yaml and python3-jsonschema (run with /usr/bin/python3).
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # RefResolver, deprecated upstream
try:
    import jsonschema
    import yaml
except ImportError as e:
    sys.exit(f"{sys.executable}: {e}: install python3-yaml python3-jsonschema (cmake/quickstart.sh)")

#-----------------------------------------------------------------------------
# The golden lint cases, classified. Every case in tests/golden/lint must be
# here (a folder case: every YAML file in it), and the outcome must hold:
#   accept       the engine reports no error (warnings at most): the schema accepts.
#   reject       the engine reports errors a schema can express (unknown key, wrong
#                type, bad enum value, missing key, out-of-range number, bad
#                pattern): the schema rejects, and every schema error sits on a
#                YAML node that spans a line the engine reports an error on.
#   engine-only  the engine's errors need more than one file's shape (includes,
#                duplicate ids across files, totals, files on disk, symbolic
#                links): the schema accepts the file; only `unknot lint` catches it.
#   yaml-error   the file is not one well-formed YAML document (syntax, UTF-8,
#                several documents, a duplicate key): the editor's YAML parser
#                reports it before any schema applies.
#-----------------------------------------------------------------------------
ACCEPT, REJECT, ENGINE_ONLY, YAML_ERROR = "accept", "reject", "engine-only", "yaml-error"

GOLDEN = {
    "alias-bomb": (REJECT, "not a routine at all (keys a..i, no required field); the node limit itself is engine-only"),
    "breathing-errors": (REJECT, "missing inhale, exhale 0, both or neither of duration/cycles, a negative phase (.nan is engine-only)"),
    "broken-beside-valid": {
        "bad.yaml": (REJECT, "malformed duration 'zero'"),
        "good.yaml": (ACCEPT, ""),
        "uses-bad.yaml": (ENGINE_ONLY, "includes a routine that has errors: needs the other file"),
        "uses-good.yaml": (ACCEPT, ""),
    },
    "figure-errors": (REJECT, "a prop without @, five props, an unknown mark, pose with from, from without to, an unknown key, a figure that is not a map; unknown poses, props and body points, two views and a mark with no place are engine-only"),
    "deep-nesting": (REJECT, "tip holds nested lists, not text; the depth limit itself is engine-only"),
    "duplicate-ids": {
        "a.yaml": (ACCEPT, ""),
        "b.yaml": (ENGINE_ONLY, "duplicate id across files"),
    },
    "duplicate-key": (YAML_ERROR, "duplicate key 'duration' (editors report it as a YAML error)"),
    "durations": (REJECT, "0, -5s, 1.5m, ten, 2h, 1s1m do not match the duration pattern or range"),
    "empty-file": (REJECT, "an empty document is null, not a routine map"),
    "images": {
        "pack.yaml": (ACCEPT, ""),
        "routines/pictures.yaml": (REJECT, "an absolute path and a path that starts by climbing out; whether images/nope.png exists is engine-only"),
    },
    "include-cycle": {
        "first.yaml": (ENGINE_ONLY, "part of an include cycle"),
        "outside.yaml": (ENGINE_ONLY, "includes a routine in a cycle"),
        "second.yaml": (ENGINE_ONLY, "part of an include cycle"),
        "third.yaml": (ENGINE_ONLY, "closes an include cycle"),
    },
    "include-unknown": (ENGINE_ONLY, "include of a routine that is not loaded"),
    "invalid-utf8": (YAML_ERROR, "not UTF-8"),
    "long-prompt": (ACCEPT, "a long prompt is a warning"),
    "malformed-id": (REJECT, "id does not match the id pattern"),
    "missing-fields": (REJECT, "required fields missing"),
    "missing-translation": (ACCEPT, "missing translations are warnings"),
    "pack-fields": {
        "pack.yaml": (REJECT, "missing title, unknown key titel, malformed id, unknown language fx"),
        "routines/fine.yaml": (ACCEPT, "undeclared languages are warnings"),
    },
    "pack-format": {
        "pack.yaml": (REJECT, "format is not 1"),
        "routines/ignored.yaml": (ACCEPT, "skipped by the engine, but fine in itself"),
    },
    "repeat-range": (REJECT, "repeat 0 and 101 out of range, a repeat without steps"),
    "routine-too-long": (ENGINE_ONLY, "5 h in all: the 4 h total needs the steps added up"),
    "sides": (REJECT, "side 'middle', a side listed twice, sides on a wait step (switch alone is a warning)"),
    "step-shape": (REJECT, "no body, two bodies, no say, wait: forever, a step that is a string"),
    "symlink-leaves-pack": {
        "pack.yaml": (ACCEPT, ""),
        "routines/linked-image.yaml": (ENGINE_ONLY, "an image that is a symbolic link out of the pack"),
        "routines/outside.yaml": (YAML_ERROR, "the engine refuses the link itself; its target (duplicate-key.yaml) has a duplicate key"),
    },
    "two-documents": (YAML_ERROR, "two YAML documents"),
    "unknown-key": (REJECT, "unknown key duraton (so no body either)"),
    "unknown-language": (REJECT, "language xx is not an ISO 639-1 code (de is only a warning)"),
    "unknown-vocabulary": (REJECT, "unknown kind, area, equipment, intensity and cue"),
    "wrong-types": (REJECT, "areas not a list, flare_safe maybe, say a list"),
    "yaml-syntax": (YAML_ERROR, "YAML syntax error"),
    "breathing-range": (REJECT, "an inhale of 999999.999 s and an exhale of 12345678 s over the 3600 s maximum, 99999999999999 cycles over 100000"),
    "control-characters": (REJECT, "ESC, a tab, NUL and a C1 control in text do not match the text pattern"),
    "include-too-deep": {
        "pack.yaml": (ACCEPT, ""),
        "routines/level-00.yaml": (ENGINE_ONLY, "includes nested 17 levels deep: needs every file"),
        "routines/level-01.yaml": (ACCEPT, "16 levels deep at most: loads"),
        "routines/level-02.yaml": (ACCEPT, "15 levels deep at most: loads"),
        "routines/level-03.yaml": (ACCEPT, "14 levels deep at most: loads"),
        "routines/level-04.yaml": (ACCEPT, "13 levels deep at most: loads"),
        "routines/level-05.yaml": (ACCEPT, "12 levels deep at most: loads"),
        "routines/level-06.yaml": (ACCEPT, "11 levels deep at most: loads"),
        "routines/level-07.yaml": (ACCEPT, "10 levels deep at most: loads"),
        "routines/level-08.yaml": (ACCEPT, "9 levels deep at most: loads"),
        "routines/level-09.yaml": (ACCEPT, "8 levels deep at most: loads"),
        "routines/level-10.yaml": (ACCEPT, "7 levels deep at most: loads"),
        "routines/level-11.yaml": (ACCEPT, "6 levels deep at most: loads"),
        "routines/level-12.yaml": (ACCEPT, "5 levels deep at most: loads"),
        "routines/level-13.yaml": (ACCEPT, "4 levels deep at most: loads"),
        "routines/level-14.yaml": (ACCEPT, "3 levels deep at most: loads"),
        "routines/level-15.yaml": (ACCEPT, "2 levels deep at most: loads"),
        "routines/level-16.yaml": (ACCEPT, "1 levels deep at most: loads"),
        "routines/level-17.yaml": (ACCEPT, "0 levels deep at most: loads"),
    },
    "pack-without-pack-yaml": {
        "routines/lost.yaml": (ACCEPT, "fine in itself; the missing pack.yaml is engine-only"),
    },
    "plan-errors": {
        "pack.yaml": (ACCEPT, ""),
        "routines/neck-release.yaml": (ACCEPT, ""),
        "routines/shoulder-rolls.yaml": (ACCEPT, ""),
        "plans/good.yaml": (ACCEPT, ""),
        "plans/mistakes.yaml": (REJECT, "an unknown key, a week of 3 days, a day of 4 routines and one of none, a malformed id, a number for a day, an unknown rhythm, empty then.routines; the unknown routine and the flare day that is not flare-safe are engine-only"),
        "plans/too-long.yaml": (REJECT, "53 weeks"),
        "plans/twice.yaml": (ENGINE_ONLY, "the id of good.yaml: duplicate ids need every file"),
        "plans/all-rest.yaml": (ENGINE_ONLY, "every day a rest day: the schema does not count routines across weeks"),
    },
    "repeat-overflow": (ENGINE_ONLY, "100^6 hours in all: the total needs the steps multiplied out"),
    "text-too-long": (REJECT, "a title, a prompt and a tip over their maxLength (the 300-character prompt at the limit is a warning)"),
    "yaml-tags": (YAML_ERROR, "explicit tags: an editor's YAML parser refuses the unknown !seconds"),
}


#-----------------------------------------------------------------------------
# YAML 1.2 core schema, as yaml-language-server reads it
#-----------------------------------------------------------------------------
class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(loader, node):
    v = loader.construct_scalar(node).lower()
    if v.endswith(".inf"):
        return float("-inf") if v.startswith("-") else float("inf")
    if v == ".nan":
        return float("nan")
    return float(v)


def _mapping(loader, node, deep=False):
    # No merge keys (the engine has none either) and no duplicate keys.
    out = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", lambda l, n: l.construct_scalar(n).lower() == "true")
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


class YamlError(Exception):
    pass


def read_text(path):
    try:
        return pathlib.Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlError(f"not UTF-8: {e}") from e


def load(text):
    """(data, root node) of one YAML document, or YamlError."""
    try:
        return yaml.load(text, Loader=Yaml12Loader), yaml.compose(text, Loader=Yaml12Loader)
    except yaml.YAMLError as e:
        raise YamlError(str(e).replace("\n", " ")) from e


#-----------------------------------------------------------------------------
# Schemas
#-----------------------------------------------------------------------------
class Schemas:
    def __init__(self, source):
        self.dir = pathlib.Path(source) / "content/schema"
        self.raw, store = {}, {}
        for f in sorted(self.dir.glob("*.schema.json")):
            self.raw[f.name] = json.loads(f.read_text(encoding="utf-8"))
            store[f.resolve().as_uri()] = self.raw[f.name]
        self.validators = {}
        for name, schema in self.raw.items():
            uri = (self.dir / name).resolve().as_uri()
            resolver = jsonschema.RefResolver(base_uri=uri, referrer=schema, store=store)
            self.validators[name] = jsonschema.Draft7Validator(schema, resolver=resolver)

    def for_file(self, path):
        """The schema a content file is checked against, by its name and place."""
        p = pathlib.PurePath(path)
        if p.name == "pack.yaml":
            return "pack.schema.json"
        if p.name in ("areas.yaml", "equipment.yaml") and p.parent.name == "content":
            return p.stem + ".schema.json"
        if p.parent.name == "plans":
            return "plan.schema.json"
        return "routine.schema.json"

    def errors(self, schema_name, data):
        return list(self.validators[schema_name].iter_errors(data))


def pointer(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def describe(error):
    return f"{pointer(error)}: {error.message[:200]}"


def node_at(root, path):
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node


def line_span(node):
    """First and last line (1-based) of a node's own text. A block node's end
    mark is where the next token starts, so the end is taken from its last
    child instead."""
    if node is None:
        return None
    first = node.start_mark.line + 1
    last = node
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and not last.flow_style and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.line + (1 if last.end_mark.column > 0 else 0)
    return first, max(first, end)


#-----------------------------------------------------------------------------
# Checks
#-----------------------------------------------------------------------------
class Failures:
    def __init__(self):
        self.items = []

    def __call__(self, message):
        self.items.append(message)

    def finish(self, what):
        for m in self.items:
            print("FAIL: " + m)
        if self.items:
            print(f"{len(self.items)} failure(s) in {what}")
            return 1
        print(f"ok: {what}")
        return 0


def check_core(source):
    fail, schemas, source = Failures(), Schemas(source), pathlib.Path(source)
    files = [source / "content/areas.yaml", source / "content/equipment.yaml"]
    files += sorted(p for p in (source / "content/core").rglob("*") if p.suffix in (".yaml", ".yml"))
    routines = 0
    for f in files:
        rel = f.relative_to(source)
        if f.parent.name not in ("routines", "plans") and f.name not in ("pack.yaml", "areas.yaml", "equipment.yaml"):
            fail(f"{rel}: a YAML file the schemas do not cover")
            continue
        routines += f.parent.name == "routines"
        try:
            data, _ = load(read_text(f))
        except YamlError as e:
            fail(f"{rel}: {e}")
            continue
        for e in schemas.errors(schemas.for_file(f), data):
            fail(f"{rel}: {describe(e)}")
    if routines == 0:
        fail("content/core/routines holds no routine: nothing was checked")
    print(f"{len(files)} files checked ({routines} routines)")
    return fail.finish("the core pack and the vocabularies validate against content/schema")


def check_meta(source):
    fail, schemas = Failures(), Schemas(source)
    expected = {"common", "routine", "pack", "plan", "areas", "equipment"}
    if {n.split(".")[0] for n in schemas.raw} != expected:
        fail(f"content/schema holds {sorted(schemas.raw)}, expected {sorted(expected)}")
    for name, schema in schemas.raw.items():
        if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
            fail(f"{name}: $schema is not draft-07")
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            fail(f"{name}: not a valid draft-07 schema: {e.message}")
        # Every $ref must resolve (a typo would only surface on some documents).
        def refs(x):
            if isinstance(x, dict):
                if "$ref" in x:
                    yield x["$ref"]
                for v in x.values():
                    yield from refs(v)
            elif isinstance(x, list):
                for v in x:
                    yield from refs(v)
        resolver = schemas.validators[name].resolver
        for ref in sorted(set(refs(schema))):
            try:
                resolver.resolve(ref)
            except jsonschema.RefResolutionError as e:
                fail(f"{name}: $ref {ref} does not resolve: {e}")
        # Draft-07 ignores keywords beside $ref: they must not carry rules.
        def beside_ref(x, where):
            if isinstance(x, dict):
                extra = set(x) - {"$ref", "title", "description", "markdownDescription"}
                if "$ref" in x and extra:
                    fail(f"{name}: {where} has {sorted(extra)} beside $ref (ignored in draft-07; use allOf)")
                for k, v in x.items():
                    beside_ref(v, f"{where}/{k}")
            elif isinstance(x, list):
                for i, v in enumerate(x):
                    beside_ref(v, f"{where}/{i}")
        beside_ref(schema, "")
    return fail.finish("the schemas are valid draft-07 schemas whose references resolve")


def check_enums(source):
    fail, schemas, source = Failures(), Schemas(source), pathlib.Path(source)
    r = subprocess.run([sys.executable, str(source / "content/schema/update-vocabularies.py"), "--check"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail("area/equipment enums are stale: " + r.stderr.strip())
    routine = schemas.raw["routine.schema.json"]
    common = schemas.raw["common.schema.json"]

    def cxx_list(path, name):
        text = (source / path).read_text(encoding="utf-8")
        m = re.search(name + r"\s*=\s*\{([^}]*)\}", text)
        if not m:
            fail(f"cannot find {name} in {path}: update tests/schema/check_schema.py")
            return None
        return re.findall(r'"([^"]*)"', m.group(1))

    for name, got in [("kKinds", routine["properties"]["kind"]["enum"]),
                      ("kIntensities", routine["properties"]["intensity"]["enum"])]:
        want = cxx_list("engine/core/src/model.cpp", name)
        if want is not None and got != want:
            fail(f"{name}: engine/core/src/model.cpp has {want}, the schema {got}")
    loader = (source / "engine/authoring/src/scalars.cpp").read_text(encoding="utf-8")
    m = re.search(r'const char\* codes =\s*((?:"[^"]*"\s*)+);', loader)
    if not m:
        fail("cannot find the ISO 639-1 codes in engine/authoring/src/scalars.cpp: update tests/schema/check_schema.py")
    else:
        want = " ".join(re.findall(r'"([^"]*)"', m.group(1))).split()
        got = common["definitions"]["language"]["enum"]
        if sorted(got) != sorted(want):
            fail(f"languages: the engine accepts {sorted(set(want) - set(got))} the schema does not, "
                 f"the schema accepts {sorted(set(got) - set(want))} the engine does not")
    # Text limits: each maxLength equals its constant in engine/core/include/unknot/model.hpp.
    model = (source / "engine/core/include/unknot/model.hpp").read_text(encoding="utf-8")
    consts = {m[1]: int(m[2]) for m in re.finditer(r"constexpr std::size_t (kMax\w+) = (\d+);", model)}

    def max_length(allof):
        return next((x["maxLength"] for x in allof if "maxLength" in x), None)

    # The say step's fields are described under definitions/step (sayStep only lists them).
    say_step = routine.get("definitions", {}).get("step", {}).get("properties")
    pack = schemas.raw["pack.schema.json"]["properties"]
    areas = schemas.raw["areas.schema.json"]["properties"]["areas"]["items"]["properties"]
    equipment = schemas.raw["equipment.schema.json"]["properties"]["equipment"]["items"]["properties"]
    limits = [
        ("kMaxTitleChars", max_length(routine["properties"]["title"]["allOf"])),
        ("kMaxTitleChars", max_length(pack["title"]["allOf"])),
        ("kMaxSummaryChars", max_length(routine["properties"]["summary"]["allOf"])),
        ("kMaxCautionChars", max_length(routine["properties"]["cautions"]["items"]["allOf"])),
        ("kMaxCautionsPerRoutine", routine["properties"]["cautions"].get("maxItems")),
        ("kMaxLabelChars", max_length(areas["label"]["allOf"])),
        ("kMaxLabelChars", max_length(equipment["label"]["allOf"])),
        ("kMaxSynonymChars", areas["synonyms"]["additionalProperties"]["items"].get("maxLength")),
        ("kMaxVersionChars", pack["version"].get("maxLength")),
    ]
    if say_step is not None:
        limits += [("kMaxPromptChars", max_length(say_step["say"]["allOf"])),
                   ("kMaxTipChars", max_length(say_step["tip"]["allOf"]))]
    else:
        fail("routine.schema.json: no definitions/step to check the say and tip limits against")
    for name, got in limits:
        if consts.get(name) != got:
            fail(f"text limit {name}: {consts.get(name)} in model.hpp, {got} in the schema")
    return fail.finish("the schema's enums and text limits match content/ and the engine")


EXPECTED_LINE = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>error|warning): (?P<msg>.*)$")


def check_golden(source):
    fail, schemas = Failures(), Schemas(source)
    golden = pathlib.Path(source) / "tests/golden/lint"
    cases = sorted(p.stem for p in golden.glob("*.expected"))
    for stale in sorted(set(GOLDEN) - set(cases)):
        fail(f"{stale}: in the table of tests/schema/check_schema.py, but not a golden case")
    counts = {ACCEPT: 0, REJECT: 0, ENGINE_ONLY: 0, YAML_ERROR: 0}
    for case in cases:
        if case not in GOLDEN:
            fail(f"{case}: new golden case: classify it in GOLDEN in tests/schema/check_schema.py")
            continue
        # Engine verdicts: error lines per file (None = the whole file, which
        # lint prints at path:1:1 so editors can jump to it).
        engine = {}
        for line in (golden / f"{case}.expected").read_text(encoding="utf-8").splitlines():
            m = EXPECTED_LINE.match(line)
            if not m:
                fail(f"{case}.expected: cannot read line {line!r}")
                continue
            if m["sev"] == "error":
                whole = not m["line"] or (m["line"] == "1" and m["col"] == "1")
                engine.setdefault(m["path"], []).append(None if whole else int(m["line"]))
        entry = GOLDEN[case]
        if (golden / case).is_dir():
            if not isinstance(entry, dict):
                fail(f"{case}: a folder case: classify each of its YAML files")
                continue
            found = sorted(str(p.relative_to(golden / case)) for p in (golden / case).rglob("*")
                           if p.suffix in (".yaml", ".yml"))
            for f in sorted(set(found) - set(entry)):
                fail(f"{case}/{f}: not classified in GOLDEN")
            for f in sorted(set(entry) - set(found)):
                fail(f"{case}/{f}: classified in GOLDEN, but no such file")
            files = {f"{case}/{f}": entry[f] for f in found if f in entry}
        else:
            if isinstance(entry, dict):
                fail(f"{case}: a single-file case, classified as a folder")
                continue
            files = {f"{case}.yaml": entry}
        for rel, (verdict, reason) in files.items():
            counts[verdict] += 1
            errors_at = engine.get(rel, [])
            if not errors_at and verdict != ACCEPT:
                fail(f"{rel}: the engine reports no error, so the schema must accept it (classified {verdict})")
                continue
            if errors_at and verdict == ACCEPT:
                fail(f"{rel}: classified accept, but the engine reports errors on lines {errors_at}")
                continue
            try:
                data, root = load(read_text(golden / rel))
            except YamlError as e:
                if verdict != YAML_ERROR:
                    fail(f"{rel}: classified {verdict}, but it is not readable YAML: {e}")
                continue
            if verdict == YAML_ERROR:
                fail(f"{rel}: classified yaml-error, but it reads as YAML")
                continue
            errs = schemas.errors(schemas.for_file(rel), data)
            if verdict in (ACCEPT, ENGINE_ONLY):
                for e in errs:
                    fail(f"{rel}: classified {verdict}, but the schema rejects it: {describe(e)}")
                continue
            # REJECT: rejected, and only where the engine reports errors.
            if not errs:
                fail(f"{rel}: classified reject ({reason}), but the schema accepts it")
            whole_file = None in errors_at
            for e in errs:
                span = line_span(node_at(root, e.absolute_path))
                if whole_file:
                    continue
                if span is None or not any(span[0] <= ln <= span[1] for ln in errors_at):
                    fail(f"{rel}: schema error on lines {span} where the engine reports none "
                         f"(engine errors on lines {errors_at}): {describe(e)}")
    print(f"{len(cases)} golden cases, {sum(counts.values())} files: " +
          ", ".join(f"{n} {k}" for k, n in counts.items()))
    return fail.finish("the schema agrees with the engine on the golden lint cases")


#-----------------------------------------------------------------------------
# Hand-made samples: a valid routine and one change each
#-----------------------------------------------------------------------------
BASE = """\
id: sample
title: {en: Sample, fr: Exemple}
summary: {en: A sample routine., fr: Une routine d'exemple.}
kind: stretch
areas: [neck, shoulders]
equipment: [chair]
intensity: gentle
flare_safe: true
cautions:
  - {en: "Stop at once on sharp pain, numbness or tingling.", fr: "Arrêtez tout de suite en cas de douleur vive, d'engourdissement ou de picotements."}
steps:
  - say: {en: Sit tall., fr: Asseyez-vous droit.}
    duration: 10s
"""


def step(text):
    return BASE + "\n".join("  " + ln for ln in text.strip("\n").splitlines()) + "\n"


# (name, YAML text, None if valid else the JSON pointer where the schema must complain)
SAMPLES = [
    ("the base routine", BASE, None),
    ("flare_safe: yes", BASE.replace("flare_safe: true", "flare_safe: yes"), None),
    ("plain-string text and conditions", BASE.replace("title: {en: Sample, fr: Exemple}", "title: Sample")
     + "conditions: [stiff-neck, headache]\n", None),
    ("every duration form", step("""
- say: {en: A., fr: A.}
  duration: 45
- say: {en: B., fr: B.}
  duration: 1m30s
- say: {en: C., fr: C.}
  duration: 1h
- say: {en: D., fr: D.}
  duration: 2m
"""), None),
    ("sides, switch 0, cue none, an image that climbs but stays", step("""
- say: {en: Tilt., fr: Inclinez.}
  duration: 30s
  sides: [right, left]
  switch: 0
  cue: none
  image: images/../images/neck.png
"""), None),
    ("breathing with decimals and cycles, a repeat, an include", step("""
- say: {en: Breathe., fr: Respirez.}
  breathe: {inhale: 3.5, hold: 0, exhale: 5.25, cycles: 4}
- repeat: 2
  steps:
    - say: {en: Roll., fr: Roulez.}
      wait: tap
- include: sample-two
"""), None),
    ("a typo in a key: duraton", step("""
- say: {en: Typo., fr: Faute.}
  duraton: 10s
  duration: 10s
"""), "/steps/1"),
    ("an unknown routine key: flare-safe", BASE + "flare-safe: true\n", "/"),
    ("intensity: extreme", BASE.replace("intensity: gentle", "intensity: extreme"), "/intensity"),
    ("kind: massage", BASE.replace("kind: stretch", "kind: massage"), "/kind"),
    ("an area not in areas.yaml", BASE.replace("[neck, shoulders]", "[neck, elbow]"), "/areas/1"),
    ("an equipment id not in equipment.yaml", BASE.replace("[chair]", "[sofa]"), "/equipment/0"),
    ("an area listed twice", BASE.replace("[neck, shoulders]", "[neck, neck]"), "/areas"),
    ("no cautions", re.sub(r"cautions:\n  - .*\n", "cautions: []\n", BASE), "/cautions"),
    ("duration as prose", step("""
- say: {en: Hold., fr: Tenez.}
  duration: ten seconds
"""), "/steps/1/duration"),
    ("duration 1.5m", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 1.5m
"""), "/steps/1/duration"),
    ("duration over an hour", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 3601
"""), "/steps/1/duration"),
    ("duration 3601s", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 3601s
"""), "/steps/1/duration"),
    ("duration 1h1s", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 1h1s
"""), "/steps/1/duration"),
    ("duration 61m", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 61m
"""), "/steps/1/duration"),
    ("breathing phase as text", step("""
- say: {en: Breathe., fr: Respirez.}
  breathe: {inhale: four, exhale: 6, cycles: 3}
"""), "/steps/1/breathe/inhale"),
    ("breathing cycles 0", step("""
- say: {en: Breathe., fr: Respirez.}
  breathe: {inhale: 4, exhale: 6, cycles: 0}
"""), "/steps/1/breathe/cycles"),
    ("repeat 1000", step("""
- repeat: 1000
  steps:
    - say: {en: Roll., fr: Roulez.}
      duration: 5s
"""), "/steps/1/repeat"),
    ("an include with extra keys", step("""
- include: sample-two
  duration: 5s
"""), "/steps/1"),
    ("cue: bell", step("""
- say: {en: Ring., fr: Sonnez.}
  duration: 5s
  cue: bell
"""), "/steps/1/cue"),
    ("an absolute image path", step("""
- say: {en: Look., fr: Regardez.}
  duration: 5s
  image: /etc/passwd
"""), "/steps/1/image"),
    ("a text in language xx", step("""
- say: {en: Hello., xx: Zzz.}
  duration: 5s
"""), "/steps/1/say"),
    ("an empty text", step("""
- say: ""
  duration: 5s
"""), "/steps/1/say"),
    ("an id with capitals", BASE.replace("id: sample", "id: Sample"), "/id"),
    ("an id of 65 characters", BASE.replace("id: sample", "id: " + "a" * 65), "/id"),
]

# Known differences, pinned so that they stay known: (name, YAML text, where the
# schema complains or None, the engine's verdict, why). content/schema/README.md
# lists them for authors.
DIFFERENCES = [
    ("flare_safe: True", BASE.replace("flare_safe: true", "flare_safe: True"), None, REJECT,
     "YAML 1.2 reads True as a boolean, so the schema cannot tell it from true; the engine wants true/false/yes/no"),
    ("inhale: .nan", step("""
- say: {en: Breathe., fr: Respirez.}
  breathe: {inhale: .nan, exhale: 6, cycles: 3}
"""), None, REJECT, "NaN passes every numeric bound in JSON Schema"),
    ("an image path that climbs out midway", step("""
- say: {en: Look., fr: Regardez.}
  duration: 5s
  image: images/../../x.png
"""), None, REJECT, "the pattern only refuses paths that start by climbing out"),
    ("duration 1m90s", step("""
- say: {en: Hold., fr: Tenez.}
  duration: 1m90s
"""), "/steps/1/duration", ACCEPT, "the schema wants 1 to 59 seconds after minutes"),
    ("a prompt that is a number", step("""
- say: 42
  duration: 5s
"""), "/steps/1/say", ACCEPT, "the engine takes any scalar as text; the schema wants a string"),
    ("repeat: '3' quoted", step("""
- repeat: '3'
  steps:
    - say: {en: Roll., fr: Roulez.}
      duration: 5s
"""), "/steps/1/repeat", ACCEPT, "the engine reads the scalar 3; the schema wants a number"),
]


def check_samples(source, unknot=None):
    fail, schemas = Failures(), Schemas(source)
    rejected = 0
    samples = [(n, t, w, ACCEPT if w is None else REJECT) for n, t, w in SAMPLES]
    samples += [(n, t, w, engine) for n, t, w, engine, _ in DIFFERENCES]
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text, where, engine) in enumerate(samples):
            try:
                data, _ = load(text)
            except YamlError as e:
                fail(f"sample '{name}': not YAML: {e}")
                continue
            errs = schemas.errors("routine.schema.json", data)
            if where is None and errs:
                fail(f"sample '{name}': valid, but the schema rejects it: " + "; ".join(map(describe, errs)))
            if where is not None:
                rejected += 1
                if not errs:
                    fail(f"sample '{name}': the schema accepts it")
                elif where not in {pointer(e) for e in errs}:
                    fail(f"sample '{name}': expected an error at {where or '/'}, got " + "; ".join(map(describe, errs)))
            if unknot:
                # The engine must agree: the image and the include are made to exist.
                d = pathlib.Path(tmp) / f"s{i}"
                (d / "images").mkdir(parents=True)
                (d / "images/neck.png").write_bytes(b"\x89PNG\r\n\x1a\n")
                (d / "sample.yaml").write_text(text, encoding="utf-8")
                (d / "sample-two.yaml").write_text(BASE.replace("id: sample", "id: sample-two"), encoding="utf-8")
                r = subprocess.run([unknot, "lint", str(d)], capture_output=True, text=True, timeout=60)
                want = 0 if engine == ACCEPT else 1
                if r.returncode != want:
                    fail(f"sample '{name}': unknot lint exits {r.returncode}, expected {want}:\n{r.stdout}{r.stderr}")
    print(f"{len(samples)} samples ({len(DIFFERENCES)} known differences), {rejected} the schema must reject"
          + (f"; each also linted with {unknot}" if unknot else "; unknot lint not run (no binary given)"))
    return fail.finish("the hand-made samples")


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    source, what = argv[1], argv[2]
    checks = {"core": check_core, "meta": check_meta, "enums": check_enums, "golden": check_golden}
    if what in checks:
        return checks[what](source)
    if what == "samples":
        return check_samples(source, argv[3] if len(argv) > 3 else None)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
