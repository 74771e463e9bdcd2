# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import dunning
from ..lib import policy as policy_rules
from .collection_guard import system_env
from .collection_handler import BATCH_KEY, ActionBatch
from .collection_handler_letter import LETTER_ACTIONS

_logger = logging.getLogger(__name__)

# In a cron slice, a debtor with more open lines than this starts a slice of
# its own: its action (thousands of lines locked, listed, linked) is the slice.
BIG_DEBTOR_LINES = 1000
# pg_try_advisory_xact_lock(key1, key2): key1 names the lock family, key2 the company.
RUN_LOCK_KEY = 48151623
CONCURRENT_ERRORS = (LockNotAvailable, SerializationFailure)
COMMITMENT_COUNTS = {
    "promise_kept_count": "kept",
    "promise_broken_count": "broken",
    "plan_done_count": "done",
    "plan_defaulted_count": "defaulted",
}


class CollectionEscalation(models.AbstractModel):
    """The escalation engine: decide (in ``lib/``), then act through handlers.

    Called by the scheduled run (one company slice per call), by "Run now"
    (which enqueues the same cron) and by the tests, always through
    :meth:`_run_company`. A path goes one way: this service → ``lib.dunning``
    → one ``collection.handler.<action>`` per debtor → records.
    """

    _name = "collection.escalation"
    _description = "Collections: Escalation Engine"

    # === CRON === #
    @api.model
    def _cron_escalate(self, batch_size=200, time_budget=8.0):
        """Daily run: one company slice per call; the runner repeats until done.

        A company's day starts with a slice of its own (figures,
        classification, promises and plans); action slices stop after
        ``batch_size`` debtors or ``time_budget`` seconds, whichever comes
        first, so each call fits Odoo's cron limits whatever the actions cost.
        A "Run now" request (a queued run) takes the company's day again first
        and is marked done with its last slice.
        """
        companies = self.env["res.company"].search([], order="id")
        Run = self.env["collection.run"].sudo()._collection_system()
        for company in companies:
            today = company._collection_today()
            request = Run.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("queued", "running")),
                    ("trigger", "=", "manual"),
                ],
                order="id",
                limit=1,
            )
            trigger = "manual" if request else "cron"
            if request.state == "queued" or (
                company.collection_refresh_date != today
                or company.collection_commitments_date != today
            ):
                self._run_company(company, trigger=trigger, act=False)
                request.write({"state": "running", "date": today})
                self.env["ir.cron"]._notify_progress(done=1, remaining=len(companies))
                return
            _run, stats = self._run_company(
                company, limit=batch_size, trigger=trigger, time_budget=time_budget
            )
            # A slice that only failed makes no progress: stop until the next run.
            if stats["state"] == "partial" and stats["action_count"]:
                done = stats["action_count"] + stats["failure_count"]
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=max(stats["debtor_due_count"] - done, 1)
                )
                return
            request.write({"state": "done", "date_end": fields.Datetime.now()})
        _logger.info("Collections run done for %d companies", len(companies))
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)

    # === BUSINESS / HOOKS === #
    @api.model
    def _acquire_lock(self, company):
        """Refuse a second run of the same company while one holds the lock."""
        locked = self.env.execute_query(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", RUN_LOCK_KEY, company.id)
        )[0][0]
        if not locked:
            raise UserError(
                self.env._(
                    "A collections run is already in progress for %(company)s. "
                    "Wait for it to finish, then try again.",
                    company=company.name,
                )
            )

    @api.model
    def _prepare_day(self, company, today, force):
        """The day's figures, classification, promises and plans.

        Once a day for the scheduled run; every time when ``force`` ("Run
        now", the tests), so new debt is seen at once (only changes are
        written).

        :return: the commitments' outcome, see ``collection.commitments``
        """
        if force or company.collection_refresh_date != today:
            self.env["collection.ledger"]._refresh_company(company, today=today)
            company._collection_mark_day("collection_refresh_date", today)
        commitments = {}
        if force or company.collection_commitments_date != today:
            commitments = self.env["collection.commitments"]._follow_company(
                company, today
            )
            company._collection_mark_day("collection_commitments_date", today)
        return commitments

    @api.model
    def _run_company(
        self,
        company,
        today=None,
        limit=None,
        trigger="manual",
        time_budget=None,
        act=True,
    ):
        """Escalate the due debtors of one company.

        Phases: the day's preparation (:meth:`_prepare_day`), episodes closed,
        due levels decided set-based, actions taken one debtor at a time under
        a savepoint. Mails are only queued: Odoo's mail queue sends them after
        the commit, and no commit happens inside a slice.

        :param limit: act on at most this many debtors (a cron slice)
        :param time_budget: stop acting after this many seconds (a cron slice)
        :param act: ``False`` prepares the day only: the scheduled run's first
            slice of each company
        :return: ``(run, stats)``; ``run`` is empty when nothing was due
        """
        started = time.monotonic()
        self = self.with_company(company)
        today = today or company._collection_today()
        self._acquire_lock(company)
        commitments = self._prepare_day(company, today, force=trigger == "manual")
        open_sql = self.env["collection.receivable"]._open_sql(company)
        policies = self._policies(company)
        stats = {
            key: len(commitments.get(state, ()))
            for key, state in COMMITMENT_COUNTS.items()
        }
        stats.update(
            company_id=company.id,
            date=today,
            trigger=trigger,
            episode_closed_count=self._close_episodes(
                company, today, open_sql, policies
            ),
            action_count=0,
            failure_count=0,
            skipped_count=0,
            retried_count=0,
            concurrent_count=0,
        )
        decisions = self._decide(company, today, open_sql, policies) if act else []
        stats["debtor_due_count"] = len(decisions)
        todo = decisions[:limit] if limit else decisions
        mails = commitments.get("mails", self.env["mail.mail"])
        slice_ = self._act_batched(todo, today, open_sql, started, time_budget)
        processed, counts, log, acted_mails = slice_
        stats.update({key: stats[key] + value for key, value in counts.items()})
        mails |= acted_mails
        if mails:
            # Sent by Odoo's mail queue once this transaction is committed.
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        stats["state"] = "partial" if processed < len(decisions) or not act else "done"
        counted = ("episode_closed_count", *COMMITMENT_COUNTS)
        if not (decisions or any(stats[key] for key in counted)):
            # Nothing was due: a same-day re-run writes nothing, not even a log.
            return self.env["collection.run"], stats
        run = system_env(self.env["collection.run"].sudo()).create(
            dict(stats, date_end=fields.Datetime.now(), log="\n".join(log) or False)
        )
        return run.with_env(self.env), stats

    @api.model
    def _act_batched(self, todo, today, open_sql, started=None, time_budget=None):
        """Act on ``todo`` with one :class:`ActionBatch`; should the batch
        fail, roll it back and act on the same debtors one by one.

        :return: see :meth:`_act_slice`
        """
        if not todo:
            return self._act_slice(todo, today, open_sql)
        Handler = self.env["collection.handler"]
        debtors = self.env["collection.debtor"].browse([d for d, _x in todo])
        batch = ActionBatch(
            debtor_ids=debtors.ids,
            failed=Handler._failed_contacts(debtors),
        )
        attempt = None
        try:
            with self.env.cr.savepoint():
                attempt = self.with_context(**{BATCH_KEY: batch})._act_slice(
                    todo, today, open_sql, started, time_budget
                )
                mails = Handler._flush(batch)
            slice_ = (*attempt[:3], attempt[3] | mails)
        except Exception as error:  # noqa: BLE001 - then debtor by debtor
            _logger.warning(
                "Collections: a batch of %s debtors failed (%s); acting on them"
                " one by one",
                len(todo),
                error,
            )
            self.env.invalidate_all()
            if attempt:  # the same debtors again, no more
                slice_ = self._act_slice(todo[: attempt[0]], today, open_sql)
            else:
                slice_ = self._act_slice(todo, today, open_sql, started, time_budget)
        return slice_

    @api.model
    def _act_slice(self, todo, today, open_sql, started=None, time_budget=None):
        """Act on the decided debtors of ``todo``.

        With an :class:`ActionBatch` in the context the debtors are locked
        together and the handlers collect their records for one create at the
        end of the slice; any failure fails the whole batch. Without (the
        fallback when a batch failed), each debtor acts under a savepoint of
        its own and the handlers create their records at once: a failure is
        counted and logged, and the run goes on.

        :return: ``(processed, counts, log, mails)``
        """
        counts = dict.fromkeys(
            (
                "action_count",
                "failure_count",
                "skipped_count",
                "retried_count",
                "concurrent_count",
            ),
            0,
        )
        log, processed, letters = [], 0, {}
        mails = self.env["mail.mail"]
        batch = self.env["collection.handler"]._batch()
        if batch:
            self._lock_slice(todo, today, open_sql, batch)
        Debtor = self.env["collection.debtor"]
        # Debtors of the slice are read together, not one query each.
        prefetch = [debtor_id for debtor_id, _decision in todo]
        for position, (debtor_id, decision) in enumerate(todo):
            if (
                processed
                and time_budget
                and (
                    time.monotonic() - started > time_budget
                    or decision.line_count > BIG_DEBTOR_LINES
                )
            ):
                break
            processed += 1
            debtor = Debtor.browse(debtor_id).with_prefetch(prefetch)
            if (
                decision.level_record.action in LETTER_ACTIONS
                and debtor_id not in letters
            ):
                letters = self.env["collection.handler.letter"]._render_batch(
                    todo[position:], BIG_DEBTOR_LINES if time_budget else None
                )
            try:
                # In a batch, no savepoint per debtor: a failure fails the
                # batch, which is redone debtor by debtor (_act_batched).
                with nullcontext() if batch else self.env.cr.savepoint():
                    result = self._act(
                        debtor, decision, today, open_sql, letters.get(debtor_id)
                    )
            except CONCURRENT_ERRORS:
                if batch:
                    raise
                # Paid or edited concurrently: decided again by the next run.
                counts["concurrent_count"] += 1
                continue
            except Exception as error:  # noqa: BLE001 - one debtor never stops a run
                if batch:
                    raise
                _logger.warning(
                    "Collections: %s failed: %s", debtor.display_name, error
                )
                counts["failure_count"] += 1
                log.append(f"{debtor.display_name}: {error}")
                debtor.message_post(
                    body=self.env._(
                        "Collections run: %(level)s could not be taken: %(error)s",
                        level=decision.level_record.name,
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            if result is None:
                continue
            counts["action_count"] += 1
            counts["skipped_count"] += len(decision.skipped)
            counts["retried_count"] += int(result.get("retried", False))
            mails |= result.get("mail") or mails
        return processed, counts, log, mails

    @api.model
    def _lock_slice(self, todo, today, open_sql, batch):
        """Lock the debtors of a batched slice and their eligible lines, and
        read those lines again: two queries for the slice instead of two per
        debtor (see :meth:`_act`). A debtor or a line locked elsewhere fails
        the batch, which is then redone debtor by debtor.

        Debtors of more than :data:`BIG_DEBTOR_LINES` open lines are left to
        :meth:`_act`: their action is a slice of its own.
        """
        by_window = {}
        for debtor_id, decision in todo:
            if decision.line_count <= BIG_DEBTOR_LINES:
                window = self._window(decision.policy)
                by_window.setdefault(window, []).append(debtor_id)
        Receivable = self.env["collection.receivable"]
        fresh = {}
        for window, debtor_ids in by_window.items():
            fresh.update(
                Receivable._lock_eligible(
                    self.env.company, today, window, open_sql, debtor_ids
                )
            )
        batch.locked = frozenset(d for ids in by_window.values() for d in ids)
        batch.fresh = fresh

    @api.model
    def _policies(self, company):
        return self.env["collection.policy"].search([("company_id", "=", company.id)])

    @api.model
    def _window(self, policies):
        """Days before the due date of the earliest pre-due reminder (>= 0)."""
        return dunning.pre_due_window(policies.level_ids.mapped("days"))

    @api.model
    def _decide(self, company, today, open_sql, policies=None):
        """Set-based: the level due now for each debtor, with no query per debtor.

        :param policies: the company's policies (:meth:`_policies`), when the
            caller read them already
        :return: list of ``(debtor_id, Decision)`` for debtors with a level due
        """
        if policies is None:
            policies = self._policies(company)
        policies.level_ids.fetch(["days", "sequence", "min_amount", "action", "name"])
        if not policies:
            return []
        ladders = {policy.id: policy._as_levels() for policy in policies}
        rules = policies._as_rules()
        window = self._window(policies)
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self.env["collection.receivable"]._eligible_lines_sql(
                company, today, window, open_sql, count_only=True
            )
        )
        if not rows:
            return []
        history = self.env["collection.contact"]._taken_levels(company, today)
        debtors = self.env["collection.debtor"].browse([r["debtor_id"] for r in rows])
        debtors.fetch(["abc_class", "debtor_type", "stage", "forced_level_id"])
        levels = self.env["collection.level"]
        decisions = []
        for row in rows:
            debtor = debtors.browse(row["debtor_id"])
            policy = policies.browse(
                policy_rules.choose_policy(rules, debtor.abc_class, debtor.debtor_type)
            )
            if not policy:
                continue
            taken, demand = history.get(debtor.id, (frozenset(), dunning.DEMAND_NONE))
            decision = dunning.due_level(
                ladders[policy.id], row["days"], Decimal(row["amount"]), taken, demand
            )
            forced = debtor.forced_level_id
            if self._force(forced, taken, demand):
                # A defaulted plan sends the debt back at a set level.
                policy = forced.policy_id
                decision = dunning.LevelDecision(level=forced._as_level())
            if decision.level is None:
                continue
            decisions.append(
                (
                    debtor.id,
                    Decision(
                        level=decision.level,
                        skipped=decision.skipped,
                        level_record=levels.browse(decision.level.key),
                        policy=policy,
                        days=row["days"],
                        amount=Decimal(row["amount"]),
                        line_count=row["line_count"],
                        taken=taken,
                        demand=demand,
                    ),
                )
            )
        decisions.sort(key=lambda item: (-item[1].days, item[0]))
        return decisions

    @api.model
    def _force(self, forced, taken, demand):
        """Whether a defaulted plan's level applies now: once per episode, and
        a hand-over only after a demand whose deadline has passed."""
        if not forced or forced.id in taken:
            return False
        return (
            forced.action not in dunning.HANDOVER_ACTIONS
            or demand == dunning.DEMAND_PASSED
        )

    @api.model
    def _close_episodes(self, company, today, open_sql, policies=None):
        """End the episode of debtors whose escalated debt is paid.

        One grouped query gives, per escalated debtor, the open debit due by
        its horizon; ``lib.dunning`` decides whether the episode is over (the
        horizon never goes backwards with the clock); one UPDATE closes them.
        """
        if policies is None:
            policies = self._policies(company)
        window = self._window(policies)
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT d.id, d.last_action_date
                  FROM collection_debtor d
                 WHERE d.company_id = %s AND d.level_id IS NOT NULL
                """,
                company.id,
            )
        )
        if not rows:
            return 0
        horizons = {
            debtor_id: dunning.episode_horizon(today, last, window)
            for debtor_id, last in rows
        }
        due = dict(
            self.env.execute_query(
                SQL(
                    """
                    SELECT d.id, COALESCE(SUM(aml.amount_residual), 0)
                      FROM collection_debtor d
                      JOIN UNNEST(%(ids)s::int4[], %(horizons)s::date[])
                           AS h(id, horizon) ON h.id = d.id
                      JOIN res_partner p ON p.commercial_partner_id = d.partner_id
                      JOIN account_move_line aml ON aml.partner_id = p.id
                     WHERE %(open_receivable)s
                       AND aml.amount_residual > 0
                       AND aml.date_maturity <= h.horizon
                     GROUP BY d.id
                    """,
                    ids=list(horizons),
                    horizons=[str(day) for day in horizons.values()],
                    open_receivable=open_sql,
                )
            )
        )
        closed = [
            debtor_id
            for debtor_id in horizons
            if dunning.episode_closed(Decimal(str(due.get(debtor_id, 0))))
        ]
        if closed:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE collection_debtor
                       SET episode = episode + 1, level_id = NULL, stage = 'normal',
                           write_date = NOW() AT TIME ZONE 'UTC'
                     WHERE id IN %s
                    """,
                    tuple(closed),
                )
            )
            self.env["collection.debtor"].invalidate_model(
                ["episode", "level_id", "stage", "write_date"]
            )
        return len(closed)

    @api.model
    def _act(self, debtor, decision, today, open_sql, rendered=None):
        """Take the decided level for one debtor (see :meth:`_act_slice`).

        Re-reads the debtor's eligible lines under a row lock first, so a
        payment reconciled since the decision is honoured. The debtor's level
        is set before the handler runs, so its letter speaks for that level;
        a failure rolls both back.

        :param rendered: the letter of the level, rendered in the slice's batch
        :return: ``None`` when nothing was done, else the handler's result
        """
        batch = self.env["collection.handler"]._batch()
        if batch and debtor.id in batch.locked:
            # Locked and read again at the start of the slice (_lock_slice).
            fresh = [batch.fresh[debtor.id]] if debtor.id in batch.fresh else []
        else:
            window = self._window(decision.policy)
            fresh = self.env["collection.receivable"]._lock_eligible(
                debtor.company_id, today, window, open_sql, debtor.ids
            )
            fresh = list(fresh.values())
        if not fresh:
            return None
        check = dunning.due_level(
            decision.policy._as_levels(),
            fresh[0]["days"],
            Decimal(fresh[0]["amount"]),
            decision.taken,
            decision.demand,
        )
        if debtor.forced_level_id.id == decision.level.key:
            check = dunning.LevelDecision(level=decision.level)
        if check.level is None or check.level.key != decision.level.key:
            # The debt changed since the decision: the next run decides again.
            return None
        level = decision.level_record
        moves = self.env["account.move"].browse(fresh[0]["move_ids"])
        handler = self.env[f"collection.handler.{level.action}"]
        if decision.skipped:
            handler._log_skipped(debtor, decision.skipped, level)
        system_env(debtor).write(
            {
                "level_id": level.id,
                "policy_id": decision.policy.id,
                "last_action_date": today,
                "forced_level_id": False,
            }
        )
        return handler._take(debtor, level, moves, today, rendered=rendered)


@dataclass(slots=True)
class Decision:
    """A level decided for one debtor, with what the action needs."""

    level: dunning.Level
    skipped: tuple
    level_record: object
    policy: object
    days: int
    amount: Decimal
    line_count: int
    taken: frozenset
    demand: str
