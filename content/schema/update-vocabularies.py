#!/usr/bin/python3
"""Keeps the area and equipment ids of routine.schema.json in step with
content/areas.yaml and content/equipment.yaml.

    content/schema/update-vocabularies.py          # rewrite the enums
    content/schema/update-vocabularies.py --check  # exit 1 if they are stale

The engine reads the vocabularies only from the bundled content/ folder (user
packs cannot add areas or equipment), so the ids are fixed and the schema lists
them as enums: editors complete them and flag typos. Needs python3-yaml.
"""
import json
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
CONTENT = HERE.parent
SCHEMA = HERE / "routine.schema.json"

# (definition in routine.schema.json, vocabulary file, list key)
VOCABULARIES = [
    ("areaId", "areas.yaml", "areas"),
    ("equipmentId", "equipment.yaml", "equipment"),
]


def ids(file_name, key):
    data = yaml.safe_load((CONTENT / file_name).read_text(encoding="utf-8"))
    return [item["id"] for item in data[key]]


def dump(schema):
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    check = "--check" in argv[1:]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    stale = []
    for definition, file_name, key in VOCABULARIES:
        want = ids(file_name, key)
        have = schema["definitions"][definition].get("enum")
        if have != want:
            stale.append(f"{definition}: schema has {have}, content/{file_name} has {want}")
            schema["definitions"][definition]["enum"] = want
    if not stale:
        print(f"{SCHEMA.name}: area and equipment ids are up to date")
        return 0
    if check:
        print("\n".join(stale), file=sys.stderr)
        print(f"{SCHEMA.name} is stale: run content/schema/update-vocabularies.py", file=sys.stderr)
        return 1
    SCHEMA.write_text(dump(schema), encoding="utf-8")
    print(f"{SCHEMA.name}: updated " + ", ".join(s.split(":")[0] for s in stale))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
