#!/usr/bin/env python3
"""Turn authentik's published blueprint JSON schema into the catalog shape.

This wrote the original single-release `src/catalog/models.json` (2025.12.0-rc1, now
removed); the
release catalogs now come from the client wheels (`scripts/gen_catalog.py`), and this
script serves the cross-check (`scripts/crosscheck_catalog.py`, docs/releases.md).

Usage (from the repository root):

    python3 scripts/schema_catalog.py [SCHEMA_PATH] [--output PATH]

SCHEMA_PATH defaults to ../shared/catalog/authentik-blueprint-schema.json and the
output to target/schema-catalog.json. Standard library only.

The output is the part of the schema that flowlint needs, in a compact and
deterministic shape so that regenerating it gives a reviewable diff:

* one model per line, models sorted by id, keys sorted inside every object;
* per model: `meta` (its blueprint_entry branch has no `identifiers`, i.e. a
  virtual `authentik_blueprints.meta*` model), `fields` in schema order, and the
  object-permission codenames the schema allows;
* per field: JSON type, `nullable`, `enum`, numeric and length bounds, `format`,
  `pattern`, `items` (same shape, recursive), nested `properties`/`required_properties` for
  the few object fields that declare them, and `duration` when the description
  documents a timedelta string ("(Format: hours=...").

Titles and descriptions are dropped: the Rust side never shows them, and
leaving them out keeps the embedded file small.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import gen_catalog

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = REPO_ROOT.parent / "shared" / "catalog" / "authentik-blueprint-schema.json"
DEFAULT_OUTPUT = REPO_ROOT / "target" / "schema-catalog.json"

MODEL_PREFIX = "model_"
PERMISSIONS_SUFFIX = "_permissions"

# Field keys copied as they are (schema name -> output name).
COPIED_CONSTRAINTS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "maxItems": "max_items",
    "pattern": "pattern",
}
KNOWN_FORMATS = {"uuid", "email", "date-time"}
KNOWN_TYPES = {"string", "integer", "number", "boolean", "object", "array"}
# Keys we read or deliberately ignore; anything else makes the generator fail so
# that a schema change cannot silently lose a constraint.
IGNORED_KEYS = {"title", "description", "additionalProperties"}

# Upstream marks timedelta-string fields in their help text, for example
# "(Format: hours=-1;minutes=-2;seconds=-3)". The email stages' token_expiry says
# "(Format: hours=3,minutes=17,seconds=300)", a format the validator rejects,
# but the field is still a timedelta string, so the looser match is intended.
DURATION_HINT = re.compile(r"\(Format: hours=")


class SchemaError(Exception):
    """The schema has a shape this generator does not understand."""


def convert_field(spec: dict, where: str) -> dict:
    """Convert one JSON-schema property into the catalog's field shape."""
    unknown = set(spec) - set(COPIED_CONSTRAINTS) - IGNORED_KEYS - {
        "type", "enum", "format", "items", "properties", "required",
    }
    if unknown:
        raise SchemaError(f"{where}: unsupported schema keys {sorted(unknown)}")

    out: dict = {}
    raw_type = spec.get("type")
    types = raw_type if isinstance(raw_type, list) else [raw_type] if raw_type else []
    nullable = "null" in types
    concrete = [t for t in types if t != "null"]
    if len(concrete) > 1:
        raise SchemaError(f"{where}: more than one non-null type {concrete}")
    if concrete and concrete[0] not in KNOWN_TYPES:
        raise SchemaError(f"{where}: unknown type {concrete[0]!r}")
    out["type"] = concrete[0] if concrete else "any"

    if "enum" in spec:
        values = spec["enum"]
        # A null choice means "may be null"; the value list itself stays strings.
        if None in values:
            nullable = True
        strings = [v for v in values if v is not None]
        if not all(isinstance(v, str) for v in strings):
            raise SchemaError(f"{where}: non-string enum values {strings}")
        out["enum"] = strings
    if nullable:
        out["nullable"] = True

    for schema_key, out_key in COPIED_CONSTRAINTS.items():
        if schema_key in spec:
            out[out_key] = spec[schema_key]

    if "format" in spec:
        if spec["format"] not in KNOWN_FORMATS:
            raise SchemaError(f"{where}: unknown format {spec['format']!r}")
        out["format"] = spec["format"]

    if "items" in spec:
        out["items"] = convert_field(spec["items"], f"{where}[]")
    if "properties" in spec:
        out["properties"] = [
            dict(name=name, **convert_field(sub, f"{where}.{name}"))
            for name, sub in spec["properties"].items()
        ]
    if spec.get("required"):
        out["required_properties"] = list(spec["required"])

    if DURATION_HINT.search(spec.get("description", "")):
        out["duration"] = True
    return out


def permission_codenames(defs: dict, model_id: str) -> list:
    perms = defs.get(f"{MODEL_PREFIX}{model_id}{PERMISSIONS_SUFFIX}")
    if perms is None:
        return []
    permission = perms["items"]["properties"]["permission"]
    return list(permission.get("enum", []))


def schema_version(title: str) -> str:
    match = re.search(r"authentik (\d{4}\.\d{1,2})", title)
    if not match:
        raise SchemaError(f"cannot read an authentik version from the title {title!r}")
    return match.group(1)


def build_catalog(schema: dict) -> dict:
    defs = schema["$defs"]
    models = {}
    for branch in defs["blueprint_entry"]["oneOf"]:
        properties = branch["properties"]
        model_id = properties["model"]["const"]
        definition = defs[f"{MODEL_PREFIX}{model_id}"]
        if definition.get("required"):
            # Never seen so far; the catalog has nowhere to put it yet.
            raise SchemaError(f"{model_id}: model-level required list is not supported")
        fields = [
            dict(name=name, **convert_field(spec, f"{model_id}.{name}"))
            for name, spec in definition.get("properties", {}).items()
        ]
        models[model_id] = {
            "meta": "identifiers" not in properties,
            "fields": fields,
            "permissions": permission_codenames(defs, model_id),
        }
    return models


def render(models: dict, title: str, version: str, digest: str) -> str:
    """Compact JSON, one model per line, keys sorted everywhere (the release files' layout)."""
    header = {"schema_sha256": digest, "title": title, "version": version}
    return gen_catalog.render(header, models)


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schema", nargs="?", default=str(DEFAULT_SCHEMA))
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT))
    args = parser.parse_args(argv)

    raw = Path(args.schema).read_bytes()
    schema = json.loads(raw)
    title = schema.get("title", "")
    try:
        models = build_catalog(schema)
        text = render(models, title, schema_version(title), hashlib.sha256(raw).hexdigest())
    except SchemaError as exc:
        print(f"gen_catalog: {exc}", file=sys.stderr)
        return 1
    # Round-trip check: the output must itself be valid JSON.
    json.loads(text)
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"wrote {len(models)} models to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
