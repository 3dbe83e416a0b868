#!/usr/bin/env python3
"""Print the figures docs/releases.md records about src/catalog/releases/.

    python3 scripts/catalog_stats.py

Sizes (per file, all, gzip of all), how much the releases share (distinct per-model
definitions across every release), and the drift between consecutive releases: entry
models added/removed, fields added/removed (on models present in both), fields whose
choices changed, fields whose limits changed. Standard library only.
"""

import gzip
import json
import sys
from pathlib import Path

RELEASES = Path(__file__).resolve().parent.parent / "src" / "catalog" / "releases"
LIMITS = ("min_length", "max_length", "minimum", "maximum", "max_items")


def release_key(path):
    year, minor = path.stem.split(".")
    return (int(year), int(minor))


def entry_models(catalog):
    return {m: spec for m, spec in catalog["models"].items() if spec.get("entry", True)}


def choices(field):
    return field.get("enum") or field.get("items", {}).get("enum")


def drift(before, after):
    old, new = entry_models(before), entry_models(after)
    out = {"models+": sorted(set(new) - set(old)), "models-": sorted(set(old) - set(new)),
           "fields+": [], "fields-": [], "choices": [], "limits": []}
    for model in sorted(set(old) & set(new)):
        of = {f["name"]: f for f in old[model]["fields"]}
        nf = {f["name"]: f for f in new[model]["fields"]}
        out["fields+"] += [f"{model}.{n}" for n in nf if n not in of]
        out["fields-"] += [f"{model}.{n}" for n in of if n not in nf]
        for name in set(of) & set(nf):
            if choices(of[name]) != choices(nf[name]):
                out["choices"].append(f"{model}.{name}")
            if any(of[name].get(k) != nf[name].get(k) for k in LIMITS):
                out["limits"].append(f"{model}.{name}")
    return out


def main():
    paths = sorted(RELEASES.glob("*.json"), key=release_key)
    blobs = [path.read_bytes() for path in paths]
    print("file sizes (bytes):")
    for path, blob in zip(paths, blobs):
        print(f"  {path.name}: {len(blob)}")
    everything = b"".join(blobs)
    print(f"all: {len(everything)}, gzip -9 of all: {len(gzip.compress(everything, 9))}")
    catalogs = [json.loads(blob) for blob in blobs]
    distinct = set()
    total = 0
    for catalog in catalogs:
        for model_id, spec in catalog["models"].items():
            total += 1
            distinct.add((model_id, json.dumps(spec, sort_keys=True, separators=(",", ":"))))
    unique_bytes = sum(len(m) + len(s) for m, s in distinct)
    print(f"per-model definitions: {total} in all files, {len(distinct)} distinct "
          f"({unique_bytes} bytes once deduplicated)")
    print("drift (entry models):")
    for (p0, c0), (p1, c1) in zip(zip(paths, catalogs), zip(paths[1:], catalogs[1:])):
        d = drift(c0, c1)
        print(f"  {p0.stem} -> {p1.stem}: models +{len(d['models+'])}/-{len(d['models-'])}, "
              f"fields +{len(d['fields+'])}/-{len(d['fields-'])}, "
              f"choices changed {len(d['choices'])}, limits changed {len(d['limits'])}")
        if "-v" in sys.argv:
            for key, values in d.items():
                if values:
                    print(f"    {key}: {', '.join(values)}")


if __name__ == "__main__":
    main()
