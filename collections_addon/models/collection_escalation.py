# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import dataclasses
import logging
import time
from dataclasses import dataclass
from decimal import Decimal

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import dunning
from ..lib import policy as policy_rules
from .collection_guard import system_env
from .collection_handler import ActionBatch

_logger = logging.getLogger(__name__)

# In a cron slice, a debtor with more open lines than this starts a slice of
# its own: its action (thousands of lines locked, listed, linked) is the slice.
BIG_DEBTOR_LINES = 1000
# pg_try_advisory_xact_lock(key1, key2): key1 names the lock family, key2 the company.
RUN_LOCK_KEY = 48151623
CONCURRENT_ERRORS = (LockNotAvailable, SerializationFailure)


@dataclass
class RunStats:
    """What a run did for one company: the fields of its ``collection.run``
    log, and ``state``: ``done``, or ``partial`` when due debtors are left
    for the next slice."""

    company_id: int
    date: object
    trigger: str
    state: str = "done"
    debtor_due_count: int = 0
    action_count: int = 0
    failure_count: int = 0
    skipped_count: int = 0
    retried_count: int = 0
    concurrent_count: int = 0
    episode_closed_count: int = 0
    promise_kept_count: int = 0
    promise_broken_count: int = 0
    plan_done_count: int = 0
    plan_defaulted_count: int = 0

    def log_values(self):
        """The values of the run's log record."""
        return dataclasses.asdict(self)


@dataclass
class SliceResult:
    """What acting on a slice did: how many of its debtors were processed,
    the counts, the log lines of failures and the mails queued."""

    processed: int = 0
    action_count: int = 0
    failure_count: int = 0
    skipped_count: int = 0
    retried_count: int = 0
    concurrent_count: int = 0
    log: list = dataclasses.field(default_factory=list)
    mails: object = None

    COUNTS = (
        "action_count",
        "failure_count",
        "skipped_count",
        "retried_count",
        "concurrent_count",
    )

    def add(self, other):
        """Count ``other`` (a debtor's own slice) in this one."""
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.log += other.log
        self.mails |= other.mails


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


class CollectionEscalation(models.AbstractModel):
    """The escalation engine: decide (in ``lib/``), then act through handlers.

    Called by the scheduled run (one company slice per call), by "Run now"
    (which enqueues the same cron) and by the tests, always through
    :meth:`_run_company`. A path goes one way: this service → ``lib.dunning``
    → one ``collection.handler.<action>`` per debtor → records. The slice's
    :class:`ActionBatch` is an argument from here down.
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
        Run = system_env(self.env["collection.run"].sudo())
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
            if stats.state == "partial" and stats.action_count:
                done = stats.action_count + stats.failure_count
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=max(stats.debtor_due_count - done, 1)
                )
                return
            request.write({"state": "done", "date_end": fields.Datetime.now()})
        _logger.info("Collections run done for %d companies", len(companies))
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)

    # === THE RUN OF A COMPANY === #
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

        :return: the follow-up of promises and plans
            (``collection.commitments.FollowUp``), or ``None`` when it already
            ran today
        """
        if force or company.collection_refresh_date != today:
            self.env["collection.ledger"]._refresh_company(company, today=today)
            company._collection_mark_day("collection_refresh_date", today)
        if force or company.collection_commitments_date != today:
            follow_up = self.env["collection.commitments"]._follow_company(
                company, today
            )
            company._collection_mark_day("collection_commitments_date", today)
            return follow_up
        return None

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
        due levels decided set-based, actions taken by slice
        (:meth:`_act_batched`). Mails are only queued: Odoo's mail queue sends
        them after the commit, and no commit happens inside a slice.

        :param limit: act on at most this many debtors (a cron slice)
        :param time_budget: stop acting after this many seconds (a cron slice)
        :param act: ``False`` prepares the day only: the scheduled run's first
            slice of each company
        :return: ``(run, stats)``: the run's log (empty when nothing was due)
            and its :class:`RunStats`
        """
        started = time.monotonic()
        self = self.with_company(company)
        today = today or company._collection_today()
        self._acquire_lock(company)
        follow_up = self._prepare_day(company, today, force=trigger == "manual")
        open_sql = self.env["collection.receivable"]._open_sql(company)
        policies = self._policies(company)
        stats = RunStats(company_id=company.id, date=today, trigger=trigger)
        if follow_up:
            stats.promise_kept_count = len(follow_up.kept)
            stats.promise_broken_count = len(follow_up.broken)
            stats.plan_done_count = len(follow_up.done)
            stats.plan_defaulted_count = len(follow_up.defaulted)
        stats.episode_closed_count = self._close_episodes(
            company, today, open_sql, policies
        )
        decisions = self._decide(company, today, open_sql, policies) if act else []
        stats.debtor_due_count = len(decisions)
        todo = decisions[:limit] if limit else decisions
        result = self._act_batched(company, todo, today, open_sql, started, time_budget)
        for name in SliceResult.COUNTS:
            setattr(stats, name, getattr(result, name))
        mails = result.mails | (follow_up.mails if follow_up else result.mails)
        if mails:
            # Sent by Odoo's mail queue once this transaction is committed.
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        partial = result.processed < len(decisions) or not act
        stats.state = "partial" if partial else "done"
        if not (
            decisions
            or stats.episode_closed_count
            or stats.promise_kept_count
            or stats.promise_broken_count
            or stats.plan_done_count
            or stats.plan_defaulted_count
        ):
            # Nothing was due: a same-day re-run writes nothing, not even a log.
            return self.env["collection.run"], stats
        run = system_env(self.env["collection.run"].sudo()).create(
            dict(
                stats.log_values(),
                date_end=fields.Datetime.now(),
                log="\n".join(result.log) or False,
            )
        )
        return run.with_env(self.env), stats

    @api.model
    def _policies(self, company):
        return self.env["collection.policy"].search([("company_id", "=", company.id)])

    @api.model
    def _window(self, policies):
        """Days before the due date of the earliest pre-due reminder (>= 0)."""
        return dunning.pre_due_window(policies.level_ids.mapped("days"))

    # === EPISODES === #
    @api.model
    def _close_episodes(self, company, today, open_sql, policies=None):
        """End the episode of the escalated debtors who owe nothing any more.

        What a debtor owes by its episode's horizon is read with the one rule
        of what is owed (``collection.receivable._owed_sql``: credits netted,
        disputed invoices out; a plan, a promise or a hold pause escalation
        but settle nothing); ``lib.dunning`` decides whether the episode is
        over (the horizon never goes backwards with the clock); one UPDATE
        closes them.
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
        owed = {
            row["debtor_id"]: Decimal(str(row["amount"]))
            for row in self.env.execute_query_dict(
                self.env["collection.receivable"]._owed_sql(
                    company, today, open_sql, horizons, pauses=False, count_only=True
                )
            )
        }
        closed = [
            debtor_id
            for debtor_id in horizons
            if dunning.episode_closed(owed.get(debtor_id, Decimal(0)))
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

    # === DECISION === #
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
        horizon = fields.Date.add(today, days=self._window(policies))
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self.env["collection.receivable"]._owed_sql(
                company, today, open_sql, horizon, count_only=True
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

    # === ACTIONS === #
    @api.model
    def _new_batch(self, company, todo, today, open_sql):
        """The :class:`ActionBatch` of the debtors of ``todo``."""
        debtors = self.env["collection.debtor"].browse([d for d, _x in todo])
        return ActionBatch(
            company,
            today,
            open_sql,
            debtor_ids=debtors.ids,
            failed=self.env["collection.handler"]._failed_contacts(debtors),
        )

    @api.model
    def _act_batched(
        self, company, todo, today, open_sql, started=None, time_budget=None
    ):
        """Act on ``todo`` with one :class:`ActionBatch`, created together at
        its end; should anything fail, roll the slice back and act on the same
        debtors one by one (:meth:`_act_one_by_one`).

        :return: a :class:`SliceResult`
        """
        result = None
        try:
            with self.env.cr.savepoint():
                batch = self._new_batch(company, todo, today, open_sql)
                result = self._act_slice(todo, batch, started, time_budget)
                result.mails |= self.env["collection.handler"]._flush(batch)
            return result
        except Exception as error:  # noqa: BLE001 - then debtor by debtor
            _logger.warning(
                "Collections: a batch of %s debtors failed (%s); acting on them"
                " one by one",
                len(todo),
                error,
            )
            self.env.invalidate_all()
            if result:  # the flush failed: the same debtors again, no more
                return self._act_one_by_one(
                    company, todo[: result.processed], today, open_sql
                )
            return self._act_one_by_one(
                company, todo, today, open_sql, started, time_budget
            )

    @api.model
    def _act_one_by_one(
        self, company, todo, today, open_sql, started=None, time_budget=None
    ):
        """Act on each debtor of ``todo`` as a batch of one, under a savepoint
        of its own, flushed at once: a failure is counted, logged and posted
        on the debtor, and the run goes on.

        :return: a :class:`SliceResult`
        """
        result = SliceResult(mails=self.env["mail.mail"])
        for item in todo:
            debtor_id, decision = item
            if result.processed and self._slice_full(decision, started, time_budget):
                break
            result.processed += 1
            try:
                with self.env.cr.savepoint():
                    batch = self._new_batch(company, [item], today, open_sql)
                    one = self._act_slice([item], batch)
                    one.mails |= self.env["collection.handler"]._flush(batch)
            except CONCURRENT_ERRORS:
                # Paid or edited concurrently: decided again by the next run.
                result.concurrent_count += 1
                continue
            except Exception as error:  # noqa: BLE001 - one debtor never stops a run
                debtor = self.env["collection.debtor"].browse(debtor_id)
                _logger.warning(
                    "Collections: %s failed: %s", debtor.display_name, error
                )
                result.failure_count += 1
                result.log.append(f"{debtor.display_name}: {error}")
                debtor.message_post(
                    body=self.env._(
                        "Collections run: %(level)s could not be taken: %(error)s",
                        level=decision.level_record.name,
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            result.add(one)
        return result

    @api.model
    def _slice_full(self, decision, started, time_budget):
        """Whether a cron slice stops before ``decision``'s debtor: its time is
        up, or the debtor is big enough to be a slice of its own."""
        return bool(
            time_budget
            and (
                time.monotonic() - started > time_budget
                or decision.line_count > BIG_DEBTOR_LINES
            )
        )

    @api.model
    def _act_slice(self, todo, batch, started=None, time_budget=None):
        """Act on the decided debtors of ``todo`` with ``batch``: the debtors
        are locked together, each handler prepares its part of the batch
        before its first action, and the records are created by the caller's
        flush. Any failure fails the slice (no savepoint per debtor).

        :return: a :class:`SliceResult`
        """
        result = SliceResult(mails=self.env["mail.mail"])
        self._lock_slice(todo, batch)
        Debtor = self.env["collection.debtor"]
        Handler = self.env["collection.handler"]
        # Debtors of the slice are read together, not one query each.
        prefetch = [debtor_id for debtor_id, _decision in todo]
        big_lines = BIG_DEBTOR_LINES if time_budget else None
        for position, (debtor_id, decision) in enumerate(todo):
            if result.processed and self._slice_full(decision, started, time_budget):
                break
            result.processed += 1
            debtor = Debtor.browse(debtor_id).with_prefetch(prefetch)
            handler = Handler._for_action(decision.level_record.action)
            if debtor_id not in batch.prepared:
                handler._prepare_batch(batch, todo[position:], big_lines)
            action = self._act(debtor, decision, handler, batch)
            if action is None:
                continue
            result.action_count += 1
            result.skipped_count += len(decision.skipped)
            result.retried_count += int(action.retried)
        return result

    @api.model
    def _lock_slice(self, todo, batch):
        """Lock the debtors of a slice and what they owe, and read it again:
        two queries for the slice instead of two per debtor (see :meth:`_act`).
        A debtor or a line locked elsewhere fails the slice.

        Debtors of more than :data:`BIG_DEBTOR_LINES` open lines are left to
        :meth:`_act`: their action is a slice of its own.
        """
        by_horizon = {}
        for debtor_id, decision in todo:
            if decision.line_count <= BIG_DEBTOR_LINES or len(todo) == 1:
                by_horizon.setdefault(self._horizon(decision, batch), []).append(
                    debtor_id
                )
        Receivable = self.env["collection.receivable"]
        for horizon, debtor_ids in by_horizon.items():
            batch.fresh.update(
                Receivable._lock_owed(
                    batch.company, batch.today, horizon, batch.open_sql, debtor_ids
                )
            )
        batch.locked = frozenset(d for ids in by_horizon.values() for d in ids)

    @api.model
    def _horizon(self, decision, batch):
        """The last due date that counts for ``decision``'s policy."""
        return fields.Date.add(batch.today, days=self._window(decision.policy))

    @api.model
    def _act(self, debtor, decision, handler, batch):
        """Take the decided level for one debtor (see :meth:`_act_slice`).

        Acts on the debtor's owed lines as locked and read again at the start
        of the slice (or now, for a big debtor), so a payment reconciled since
        the decision is honoured. The debtor's level is set, then the handler
        runs; a failure rolls both back.

        :return: ``None`` when nothing was done, else the handler's
            :class:`~.collection_handler.ActionResult`
        """
        if debtor.id not in batch.locked:
            batch.fresh.update(
                self.env["collection.receivable"]._lock_owed(
                    batch.company,
                    batch.today,
                    self._horizon(decision, batch),
                    batch.open_sql,
                    debtor.ids,
                )
            )
        fresh = batch.fresh.get(debtor.id)
        if not fresh:
            return None
        check = dunning.due_level(
            decision.policy._as_levels(),
            fresh["days"],
            Decimal(fresh["amount"]),
            decision.taken,
            decision.demand,
        )
        if debtor.forced_level_id.id == decision.level.key:
            check = dunning.LevelDecision(level=decision.level)
        if check.level is None or check.level.key != decision.level.key:
            # The debt changed since the decision: the next run decides again.
            return None
        level = decision.level_record
        moves = self.env["account.move"].browse(fresh["move_ids"])
        if decision.skipped:
            handler._log_skipped(debtor, decision.skipped, level, batch)
        system_env(debtor).write(
            {
                "level_id": level.id,
                "policy_id": decision.policy.id,
                "last_action_date": batch.today,
                "forced_level_id": False,
            }
        )
        return handler._take(debtor, level, moves, batch.today, batch)
