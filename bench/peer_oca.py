"""The peer: OCA's ``account_credit_control`` beside our daily run.

Called by ``measure.py`` (section ``peer``) on the run database, where
``bench/run.sh`` installed the pinned OCA wheel (``bench/peer_oca.txt``) from
its own addons folder in ``bench/.cache/peer/``. Both systems work on the same
restored data and the same day (the day after the anchor), interleaved, each
run rolled back to a savepoint:

- OCA: one ``credit.control.run`` per company (its policy, the day) and
  ``generate_credit_lines()``; then, in the credit lines list, the lines of the
  debtors acted on are marked "To Do" (``credit.control.marker``) and sent by
  e-mail (``credit.control.emailer``: communications, their mails queued with
  the summary PDF of each); then the same day again (a new run, generate).
- ours: ``collection.escalation._run_company(trigger="cron")`` of each company,
  acting on at most ``BENCH_ACT_LIMIT`` debtors per company, as ``daily_run``;
  then the same day again as the scheduled run's next call does it, up to its
  decision (episodes and the decision: the day's figures are done; like OCA's
  re-run it sends nothing), and once more with every phase up to the decision
  forced (figures, promises and plans), as "Run now".

OCA has no limit of its own: its run generates the lines of every debtor; the
marker and e-mailer wizards take the lines a user selects. They get the lines
of the same number of debtors per company as our run acts on, the debtors with
the oldest due line first (our run's order too). ``BENCH_ACT_LIMIT=0`` acts on
every due debtor in both (OCA through its run's buttons "Set to ready all" and
"Run channel action").
"""

import os
import statistics
from collections import defaultdict
from datetime import timedelta

from common import Timer, log, stats

MODULE = "account_credit_control"
WHEEL = os.environ.get("BENCH_PEER_WHEEL", "")
POLICY_NAME = "Bench peer: {company} (levels of our default policy)"
RUNS = 3
# OCA timed once (not 3 times) when its warm-up run took longer than this.
SLOW_WARMUP_S = float(os.environ.get("BENCH_PEER_SLOW_S", "600"))
# Targets the lead reports against (ours / OCA).
DAY_TARGET = 0.1
SAME_DAY_TARGET = 0.01
CENT = 0.01


def extend_addons_path():
    """Put the peer's addons folder (``BENCH_PEER_ADDONS``, set by run.sh) on
    the addons path of this process, which serves the run database only.

    ``common.ADDONS_PATH`` is part of the cache key (``common.py``), so it is
    extended here rather than edited there.
    """
    import common

    folder = os.environ.get("BENCH_PEER_ADDONS")
    if folder and folder not in common.ADDONS_PATH.split(","):
        common.ADDONS_PATH = f"{common.ADDONS_PATH},{folder}"


def measure(bench, act_limit):
    """The peer section: configure OCA, measure both, print figures and rows."""
    if not _installed(bench.env):
        bench.out(
            "peer.oca",
            status="not_installed",
            note="account_credit_control is not installed in the run database "
            "(bench/run.sh installs it; BENCH_PEER=0 skips it)",
        )
        bench.row("Peer: OCA credit control", "not installed", None, "", None)
        return None
    peer = Peer(bench, act_limit)
    peer.configure()
    return peer.run()


def _installed(env):
    env.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [MODULE])
    row = env.cr.fetchone()
    return bool(row and row[0] == "installed" and "credit.control.run" in env)


class Peer:
    def __init__(self, bench, act_limit):
        self.bench = bench
        self.env = bench.env
        self.cr = bench.env.cr
        self.probe = bench.probe
        self.companies = bench.companies
        self.day = bench.today + timedelta(days=1)
        self.limit = act_limit or None
        self.policies = {}
        Report = self.env.registry["ir.actions.report"]
        if not getattr(Report, "_bench_pdf_probe", False):
            self.probe.time_method(Report, "_run_wkhtmltopdf", "pdf")
            Report._bench_pdf_probe = True

    # --- configuration ---------------------------------------------------------
    def configure(self):
        """One OCA policy per company, the levels of our default policy.

        Our pre-due level (negative days) has no OCA equivalent and is left
        out; every level is an e-mail (OCA's base template, its summary PDF
        attached); days count from the due date (``net_days``).
        """
        env = self.env
        template = env.ref("account_credit_control.email_template_credit_control_base")
        described, left_out = [], []
        for company in self.companies:
            ours = env["collection.policy"].search(
                [("company_id", "=", company.id), ("is_default", "=", True)], limit=1
            )
            levels = ours.level_ids.sorted(lambda lv: (lv.days, lv.sequence))
            accounts = env["account.account"].search(
                [
                    ("account_type", "=", "asset_receivable"),
                    ("company_ids", "in", company.id),
                ]
            )
            name = POLICY_NAME.format(company=company.name)
            Policy = env["credit.control.policy"]
            policy = Policy.search([("name", "=", name)], limit=1)
            if not policy:
                kept = levels.filtered(lambda lv: lv.days > 0)
                policy = Policy.create(
                    {
                        "name": name,
                        "company_id": company.id,
                        "account_ids": [(6, 0, accounts.ids)],
                        "level_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": level.name,
                                    "level": index,
                                    "computation_mode": "net_days",
                                    "delay_days": level.days,
                                    "channel": "email",
                                    "email_template_id": template.id,
                                    "custom_text": level.name,
                                    "custom_mail_text": level.letter_text or level.name,
                                    "mail_show_invoice_detail": True,
                                },
                            )
                            for index, level in enumerate(kept, start=1)
                        ],
                    }
                )
            company.credit_policy_id = policy
            self.policies[company.id] = policy
            if not described:
                described = [
                    {"name": lv.name, "days": lv.days, "ours": lv.action}
                    for lv in levels
                ]
                left_out = [
                    {"name": lv.name, "days": lv.days} for lv in levels if lv.days <= 0
                ]
        self.cr.commit()
        self.bench.out(
            "peer.oca.config",
            module=MODULE,
            wheel=WHEEL or None,
            installed_version=self._version(),
            policies={c.id: self.policies[c.id].id for c in self.companies},
            levels_ours=described,
            levels_oca=[
                {
                    "level": lv.level,
                    "name": lv.name,
                    "delay_days": lv.delay_days,
                    "mode": lv.computation_mode,
                    "channel": lv.channel,
                }
                for lv in self.policies[self.companies[0].id].level_ids
            ],
            left_out=left_out,
            note="one policy per company on its receivable accounts, the company "
            "default (res.company.credit_policy_id); every level an e-mail with "
            "OCA's base template (summary PDF attached); our pre-due level "
            "(negative days) has no OCA equivalent",
        )

    def _version(self):
        self.cr.execute(
            "SELECT latest_version FROM ir_module_module WHERE name = %s", [MODULE]
        )
        return self.cr.fetchone()[0]

    # --- one measured piece of work ------------------------------------------------
    def _max_ids(self):
        self.cr.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM mail_mail),"
            " (SELECT COALESCE(MAX(id), 0) FROM ir_attachment)"
        )
        return self.cr.fetchone()

    def _produced(self, since):
        mail_id, attachment_id = since
        self.env.flush_all()
        self.cr.execute(
            """SELECT (SELECT COUNT(*) FROM mail_mail WHERE id > %s),
                      (SELECT COUNT(*) FROM ir_attachment
                        WHERE id > %s AND mimetype = 'application/pdf')""",
            [mail_id, attachment_id],
        )
        mails, pdfs = self.cr.fetchone()
        return {"mails": mails, "pdf_attachments": pdfs}

    def _timed(self, work):
        """Run ``work()``: wall time, queries, PDF calls and time, its result."""
        self.env.invalidate_all()
        since = self._max_ids()
        snap = self.probe.snapshot()
        with Timer() as timer:
            result = work()
        delta = self.probe.delta(snap)
        pdf_s = delta["sections"].get("pdf", 0.0)
        result = result or {}
        wall = timer.elapsed - result.pop("untimed_s", 0.0)
        record = {
            "wall_s": wall,
            "queries": delta["queries"] - result.pop("untimed_queries", 0),
            "sql_s": delta["sql_s"],
            "pdf_calls": delta["calls"].get("pdf", 0),
            "pdf_s": pdf_s,
            "without_pdf_s": wall - pdf_s,
            "act_queries": delta["section_queries"].get("phase_act", 0),
            **self._produced(since),
            **result,
        }
        return record

    # --- OCA ---------------------------------------------------------------------
    def oca_day(self):
        """OCA's day: a run per company, then the communications of the debtors
        acted on (mails queued with their PDFs)."""
        Run = self.env["credit.control.run"]
        Line = self.env["credit.control.line"]
        result = defaultdict(int)
        run_ids = []
        for company in self.companies:
            self._analyze(result)
            run = Run.with_company(company).create(
                {
                    "date": self.day,
                    "company_id": company.id,
                    "policy_ids": [(6, 0, self.policies[company.id].ids)],
                }
            )
            snap = self.probe.snapshot()
            with Timer() as timer:
                run.generate_credit_lines()
            generate = self.probe.delta(snap)
            result["generate_s"] += timer.elapsed
            result["generate_queries"] += generate["queries"]
            run_ids.append(run.id)
            self.env.flush_all()
            self.cr.execute(
                """SELECT COUNT(*), COUNT(DISTINCT commercial_partner_id)
                     FROM credit_control_line WHERE run_id = %s""",
                [run.id],
            )
            lines, debtors = self.cr.fetchone()
            result["lines_generated"] += lines
            result["debtors_due"] += debtors
            snap = self.probe.snapshot()
            with Timer() as timer:
                if self.limit:
                    selected = self._select(run, Line)
                    result["lines_acted"] += len(selected)
                    if selected:
                        marker = self.env["credit.control.marker"].create(
                            {"name": "to_be_sent", "line_ids": [(6, 0, selected.ids)]}
                        )
                        marker.mark_lines()
                        emailer = self.env["credit.control.emailer"].create(
                            {"line_ids": [(6, 0, selected.ids)]}
                        )
                        emailer.email_lines()
                else:
                    result["lines_acted"] += len(run.line_ids)
                    run.with_company(company).set_to_ready_lines()
                    run.with_company(company).run_channel_action()
            communicate = self.probe.delta(snap)
            result["communicate_s"] += timer.elapsed
            result["communicate_queries"] += communicate["queries"]
            self.env.flush_all()
            self.cr.execute(
                """SELECT COUNT(DISTINCT c.id), COUNT(DISTINCT l.commercial_partner_id)
                     FROM credit_control_communication c
                     JOIN credit_control_line l ON l.communication_id = c.id
                    WHERE l.run_id = %s""",
                [run.id],
            )
            communications, acted = self.cr.fetchone()
            result["communications"] += communications
            result["debtors_acted"] += acted
        self.oca_runs = run_ids
        return dict(result)

    def _select(self, run, Line):
        """The lines a user selects: those of the ``limit`` debtors (commercial
        partners) with the oldest due line, as our run orders its debtors."""
        self.env.flush_all()
        self.cr.execute(
            """SELECT commercial_partner_id FROM credit_control_line
                WHERE run_id = %s AND state = 'draft'
                GROUP BY 1 ORDER BY MIN(date_due), 1 LIMIT %s""",
            [run.id, self.limit],
        )
        partners = [row[0] for row in self.cr.fetchall()]
        if not partners:
            return Line
        return Line.search(
            [
                ("run_id", "=", run.id),
                ("state", "=", "draft"),
                ("commercial_partner_id", "in", partners),
            ]
        )

    def oca_same_day(self):
        """The same day again: a new run of each company, generate."""
        Run = self.env["credit.control.run"]
        lines = 0
        untimed = defaultdict(int)
        for company in self.companies:
            self._analyze(untimed)
            run = Run.with_company(company).create(
                {
                    "date": self.day,
                    "company_id": company.id,
                    "policy_ids": [(6, 0, self.policies[company.id].ids)],
                }
            )
            run.generate_credit_lines()
            self.env.flush_all()
            self.cr.execute(
                "SELECT COUNT(*) FROM credit_control_line WHERE run_id = %s", [run.id]
            )
            lines += self.cr.fetchone()[0]
        return {"lines_generated": lines, **untimed}

    def _analyze(self, result):
        """Untimed: ANALYZE OCA's tables before each company's run.

        In the UI each company's run is a request of its own, committed, and
        autovacuum analyzes the new credit lines soon after. Here the runs
        share one transaction: PostgreSQL would plan OCA's level query (a
        correlated ``max(id)`` over ``credit_control_line``) for a table it
        believes empty, and on M that plan is quadratic in the lines of the
        companies done before (minutes per level). ANALYZE in the transaction
        counts its own rows; it is rolled back with the run.
        """
        self.env.flush_all()
        with Timer() as timer:
            self.cr.execute("ANALYZE credit_control_line, credit_control_communication")
        result["untimed_s"] += timer.elapsed
        result["untimed_queries"] += 1
        result["analyze_s"] += timer.elapsed

    # --- ours ----------------------------------------------------------------------
    def new_day(self):
        """As ``daily_run``: the ledger was refreshed on the anchor."""
        self.cr.execute(
            "UPDATE res_company SET collection_refresh_date = %s,"
            " collection_commitments_date = %s",
            [self.bench.today, self.bench.today],
        )
        self.env.invalidate_all()

    def ours_day(self):
        Escalation = self.env["collection.escalation"]
        result = defaultdict(int)
        for company in self.companies:
            _run, stats_ = Escalation._run_company(
                company, today=self.day, limit=self.limit, trigger="cron"
            )
            result["debtors_acted"] += stats_.action_count
            result["debtors_due"] += stats_.debtor_due_count
            result["failures"] += stats_.failure_count
        return dict(result)

    def ours_same_day(self):
        """The same day again, as the scheduled run's next call makes it, up
        to its decision: the day's figures and commitments are done, so the
        episodes, then the decision. Like OCA's re-run, it decides and sends
        nothing: where the day left due debtors unreached (``limit``), acting
        on them is the day's work, not the re-run's."""
        return self._ours_up_to_decision(force=False)

    def ours_same_day_forced(self):
        """The same with every phase up to the decision forced (the figures
        refreshed, promises and plans followed), as "Run now" does."""
        return self._ours_up_to_decision(force=True)

    def _ours_up_to_decision(self, force):
        """What ``_run_company`` does before it acts, for each company."""
        Escalation = self.env["collection.escalation"]
        Receivable = self.env["collection.receivable"]
        due = 0
        for company in self.companies:
            Engine = Escalation.with_company(company)
            Engine._acquire_lock(company)
            Engine._prepare_day(company, self.day, force=force)
            open_sql = Receivable.with_company(company)._open_sql(company)
            policies = Engine._policies(company)
            Engine._close_episodes(company, self.day, open_sql, policies)
            due += len(Engine._decide(company, self.day, open_sql, policies))
        return {"debtors_due": due}

    # --- a run of one system, rolled back ---------------------------------------------
    def one_run(self, system, check=False):
        savepoint = self.cr.savepoint()
        try:
            if system == "ours":
                self.new_day()
                day = self._timed(self.ours_day)
                crosscheck = self.check_ours() if check else None
                same = self._timed(self.ours_same_day)
                same["forced"] = self._timed(self.ours_same_day_forced)
            else:
                day = self._timed(self.oca_day)
                crosscheck = self.check_oca() if check else None
                same = self._timed(self.oca_same_day)
        finally:
            savepoint.close(rollback=True)
            # Mails posted by OCA are sent after a commit: never in this run.
            self.cr.postcommit.clear()
            self.env.invalidate_all()
        return day, same, crosscheck

    def run(self):
        self.bench.warm_reports()
        with Timer() as warm_oca:
            self.one_run("oca")
        with Timer() as warm_ours:
            self.one_run("ours")
        oca_runs = RUNS if warm_oca.elapsed <= SLOW_WARMUP_S else 1
        log(
            f"peer: warm-up OCA {warm_oca.elapsed:.1f} s, ours "
            f"{warm_ours.elapsed:.1f} s; OCA timed {oca_runs} time(s)"
        )
        runs = {"oca": [], "ours": []}
        checks = {}
        for index in range(RUNS):
            order = ("oca", "ours") if index % 2 == 0 else ("ours", "oca")
            for system in order:
                if system == "oca" and len(runs["oca"]) >= oca_runs:
                    continue
                day, same, check = self.one_run(system, check=system not in checks)
                runs[system].append((day, same))
                if check is not None:
                    checks[system] = check
                log(
                    f"peer: {system} day {day['wall_s']:.2f} s (PDF "
                    f"{day['pdf_s']:.2f} s, {day['pdf_calls']} calls), same day "
                    f"{same['wall_s']:.2f} s"
                )
        return self.report(runs, checks, warm_oca.elapsed, warm_ours.elapsed)

    # --- cross-check with the accounting ---------------------------------------------
    def accounting(self):
        """Overdue per (commercial partner, company): open receivable debit lines
        due before the day, company currency."""
        self.env.flush_all()
        self.cr.execute(
            """SELECT COALESCE(p.commercial_partner_id, p.id), aml.company_id,
                      SUM(aml.amount_residual)
                 FROM account_move_line aml
                 JOIN account_account acc ON acc.id = aml.account_id
                 JOIN res_partner p ON p.id = aml.partner_id
                WHERE aml.parent_state = 'posted'
                  AND acc.account_type = 'asset_receivable'
                  AND NOT aml.reconciled AND aml.amount_residual > 0
                  AND aml.date_maturity < %s AND aml.company_id IN %s
                GROUP BY 1, 2""",
            [self.day, tuple(self.companies.ids)],
        )
        return {(p, c): float(amount) for p, c, amount in self.cr.fetchall()}

    @staticmethod
    def compare(truth, theirs):
        keys = set(truth) | set(theirs)
        wrong = [k for k in keys if abs(truth.get(k, 0.0) - theirs.get(k, 0.0)) > CENT]
        return keys, wrong

    def check_ours(self):
        truth = self.accounting()
        self.cr.execute(
            """SELECT partner_id, company_id, amount_overdue FROM collection_debtor
                WHERE company_id IN %s""",
            [tuple(self.companies.ids)],
        )
        ours = {(p, c): float(a or 0) for p, c, a in self.cr.fetchall()}
        keys, wrong = self.compare(truth, ours)
        return {
            "field": "collection.debtor.amount_overdue",
            "pairs": len(keys),
            "pairs_overdue_in_accounting": sum(1 for v in truth.values() if v > CENT),
            "mismatches": len(wrong),
            "total_accounting": round(sum(truth.values()), 2),
            "total_system": round(sum(ours.values()), 2),
            "examples": [self._example(k, truth, ours) for k in sorted(wrong)[:5]],
        }

    def check_oca(self):
        truth = self.accounting()
        self.cr.execute(
            """SELECT l.commercial_partner_id, l.company_id, SUM(l.balance_due),
                      SUM(aml.amount_residual),
                      COALESCE(SUM(aml.amount_residual)
                               FILTER (WHERE aml.date_maturity < %s), 0),
                      BOOL_OR(l.currency_id != c.currency_id),
                      BOOL_OR(aml.date_maturity >= %s)
                 FROM credit_control_line l
                 JOIN account_move_line aml ON aml.id = l.move_line_id
                 JOIN res_company c ON c.id = l.company_id
                WHERE l.run_id IN %s
                GROUP BY 1, 2""",
            [self.day, self.day, tuple(self.oca_runs)],
        )
        oca, company_ccy, in_window, foreign, due_today = {}, {}, {}, set(), set()
        for p, c, balance, residual, window, is_foreign, today in self.cr.fetchall():
            key = (p, c)
            oca[key] = float(balance)
            company_ccy[key] = float(residual)
            in_window[key] = float(window)
            if is_foreign:
                foreign.add(key)
            if today:
                due_today.add(key)
        keys, wrong = self.compare(truth, oca)
        currency = [
            k
            for k in wrong
            if k in foreign and abs(oca.get(k, 0) - company_ccy.get(k, 0)) > CENT
        ]
        missing = [
            k for k in wrong if abs(truth.get(k, 0.0) - in_window.get(k, 0.0)) > CENT
        ]
        return {
            "field": "sum of credit.control.line.balance_due of the run",
            "pairs": len(keys),
            "pairs_overdue_in_accounting": sum(1 for v in truth.values() if v > CENT),
            "mismatches": len(wrong),
            "mismatches_currency_mixed": len(currency),
            "mismatches_lines_not_in_run": len(missing),
            "mismatches_due_on_the_day": len([k for k in wrong if k in due_today]),
            "total_accounting": round(sum(truth.values()), 2),
            "total_system": round(sum(oca.values()), 2),
            "examples": [self._example(k, truth, oca) for k in sorted(wrong)[:5]],
            "note": "balance_due is amount_residual_currency for a line in a "
            "foreign currency (EUR here), so a debtor's total mixes EUR and USD; "
            "lines overdue fewer days than the first level (or below the "
            "company's tolerance) are in no run; lines due on the day are in it",
        }

    @staticmethod
    def _example(key, truth, theirs):
        return {
            "partner_id": key[0],
            "company_id": key[1],
            "accounting": round(truth.get(key, 0.0), 2),
            "system": round(theirs.get(key, 0.0), 2),
        }

    # --- figures --------------------------------------------------------------------
    def report(self, runs, checks, warm_oca_s, warm_ours_s):
        bench = self.bench
        summary = {}
        for system in ("oca", "ours"):
            days = [d for d, _s in runs[system]]
            sames = [s for _d, s in runs[system]]
            summary[system] = {
                "day": days,
                "same": sames,
                "wall": statistics.median(d["wall_s"] for d in days),
                "without_pdf": statistics.median(d["without_pdf_s"] for d in days),
                "same_wall": statistics.median(s["wall_s"] for s in sames),
            }
        oca, ours = summary["oca"], summary["ours"]

        def med(records, key):
            return statistics.median(r.get(key, 0) for r in records)

        oca_acted = med(oca["day"], "debtors_acted")
        ours_acted = med(ours["day"], "debtors_acted")
        oca_per = ours_per = None
        if oca_acted:
            oca_per = med(oca["day"], "communicate_queries") / oca_acted
        if ours_acted:
            ours_per = med(ours["day"], "act_queries") / ours_acted
        limit = "every due debtor"
        if self.limit:
            limit = f"<= {self.limit} debtors per company"

        warm = {"oca": warm_oca_s, "ours": warm_ours_s}
        for system, data in summary.items():
            days, sames = data["day"], data["same"]
            pick = sorted(days, key=lambda d: d["wall_s"])[len(days) // 2]
            bench.out(
                f"peer.{system}.day",
                **stats([d["wall_s"] for d in days]),
                without_pdf=stats([d["without_pdf_s"] for d in days]),
                pdf_s_median=round(med(days, "pdf_s"), 4),
                pdf_calls=pick["pdf_calls"],
                pdf_attachments=pick["pdf_attachments"],
                mails=pick["mails"],
                queries=pick["queries"],
                debtors_due=pick.get("debtors_due"),
                debtors_acted=pick.get("debtors_acted"),
                queries_per_debtor_acted=round(
                    (oca_per if system == "oca" else ours_per) or 0, 1
                ),
                details={
                    k: (round(v, 4) if isinstance(v, float) else v)
                    for k, v in pick.items()
                    if k not in ("wall_s",)
                },
                warmup_s=round(warm[system], 2),
                day=str(self.day),
                act=limit,
                note=(
                    "credit.control.run per company + generate_credit_lines(); "
                    "the lines of the debtors acted on marked To Do "
                    "(credit.control.marker) and e-mailed (credit.control.emailer: "
                    "communications, mails queued, summary PDF each); rolled back"
                    if system == "oca"
                    else "collection.escalation._run_company(trigger='cron') per "
                    "company (figures, classification, promises/plans, episodes, "
                    "decision, actions: mails queued, PDF letters); rolled back"
                ),
            )
            bench.out(
                f"peer.{system}.same_day",
                **stats([s["wall_s"] for s in sames]),
                queries=statistics.median(s["queries"] for s in sames),
                pdf_calls=max(s["pdf_calls"] for s in sames),
                details={k: v for k, v in sames[0].items() if isinstance(v, int)},
                forced=(
                    {
                        **stats([s["forced"]["wall_s"] for s in sames]),
                        "queries": statistics.median(
                            s["forced"]["queries"] for s in sames
                        ),
                        "note": "every phase up to the decision forced (figures, "
                        "promises/plans, episodes, decision), as Run now",
                    }
                    if system == "ours"
                    else None
                ),
                note=(
                    "a new credit.control.run per company, same date, generate"
                    if system == "oca"
                    else "per company, what _run_company(trigger='cron') does "
                    "again before it acts (lock, episodes, decision): the "
                    "debtors decided due again are those the day did not reach"
                ),
            )
        ratios = {
            "day_with_pdf": ours["wall"] / oca["wall"],
            "day_without_pdf": ours["without_pdf"] / oca["without_pdf"],
            "same_day": ours["same_wall"] / oca["same_wall"],
            "queries_per_debtor_acted": (ours_per / oca_per)
            if ours_per and oca_per
            else None,
        }
        holds = {
            "day_with_pdf": ratios["day_with_pdf"] <= DAY_TARGET,
            "day_without_pdf": ratios["day_without_pdf"] <= DAY_TARGET,
            "same_day": ratios["same_day"] <= SAME_DAY_TARGET,
        }
        bench.out(
            "peer.ratios",
            ours_over_oca={
                k: (round(v, 4) if v is not None else None) for k, v in ratios.items()
            },
            targets={
                "day_with_pdf": f"<= {DAY_TARGET}",
                "day_without_pdf": f"<= {DAY_TARGET}",
                "same_day": f"<= {SAME_DAY_TARGET}",
            },
            holds=holds,
            runs={"oca": len(oca["day"]), "ours": len(ours["day"])},
        )
        for system in ("oca", "ours"):
            if system in checks:
                bench.out(f"peer.{system}.cross_check", **checks[system])

        def line(data):
            days = data["day"]
            return (
                f"{bench.fmt([d['wall_s'] for d in days])}, "
                f"{med(days, 'queries'):.0f} queries, "
                f"{med(days, 'pdf_calls'):.0f} PDF calls in "
                f"{med(days, 'pdf_s'):.2f} s, {med(days, 'mails'):.0f} mails"
            )

        n_oca = len(oca["day"])
        forced_wall = statistics.median(s["forced"]["wall_s"] for s in ours["same"])
        version = WHEEL.rsplit("-", 1)[-1] or self._version()
        bench.row(
            f"Peer: OCA account_credit_control {version}, the day's work "
            f"(run + communications, {limit}; {n_oca} run{'s' if n_oca > 1 else ''})",
            line(oca) + f"; {oca_acted:.0f} debtors acted on of "
            f"{med(oca['day'], 'debtors_due'):.0f} with lines",
            None,
            "",
            None,
        )
        bench.row(
            f"  ours: daily run ({limit})",
            line(ours) + f"; {ours_acted:.0f} debtors acted on of "
            f"{med(ours['day'], 'debtors_due'):.0f} due",
            None,
            "",
            None,
        )
        bench.row(
            "  ours/OCA: the day's work with PDFs",
            f"{ratios['day_with_pdf']:.3f} ({ours['wall']:.2f} s / "
            f"{oca['wall']:.2f} s)",
            None,
            f"<= {DAY_TARGET}",
            holds["day_with_pdf"],
        )
        bench.row(
            "  ours/OCA: the day's work without PDF rendering time",
            f"{ratios['day_without_pdf']:.3f} ({ours['without_pdf']:.2f} s / "
            f"{oca['without_pdf']:.2f} s)",
            None,
            f"<= {DAY_TARGET}",
            holds["day_without_pdf"],
        )
        bench.row(
            "  ours/OCA: same-day re-run",
            f"{ratios['same_day']:.4f} ({ours['same_wall']:.3f} s / "
            f"{oca['same_wall']:.3f} s; OCA lines generated again "
            f"{med(oca['same'], 'lines_generated'):.0f}, ours debtors due not "
            f"reached by the day {med(ours['same'], 'debtors_due'):.0f}; ours "
            "with every phase "
            f"forced, as Run now: {forced_wall:.3f} s)",
            None,
            f"<= {SAME_DAY_TARGET}",
            holds["same_day"],
        )
        per = ratios["queries_per_debtor_acted"]
        bench.row(
            "  ours/OCA: queries per debtor acted on",
            (f"{per:.2f} ({ours_per:.1f} / {oca_per:.1f})" if per else "n/a"),
            None,
            "",
            None,
        )
        if checks:
            bench.row(
                "  overdue per (partner, company) vs accounting: mismatches",
                "; ".join(
                    f"{name} {checks[key]['mismatches']} of "
                    f"{checks[key]['pairs_overdue_in_accounting']}"
                    for key, name in (("ours", "ours"), ("oca", "OCA"))
                    if key in checks
                )
                + (
                    f" (OCA: {checks['oca']['mismatches_currency_mixed']} currencies "
                    f"mixed, {checks['oca']['mismatches_lines_not_in_run']} with "
                    "overdue lines in no run)"
                    if "oca" in checks
                    else ""
                ),
                None,
                "0 (ours)",
                checks["ours"]["mismatches"] == 0 if "ours" in checks else None,
            )
        return ratios
