#!/usr/bin/env python3
"""Generate src/baseline/objects.json: the objects every fresh authentik install has.

Usage (from the repository root):

    python3 scripts/gen_baseline.py [BLUEPRINTS_DIR] [--output PATH]

BLUEPRINTS_DIR defaults to ../shared/corpus/authentik (a copy of the `blueprints/`
folder authentik ships in its image); needs PyYAML.

What counts as "on every install" (verified in authentik's code):

* Blueprints authentik's discovery applies by itself
  (`authentik/blueprints/v1/tasks.py`: `blueprints_find` globs `**/*.yaml` under the
  blueprints folder, skipping any path part that starts with `.`; `check_blueprint_v1_file`
  skips files labelled `blueprints.goauthentik.io/instantiate: "false"`). Of the shipped
  folders that is `default/` and `system/`; `example/` files all carry the label. The
  `scribe/` and `migrations/` copies are not part of the shipped folder (corpus README).
  Every entry that creates an object is recorded (not `state: absent`, not a
  `authentik_blueprints.meta*` action, not a binding: bindings are never looked up by
  name) with its literal scalar identifiers and attrs (`!Context` resolved from the
  blueprint's `context:` defaults, e.g. bootstrap's `akadmin` / `authentik Admins`).
  Entries whose conditions depend on the server (the account-lockdown flow needs an
  enterprise licence) are kept: a reference to them must not be reported as missing.
* The blueprint instance discovery records for each file it applies (name, path).
* Objects authentik's startup creates in code (`ManagedAppConfig.reconcile*`), listed
  in CODE_OBJECTS below with the file that creates them.

Per release: the copies at hand are the 2025.12-era shipped files plus the few newer
defaults; older releases use the nearest copy. A file that needs a model a release does
not have cannot have shipped with it: SINCE gives the first release of such files, with
the reason. When rel-data's per-release catalogs (src/catalog/releases/R.json) exist,
the first release whose catalog has every model a file uses is taken as well (the later
of the two wins).

Output: one object per line, sorted, deterministic bytes.
"""

import argparse
import json
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "corpus" / "authentik"
DEFAULT_OUTPUT = REPO_ROOT / "src" / "baseline" / "objects.json"
RELEASES_DIR = REPO_ROOT / "src" / "catalog" / "releases"

RELEASES = [
    "2024.12", "2025.2", "2025.4", "2025.6", "2025.8", "2025.10",
    "2025.12", "2026.2", "2026.5", "2026.8",
]
SHIPPED_FOLDERS = ["default", "system"]
INSTANTIATE = "blueprints.goauthentik.io/instantiate"

# File -> (first release that ships it, why).
SINCE = {
    "default/flow-default-request-flow.yaml": (
        "2026.8", "the request flow serves authentik_requests and brand.flow_request, new in 2026.8"),
    "default/rbac-role-agents.yaml": (
        "2026.8", "grants authentik_agents permissions; authentik_agents is new in 2026.8"),
    "default/flow-default-account-lockdown.yaml": (
        "2026.5", "binds authentik_stages_account_lockdown.accountlockdownstage, new in 2026.5"),
    "default/flow-endpoints-agent-psso-password.yaml": (
        "2025.12", "serves the endpoints agent's Platform SSO (endpoint connectors, 2025.12)"),
    "system/agent-apply-identity.yaml": (
        "2026.8", "one known version, not verified on a release branch: newest release only"),
    "default/app-authentik-admin.yaml": (
        "2026.8", "two known versions, not verified on a release branch: newest release only"),
    "default/app-authentik-user.yaml": (
        "2026.8", "two known versions, not verified on a release branch: newest release only"),
    "default/default-password-policy.yaml": (
        "2026.8", "one known version, not verified on a release branch: newest release only"),
}

# Objects authentik's startup code creates (not from a blueprint).
CODE_OBJECTS = [
    ("authentik/crypto/apps.py (self_signed)", "authentik_crypto.certificatekeypair",
     {"name": "authentik Self-signed Certificate"}),
    ("authentik/crypto/apps.py (managed_jwt_cert)", "authentik_crypto.certificatekeypair",
     {"name": "authentik Internal JWT Certificate", "managed": "goauthentik.io/crypto/jwt-managed"}),
    ("authentik/outposts/apps.py (embedded_outpost)", "authentik_outposts.outpost",
     {"name": "authentik Embedded Outpost", "managed": "goauthentik.io/outposts/embedded"}),
    ("authentik/core/apps.py (source_inbuilt)", "authentik_core.source",
     {"name": "authentik Built-in", "slug": "authentik-built-in",
      "managed": "goauthentik.io/sources/inbuilt"}),
    # Created by `outpost_connection_discovery` (authentik/outposts/tasks.py) when the
    # server runs inside Kubernetes or sees a Docker socket: not on every install, but a
    # blueprint that names them evidently targets such a server.
    ("authentik/outposts/tasks.py (outpost_connection_discovery, in Kubernetes)",
     "authentik_outposts.kubernetesserviceconnection", {"name": "Local Kubernetes Cluster", "local": "True"}),
    ("authentik/outposts/tasks.py (outpost_connection_discovery, with a Docker socket)",
     "authentik_outposts.dockerserviceconnection", {"name": "Local Docker connection", "local": "True"}),
]

SKIPPED_MODELS = {"authentik_flows.flowstagebinding", "authentik_policies.policybinding"}
# Long or secret values nobody looks objects up by.
SKIPPED_FIELDS = {"expression", "password", "raw_password", "key", "template", "attributes"}


class Tagged:
    """A custom tag's value, kept for !Context and otherwise opaque."""

    def __init__(self, tag, value):
        self.tag = tag
        self.value = value


class Loader(yaml.SafeLoader):
    pass


def _construct(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged("!" + suffix, value)


Loader.add_multi_constructor("!", _construct)


def scalar(value, context):
    """The literal scalar a field holds, as authentik compares it (str), or None."""
    if isinstance(value, Tagged):
        if value.tag == "!Context":
            key = value.value[0] if isinstance(value.value, list) else value.value
            return scalar(context.get(key), context) if key in context else None
        return None
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, str)) and not (isinstance(value, str) and "\n" in value):
        return str(value)
    return None


def release_index(version):
    return RELEASES.index(version)


def models_since(models):
    """First release whose per-release catalog has every model (None: no catalogs)."""
    if not RELEASES_DIR.is_dir():
        return None
    for release in RELEASES:
        path = RELEASES_DIR / f"{release}.json"
        if not path.is_file():
            continue
        known = set(json.loads(path.read_text(encoding="utf-8")).get("models", {}))
        if all(m in known for m in models):
            return release
    return None


def file_objects(root, rel):
    doc = yaml.load((root / rel).read_text(encoding="utf-8"), Loader=Loader)
    if not isinstance(doc, dict):
        return []
    labels = ((doc.get("metadata") or {}).get("labels") or {})
    if str(labels.get(INSTANTIATE, "")).lower() == "false":
        return []
    context = {k: v for k, v in (doc.get("context") or {}).items() if not isinstance(v, Tagged)}
    entries = [e for e in doc.get("entries") or [] if isinstance(e, dict)]
    models = sorted({e.get("model") for e in entries if isinstance(e.get("model"), str)})
    since, why = SINCE.get(rel, ("2024.12", "nearest copy (2025.12 era) used for older releases"))
    by_models = models_since([m for m in models if not m.startswith("authentik_blueprints.")])
    if by_models and release_index(by_models) > release_index(since):
        since, why = by_models, "first release whose catalog has every model the file uses"
    # Discovery records every file it applies as a blueprint instance, named after
    # `metadata.name` (else the path) with the path relative to the blueprints folder
    # (`check_blueprint_v1_file`); `metaapplyblueprint` looks instances up by these.
    name = (doc.get("metadata") or {}).get("name")
    out = [{"model": "authentik_blueprints.blueprintinstance",
            "fields": {"name": name if isinstance(name, str) else rel, "path": rel},
            "since": since, "source": f"blueprints/{rel}", "since_reason": why}]
    for entry in entries:
        model = entry.get("model")
        if not isinstance(model, str) or model.startswith("authentik_blueprints."):
            continue
        if model in SKIPPED_MODELS or entry.get("state") == "absent":
            continue
        fields = {}
        for section in ("identifiers", "attrs"):
            values = entry.get(section)
            if not isinstance(values, dict):
                continue
            for key, value in values.items():
                if key in SKIPPED_FIELDS or not isinstance(key, str):
                    continue
                text = scalar(value, context)
                if text is not None:
                    fields.setdefault(key, text)
        if fields:
            out.append({"model": model, "fields": fields, "since": since,
                        "source": f"blueprints/{rel}", "since_reason": why})
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("blueprints", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT))
    args = parser.parse_args()
    root = Path(args.blueprints)
    objects = []
    for folder in SHIPPED_FOLDERS:
        for path in sorted((root / folder).glob("**/*.yaml")):
            rel = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in Path(rel).parts):
                continue
            objects.extend(file_objects(root, rel))
    for source, model, fields in CODE_OBJECTS:
        objects.append({"model": model, "fields": fields, "since": "2024.12",
                        "source": source, "since_reason": "created at startup by every release"})
    objects.sort(key=lambda o: (o["model"], sorted(o["fields"].items()), o["source"]))
    lines = [json.dumps(o, sort_keys=True, ensure_ascii=False) for o in objects]
    body = ",\n".join("    " + line for line in lines)
    text = (
        "{\n"
        '  "generated_by": "scripts/gen_baseline.py",\n'
        f'  "releases": {json.dumps(RELEASES)},\n'
        '  "objects": [\n' + body + "\n  ]\n}\n"
    )
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"{len(objects)} objects -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
