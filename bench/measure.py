"""Measure collections_addon on a restored benchmark database.

Usage: ``PYTHONPATH=$ODOO_SRC python bench/measure.py --db DB --hooks FILE
[--size S] [--out bench/results/latest_S.md]``.

Prints one JSON object per line on stdout, then writes a markdown table of the
figures to ``--out`` (and to stderr). Every timed figure is the median, min and
max of 3 warm runs (one untimed warm-up run first), compared with the reference
R: one grouped aging query over the open receivable lines in raw SQL.

The data set is "as of" the anchor date of the hooks file: the refresh is run
with that date, so the aging is the one the generator planned.
"""

import argparse
import io
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import commitments  # noqa: E402
import peer_oca  # noqa: E402
from common import Timer, emit, log, open_registry, stats, superuser_env  # noqa: E402

RUNS = 3
# Bucket bounds of the reference query, written here independently of the addon.
BUCKETS = (
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("91_180", 91, 180),
    ("181_365", 181, 365),
    ("over_365", 366, None),
)
# Later phases of the daily run: the models that implement them and the words
# that tie one of the addon's crons to the phase.
LATER_PHASES = {
    "actions": (
        ("collection.escalation", "collection.level"),
        ("escalat", "dunning"),
    ),
}
XLSX_DEBTORS = {"S": None, "M": 20000}
SECTIONS = ("refresh", "peer", "cron", "phases", "panel", "xlsx")
SLICE_LIMIT_S = 10.0
# The measured daily run acts on at most this many debtors per company.
DAILY_ACT_LIMIT = int(os.environ.get("BENCH_ACT_LIMIT", "40"))
MAX_SLICES = 200
# Later phases change state and can be long: measure their first slices only.
PHASE_SLICES = int(os.environ.get("BENCH_PHASE_SLICES", "5"))
# The refresh cron of the addon (collection.ledger), told apart from the run cron.
REFRESH_CRON_CODE = "_cron_refresh()"
TABLE_RE = re.compile(r'FROM\s+"?(\w+)"?', re.IGNORECASE)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------------------
# Query probe
# ---------------------------------------------------------------------------


class Probe:
    """Counts and times every query of this thread, and labels some of them.

    Odoo's cursor increments ``query_count``/``query_time`` of the current
    thread and calls its ``query_hooks`` for every ``execute``.
    """

    def __init__(self):
        self.thread = threading.current_thread()
        self.thread.query_count = 0
        self.thread.query_time = 0.0
        self.thread.query_hooks = [self._hook]
        self.marks = {}
        self.sql = defaultdict(lambda: [0, 0.0])
        self.sections = defaultdict(float)
        self.section_queries = defaultdict(int)
        self.calls = defaultdict(int)
        self._depth = defaultdict(int)
        self.missing = []
        self.captured = None

    def _hook(self, cr, query, params, start, delay):
        if self.captured is not None:
            match = TABLE_RE.search(query)
            self.captured.append(match.group(1) if match else query[:40])
        label = self.marks.get(query)
        if label:
            self.sql[label][0] += 1
            self.sql[label][1] += delay

    def mark_sql(self, cls, name, label):
        """Label the queries built by method ``name`` (it returns an SQL object)."""
        original = getattr(cls, name, None)
        if original is None:
            self.missing.append(name)
            return
        probe = self

        def wrapper(self, *args, **kwargs):
            query = original(self, *args, **kwargs)
            probe.marks[getattr(query, "code", query)] = label
            return query

        setattr(cls, name, wrapper)

    def time_method(self, cls, name, label):
        """Add the wall time of the outermost calls of ``name`` to ``label``."""
        original = getattr(cls, name, None)
        if original is None:
            self.missing.append(name)
            return
        probe = self

        def wrapper(self, *args, **kwargs):
            probe._depth[label] += 1
            start = time.perf_counter()
            queries = probe.thread.query_count
            try:
                return original(self, *args, **kwargs)
            finally:
                probe._depth[label] -= 1
                if not probe._depth[label]:
                    probe.sections[label] += time.perf_counter() - start
                    probe.section_queries[label] += probe.thread.query_count - queries
                    probe.calls[label] += 1

        setattr(cls, name, wrapper)

    def snapshot(self):
        return {
            "count": self.thread.query_count,
            "time": self.thread.query_time,
            "sql": {k: list(v) for k, v in self.sql.items()},
            "sections": dict(self.sections),
            "section_queries": dict(self.section_queries),
            "calls": dict(self.calls),
        }

    def delta(self, before):
        after = self.snapshot()
        sql = {
            label: (
                count - before["sql"].get(label, [0, 0.0])[0],
                seconds - before["sql"].get(label, [0, 0.0])[1],
            )
            for label, (count, seconds) in after["sql"].items()
        }
        sections = {
            label: seconds - before["sections"].get(label, 0.0)
            for label, seconds in after["sections"].items()
        }
        return {
            "queries": after["count"] - before["count"],
            "sql_s": after["time"] - before["time"],
            "sql": sql,
            "sections": sections,
            "section_queries": {
                label: count - before["section_queries"].get(label, 0)
                for label, count in after["section_queries"].items()
            },
            "calls": {
                label: count - before["calls"].get(label, 0)
                for label, count in after["calls"].items()
            },
        }


# ---------------------------------------------------------------------------
# Reference queries
# ---------------------------------------------------------------------------


def reference_sql():
    """R: aging per company and commercial partner, seven buckets + oldest days."""
    days = "(%(today)s::date - aml.date_maturity)"
    columns = []
    for name, low, high in BUCKETS:
        conditions = ["aml.amount_residual > 0"]
        if low is None:
            conditions.append(f"(aml.date_maturity IS NULL OR {days} <= {high})")
        else:
            conditions.append(f"{days} >= {low}")
            if high is not None:
                conditions.append(f"{days} <= {high}")
        columns.append(
            f"COALESCE(SUM(aml.amount_residual) FILTER (WHERE "
            f"{' AND '.join(conditions)}), 0) AS aging_{name}"
        )
    columns.append(
        f"COALESCE(MAX({days}) FILTER (WHERE aml.amount_residual > 0 "
        f"AND {days} > 0), 0) AS max_days_overdue"
    )
    return f"""
        SELECT aml.company_id,
               COALESCE(p.commercial_partner_id, p.id) AS partner_id,
               {", ".join(columns)}
          FROM account_move_line aml
          JOIN account_account acc ON acc.id = aml.account_id
          JOIN res_partner p ON p.id = aml.partner_id
         WHERE aml.parent_state = 'posted'
           AND acc.account_type = 'asset_receivable'
           AND NOT aml.reconciled
           AND aml.amount_residual != 0
         GROUP BY 1, 2
    """


def upsert_sql(cr):
    """R + one set-based upsert of every debtor row (INSERT ... ON CONFLICT)."""
    figures = [f"aging_{name}" for name, _low, _high in BUCKETS] + ["max_days_overdue"]
    explicit = {"id", "partner_id", "company_id", *figures}
    explicit |= {"create_uid", "write_uid", "create_date", "write_date"}
    # Other NOT NULL columns without default are taken from the existing row.
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'collection_debtor' AND is_nullable = 'NO'
              AND column_default IS NULL"""
    )
    copied = sorted(
        {row[0] for row in cr.fetchall()} - explicit | {"currency_id", "name", "active"}
    )
    insert_cols = ["partner_id", "company_id", *figures, *copied]
    insert_cols += ["create_uid", "write_uid", "create_date", "write_date"]
    select_cols = ["r.partner_id", "r.company_id", *(f"r.{f}" for f in figures)]
    select_cols += [f"e.{col}" for col in copied]
    select_cols += ["1", "1", "NOW() AT TIME ZONE 'UTC'", "NOW() AT TIME ZONE 'UTC'"]
    updates = [f"{col} = EXCLUDED.{col}" for col in [*figures, "write_date"]]
    return f"""
        INSERT INTO collection_debtor ({", ".join(insert_cols)})
        SELECT {", ".join(select_cols)}
          FROM ({reference_sql()}) r
          LEFT JOIN collection_debtor e
                 ON e.partner_id = r.partner_id AND e.company_id = r.company_id
        ON CONFLICT (partner_id, company_id) DO UPDATE SET {", ".join(updates)}
    """


# ---------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------


class Bench:
    def __init__(self, env, probe, hooks, size):
        self.env = env
        self.cr = env.cr
        self.probe = probe
        self.hooks = hooks
        self.size = size
        self.today = date.fromisoformat(hooks["anchor"])
        self.companies = env["res.company"].browse(hooks["companies"])
        self.results = {}
        self.rows = []  # markdown rows: (figure, value, ratio, target, holds)
        # The refresh is the ledger service, the run the escalation service
        # (see collections_addon/readme/ARCHITECTURE.md).
        Ledger = env.registry["collection.ledger"]
        probe.mark_sql(Ledger, "_figures_query", "figures_sql")
        probe.mark_sql(Ledger, "_behaviour_query", "behaviour_sql")
        Debtor = env.registry["collection.debtor"]
        Escalation = env.registry["collection.escalation"]
        Commitments = env.registry["collection.commitments"]
        for cls, method, label in (
            (Ledger, "_compute_values", "classification_py"),
            (Ledger, "_bulk_update", "write_update"),
            (Debtor, "create", "write_create"),
            (Ledger, "_refresh_figures", "phase_figures"),
            (Ledger, "_refresh_classification", "phase_classification"),
            (Ledger, "_stored_rows", "stored_rows"),
            (Commitments, "_follow_company", "phase_promises_plans"),
            (Escalation, "_decide", "phase_decide"),
            (Escalation, "_close_episodes", "phase_episodes"),
            # The actions of a slice, all of it: the debtors locked, the
            # letters rendered in a batch, each debtor's action, the slice's
            # records created together and the ORM's flush at its end.
            (Escalation, "_act_batched", "phase_act"),
        ):
            probe.time_method(cls, method, label)

    # --- output helpers ---
    def out(self, figure, **values):
        record = {"figure": figure, **values}
        self.results[figure] = record
        emit(record)
        return record

    def row(self, figure, value, ratio=None, target="", holds=None):
        self.rows.append((figure, value, ratio, target, holds))

    def timed(self, func, runs=RUNS, warmup=True, before_each=None):
        """Run ``func`` (1 untimed warm-up, then ``runs`` times): samples, deltas."""
        if warmup:
            if before_each:
                before_each()
            func()
        samples, deltas, results = [], [], []
        for _run in range(runs):
            if before_each:
                before_each()
            snap = self.probe.snapshot()
            with Timer() as timer:
                results.append(func())
            samples.append(timer.elapsed)
            deltas.append(self.probe.delta(snap))
        return samples, deltas, results

    def open_lines(self, partner_id, company_id):
        self.cr.execute(
            """SELECT COUNT(*) FROM account_move_line aml
                 JOIN account_account acc ON acc.id = aml.account_id
                 JOIN res_partner p ON p.id = aml.partner_id
                WHERE COALESCE(p.commercial_partner_id, p.id) = %s
                  AND aml.company_id = %s AND aml.parent_state = 'posted'
                  AND acc.account_type = 'asset_receivable'
                  AND NOT aml.reconciled AND aml.amount_residual != 0""",
            [partner_id, company_id],
        )
        return self.cr.fetchone()[0]

    def debtor_count(self):
        self.cr.execute("SELECT COUNT(*) FROM collection_debtor")
        return self.cr.fetchone()[0]

    def debtor_writes(self):
        self.cr.execute(
            """SELECT COALESCE(SUM(n_tup_ins), 0), COALESCE(SUM(n_tup_upd), 0)
                 FROM pg_stat_xact_user_tables WHERE relname = 'collection_debtor'"""
        )
        inserted, updated = self.cr.fetchone()
        return int(inserted), int(updated)

    # --- 1. reference ---
    def reference(self):
        query = reference_sql()

        def run():
            self.cr.execute(query, {"today": self.today})
            return len(self.cr.fetchall())

        samples, _deltas, results = self.timed(run)
        self.R = statistics.median(samples)
        self.cr.execute(
            """SELECT COUNT(*) FROM account_move_line aml
                 JOIN account_account acc ON acc.id = aml.account_id
                WHERE aml.parent_state = 'posted'
                  AND acc.account_type = 'asset_receivable'
                  AND NOT aml.reconciled AND aml.amount_residual != 0"""
        )
        open_lines = self.cr.fetchone()[0]
        self.out(
            "R.reference_aging_sql",
            **stats(samples),
            groups=results[0],
            open_receivable_lines=open_lines,
        )
        self.row("R: grouped aging SQL", self.fmt(samples), 1.0, "reference", None)

    def upsert_reference(self):
        query = upsert_sql(self.cr)

        def run():
            self.cr.execute("SAVEPOINT bench_upsert")
            self.cr.execute(query, {"today": self.today})
            count = self.cr.rowcount
            self.cr.execute("ROLLBACK TO SAVEPOINT bench_upsert")
            return count

        samples, _deltas, results = self.timed(run)
        self.RU = statistics.median(samples)
        self.out(
            "R_upsert.reference_upsert_sql",
            **stats(samples),
            rows=results[0],
            ratio_to_R=round(self.RU / self.R, 2),
            note="one INSERT ... SELECT <R> ... ON CONFLICT DO UPDATE of every "
            "debtor row (R included), rolled back",
        )
        self.row(
            "R+U: R + set-based upsert of all debtors",
            self.fmt(samples),
            self.RU / self.R,
            "reference",
            None,
        )
        self.cr.commit()
        self.vacuum("collection_debtor")

    def vacuum(self, table):
        """VACUUM needs autocommit: use a separate connection."""
        import odoo

        connection = odoo.sql_db.db_connect(self.cr.dbname)
        with connection.cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(f"VACUUM ANALYZE {table}")

    # --- 2-4. daily refresh ---
    def refresh_once(self, label, tracemalloc_on=False):
        Ledger = self.env["collection.ledger"]
        self.env.invalidate_all()
        ins0, upd0 = self.debtor_writes()
        snap = self.probe.snapshot()
        rss0 = rss_mb()
        if tracemalloc_on:
            tracemalloc.start()
        with Timer() as timer:
            written = Ledger._refresh_companies(self.companies, today=self.today)
        peak = None
        if tracemalloc_on:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        delta = self.probe.delta(snap)
        ins1, upd1 = self.debtor_writes()
        self.cr.commit()
        figures_n, figures_s = delta["sql"].get("figures_sql", (0, 0.0))
        behaviour_n, behaviour_s = delta["sql"].get("behaviour_sql", (0, 0.0))
        sections = delta["sections"]
        return {
            "label": label,
            "wall_s": timer.elapsed,
            "queries": delta["queries"],
            "sql_total_s": delta["sql_s"],
            "grouped_sql_s": figures_s + behaviour_s,
            "figures_sql_s": figures_s,
            "behaviour_sql_s": behaviour_s,
            "grouped_sql_queries": figures_n + behaviour_n,
            "python_s": timer.elapsed - delta["sql_s"],
            "classification_py_s": sections.get("classification_py", 0.0),
            "write_update_s": sections.get("write_update", 0.0),
            "phase_figures_s": sections.get("phase_figures", 0.0),
            "phase_classification_s": sections.get("phase_classification", 0.0),
            "stored_rows_s": sections.get("stored_rows", 0.0),
            "write_create_s": sections.get("write_create", 0.0),
            "rows_written_return": written,
            "rows_inserted_pg": ins1 - ins0,
            "rows_updated_pg": upd1 - upd0,
            "rss_delta_mb": round(rss_mb() - rss0, 1),
            "tracemalloc_peak_mb": round(peak, 1) if peak is not None else None,
        }

    def refresh_cold(self):
        cold = self.refresh_once("cold")
        self.debtors = self.debtor_count()
        self.out(
            "refresh.cold",
            **self.rounded(cold),
            debtors=self.debtors,
            ratio_to_R=round(cold["wall_s"] / self.R, 2),
            note="first run: creates every debtor row (ORM create)",
        )
        self.row(
            "Refresh, cold (creates the debtor rows)",
            f"{cold['wall_s']:.3f} s, {cold['queries']} queries",
            cold["wall_s"] / self.R,
            "",
            None,
        )
        self.vacuum("collection_debtor")

    def refresh_warm(self):
        def force_changes():
            self.cr.execute("UPDATE collection_debtor SET amount_due = amount_due + 1")
            self.cr.commit()

        warm = []
        self.refresh_once("warm-up")
        for _run in range(RUNS):
            force_changes()
            warm.append(self.refresh_once("warm"))
        self.report_refresh("refresh.figures", warm, "all rows changed")
        same = [self.refresh_once("same-day") for _run in range(RUNS)]
        self.report_refresh("refresh.same_day", same, "nothing changed")
        force_changes()
        memory = self.refresh_once("memory", tracemalloc_on=True)
        self.out(
            "refresh.memory",
            tracemalloc_peak_mb=memory["tracemalloc_peak_mb"],
            rss_peak_mb=round(rss_mb(), 1),
            debtors=self.debtors,
            note="one all-rows-changed run under tracemalloc (not timed); rss "
            "is the process high-water mark so far",
        )
        self.row(
            "Refresh, Python peak memory (tracemalloc)",
            f"{memory['tracemalloc_peak_mb']} MB",
            None,
            "",
            None,
        )

    def profile_refresh(self, out_dir):
        """cProfile one all-changed and one same-day run (not timed): evidence."""
        import cProfile
        import pstats

        Ledger = self.env["collection.ledger"]
        texts, tops = [], {}
        for label in ("all_rows_changed", "same_day"):
            if label == "all_rows_changed":
                self.cr.execute(
                    "UPDATE collection_debtor SET amount_due = amount_due + 1"
                )
            self.cr.commit()
            self.env.invalidate_all()
            profiler = cProfile.Profile()
            profiler.enable()
            Ledger._refresh_companies(self.companies, today=self.today)
            profiler.disable()
            self.cr.commit()
            buffer = io.StringIO()
            stat = pstats.Stats(profiler, stream=buffer)
            stat.sort_stats("tottime").print_stats(25)
            stat.sort_stats("cumulative").print_stats(40)
            texts.append(f"=== refresh, {label} ===\n{buffer.getvalue()}")
            entries = sorted(
                stat.stats.items(), key=lambda item: item[1][2], reverse=True
            )[:8]
            tops[label] = [
                {
                    "function": f"{Path(key[0]).name}:{key[1]}({key[2]})",
                    "calls": value[1],
                    "tottime_s": round(value[2], 3),
                    "cumtime_s": round(value[3], 3),
                }
                for key, value in entries
            ]
        path = Path(out_dir) / f"profile_refresh_{self.size}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(texts))
        self.out(
            "refresh.profile",
            top_tottime=tops,
            file=str(path),
            note="cProfile of one run each (not timed; profiling slows Python)",
        )

    def report_refresh(self, figure, runs, note):
        walls = [r["wall_s"] for r in runs]
        median = statistics.median(walls)
        pick = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
        queries = pick["queries"]
        written = [r["rows_written_return"] for r in runs]
        updated = [r["rows_updated_pg"] + r["rows_inserted_pg"] for r in runs]
        record = {
            **stats(walls),
            "ratio_to_R": round(median / self.R, 2),
            "debtors": self.debtors,
            "queries": queries,
            "queries_per_debtor": round(queries / max(self.debtors, 1), 4),
            "rows_written_return": written,
            "rows_written_pg": updated,
            "phases_median": {
                "grouped_sql_s": self.med(runs, "grouped_sql_s"),
                "figures_sql_s": self.med(runs, "figures_sql_s"),
                "behaviour_sql_s": self.med(runs, "behaviour_sql_s"),
                "sql_total_s": self.med(runs, "sql_total_s"),
                "python_s": self.med(runs, "python_s"),
                "classification_py_s": self.med(runs, "classification_py_s"),
                "write_update_s": self.med(runs, "write_update_s"),
                "phase_figures_s": self.med(runs, "phase_figures_s"),
                "phase_classification_s": self.med(runs, "phase_classification_s"),
                "stored_rows_s": self.med(runs, "stored_rows_s"),
            },
            "note": note,
        }
        if figure == "refresh.figures":
            phases = record["phases_median"]
            figures_phase = phases["phase_figures_s"]
            holds = figures_phase <= 2 * self.R
            record.update(
                target="figures phase <= 2 x R",
                holds=holds,
                figures_phase_ratio_to_R=round(figures_phase / self.R, 2),
            )
            self.row(
                "Refresh, all rows changed (both phases + write)",
                self.fmt(walls),
                median / self.R,
                "",
                None,
            )
            self.row(
                "  phase 1, figures (grouped aging SQL + values)",
                f"{figures_phase:.3f} s (SQL {phases['figures_sql_s']:.3f} s)",
                figures_phase / self.R,
                "<= 2 x R",
                holds,
            )
            self.row(
                "  phase 2, classification (behaviour SQL + lib rules)",
                f"{phases['phase_classification_s']:.3f} s (behaviour SQL "
                f"{phases['behaviour_sql_s']:.3f} s, lib "
                f"{phases['classification_py_s']:.3f} s)",
                phases["phase_classification_s"] / self.R,
                "",
                None,
            )
            self.row(
                "  read stored rows / write changed rows (UPDATE ... FROM UNNEST)",
                f"{phases['stored_rows_s']:.3f} s / {phases['write_update_s']:.3f} s",
                None,
                "",
                None,
            )
        else:
            limit = 3 * self.RU
            zero = not any(written) and not any(updated)
            holds = median <= limit and zero
            record.update(
                ratio_to_R_plus_upsert=round(median / self.RU, 2),
                target="<= 3 x (R + upsert) and 0 rows written",
                holds=holds,
            )
            self.row(
                "Refresh, same-day re-run (nothing due)",
                self.fmt(walls) + f"; rows written {max(updated)}",
                median / self.R,
                f"<= 3 x (R+U) = {limit:.3f} s, 0 rows",
                holds,
            )
        self.row(
            f"  queries ({figure.split('.')[1]})",
            f"{queries} ({record['queries_per_debtor']} per debtor)",
            None,
            "",
            None,
        )
        self.out(figure, **record)

    # --- 5. cron slices ---
    def addon_crons(self):
        self.cr.execute(
            """SELECT res_id FROM ir_model_data
                WHERE module = 'collections_addon' AND model = 'ir.cron'"""
        )
        ids = [row[0] for row in self.cr.fetchall()]
        return self.env["ir.cron"].browse(ids).exists().sorted("id")

    def run_cron(self, cron, limit=MAX_SLICES):
        """Emulate the cron runner: call until no progress remains; time each call."""
        slices = []
        cron = cron.with_user(cron.user_id).with_context(cron_id=cron.id)
        for _index in range(limit):
            cron, progress = cron._add_progress()
            self.cr.commit()
            self.env.invalidate_all()
            ins0, upd0 = self.debtor_writes()
            snap = self.probe.snapshot()
            with Timer() as timer:
                cron._callback(cron.cron_name, cron.ir_actions_server_id.id)
                delta = self.probe.delta(snap)
                ins1, upd1 = self.debtor_writes()  # before the commit resets them
                self.cr.commit()
            slices.append(
                {
                    "s": round(timer.elapsed, 4),
                    "queries": delta["queries"],
                    "debtor_rows_written": ins1 - ins0 + upd1 - upd0,
                    "done": progress.done,
                    "remaining": progress.remaining,
                }
            )
            if not progress.remaining or not progress.done:
                break
        return slices

    def cron_slices(self):
        crons = self.addon_crons()
        refresh = crons.filtered(lambda c: REFRESH_CRON_CODE in (c.code or ""))
        if not refresh:
            self.out("cron.refresh_slices", status="not_found")
            return
        self.cr.execute("UPDATE res_company SET collection_refresh_date = NULL")
        self.cr.commit()
        slices = self.run_cron(refresh[:1])
        longest = max(s["s"] for s in slices)
        holds = longest <= SLICE_LIMIT_S
        self.out(
            "cron.refresh_slices",
            slices=slices,
            max_slice_s=longest,
            ratio_to_R=round(longest / self.R, 2),
            target=f"every slice <= {SLICE_LIMIT_S} s",
            holds=holds,
            note="cron runner emulated (progress record, commit per call); "
            "the cron refreshes with the real date, so every row changes",
        )
        self.row(
            f"Cron refresh: largest slice ({len(slices)} calls)",
            f"{longest:.3f} s",
            longest / self.R,
            f"<= {SLICE_LIMIT_S:.0f} s",
            holds,
        )

    def load_commitments(self):
        """Disputes, promises and plans of the generator, into the addon's models."""
        with Timer() as timer:
            counts = commitments.load(self.env, self.hooks)
        self.cr.commit()
        self.out("data.commitments", **counts, s=round(timer.elapsed, 2))
        self.commitments = counts

    def daily_run(self):
        """The daily run of every company, phase by phase: 3 warm runs, rolled back.

        Each run is the first of the day after the anchor (the ledger was
        refreshed on the anchor): every overdue debtor's days move, the
        classification is due, and promises and plans are judged. The run acts
        on at most ``DAILY_ACT_LIMIT`` debtors per company (mails rendered and
        queued, not sent: the run only queues them, Odoo's mail queue sends them
        after the commit); its queries per debtor acted on are those of the
        actions, mail rendering and PDF letters included.
        """
        self.warm_reports()
        Escalation = self.env["collection.escalation"]
        Ledger = self.env["collection.ledger"]
        Commitments = self.env["collection.commitments"]
        Receivable = self.env["collection.receivable"]

        day = self.today + timedelta(days=1)

        def new_day():
            self.cr.execute(
                "UPDATE res_company SET collection_refresh_date = %s,"
                " collection_commitments_date = %s",
                [self.today, self.today],
            )
            self.env.invalidate_all()

        def run_all():
            acted = due = 0
            for company in self.companies:
                _run, result = Escalation._run_company(
                    company, today=day, limit=DAILY_ACT_LIMIT, trigger="cron"
                )
                acted += result.action_count
                due += result.debtor_due_count
            return acted, due

        def before_work():
            for company in self.companies:
                # The phases of _run_company, in its order and environment.
                Engine = Escalation.with_company(company)
                Ledger.with_company(company)._refresh_company(company, today=day)
                Commitments.with_company(company)._follow_company(company, day)
                open_sql = Receivable.with_company(company)._open_sql(company)
                Engine._close_episodes(company, day, open_sql)
                Engine._decide(company, day, open_sql)

        samples, deltas, results = [], [], []
        for index in range(RUNS + 1):
            self.cr.execute("SAVEPOINT bench_daily")
            new_day()
            snap = self.probe.snapshot()
            with Timer() as timer:
                result = run_all()
            delta = self.probe.delta(snap)
            if index == RUNS:  # then: the same day again, up to the decision
                same = self.timed(before_work, warmup=False)
            self.cr.execute("ROLLBACK TO SAVEPOINT bench_daily")
            self.env.invalidate_all()
            if index:  # the first run warms the caches
                samples.append(timer.elapsed)
                deltas.append(delta)
                results.append(result)
        self.cr.execute("SAVEPOINT bench_daily")
        new_day()
        tracemalloc.start()
        run_all()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        self.cr.execute("ROLLBACK TO SAVEPOINT bench_daily")
        self.env.invalidate_all()

        def phase(label, runs=deltas):
            return statistics.median(d["sections"].get(label, 0.0) for d in runs)

        def phase_queries(label, runs=deltas):
            return statistics.median(d["section_queries"].get(label, 0) for d in runs)

        acted = statistics.median(r[0] for r in results)
        due = results[0][1]
        act_queries = phase_queries("phase_act")
        per_acted = act_queries / acted if acted else None
        figures_s = phase("phase_figures")
        median = statistics.median(samples)
        phases = {
            "figures_s": figures_s,
            "classification_s": phase("phase_classification"),
            "stored_rows_s": phase("stored_rows"),
            "write_s": phase("write_update"),
            "promises_plans_s": phase("phase_promises_plans"),
            "episodes_s": phase("phase_episodes"),
            "decide_s": phase("phase_decide"),
            "actions_s": phase("phase_act"),
        }
        queries = {
            name: phase_queries(label)
            for name, label in (
                ("figures", "phase_figures"),
                ("classification", "phase_classification"),
                ("promises_plans", "phase_promises_plans"),
                ("decide", "phase_decide"),
                ("actions", "phase_act"),
            )
        }
        total_queries = statistics.median(d["queries"] for d in deltas)
        same_s = statistics.median(same[0])
        same_limit = 3 * self.RU
        record = self.out(
            "daily_run",
            **stats(samples),
            ratio_to_R=round(median / self.R, 2),
            phases_median_s={k: round(v, 4) for k, v in phases.items()},
            phase_queries_median=queries,
            figures_phase_ratio_to_R=round(figures_s / self.R, 2),
            queries_total=total_queries,
            debtors_due=due,
            debtors_acted=acted,
            act_limit_per_company=DAILY_ACT_LIMIT,
            queries_per_debtor_acted=round(per_acted, 1) if per_acted else None,
            seconds_per_debtor_acted=round(phases["actions_s"] / acted, 3)
            if acted
            else None,
            tracemalloc_peak_mb=round(peak, 1),
            rss_peak_mb=round(rss_mb(), 1),
            same_day_before_actions=stats(same[0]),
            commitments=getattr(self, "commitments", None),
            day=str(day),
            note="first run of the day after the anchor, 3 companies, rolled back "
            "after each run; mails rendered and queued, not sent",
        )
        self.row(
            f"Daily run, first of the day (acts on <= {DAILY_ACT_LIMIT} of "
            f"{due} due debtors per company)",
            self.fmt(samples) + f", {total_queries} queries",
            median / self.R,
            "",
            None,
        )
        self.row(
            "  figures phase",
            f"{figures_s:.3f} s, {queries['figures']} queries",
            figures_s / self.R,
            "<= 2 x R",
            figures_s <= 2 * self.R,
        )
        self.row(
            "  classification phase / read + write of the debtor rows",
            f"{phases['classification_s']:.3f} s / "
            f"{phases['stored_rows_s'] + phases['write_s']:.3f} s",
            phases["classification_s"] / self.R,
            "",
            None,
        )
        self.row(
            "  promises/plans phase (judge, follow, remind)",
            f"{phases['promises_plans_s']:.3f} s, "
            f"{queries['promises_plans']} queries",
            phases["promises_plans_s"] / self.R,
            "",
            None,
        )
        self.row(
            "  episodes closed + levels decided (set-based)",
            f"{phases['episodes_s'] + phases['decide_s']:.3f} s, "
            f"{queries['decide']} queries to decide",
            None,
            "",
            None,
        )
        self.row(
            f"  actions phase ({acted} debtors acted on)",
            f"{phases['actions_s']:.3f} s, {act_queries} queries",
            None,
            "",
            None,
        )
        holds = per_acted is not None and per_acted <= 15
        self.row(
            "  queries per debtor acted on (mail rendering, PDF letters included)",
            f"{per_acted:.1f}" if per_acted else "n/a",
            None,
            "<= 15",
            holds if per_acted else None,
        )
        self.row(
            "  peak memory of the run (tracemalloc / process RSS)",
            f"{record['tracemalloc_peak_mb']} MB / {record['rss_peak_mb']} MB",
            None,
            "",
            None,
        )
        self.row(
            "Daily run, same day again, all phases up to the decision",
            self.fmt(same[0]),
            same_s / self.R,
            f"<= 3 x (R+U) = {same_limit:.3f} s",
            same_s <= same_limit,
        )

    def later_phases(self, crons):
        others = crons.filtered(lambda c: REFRESH_CRON_CODE not in (c.code or ""))
        for phase, (models, words) in LATER_PHASES.items():
            present = [m for m in models if m in self.env]
            figure = f"refresh.{phase}"
            if not present:
                self.out(figure, status="not_implemented")
                self.row(f"Daily run: {phase}", "not implemented", None, "", None)
                continue
            mine = others.filtered(
                lambda c, words=words, present=present: c.model_id.model in present
                or any(w in (c.code or "").lower() for w in words)
            )
            if not mine:
                self.out(
                    figure,
                    status="no_own_cron",
                    models=present,
                    note="the models exist but no cron of the addon is tied to "
                    "them: their daily work, if any, runs inside another cron "
                    "(see refresh.actions). The generator's promise/plan hooks "
                    "are not loaded into them.",
                )
                self.row(
                    f"Daily run: {phase}",
                    "models exist, no own cron (see actions)",
                    None,
                    "",
                    None,
                )
                continue
            if PHASE_SLICES <= 0:
                self.out(figure, status="skipped", models=present)
                self.row(f"Daily run: {phase}", "skipped", None, "", None)
                continue
            self.warm_reports()
            for cron in mine:
                others -= cron
                try:
                    slices = self.run_cron(cron, limit=PHASE_SLICES)
                except Exception as error:  # noqa: BLE001 - report, keep measuring
                    self.cr.rollback()
                    self.out(figure, status="error", cron=cron.name, error=repr(error))
                    self.row(f"Daily run: {phase}", "error", None, "", None)
                    continue
                longest = max(s["s"] for s in slices)
                total = sum(s["s"] for s in slices)
                holds = longest <= SLICE_LIMIT_S
                self.out(
                    figure,
                    status="measured",
                    complete=not slices[-1]["remaining"],
                    cron=cron.name,
                    total_s=round(total, 4),
                    ratio_to_R=round(total / self.R, 2),
                    slices=slices,
                    max_slice_s=longest,
                    target=f"every slice <= {SLICE_LIMIT_S} s",
                    holds=holds,
                    note="first run of the day after the refresh (state changing)",
                )
                more = " (stopped, work remains)" if slices[-1]["remaining"] else ""
                self.row(
                    f"Daily run: {phase} ({cron.name}), {len(slices)} calls{more}",
                    f"total {total:.3f} s, largest slice {longest:.3f} s",
                    total / self.R,
                    f"slice <= {SLICE_LIMIT_S:.0f} s",
                    holds,
                )
                self.mail_queue(f"{figure}.mail_queue")

    def mail_queue(self, figure):
        """Odoo's mail queue after the run's slices: send what they queued.

        The run only queues its mails (``mail.mail`` outgoing); Odoo's mail
        queue cron sends them after the commit and settles the contact entries.
        Timed here as that cron's work, apart from the slices (before the
        services, the slices sent their own mails). No SMTP server is set up:
        the delivery fails at once and is counted, as it was inside the slices.
        """
        Mail = self.env["mail.mail"].sudo()
        self.env.invalidate_all()
        snap = self.probe.snapshot()
        with Timer() as timer:
            mails = Mail.search([("state", "=", "outgoing")])
            mails.send(auto_commit=False, raise_exception=False)
            self.env.flush_all()
        delta = self.probe.delta(snap)
        states = defaultdict(int)
        for mail in mails.exists():
            states[mail.state] += 1
        self.cr.commit()
        count = len(mails)
        self.out(
            figure,
            s=round(timer.elapsed, 4),
            mails=count,
            states=dict(states),
            queries=delta["queries"],
            s_per_mail=round(timer.elapsed / count, 4) if count else None,
            note="mail.mail outgoing .send(auto_commit=False, raise_exception="
            "False) after the slices, as Odoo's mail queue cron does; no SMTP "
            "server, so delivery fails fast",
        )
        self.row(
            f"  mail queue after the slices ({count} mails queued)",
            f"{timer.elapsed:.3f} s, {delta['queries']} queries; states "
            + ", ".join(f"{k} {v}" for k, v in sorted(states.items())),
            timer.elapsed / self.R,
            "",
            None,
        )

    def warm_reports(self):
        """Render one invoice PDF first: builds the report assets (not timed)."""
        if getattr(self, "_reports_warm", False):
            return
        self._reports_warm = True
        invoice = self.env["account.move"].search(
            [("move_type", "=", "out_invoice"), ("state", "=", "posted")], limit=1
        )
        with Timer() as timer:
            try:
                self.env["ir.actions.report"]._render_qweb_pdf(
                    "account.account_invoices", invoice.ids
                )
                status = "ok"
            except Exception as error:  # noqa: BLE001 - informative only
                status = repr(error)
        self.cr.commit()
        self.out("warmup.report_pdf", s=round(timer.elapsed, 3), status=status)

    # --- 6. partner debt panel ---
    def panel_user(self):
        group = self.env.ref(
            "collections_addon.collections_addon_group_viewer", raise_if_not_found=False
        ) or self.env.ref("base.group_user")
        user = self.env["res.users"].search([("login", "=", "bench_viewer")])
        if not user:
            user = (
                self.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": "Bench Viewer",
                        "login": "bench_viewer",
                        "groups_id": [(6, 0, [group.id])],
                        "company_id": self.companies[0].id,
                        "company_ids": [(6, 0, self.companies.ids)],
                    }
                )
            )
        self.cr.commit()
        return user

    def panel(self):
        user = self.panel_user()
        # The debt panel: the partner's collections fields a Viewer reads
        # (the contract terms are a manager's, not the panel's).
        Partner = self.env["res.partner"].with_user(user)
        fields = [
            name
            for name, field in Partner._fields.items()
            if name.startswith("collection_") and field.is_accessible(Partner.env)
        ]
        for key, limit in (("typical_debtor", 0.050), ("big_debtor", 0.150)):
            info = self.hooks[key]
            company = self.env["res.company"].browse(info["company_id"])
            partner = (
                self.env["res.partner"]
                .with_user(user)
                .with_company(company)
                .browse(info["partner_id"])
            )

            def request_baseline(partner=partner):
                # A new request: empty record cache, then the user and the
                # current company every request loads anyway.
                self.env.invalidate_all()
                partner.env.user.company_ids.mapped("name")
                partner.env.company.mapped("name")

            def read(partner=partner):
                return partner.read(fields)

            def read_fresh(partner=partner):
                self.env.invalidate_all()
                return partner.read(fields)

            samples, deltas, _results = self.timed(read, before_each=request_baseline)
            request_baseline()
            self.probe.captured = []
            read()
            tables, self.probe.captured = self.probe.captured, None
            _s, fresh, _r = self.timed(read_fresh, runs=1, warmup=False)
            queries = max(d["queries"] for d in deltas)
            median = statistics.median(samples)
            holds = queries <= 4 and median <= limit
            figure = f"panel.{key}"
            open_lines = self.open_lines(info["partner_id"], info["company_id"])
            self.out(
                figure,
                **stats(samples),
                queries=queries,
                query_tables=tables,
                queries_with_user_and_company_load=fresh[0]["queries"],
                open_lines=open_lines,
                fields=len(fields),
                target=f"<= 4 queries and <= {limit * 1000:.0f} ms",
                holds=holds,
                note="res.partner.read(collection_* fields) as a viewer; before "
                "each read the record cache is cleared and the user and current "
                "company are loaded, as every request does",
            )
            self.row(
                f"Debt panel, {key.split('_')[0]} debtor ({open_lines} open lines)",
                f"{self.fmt(samples, ms=True)}, {queries} queries",
                median / self.R,
                f"<= 4 queries, <= {limit * 1000:.0f} ms",
                holds,
            )
        self.debtor_form()

    def debtor_form(self):
        """Informative: the debtor form's open lines of the big debtor."""
        info = self.hooks["big_debtor"]
        debtor = self.env["collection.debtor"].search(
            [
                ("partner_id", "=", info["partner_id"]),
                ("company_id", "=", info["company_id"]),
            ]
        )
        if not debtor or "open_line_ids" not in debtor._fields:
            return

        def read():
            self.env.invalidate_all()
            return len(debtor.read(["open_line_ids"])[0]["open_line_ids"])

        samples, deltas, results = self.timed(read)
        self.out(
            "debtor_form.open_lines_big",
            **stats(samples),
            queries=max(d["queries"] for d in deltas),
            lines=results[0],
            note="informative: collection.debtor.read(['open_line_ids']) of the "
            "big debtor (superuser)",
        )
        self.row(
            f"Debtor form open lines, big debtor ({results[0]} lines), info",
            f"{self.fmt(samples, ms=True)}, {max(d['queries'] for d in deltas)} q",
            statistics.median(samples) / self.R,
            "",
            None,
        )

    # --- 7. XLSX export ---
    def xlsx(self):
        from odoo.addons.collections_addon.lib import xlsx_aging

        limit = XLSX_DEBTORS[self.size]
        Debtor = self.env["collection.debtor"]
        debtors = Debtor.search([], limit=limit)
        counts = {}
        original = xlsx_aging.write_workbook

        sites = []

        def counting(iterable, key):
            counts[key] = 0
            for item in iterable:
                counts[key] += 1
                yield item
            if key == "items" and tracemalloc.is_tracing() and not sites:
                # Everything the export still holds once the last row is out.
                top = tracemalloc.take_snapshot().statistics("lineno")[:6]
                sites[:] = [
                    {
                        "where": f"{Path(t.traceback[0].filename).name}:"
                        f"{t.traceback[0].lineno}",
                        "mb": round(t.size / 2**20, 2),
                    }
                    for t in top
                ]

        def write_workbook(debtor_rows, item_rows, headers):
            return original(
                counting(debtor_rows, "debtors"), counting(item_rows, "items"), headers
            )

        xlsx_aging.write_workbook = write_workbook

        # The workbook bytes, as export_aging_xlsx() builds them before its
        # base64 (the RPC answer); the export uses the company's own date.
        Export = self.env["collection.aging.export"]
        today = self.env.company._collection_today()

        def export(records=debtors):
            self.env.invalidate_all()
            return Export._workbook(records, today)

        try:
            samples, _deltas, results = self.timed(export)
            n_debtors, n_items = counts["debtors"], counts["items"]
            size_mb = len(results[0]) / 2**20
            peak_full, rss_full = self.traced(export)
            quarter = debtors[: max(1, len(debtors) // 4)]
            peak_quarter, _rss = self.traced(lambda: export(quarter))
            quarter_items = counts["items"]
        finally:
            xlsx_aging.write_workbook = original
        base_samples, _d, base_results = self.timed(
            lambda: baseline_workbook(n_debtors, n_items)
        )
        base_peak, _rss = self.traced(lambda: baseline_workbook(n_debtors, n_items))
        base_quarter, _rss = self.traced(
            lambda: baseline_workbook(len(quarter), quarter_items)
        )
        ratio = statistics.median(samples) / statistics.median(base_samples)
        growth = peak_full / max(peak_quarter, 1e-9)
        base_growth = base_peak / max(base_quarter, 1e-9)
        # The output file grows with the rows whatever the writer: "flat" means
        # the export grows no more than xlsxwriter alone (x2, + 1 MB of noise).
        extra = peak_full - peak_quarter
        base_extra = base_peak - base_quarter
        flat = extra <= 2 * base_extra + 1.0
        holds = ratio <= 2.0 and flat
        self.out(
            "xlsx.export",
            **stats(samples),
            debtors=n_debtors,
            item_rows=n_items,
            file_mb=round(size_mb, 2),
            ratio_to_R=round(statistics.median(samples) / self.R, 2),
            ratio_to_xlsxwriter=round(ratio, 2),
            tracemalloc_peak_mb=round(peak_full, 1),
            tracemalloc_peak_quarter_mb=round(peak_quarter, 1),
            memory_growth_quarter_to_full=round(growth, 2),
            memory_growth_mb=round(extra, 1),
            memory_held_after_last_row=sites,
            rss_delta_mb=round(rss_full, 1),
            target="<= 2 x xlsxwriter alone; memory flat: peak(N) - peak(N/4) "
            "<= 2 x the same growth of xlsxwriter alone + 1 MB",
            holds=holds,
        )
        self.out(
            "xlsx.baseline_xlsxwriter",
            **stats(base_samples),
            debtors=n_debtors,
            item_rows=n_items,
            file_mb=round(len(base_results[0]) / 2**20, 2),
            tracemalloc_peak_mb=round(base_peak, 1),
            tracemalloc_peak_quarter_mb=round(base_quarter, 1),
            memory_growth_quarter_to_full=round(base_growth, 2),
            memory_growth_mb=round(base_extra, 1),
        )
        self.row(
            f"XLSX export, {n_debtors} debtors + {n_items} items",
            self.fmt(samples),
            statistics.median(samples) / self.R,
            "<= 2 x xlsxwriter alone",
            ratio <= 2.0,
        )
        self.row(
            "  xlsxwriter alone, same rows (constant_memory)",
            self.fmt(base_samples) + f"; export/xlsxwriter = {ratio:.2f}",
            None,
            "",
            None,
        )
        self.row(
            "  XLSX memory: peak N vs N/4 (tracemalloc)",
            f"{peak_full:.1f} MB vs {peak_quarter:.1f} MB (+{extra:.1f} MB); "
            f"xlsxwriter alone {base_peak:.1f} vs {base_quarter:.1f} MB "
            f"(+{base_extra:.1f} MB)",
            None,
            "flat: growth <= 2 x xlsxwriter's + 1 MB",
            flat,
        )

    def traced(self, func):
        rss0 = rss_mb()
        tracemalloc.start()
        try:
            func()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
        return peak, rss_mb() - rss0

    # --- formatting ---
    @staticmethod
    def med(runs, key):
        return round(statistics.median(r[key] for r in runs), 6)

    @staticmethod
    def rounded(record):
        return {
            k: round(v, 6) if isinstance(v, float) else v for k, v in record.items()
        }

    @staticmethod
    def fmt(samples, ms=False):
        med, low, high = statistics.median(samples), min(samples), max(samples)
        if ms:
            return f"{med * 1000:.1f} ms [{low * 1000:.1f}-{high * 1000:.1f}]"
        return f"{med:.3f} s [{low:.3f}-{high:.3f}]"


def baseline_workbook(n_debtors, n_items):
    """xlsxwriter alone: the same sheets, cells and formats with synthetic values."""
    import xlsxwriter
    from xlsxwriter.utility import xl_col_to_name

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
    bold = book.add_format({"bold": True, "bg_color": "#E8E8E8", "border": 1})
    money = book.add_format({"num_format": "#,##0.00;[Red]-#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Debtors")
    sheet.write_row(0, 0, [f"Header {i}" for i in range(18)], bold)
    sheet.freeze_panes(1, 1)
    sheet.set_column(3, 12, 13, money)
    for row in range(1, n_debtors + 1):
        sheet.write_string(row, 0, f"Bench Customer {row:05d}")
        sheet.write_string(row, 1, "Bench Company A")
        sheet.write_string(row, 2, "USD")
        for col in range(3, 13):
            sheet.write_number(row, col, row * 1.25 + col, money)
        sheet.write_number(row, 13, row % 400)
        sheet.write_string(row, 14, "A")
        sheet.write_string(row, 15, "Chronic")
        sheet.write_number(row, 16, row % 100)
        sheet.write_string(row, 17, "")
    sheet.autofilter(0, 0, max(n_debtors, 1), 17)
    for col in range(3, 13):
        letter = xl_col_to_name(col)
        sheet.write_formula(n_debtors + 1, col, f"=SUM({letter}2:{letter}9)", money)
    sheet = book.add_worksheet("Open Items")
    sheet.write_row(0, 0, [f"Header {i}" for i in range(10)], bold)
    sheet.set_column(3, 4, 12, day)
    first = datetime(2025, 1, 1)
    for row in range(1, n_items + 1):
        sheet.write_string(row, 0, f"Bench Customer {row % 20000:05d}")
        sheet.write_string(row, 1, "Bench Company A")
        sheet.write_string(row, 2, f"INV/2025/{row:05d}")
        sheet.write_datetime(row, 3, first, day)
        sheet.write_datetime(row, 4, first, day)
        sheet.write_number(row, 5, row % 700)
        sheet.write_string(row, 6, "31_60")
        sheet.write_string(row, 7, "EUR")
        sheet.write_number(row, 8, row * 0.5, money)
        sheet.write_number(row, 9, row * 0.55, money)
    sheet.autofilter(0, 0, max(n_items, 1), 9)
    book.close()
    return out.getvalue()


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def machine(cr):
    cpu = "unknown"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        ram = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError):
        ram = "unknown"
    cr.execute("SHOW server_version")
    return {
        "nproc": os.cpu_count(),
        "ram": ram,
        "cpu": cpu,
        "postgresql": cr.fetchone()[0],
        "python": platform.python_version(),
        "kernel": platform.release(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def git_revision():
    """HEAD, and the addon files changed in the work tree (measured as they are)."""

    def git(*args):
        return subprocess.run(
            ["git", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()

    try:
        revision = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", ":/collections_addon").splitlines()
    except OSError:
        return ""
    if revision and changed:
        names = [line[3:].rstrip("/").split("/")[-1] for line in changed]
        shown = ", ".join(names[:6]) + (
            f", {len(names) - 6} more" if len(names) > 6 else ""
        )
        revision += f" + uncommitted changes to the addon ({shown})"
    return revision


def write_report(bench, info, build, args):
    lines = [
        f"# collections_addon benchmark, size {args.size}",
        "",
        f"- Date: {datetime.now().strftime('%Y-%m-%d %H:%M')} (data as of "
        f"{bench.hooks['anchor']})",
        f"- Command: `{args.command}`",
        f"- Machine: {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, "
        f"PostgreSQL {info['postgresql']}, Python {info['python']}",
        f"- Load average (1/5/15 min) at start {info['loadavg_start']}, at end "
        f"{[round(x, 2) for x in os.getloadavg()]}: other jobs on the machine "
        "skew the timings",
        f"- Git revision: {git_revision() or 'none (no commit yet)'}",
    ]
    counts = bench.hooks.get("counts", {})
    lines.append(
        f"- Data: {len(bench.hooks['companies'])} companies, "
        f"{bench.debtors} debtors, "
        + ", ".join(f"{n} {t}" for t, n in counts.items())
        + f"; open receivable lines "
        f"{bench.results['R.reference_aging_sql']['open_receivable_lines']}"
    )
    if build:
        lines.append(f"- Build: {build}")
    lines += [
        "- R = one grouped aging SQL over the open receivable lines (median of 3).",
        "",
        "| Figure | Value (median [min-max] of 3 warm runs) | x R | Target | Holds |",
        "|---|---|---|---|---|",
    ]
    for figure, value, ratio, target, holds in bench.rows:
        ratio_text = f"{ratio:.2f}" if ratio is not None else ""
        holds_text = "" if holds is None else ("yes" if holds else "**NO**")
        lines.append(f"| {figure} | {value} | {ratio_text} | {target} | {holds_text} |")
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
    print(text, file=sys.stderr)


def build_summary(path):
    if not path or not Path(path).exists():
        return ""
    parts = []
    for text in Path(path).read_text().splitlines():
        try:
            record = json.loads(text)
        except ValueError:
            continue
        if record.get("figure") == "build":
            parts.append(
                f"{record['total_s']:.0f} s in total (install "
                f"{record['install_s']:.0f} s, generate {record['generate_s']:.0f} s, "
                f"dump {record['dump_s']:.0f} s), on {record['date']}"
            )
        if record.get("figure") == "build.check" and not record.get("ok"):
            parts.append(f"CHECK FAILED: {record['check']}")
    checks = [
        json.loads(t)
        for t in Path(path).read_text().splitlines()
        if t.startswith("{") and '"build.check"' in t
    ]
    if checks:
        good = all(c.get("ok") for c in checks)
        parts.append(
            f"{len(checks)} consistency checks {'passed' if good else 'FAILED'}"
        )
    return "; ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--hooks", required=True)
    parser.add_argument("--size", default="S")
    parser.add_argument("--out")
    parser.add_argument("--build-log")
    parser.add_argument("--command", default="make bench")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--only", help=f"comma-separated sections among {','.join(SECTIONS)}"
    )
    args = parser.parse_args()
    hooks = json.loads(Path(args.hooks).read_text())
    peer_oca.extend_addons_path()
    registry = open_registry(args.db)
    probe = Probe()
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = superuser_env(cr)
        info = machine(cr)
        emit({"figure": "machine", **info, "size": args.size})
        bench = Bench(env, probe, hooks, args.size)
        if probe.missing:
            log(f"methods not found (not probed): {', '.join(probe.missing)}")
        only = set(args.only.split(",")) if args.only else set(SECTIONS)
        bench.reference()
        if "refresh" in only:
            bench.refresh_cold()
            bench.load_commitments()
            bench.upsert_reference()
            bench.refresh_warm()
            if not args.no_profile:
                bench.profile_refresh(Path(args.out).parent if args.out else Path("."))
        else:
            bench.debtors = bench.debtor_count()
            if not bench.debtors:
                bench.refresh_cold()
            bench.load_commitments()
        # Before the sections that commit the escalation's work (cron, phases):
        # the peer sees the restored data, refreshed on the anchor.
        if "peer" in only and os.environ.get("BENCH_PEER", "1") != "0":
            peer_oca.measure(bench, DAILY_ACT_LIMIT)
        crons = bench.addon_crons()
        if "cron" in only:
            bench.cron_slices()
        if "phases" in only:
            bench.daily_run()
            bench.later_phases(crons)
        if "panel" in only:
            bench.panel()
        if "xlsx" in only:
            bench.xlsx()
        cr.rollback()
    emit({"figure": "measure.total", "s": round(time.perf_counter() - started, 1)})
    write_report(bench, info, build_summary(args.build_log), args)


if __name__ == "__main__":
    main()
