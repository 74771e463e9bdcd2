# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The seams of the code, enforced instead of a line count.

- a model of an addon lives in one file: no second ``_inherit`` of the
  addon's own model elsewhere in the addon;
- no ``collection_*`` key is read from or put in the context outside the
  guard: state travels as arguments (the guard's sentinel is the only thing
  of ours in a context);
- every selection list of a field comes from a ``selections`` module;
- no template calls a service (``env[...]``): reports receive their data in
  ``_get_report_values``, and a mail template keeps at most one helper, which
  says what it does in a docstring.

Pure source checks: they read the files, no database.
"""

import ast
import re
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ("collections_addon", "collections_sale")
GUARD = ROOT / "collections_addon" / "models" / "collection_guard.py"
CONTEXT_KEY = re.compile(r"^collection_")


def python_files(addon):
    return sorted(
        path
        for path in (ROOT / addon).rglob("*.py")
        if "migrations" not in path.parts and path.name != "__manifest__.py"
    )


def model_classes(path):
    """``(class name, _name, _inherit list)`` of the Odoo classes of a file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        attrs = {}
        for item in node.body:
            if isinstance(item, ast.Assign) and len(item.targets) == 1:
                target = item.targets[0]
                if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                    attrs[target.id] = ast.literal_eval(item.value)
        if attrs:
            inherit = attrs.get("_inherit", [])
            inherit = [inherit] if isinstance(inherit, str) else list(inherit)
            yield node.name, attrs.get("_name"), inherit


def test_a_model_of_an_addon_lives_in_one_file():
    for addon in ADDONS:
        homes = {}
        extensions = []
        for path in python_files(addon):
            for _cls, name, inherit in model_classes(path):
                if name and name not in inherit:
                    assert name not in homes, f"{name}: {homes.get(name)} and {path}"
                    homes[name] = path
                else:
                    extensions += [(model, path) for model in inherit]
        for model, path in extensions:
            if model in homes:
                assert homes[model] == path, (
                    f"{path.relative_to(ROOT)} extends {model}, whose home is "
                    f"{homes[model].relative_to(ROOT)}: one file per model"
                )
            # An inherited core model too lives in one file of the addon.
        inherited = {}
        for model, path in extensions:
            if model not in homes:
                inherited.setdefault(model, set()).add(path)
        for model, paths in inherited.items():
            assert len(paths) == 1, f"{addon}: {model} is extended in {sorted(paths)}"


def constants(tree):
    """Module-level string constants: ``{name: value}``."""
    return {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def text_of(node, names):
    """The string a node stands for (a literal or a module constant)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    return None


def context_keys(tree):
    """The ``collection_*`` context keys a module reads or sets."""
    names = constants(tree)
    keys = []
    for sub in ast.walk(tree):
        # env.context.get("collection_x"), self._context.get(...)
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and sub.func.attr in ("get", "pop", "setdefault")
            and isinstance(sub.func.value, ast.Attribute)
            and sub.func.value.attr in ("context", "_context")
            and sub.args
            and text_of(sub.args[0], names)
        ):
            keys.append(text_of(sub.args[0], names))
        # context["collection_x"]
        if (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.value, ast.Attribute)
            and sub.value.attr in ("context", "_context")
            and text_of(sub.slice, names)
        ):
            keys.append(text_of(sub.slice, names))
        # with_context(collection_x=...) / with_context(**{"collection_x": ...})
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and sub.func.attr == "with_context"
        ):
            keys += [kw.arg for kw in sub.keywords if kw.arg]
            for kw in sub.keywords:
                if kw.arg is None and isinstance(kw.value, ast.Dict):
                    keys += [text_of(key, names) or "" for key in kw.value.keys]
    return [key for key in keys if CONTEXT_KEY.match(key)]


def test_no_collection_context_key_outside_the_guard():
    for addon in ADDONS:
        for path in python_files(addon):
            if path == GUARD:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            keys = context_keys(tree)
            assert not keys, f"{path.relative_to(ROOT)} uses context keys {keys}"
    for addon in ADDONS:
        for path in (ROOT / addon).rglob("*.xml"):
            text = path.read_text()
            found = re.findall(r"['\"](collection_[a-z_]+)['\"]\s*:", text)
            found = [
                key
                for key in found
                if not re.search(rf"(default|search_default)_{key}", text)
            ]
            assert not found, f"{path.relative_to(ROOT)} puts {found} in a context"


def test_every_selection_comes_from_a_selections_module():
    for addon in ADDONS:
        for path in python_files(addon):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "Selection"
                ):
                    continue
                values = list(node.args[:1]) + [
                    kw.value
                    for kw in node.keywords
                    if kw.arg in ("selection", "selection_add")
                ]
                for value in values:
                    assert not isinstance(value, ast.List | ast.Tuple), (
                        f"{path.relative_to(ROOT)}:{node.lineno}: a literal "
                        "selection list; put it in a selections module"
                    )


def templates():
    """``(file, id, text)`` of every QWeb report template and mail template."""
    for addon in ADDONS:
        for path in (ROOT / addon).rglob("*.xml"):
            root = etree.parse(str(path)).getroot()
            for node in root.iter("template"):
                yield path, node.get("id"), etree.tostring(node, encoding="unicode")
            for node in root.iter("record"):
                if node.get("model") == "mail.template":
                    yield path, node.get("id"), etree.tostring(node, encoding="unicode")


def test_no_template_calls_a_service():
    for path, xmlid, text in templates():
        assert "env[" not in text, f"{path.name} {xmlid} calls env[...]"


def helper_docstrings():
    """``{method name: docstring}`` of the methods of the addons."""
    docs = {}
    for addon in ADDONS:
        for path in python_files(addon):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef):
                    docs[node.name] = ast.get_docstring(node) or ""
    return docs


def test_a_template_keeps_at_most_one_documented_helper():
    docs = helper_docstrings()
    for path, xmlid, text in templates():
        helpers = set(re.findall(r"\.(_collection_[a-z_]+)\(", text))
        if "mail.template" in text:
            assert len(helpers) <= 1, f"{path.name} {xmlid} calls {sorted(helpers)}"
        else:
            assert not helpers, f"{path.name} {xmlid} calls {sorted(helpers)}"
        for helper in helpers:
            assert docs.get(helper), f"{helper} of {xmlid} says what it does"
