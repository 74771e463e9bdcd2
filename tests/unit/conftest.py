# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load ``collections_addon/lib`` as the standalone package ``collections_lib``.

Importing ``collections_addon.lib`` would run ``collections_addon/__init__.py``,
which imports the models and therefore ``odoo``. The pure tests here must run
without Odoo, so lib is loaded on its own; its relative imports still work.
"""

import importlib.util
import sys
from pathlib import Path

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
