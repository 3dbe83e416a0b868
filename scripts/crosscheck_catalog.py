#!/usr/bin/env python3
"""Compare two catalogs in the release-file shape and print every difference, grouped.

Usage (from the repository root), e.g. the wheel-generated 2025.12 against the one
derived from authentik's 2025.12 blueprint schema:

    python3 scripts/schema_catalog.py --output /tmp/schema-2025.12.json
    python3 scripts/crosscheck_catalog.py src/catalog/releases/2025.12.json /tmp/schema-2025.12.json

Also handy between two releases (the drift figures of docs/releases.md come from
`--summary`). Keys only the wheel can give (`required`, `read_only`, `blueprint_only`,
`entry`, `fields_exhaustive`) are left out of the field comparison. Standard library only.
"""

import argparse
import json
import sys
from collections import defaultdict

WHEEL_ONLY_KEYS = {"required", "read_only", "blueprint_only"}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["models"]


def comparable(field):
    out = {k: v for k, v in field.items() if k not in WHEEL_ONLY_KEYS}
    if "items" in out:
        out["items"] = comparable(out["items"])
    if "properties" in out:
        out["properties"] = [comparable(p) for p in out["properties"]]
    return out


def entry_models(models):
    return {m for m, spec in models.items() if spec.get("entry", True)}


def compare(left, right):
    """Differences as (kind, detail) pairs."""
    diffs = []
    left_ids, right_ids = entry_models(left), entry_models(right)
    for model in sorted(left_ids - right_ids):
        diffs.append(("model only left", model))
    for model in sorted(right_ids - left_ids):
        diffs.append(("model only right", model))
    for model in sorted(left_ids & right_ids):
        lf = {f["name"]: comparable(f) for f in left[model]["fields"]}
        rf = {f["name"]: comparable(f) for f in right[model]["fields"]}
        for name in sorted(set(lf) - set(rf)):
            diffs.append(("field only left", f"{model}.{name}"))
        for name in sorted(set(rf) - set(lf)):
            diffs.append(("field only right", f"{model}.{name}"))
        for name in sorted(set(lf) & set(rf)):
            for key in sorted(set(lf[name]) | set(rf[name])):
                a, b = lf[name].get(key), rf[name].get(key)
                if a != b:
                    kind = "choices" if key == "enum" else key
                    diffs.append((f"{kind} differs", f"{model}.{name}: {short(a)} | {short(b)}"))
        if sorted(left[model]["permissions"]) != sorted(right[model]["permissions"]):
            lp, rp = set(left[model]["permissions"]), set(right[model]["permissions"])
            diffs.append(("permissions differ",
                          f"{model}: only left {sorted(lp - rp)}, only right {sorted(rp - lp)}"))
        if left[model].get("meta") != right[model].get("meta"):
            diffs.append(("meta differs", model))
    return diffs


def short(value):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) < 160 else text[:150] + "...(" + str(len(text)) + " chars)"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--summary", action="store_true", help="counts per kind only")
    args = parser.parse_args(argv)
    grouped = defaultdict(list)
    for kind, detail in compare(load(args.left), load(args.right)):
        grouped[kind].append(detail)
    for kind in sorted(grouped):
        print(f"{kind}: {len(grouped[kind])}")
        if not args.summary:
            for detail in grouped[kind]:
                print(f"  {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
