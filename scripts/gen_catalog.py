#!/usr/bin/env python3
"""Generate src/catalog/releases/<release>.json from authentik's published client wheels.

Usage (from the repository root):

    python3 scripts/gen_catalog.py                 # fetch, verify, (re)write every release
    python3 scripts/gen_catalog.py --check         # compare with the committed files
    python3 scripts/gen_catalog.py --release 2026.8
    python3 scripts/gen_catalog.py --fetch-only    # fill the wheel cache (CI)

Inputs, both committed: `scripts/authentik-client.lock` (one line per release: release,
wheel version, wheel file name, sha256) and `scripts/catalog_hand.json` (what the wheel
does not carry, each row with the first and last release it holds for). The wheels are
fetched with `pip download --no-deps` into the cache directory (`--cache`, default
`target/authentik-client-wheels`, or `$FLOWLINT_WHEEL_CACHE`), checked against the
lock's sha256 and read as zip archives: their Python sources are parsed with `ast`,
never imported. Standard library only.

Output shape (the same as `scripts/schema_catalog.py` writes from a blueprint schema): one model per
line, models sorted by id, keys sorted in every object. Per model `meta`, `fields` (the
write serializer's order) and `permissions`; per field `name`, `type`, `nullable`,
`enum`, `min_length`/`max_length`, `minimum`/`maximum`, `max_items`, `format`,
`pattern`, `items`, `properties`/`required_properties`, `duration`. Keys the schema
could not give, written only when they hold:

* `required: true` (field): the write serializer requires it when an object is created;
* `read_only: true` (field, non-entry models only): the API never writes it, a `!Find`
  may still query it;
* `entry: false` (model): `!Find` can query it (Django's `apps.get_model`), but no
  blueprint entry may create it (concrete base models such as `authentik_core.provider`,
  models the importer excludes such as `authentik_tenants.tenant`);
* `fields_exhaustive: false` (model): the artifacts do not list its fields (no API class),
  so unknown attributes must not be reported;
* `blueprint_only: true` (field): only a blueprint may set it (hand table, checked in
  authentik's source: `SERIALIZER_CONTEXT_BLUEPRINT`).

Exit status: 0 done, 1 `--check` found a difference, 2 bad input (lock, hand table,
unknown wheel shape), 3 a wheel could not be fetched (no network, no pip).
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import catalog_hand
from catalog_wheel import Wheel, WheelError

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCK = REPO_ROOT / "scripts" / "authentik-client.lock"
HAND_TABLE = REPO_ROOT / "scripts" / "catalog_hand.json"
OUTPUT_DIR = REPO_ROOT / "src" / "catalog" / "releases"
DEFAULT_CACHE = REPO_ROOT / "target" / "authentik-client-wheels"
PACKAGE = "authentik-client"


class FetchError(Exception):
    """A locked wheel is neither in the cache nor downloadable."""


class InputError(Exception):
    """The lock or the hand table is malformed, or a wheel does not match its lock."""


def read_lock(path):
    """Lock rows: (release, version, file name, sha256), in file order."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 4 or len(parts[3]) != 64:
            raise InputError(f"{path.name}:{number}: expected `release version file sha256`")
        release, version, file_name, digest = parts
        if not version.startswith(release + ".") or version.split(".")[:2] != release.split("."):
            raise InputError(f"{path.name}:{number}: version {version} is not a {release} patch")
        rows.append((release, version, file_name, digest))
    return rows


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(cache, version, file_name, digest):
    """The cached wheel, downloaded with pip when missing; its sha256 must match the lock."""
    wheel = cache / file_name
    if not wheel.exists():
        cache.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--dest", str(cache), f"{PACKAGE}=={version}",
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise FetchError(f"cannot run pip: {exc}") from exc
        if result.returncode != 0 or not wheel.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise FetchError(f"pip download {PACKAGE}=={version} failed: {' '.join(tail)}")
    actual = sha256_of(wheel)
    if actual != digest:
        raise InputError(f"{wheel}: sha256 {actual} differs from the lock's {digest}")
    return wheel


def render(header, models):
    """Compact JSON, one model per line, keys sorted everywhere."""

    def dump(value):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    lines = [f'{{"generated_from":{dump(header)},"models":{{']
    ids = sorted(models)
    for index, model_id in enumerate(ids):
        comma = "," if index + 1 < len(ids) else ""
        lines.append(f"{dump(model_id)}:{dump(models[model_id])}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def generate(release, version, wheel_path, digest, hand):
    wheel = Wheel(wheel_path)
    models = catalog_hand.build_models(wheel, release, hand)
    header = {
        "hand_table": "scripts/catalog_hand.json",
        "release": release,
        "title": f"authentik {version} ({PACKAGE} wheel)",
        "version": version,
        "wheel": wheel_path.name,
        "wheel_sha256": digest,
    }
    return render(header, models)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--fetch-only", action="store_true", help="only fill the cache")
    parser.add_argument("--release", action="append", help="only this release (repeatable)")
    parser.add_argument("--cache", default=os.environ.get("FLOWLINT_WHEEL_CACHE"))
    parser.add_argument("--output-dir", default=str(OUTPUT_DIR))
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else DEFAULT_CACHE
    output_dir = Path(args.output_dir)

    try:
        rows = read_lock(LOCK)
        hand = catalog_hand.load(HAND_TABLE)
        known = {row[0] for row in rows}
        unknown = sorted(set(args.release or []) - known)
        if unknown:
            raise InputError(f"releases not in the lock: {', '.join(unknown)}")
        selected = [row for row in rows if not args.release or row[0] in args.release]
        wheels = [(row, fetch(cache, row[1], row[2], row[3])) for row in selected]
        if args.fetch_only:
            print(f"{len(wheels)} wheels verified in {cache}", file=sys.stderr)
            return 0
        differing = []
        for (release, version, _, digest), wheel_path in wheels:
            text = generate(release, version, wheel_path, digest, hand)
            target = output_dir / f"{release}.json"
            if args.check:
                current = target.read_bytes() if target.exists() else b""
                if current != text.encode("utf-8"):
                    differing.append(str(target.relative_to(REPO_ROOT)))
            else:
                output_dir.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(REPO_ROOT)}", file=sys.stderr)
        if differing:
            print("gen_catalog: not reproduced from the lock (run "
                  "`python3 scripts/gen_catalog.py` and review the diff): "
                  + ", ".join(differing), file=sys.stderr)
            return 1
        if args.check:
            print(f"gen_catalog: {len(wheels)} release files reproduced byte for byte",
                  file=sys.stderr)
    except FetchError as exc:
        print(f"gen_catalog: {exc}", file=sys.stderr)
        return 3
    except (InputError, WheelError, catalog_hand.HandError) as exc:
        print(f"gen_catalog: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
