"""Merge the wheel's models with the hand table (`scripts/catalog_hand.json`).

The hand table holds what no published artifact of a release carries, each row with
`first` (and, where it ended, `last`) release it holds for, inclusive, and a `why`
naming where in authentik it was checked. Sections:

* `serializer_exceptions`: models whose write serializer is not `<ModelName>Request`
  (`class`; `read_only_api: true` takes the response class minus its read-only fields);
* `no_api_models`: models in `ModelEnum` without any API class (fields unknown);
* `meta_models`: the virtual `authentik_blueprints.meta*` models and their fields;
* `non_entry_models`: concrete models `!Find` can query but no entry may create
  (`class`: the response or request class giving their fields);
* `blueprint_fields`: fields only a blueprint may set (`SERIALIZER_CONTEXT_BLUEPRINT`);
* `formats`: string formats the client drops (`email`);
* `choices`: choices the client's enums drop (`add`; `items: true` for a list's items);
* `permissions`: codenames beyond Django's four defaults (`add`), or defaults a model
  turns off (`remove`).

Standard library only.
"""

import json

DEFAULT_ACTIONS = ("add", "change", "delete", "view")
SECTIONS = {
    "serializer_exceptions", "no_api_models", "meta_models", "non_entry_models",
    "blueprint_fields", "formats", "choices", "permissions",
}


class HandError(Exception):
    """The hand table is malformed or disagrees with a wheel."""


def release_key(release):
    year, minor = release.split(".")
    return (int(year), int(minor))


def holds(row, release):
    """Whether a hand-table row applies to `release` (first..last, inclusive)."""
    key = release_key(release)
    if key < release_key(row["first"]):
        return False
    return "last" not in row or key <= release_key(row["last"])


def load(path):
    table = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(table) - SECTIONS - {"_comment"}
    if unknown:
        raise HandError(f"{path.name}: unknown sections {sorted(unknown)}")
    for section in SECTIONS:
        for row in table.setdefault(section, []):
            if "model" not in row or "first" not in row or "why" not in row:
                raise HandError(f"{path.name}: {section} row needs model, first, why: {row}")
    return table


def rows(hand, section, release):
    return [row for row in hand[section] if holds(row, release)]


def default_permissions(model_id):
    name = model_id.split(".", 1)[1]
    return [f"{action}_{name}" for action in DEFAULT_ACTIONS]


def entry_model(wheel, model_id, exceptions):
    """A model a blueprint entry may name: its write serializer's fields."""
    exception = exceptions.get(model_id)
    if exception is None:
        cls = wheel.find_class(model_id.split(".", 1)[1] + "request")
        if cls is None:
            raise HandError(
                f"{model_id}: no `<Model>Request` class in this wheel; add a serializer_exceptions or "
                "no_api_models row to the hand table"
            )
        return {"fields": wheel.fields_of(cls, drop_read_only=False)}
    cls = wheel.classes.get(exception["class"])
    if cls is None:
        raise HandError(f"{model_id}: hand table names a missing class {exception['class']}")
    read_only_api = exception.get("read_only_api", False)
    return {"fields": wheel.fields_of(cls, drop_read_only=read_only_api)}


def build_models(wheel, release, hand):
    exceptions = {row["model"]: row for row in rows(hand, "serializer_exceptions", release)}
    no_api = {row["model"]: row for row in rows(hand, "no_api_models", release)}
    models = {}
    for model_id in wheel.model_ids():
        if model_id in no_api:
            model = {"fields": list(no_api[model_id].get("fields", [])), "fields_exhaustive": False}
        else:
            model = entry_model(wheel, model_id, exceptions)
        model["meta"] = False
        models[model_id] = model
    for row in rows(hand, "meta_models", release):
        models[row["model"]] = {"fields": list(row["fields"]), "meta": True}
    for row in rows(hand, "non_entry_models", release):
        if row["model"] in models:
            raise HandError(f"{row['model']}: in ModelEnum of {release}, yet a non-entry row")
        cls = wheel.classes.get(row["class"])
        if cls is None:
            raise HandError(f"{row['model']}: {release} has no class {row['class']}")
        fields = wheel.fields_of(cls, drop_read_only=False)
        for field in fields:
            field.pop("required", None)
        models[row["model"]] = {"entry": False, "fields": fields, "meta": False}
    for model_id, model in models.items():
        model["permissions"] = default_permissions(model_id)
    merge_fields(models, hand, release)
    merge_permissions(models, hand, release)
    for model in models.values():
        model["permissions"].sort()
    return models


def merge_fields(models, hand, release):
    for row in rows(hand, "blueprint_fields", release):
        model = models.get(row["model"])
        if model is None:
            raise HandError(f"blueprint_fields: {release} has no model {row['model']}")
        field = dict(row["field"], blueprint_only=True)
        names = [f["name"] for f in model["fields"]]
        if field["name"] in names:
            raise HandError(
                f"blueprint_fields: {row['model']}.{field['name']} is already in the "
                f"{release} client; end the row before {release}"
            )
        model["fields"].append(field)
    for row in rows(hand, "formats", release):
        field = find_field(models, row, release, "formats")
        if field["type"] != "string":
            raise HandError(f"formats: {row['model']}.{row['field']} is not a string")
        field["format"] = row["format"]
    for row in rows(hand, "choices", release):
        field = find_field(models, row, release, "choices")
        target = field.get("items", {}) if row.get("items") else field
        if "enum" not in target:
            raise HandError(f"choices: {row['model']}.{row['field']} has no choice list")
        target["enum"] += [value for value in row["add"] if value not in target["enum"]]


def find_field(models, row, release, section):
    model = models.get(row["model"])
    for field in model["fields"] if model else []:
        if field["name"] == row["field"]:
            return field
    raise HandError(f"{section}: {release} has no field {row['model']}.{row['field']}")


def merge_permissions(models, hand, release):
    for row in rows(hand, "permissions", release):
        model = models.get(row["model"])
        if model is None:
            raise HandError(f"permissions: {release} has no model {row['model']}")
        removed = set(row.get("remove", []))
        kept = [p for p in model["permissions"] if p not in removed]
        model["permissions"] = kept + [p for p in row.get("add", []) if p not in kept]
