#!/usr/bin/env python3
"""Load blueprints exactly the way authentik does: the PyYAML oracle.

authentik reads a blueprint file with `open(path, encoding="utf-8").read()` (universal
newlines: CR LF and a lone CR become LF) and loads it with `yaml.load(text,
BlueprintLoader)`: PyYAML's pure-Python `SafeLoader` plus constructors for its 14 tags
(authentik/blueprints/v1/common.py). The constructors below touch the node exactly as
authentik's do, so they fail on the same node kinds (e.g. `!Format` on a mapping, `!If`
with two arguments, `!Index x`), with the same exception class.

Discovery (`blueprints_find`) catches only `yaml.YAMLError`: any other exception (a
`ValueError` from `2024-02-30`, a `KeyError` from `!!bool maybe`, an `IndexError` from
`!Env [x]`) escapes the loop, so the whole discovery run fails, not just the file. The
output says so with `"escapes": true`.

Usage (PyYAML 6.0.3, the version authentik pins):

    pyyaml_oracle.py [--values] FILE...   one JSON line per file
    pyyaml_oracle.py --batch [--values]   JSON lines {"id": ..., "text": ...} on stdin,
                                          one JSON line per input on stdout, same order

Each output line: {"path" or "id", "loads": bool, "error": exception class or null,
"escapes": bool, "message": str, "line": int, "column": int} and, with --values, "values":
every scalar node of the document in document order (an alias counts once), each
[type, value] with type one of null, bool, int, float, timestamp, str, binary, tag (a
scalar under one of authentik's tags) or error (a scalar authentik never constructs and
that would not construct), and value the Python repr for bool, int and float (else null).
"""

import datetime
import json
import sys

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

PINNED = "6.0.3"


# authentik's tag constructors, reduced to what they do to the node while loading.


class KeyOf:
    def __init__(self, loader, node):
        self.id_from = node.value


class ParseJSON:
    def __init__(self, loader, node):
        self.raw = node.value


class _KeyWithDefault:
    """!Env, !File, !Context: a scalar key, or a sequence [key, default]."""

    def __init__(self, loader, node):
        self.default = None
        if isinstance(node, ScalarNode):
            self.key = node.value
        if isinstance(node, SequenceNode):
            self.key = loader.construct_object(node.value[0])
            self.default = loader.construct_object(node.value[1])


class Env(_KeyWithDefault):
    pass


class File(_KeyWithDefault):
    pass


class Context(_KeyWithDefault):
    pass


class _FirstThenArgs:
    """!Format and !Condition: node.value[0], then every further item."""

    def __init__(self, loader, node):
        self.head = loader.construct_object(node.value[0])
        self.args = [loader.construct_object(raw) for raw in node.value[1:]]


class Format(_FirstThenArgs):
    pass


class Condition(_FirstThenArgs):
    pass


class Find:
    def __init__(self, loader, node):
        self.model_name = loader.construct_object(node.value[0])
        self.conditions = []
        for raw_node in node.value[1:]:
            values = []
            for node_values in raw_node.value:
                values.append(loader.construct_object(node_values))
            self.conditions.append(values)


class FindObject(Find):
    pass


class If:
    def __init__(self, loader, node):
        self.condition = loader.construct_object(node.value[0])
        if len(node.value) == 1:
            self.when_true, self.when_false = True, False
        else:
            self.when_true = loader.construct_object(node.value[1])
            self.when_false = loader.construct_object(node.value[2])


class Enumerate:
    def __init__(self, loader, node):
        self.iterable = loader.construct_object(node.value[0])
        self.output_body = loader.construct_object(node.value[1])
        self.item_body = loader.construct_object(node.value[2])


class _EnumeratedItem:
    def __init__(self, loader, node):
        self.depth = int(node.value)


class Value(_EnumeratedItem):
    pass


class Index(_EnumeratedItem):
    pass


class AtIndex:
    def __init__(self, loader, node):
        self.obj = loader.construct_object(node.value[0])
        self.attribute = loader.construct_object(node.value[1])
        if len(node.value) != 2:
            self.default = loader.construct_object(node.value[2])


TAGS = {
    "!KeyOf": KeyOf,
    "!Find": Find,
    "!FindObject": FindObject,
    "!Context": Context,
    "!Format": Format,
    "!Condition": Condition,
    "!If": If,
    "!Env": Env,
    "!File": File,
    "!Enumerate": Enumerate,
    "!Value": Value,
    "!Index": Index,
    "!AtIndex": AtIndex,
    "!ParseJSON": ParseJSON,
}


class BlueprintLoader(yaml.SafeLoader):
    """authentik's loader; also keeps the document's node graph and what was built."""

    root = None
    built = {}

    def get_single_data(self):
        self.root = self.get_single_node()
        if self.root is not None:
            return self.construct_document(self.root)
        return None

    def construct_document(self, node):
        # `construct_document` replaces the dict when it finishes: keep this one.
        self.built = self.constructed_objects
        return super().construct_document(node)


for _name, _constructor in TAGS.items():
    BlueprintLoader.add_constructor(_name, _constructor)


def read_as_authentik(data: bytes) -> str:
    """`open(path, encoding="utf-8").read()`: strict UTF-8, universal newlines."""
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def type_of(value):
    if value is None:
        return "null", None
    if isinstance(value, bool):
        return "bool", repr(value)
    if isinstance(value, int):
        return "int", repr(value)
    if isinstance(value, float):
        return "float", repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "timestamp", None
    if isinstance(value, bytes):
        return "binary", None
    if isinstance(value, str):
        return "str", None
    return type(value).__name__, None


def scalar_values(loader):
    """Every scalar node once, in document order, with the type authentik gets."""
    out = []
    seen = set()
    stack = [loader.root] if loader.root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag in TAGS:
                out.append((node.start_mark.index, ["tag", None]))
                continue
            if node in loader.built:
                value = loader.built[node]
            else:
                # Under a tag that never constructs its arguments (`!KeyOf [..]`).
                try:
                    value = yaml.SafeLoader("").construct_object(node, deep=True)
                except Exception:  # noqa: BLE001 - any failure is the answer
                    out.append((node.start_mark.index, ["error", None]))
                    continue
            out.append((node.start_mark.index, list(type_of(value))))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.append(value)
                stack.append(key)
    out.sort(key=lambda pair: pair[0])
    return [value for _, value in out]


def load(data: bytes, values: bool) -> dict:
    result = {"loads": True, "error": None, "escapes": False, "message": ""}
    try:
        text = read_as_authentik(data)
    except UnicodeDecodeError as exc:
        return {**result, "loads": False, "error": "UnicodeDecodeError", "escapes": True,
                "message": str(exc)}
    loader = None
    try:
        # The reader checks the whole text for non-printable characters right here.
        loader = BlueprintLoader(text)
        loader.get_single_data()
    except RecursionError as exc:
        return {**result, "loads": False, "error": "RecursionError", "escapes": True,
                "message": str(exc)}
    except Exception as exc:  # noqa: BLE001 - the exception class is the answer
        result.update(loads=False, error=type(exc).__name__, message=str(exc),
                      escapes=not isinstance(exc, yaml.YAMLError))
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            result.update(line=mark.line + 1, column=mark.column + 1)
        return result
    finally:
        if loader is not None:
            loader.dispose()
    if values:
        result["values"] = scalar_values(loader)
    return result


def main(argv):
    if yaml.__version__ != PINNED:
        print(f"pyyaml_oracle: PyYAML {PINNED} is required (authentik pins it), found "
              f"{yaml.__version__}", file=sys.stderr)
        return 2
    values = "--values" in argv
    args = [a for a in argv if a != "--values"]
    sys.setrecursionlimit(1000)  # CPython's default, as in authentik's worker
    out = sys.stdout
    if args == ["--batch"]:
        for line in sys.stdin:
            if not line.strip():
                continue
            item = json.loads(line)
            result = load(item["text"].encode("utf-8", "surrogatepass"), values)
            out.write(json.dumps({"id": item.get("id"), **result}) + "\n")
        return 0
    if not args or any(a.startswith("-") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    for path in args:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            result = {"loads": False, "error": type(exc).__name__, "escapes": False,
                      "message": str(exc)}
        else:
            result = load(data, values)
        out.write(json.dumps({"path": path, **result}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
