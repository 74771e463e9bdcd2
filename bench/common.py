"""Shared helpers of the benchmark scripts: paths, Odoo bootstrap, JSON output.

The scripts run with ``PYTHONPATH=$ODOO_SRC``; this module imports ``odoo`` only
inside :func:`open_registry`, so ``--help`` works without it.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
ODOO_SRC = Path(os.environ.get("ODOO_SRC", "/opt/odoo/18.0"))
CACHE_DIR = BENCH_DIR / ".cache"
DATA_DIR = Path(os.environ.get("BENCH_DATA_DIR", CACHE_DIR / "odoo-data"))
ADDONS_PATH = ",".join(
    [str(ODOO_SRC / "addons"), str(ODOO_SRC / "odoo" / "addons"), str(ROOT)]
)


def open_registry(db):
    """Load Odoo's configuration and return the registry of ``db``."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            f"--addons-path={ADDONS_PATH}",
            f"--data-dir={DATA_DIR}",
            "--log-level=warn",
            "--no-http",
            "-d",
            db,
        ]
    )
    return Registry(db)


def superuser_env(cr, context=None):
    import odoo

    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))


def emit(record, stream=None):
    """Print one JSON object on one line (stdout unless ``stream``)."""
    print(json.dumps(record, default=str, sort_keys=False), file=stream or sys.stdout)
    (stream or sys.stdout).flush()


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def stats(samples):
    """Median/min/max of timing samples (seconds), rounded to the microsecond."""
    return {
        "median_s": round(statistics.median(samples), 6),
        "min_s": round(min(samples), 6),
        "max_s": round(max(samples), 6),
        "runs": len(samples),
    }


class Timer:
    """``with Timer() as t: ...`` then ``t.elapsed`` in seconds (wall clock)."""

    def __enter__(self):
        self.start = time.perf_counter()
        self.elapsed = None
        return self

    def __exit__(self, *exc):
        self.elapsed = time.perf_counter() - self.start
        return False
