# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load ``collections_addon/lib`` as the standalone package ``collections_lib``.

Importing ``collections_addon.lib`` would run ``collections_addon/__init__.py``,
which imports the models and therefore ``odoo``. The pure tests here must run
without Odoo, so lib is loaded on its own; its relative imports still work.
"""

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pytest

_LIB = Path(__file__).resolve().parents[2] / "collections_addon" / "lib"
_spec = importlib.util.spec_from_file_location(
    "collections_lib", _LIB / "__init__.py", submodule_search_locations=[str(_LIB)]
)
sys.modules["collections_lib"] = _mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)


# pytest-odoo declares these two fixtures autouse: the first loads the Odoo
# registry (it needs a database), the second flips Odoo's test flag. The pure
# tests use neither, so they are overridden here with no-ops; tests in other
# folders keep pytest-odoo's versions.
@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """No Odoo registry for the pure unit tests."""
    yield


@pytest.fixture(scope="module", autouse=True)
def enable_odoo_test_flag():
    """No Odoo test flag for the pure unit tests."""
    yield


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


class Cell(NamedTuple):
    """One cell as stored: its formula, its text (string cells), its number."""

    formula: str | None
    text: str | None
    number: float | None


def _read_cells(content, sheet=1):
    """``{ref: Cell}`` of one sheet of XLSX bytes.

    Reads the XML itself (zipfile), so the test sees what Excel would see:
    a ``<f>`` element is a formula, whatever the cell shows.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = [
                "".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))
                for si in root.findall("m:si", _NS)
            ]
        root = ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{sheet}.xml"))
    cells = {}
    for cell in root.iter(f"{{{_NS['m']}}}c"):
        formula = cell.find("m:f", _NS)
        value = cell.find("m:v", _NS)
        kind = cell.get("t")
        text = number = None
        if kind == "s":
            text = shared[int(value.text)]
        elif kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
        elif kind is None and formula is None and value is not None:
            number = float(value.text)
        cells[cell.get("r")] = Cell(
            None if formula is None else formula.text, text, number
        )
    return cells


@pytest.fixture
def xlsx_cells():
    """Read the cells of a sheet of XLSX bytes: ``xlsx_cells(content, sheet=1)``."""
    return _read_cells
