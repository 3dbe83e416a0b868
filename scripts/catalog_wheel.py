"""Read an `authentik-client` wheel as data: its generated pydantic sources are parsed
with `ast`, never imported or executed.

What the wheel gives, per release (see docs/releases.md):

* `models/model_enum.py`: the model ids a blueprint entry may name;
* `models/<x>_request.py`: the write serializer of each model (field names in
  `__properties` order, JSON aliases, types, required = no default, nullable = the
  "(nullable)" branch of `to_dict`, `min_length`/`max_length`/`ge`/`le`, regular
  expressions from `field_validator`, descriptions);
* `models/<x>_enum.py` and the other `Enum` modules: the choices;
* response classes (`models/<x>.py`): the read-only fields (`excluded_fields` of
  `to_dict`), used for the concrete base models and the read-only-API models.

Standard library only.
"""

import ast
import re
import zipfile

MODELS_DIR = "authentik_client/models/"
DURATION_HINT = re.compile(r"\(Format: hours=")

SCALARS = {
    "StrictStr": ("string", None),
    "str": ("string", None),
    "StrictBool": ("boolean", None),
    "bool": ("boolean", None),
    "StrictInt": ("integer", None),
    "int": ("integer", None),
    "StrictFloat": ("number", None),
    "float": ("number", None),
    "UUID": ("string", "uuid"),
    "datetime": ("string", "date-time"),
    "date": ("string", "date"),
    "Any": ("any", None),
    "object": ("any", None),
}
# Keyword of pydantic's Field -> catalog key, for strings and numbers.
STRING_BOUNDS = {"min_length": "min_length", "max_length": "max_length"}
LIST_BOUNDS = {"min_length": "min_items", "max_length": "max_items"}
NUMBER_BOUNDS = {"ge": "minimum", "le": "maximum"}
# Every keyword of pydantic's Field the generated clients use; a new one (say `gt` or
# `pattern`) stops the generator rather than silently losing a constraint.
KNOWN_FIELD_KEYWORDS = {"description", "default", "strict", "min_length", "max_length",
                        "ge", "le", "alias"}


class WheelError(Exception):
    """The wheel has a shape this reader does not understand."""


class ClassInfo:
    """One generated pydantic class, as parsed from its module."""

    def __init__(self, name, module):
        self.name = name
        self.module = module
        self.fields = []  # (json name, annotation AST, default AST or None)
        self.nullable = set()
        self.read_only = set()
        self.patterns = {}
        self.enum_values = None  # list when the class is an Enum
        self.one_of = False


class Wheel:
    """The parsed `models/` package of one authentik-client wheel."""

    def __init__(self, path):
        self.classes = {}
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if not name.startswith(MODELS_DIR) or not name.endswith(".py"):
                    continue
                module = name[len(MODELS_DIR):-3]
                if "/" in module or module == "__init__":
                    continue
                tree = ast.parse(archive.read(info).decode("utf-8"), filename=name)
                for node in tree.body:
                    if isinstance(node, ast.ClassDef):
                        self.classes[node.name] = parse_class(node, module)
        self.by_lower = {}
        for name in self.classes:
            self.by_lower.setdefault(name.lower(), []).append(name)

    def model_ids(self):
        """The `ModelEnum` values, in the wheel's order."""
        model_enum = self.classes.get("ModelEnum")
        if model_enum is None or model_enum.enum_values is None:
            raise WheelError("models/model_enum.py has no ModelEnum")
        return list(model_enum.enum_values)

    def find_class(self, lower_name):
        """The class whose lower-cased name is `lower_name`, if exactly one."""
        found = self.by_lower.get(lower_name, [])
        if len(found) > 1:
            raise WheelError(f"several classes named {lower_name!r}: {found}")
        return self.classes[found[0]] if found else None

    def fields_of(self, cls, drop_read_only):
        """Catalog fields of a class: write serializer, or response minus read-only."""
        out = []
        for name, annotation, default in cls.fields:
            if drop_read_only and name in cls.read_only:
                continue
            field = {"name": name}
            field.update(self.convert(annotation, f"{cls.name}.{name}"))
            if name in cls.nullable:
                field["nullable"] = True
            if name in cls.patterns:
                field["pattern"] = cls.patterns[name]
            if is_required(default) and not drop_read_only:
                field["required"] = True
            description = keyword(default, "description")
            if isinstance(description, str) and DURATION_HINT.search(description):
                field["duration"] = True
            if name in cls.read_only and not drop_read_only:
                field["read_only"] = True
            out.append(field)
        return out

    def convert(self, node, where):
        """Convert one annotation to the catalog's field shape (without `name`)."""
        if isinstance(node, ast.Constant) and node.value is None:
            return {"type": "any"}
        if isinstance(node, ast.Name):
            return self.convert_name(node.id, where)
        if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
            raise WheelError(f"{where}: unsupported annotation {ast.unparse(node)}")
        outer = node.value.id
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer == "Optional":
            return self.convert(args[0], where)
        if outer == "Annotated":
            out = self.convert(args[0], where)
            bounds = {**NUMBER_BOUNDS}
            bounds.update(LIST_BOUNDS if out["type"] == "array" else STRING_BOUNDS)
            for extra in args[1:]:
                for key, out_key in bounds.items():
                    value = keyword(extra, key)
                    if value is not None:
                        out[out_key] = value
            return out
        if outer in ("List", "Set"):
            return {"type": "array", "items": self.convert(args[0], f"{where}[]")}
        if outer == "Dict":
            return {"type": "object"}
        if outer == "Union":
            kinds = [self.convert(arg, where) for arg in args]
            types = {kind["type"] for kind in kinds}
            if types <= {"integer", "number"}:
                return {"type": "number"}
            return {"type": "any"}
        raise WheelError(f"{where}: unsupported annotation {ast.unparse(node)}")

    def convert_name(self, name, where):
        if name in SCALARS:
            ty, fmt = SCALARS[name]
            return {"type": ty, "format": fmt} if fmt else {"type": ty}
        cls = self.classes.get(name)
        if cls is None:
            raise WheelError(f"{where}: unknown type {name}")
        if cls.enum_values is not None:
            return {"type": "string", "enum": list(cls.enum_values)}
        if cls.one_of:
            return {"type": "any"}
        out = {"type": "object"}
        if not name.endswith("Request"):
            # A response class nested in a read-only API (e.g. UserConsent.user):
            # nothing a blueprint writes, so its keys are not worth embedding.
            return out
        properties = self.fields_of(cls, drop_read_only=False)
        required = [p["name"] for p in properties if p.pop("required", False)]
        out["properties"] = properties
        if required:
            out["required_properties"] = required
        return out


def keyword(call, name):
    """The literal value of keyword `name` in a `Field(...)` call, if any."""
    if not isinstance(call, ast.Call):
        return None
    for kw in call.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value)
    return None


def parse_class(node, module):
    cls = ClassInfo(node.name, module)
    bases = {ast.unparse(base) for base in node.bases}
    if "Enum" in bases:
        cls.enum_values = [
            stmt.value.value
            for stmt in node.body
            if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ]
        return cls
    aliases = {}
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            attr = stmt.target.id
            if attr == "actual_instance":
                cls.one_of = True
            if attr.startswith("__") or attr in ("model_config", "actual_instance"):
                continue
            if ast.unparse(stmt.annotation).startswith("ClassVar"):
                continue
            if attr in ("one_of_schemas", "any_of_schemas", "discriminator_value_class_map"):
                continue
            for call in ast.walk(stmt):
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "Field":
                    unknown = {kw.arg for kw in call.keywords} - KNOWN_FIELD_KEYWORDS
                    if unknown:
                        raise WheelError(f"{node.name}.{attr}: unsupported Field keywords "
                                         f"{sorted(unknown)}")
            alias = keyword(stmt.value, "alias") if stmt.value is not None else None
            aliases[attr] = alias or attr
            cls.fields.append((alias or attr, stmt.annotation, stmt.value))
        elif isinstance(stmt, ast.FunctionDef):
            read_function(stmt, cls)
    # Validators and `excluded_fields` name Python attributes; the catalog uses JSON keys.
    cls.read_only = {aliases.get(name, name) for name in cls.read_only}
    cls.patterns = {aliases.get(name, name): value for name, value in cls.patterns.items()}
    return cls


def is_required(default):
    """No default at all, or `Field(...)` without `default=`: pydantic requires it."""
    if default is None:
        return True
    if isinstance(default, ast.Call) and ast.unparse(default.func) == "Field":
        return not any(kw.arg in ("default", "default_factory") for kw in default.keywords)
    return False


NULLABLE_CHECK = re.compile(r"^self\.(\w+) is None$")


def read_function(func, cls):
    """Nullable fields, read-only fields and regex validators from generated methods."""
    for decorator in func.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and ast.unparse(decorator.func) == "field_validator"
            and decorator.args
        ):
            field = ast.literal_eval(decorator.args[0])
            for call in ast.walk(func):
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "re.match":
                    cls.patterns[field] = ast.literal_eval(call.args[0])
            if field not in cls.patterns and field != "actual_instance":
                raise WheelError(f"{cls.name}.{field}: a validator this reader does not know")
    if func.name != "to_dict":
        return
    for stmt in ast.walk(func):
        if isinstance(stmt, ast.AnnAssign) and ast.unparse(stmt.target) == "excluded_fields":
            for item in ast.walk(stmt.value):
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    cls.read_only.add(item.value)
        if isinstance(stmt, ast.If) and isinstance(stmt.test, ast.BoolOp):
            first = ast.unparse(stmt.test.values[0])
            match = NULLABLE_CHECK.match(first)
            # `_dict['alias'] = None` names the JSON key.
            if match:
                for target in ast.walk(stmt):
                    if isinstance(target, ast.Subscript) and ast.unparse(target.value) == "_dict":
                        cls.nullable.add(ast.literal_eval(target.slice))
