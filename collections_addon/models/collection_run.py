# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
import time
from decimal import Decimal

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import dunning

_logger = logging.getLogger(__name__)

# In a cron slice, a debtor with more invoices than this starts a slice of its
# own: its action (thousands of lines locked, listed, linked) is the slice.
BIG_DEBTOR_MOVES = 1000
# pg_try_advisory_xact_lock(key1, key2): key1 names the lock family, key2 the company.
RUN_LOCK_KEY = 48151623
CONCURRENT_ERRORS = (LockNotAvailable, SerializationFailure)
ACTION_CHANNEL = {
    "email": "email",
    "call": "call",
    "letter": "letter",
    "demand": "letter",
    "legal": "letter",
    "agency": "letter",
}


class CollectionRun(models.Model):
    _name = "collection.run"
    _description = "Collection Run"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # === FIELDS === #
    company_id = fields.Many2one("res.company", required=True, index=True)
    date = fields.Date(required=True, help="The day the run escalated for.")
    date_start = fields.Datetime(default=fields.Datetime.now, required=True)
    date_end = fields.Datetime()
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("partial", "Partly Done")],
        default="running",
        required=True,
    )
    trigger = fields.Selection(
        [("cron", "Scheduled"), ("manual", "Run Now")], default="manual", required=True
    )
    debtor_due_count = fields.Integer(string="Debtors Due")
    action_count = fields.Integer(string="Actions Taken")
    failure_count = fields.Integer(string="Failures")
    skipped_count = fields.Integer(string="Levels Skipped")
    retried_count = fields.Integer(string="Mails Retried")
    concurrent_count = fields.Integer(
        string="Changed During the Run",
        help="Debtors paid or edited while the run acted: left for the next run.",
    )
    promise_kept_count = fields.Integer(string="Promises Kept")
    promise_broken_count = fields.Integer(string="Promises Broken")
    plan_done_count = fields.Integer(string="Plans Completed")
    plan_defaulted_count = fields.Integer(string="Plans Defaulted")
    episode_closed_count = fields.Integer(string="Episodes Closed")
    log = fields.Text()

    # === ACTIONS === #
    @api.model
    def action_run_now(self):
        """The "Run now" button: escalate the selected companies at once."""
        if not self.env.user.has_group(
            "collections_addon.collections_addon_group_user"
        ):
            raise UserError(_("Only collections users can start a collections run."))
        totals = {"action_count": 0, "failure_count": 0}
        for company in self.env.companies:
            _run, stats = self.sudo()._run_company(company, trigger="manual")
            for key in totals:
                totals[key] += stats[key]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Collections run finished"),
                "message": _(
                    "%(actions)s actions taken, %(failures)s failures.",
                    actions=totals["action_count"],
                    failures=totals["failure_count"],
                ),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === CRON === #
    @api.model
    def _cron_escalate(self, batch_size=200, time_budget=8.0):
        """Daily run: one company slice per call; the runner repeats until done.

        A slice stops after ``batch_size`` debtors or ``time_budget`` seconds,
        whichever comes first, so each call fits Odoo's cron limits whatever
        the actions cost (PDF letters, mail rendering).
        """
        companies = self.env["res.company"].search([], order="id")
        today = fields.Date.context_today(self)
        for company in companies:
            if (
                company.collection_refresh_date != today
                or company.collection_commitments_date != today
            ):
                # The day's figures, classification, promises and plans take a
                # slice of their own, so that no slice adds actions to them.
                self._run_company(company, trigger="cron", act=False)
                self.env["ir.cron"]._notify_progress(done=1, remaining=len(companies))
                return
            _run, stats = self._run_company(
                company, limit=batch_size, trigger="cron", time_budget=time_budget
            )
            # A slice that only failed makes no progress: stop until the next run.
            if stats["state"] == "partial" and stats["action_count"]:
                done = stats["action_count"] + stats["failure_count"]
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=max(stats["debtor_due_count"] - done, 1)
                )
                return
        _logger.info(
            "Collections run of %s done for %d companies", today, len(companies)
        )
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
                _(
                    "A collections run is already in progress for %(company)s. "
                    "Wait for it to finish, then try again.",
                    company=company.name,
                )
            )

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

        Phases: figures and classification, promises and plans (hook), both
        once a day for the scheduled run and every time for "Run now"; then
        episodes closed, due levels decided set-based, actions taken one debtor
        at a time under a savepoint.

        :param limit: act on at most this many debtors (a cron slice)
        :param time_budget: stop acting after this many seconds (a cron slice)
        :param act: ``False`` prepares the day only (figures, promises and
            plans): the scheduled run's first slice of each company
        :return: ``(run, stats)``; ``run`` is empty when nothing was due
        """
        started = time.monotonic()
        self = self.with_company(company)
        self = self.with_context(
            collection_receivable_ids={
                company.id: self.env["collection.debtor"]._receivable_account_ids(
                    company
                )
            }
        )
        today = today or fields.Date.context_today(self)
        self._acquire_lock(company)
        Debtor = self.env["collection.debtor"]
        # The scheduled run refreshes the figures once a day; "Run now" always
        # does (it writes only what changed), so new debt is seen at once.
        if trigger == "manual" or company.collection_refresh_date != today:
            Debtor._refresh_company(company, today=today)
            company.sudo().collection_refresh_date = today
        commitments = {}
        if trigger == "manual" or company.collection_commitments_date != today:
            commitments = self._hook_promises_and_plans(company, today)
            company.sudo().collection_commitments_date = today
        self._sync_mail_states(company)
        stats = {
            "promise_kept_count": len(commitments.get("kept", [])),
            "promise_broken_count": len(commitments.get("broken", [])),
            "plan_done_count": len(commitments.get("done", [])),
            "plan_defaulted_count": len(commitments.get("defaulted", [])),
            "company_id": company.id,
            "date": today,
            "trigger": trigger,
            "episode_closed_count": self._close_episodes(company, today),
            "action_count": 0,
            "failure_count": 0,
            "skipped_count": 0,
            "retried_count": 0,
            "concurrent_count": 0,
        }
        decisions = self._decide(company, today) if act else []
        stats["debtor_due_count"] = len(decisions)
        todo = decisions[:limit] if limit else decisions
        log = []
        mails = commitments.get("mails", self.env["mail.mail"])
        processed = 0
        # Debtors of the slice are read together (and their partners with them),
        # not one query each.
        prefetch = [debtor_id for debtor_id, _decision in todo]
        for debtor_id, decision in todo:
            if (
                processed
                and time_budget
                and (
                    time.monotonic() - started > time_budget
                    or len(decision.move_ids) > BIG_DEBTOR_MOVES
                )
            ):
                break
            processed += 1
            debtor = Debtor.browse(debtor_id).with_prefetch(prefetch)
            try:
                with self.env.cr.savepoint():
                    result = self._act(debtor, decision, today)
            except CONCURRENT_ERRORS:
                # Paid or edited concurrently: decided again by the next run.
                stats["concurrent_count"] += 1
                continue
            except Exception as error:  # noqa: BLE001 - one debtor never stops a batch
                _logger.warning(
                    "Collections: %s failed: %s", debtor.display_name, error
                )
                stats["failure_count"] += 1
                log.append(f"{debtor.display_name}: {error}")
                debtor.message_post(
                    body=_(
                        "Collections run: %(level)s could not be taken: %(error)s",
                        level=decision.level_record.name,
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            if result is None:
                continue
            stats["action_count"] += 1
            stats["skipped_count"] += len(decision.skipped)
            stats["retried_count"] += int(result.get("retried", False))
            mails |= result.get("mail") or mails
        self._send_mails(mails)
        stats["state"] = "partial" if processed < len(decisions) or not act else "done"
        if not (
            decisions
            or stats["episode_closed_count"]
            or any(
                stats[key]
                for key in (
                    "promise_kept_count",
                    "promise_broken_count",
                    "plan_done_count",
                    "plan_defaulted_count",
                )
            )
        ):
            # Nothing was due: a same-day re-run writes nothing, not even a log.
            return self.browse(), stats
        run = self.create(
            dict(stats, date_end=fields.Datetime.now(), log="\n".join(log) or False)
        )
        return run, stats

    @api.model
    def _hook_promises_and_plans(self, company, today):
        """Judge promises and follow plans before deciding levels.

        :return: dict with the promises kept/broken, the plans done/defaulted
            and the reminder mails queued
        """
        Promise = self.env["collection.promise"]
        Plan = self.env["collection.plan"]
        judged = Promise._judge_company(company, today)
        plans, plan_mails = Plan._follow_company(company, today)
        return {
            **judged,
            **plans,
            "mails": Promise._remind_company(company, today) | plan_mails,
        }

    @api.model
    def _eligible_lines_sql(self, company, today, window, debtor_ids=None):
        """Open debit receivable lines that drive escalation, per debtor.

        Not excluded (dispute/hold), not on a debtor hold, due before
        ``today + window`` (``window`` = the earliest pre-due reminder).
        """
        debtor_filter = SQL("")
        if debtor_ids:
            debtor_filter = SQL("AND d.id IN %s", tuple(debtor_ids))
        return SQL(
            """
            SELECT d.id AS debtor_id,
                   MAX(%(today)s::date - aml.date_maturity) AS days,
                   SUM(aml.amount_residual) AS amount,
                   COALESCE(SUM(aml.amount_residual)
                       FILTER (WHERE aml.date_maturity < %(today)s), 0) AS overdue,
                   ARRAY_AGG(DISTINCT aml.move_id) AS move_ids,
                   ARRAY_AGG(aml.id) AS line_ids
              FROM collection_debtor d
              JOIN res_partner p ON p.commercial_partner_id = d.partner_id
              JOIN account_move_line aml ON aml.partner_id = p.id
                   AND aml.company_id = d.company_id
              JOIN account_move m ON m.id = aml.move_id
             WHERE d.company_id = %(company)s
               AND d.active
               AND (d.hold_until IS NULL OR d.hold_until < %(today)s)
               AND %(open_receivable)s
               AND aml.amount_residual > 0
               AND aml.date_maturity <= %(horizon)s
               AND NOT COALESCE(m.collection_excluded, FALSE)
               AND %(extra)s
               %(debtor_filter)s
             GROUP BY d.id
            """,
            today=today,
            horizon=fields.Date.add(today, days=window),
            company=company.id,
            extra=self._eligible_lines_extra_condition(today),
            debtor_filter=debtor_filter,
            open_receivable=self.env["collection.debtor"]._open_receivable_sql(company),
        )

    @api.model
    def _eligible_lines_extra_condition(self, today):
        """Lines covered by an active plan, or by an open promise not yet past
        its date and grace, wait: an SQL condition on ``aml``/``m``/``d``."""
        return SQL(
            """
            NOT EXISTS (
                SELECT 1 FROM collection_plan_move_rel pr
                  JOIN collection_plan pl ON pl.id = pr.plan_id
                 WHERE pr.move_id = m.id AND pl.state = 'active')
            AND NOT EXISTS (
                SELECT 1 FROM collection_promise pm
                  JOIN res_company c ON c.id = pm.company_id
                 WHERE pm.debtor_id = d.id AND pm.state = 'open'
                   AND pm.date + c.collection_promise_grace_days >= %(today)s
                   AND (NOT EXISTS (SELECT 1 FROM collection_promise_move_rel r
                                     WHERE r.promise_id = pm.id)
                        OR EXISTS (SELECT 1 FROM collection_promise_move_rel r
                                    WHERE r.promise_id = pm.id AND r.move_id = m.id)))
            """,
            today=today,
        )

    @api.model
    def _window(self, policies):
        """Days before the due date of the earliest pre-due reminder (>= 0)."""
        days = [level.days for level in policies.level_ids]
        return max(0, -min(days)) if days else 0

    @api.model
    def _taken_levels(self, company):
        """Levels already taken (or under way) per debtor in its current episode."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT c.debtor_id, ARRAY_AGG(DISTINCT c.level_id)
                  FROM collection_contact c
                  JOIN collection_debtor d ON d.id = c.debtor_id
                 WHERE d.company_id = %s AND c.episode = d.episode
                   AND c.level_id IS NOT NULL AND c.state != 'failed'
                 GROUP BY c.debtor_id
                """,
                company.id,
            )
        )
        return dict(rows)

    @api.model
    def _decide(self, company, today):
        """Set-based: the level due now for each debtor, with no query per debtor.

        :return: list of ``(debtor_id, Decision)`` for debtors with a level due
        """
        policies = self.env["collection.policy"].search(
            [("company_id", "=", company.id)]
        )
        policies.level_ids.fetch(["days", "sequence", "min_amount", "action", "name"])
        if not policies:
            return []
        ladders = {policy.id: policy._as_levels() for policy in policies}
        window = self._window(policies)
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self._eligible_lines_sql(company, today, window)
        )
        if not rows:
            return []
        taken = self._taken_levels(company)
        debtors = self.env["collection.debtor"].browse([r["debtor_id"] for r in rows])
        debtors.fetch(["abc_class", "debtor_type", "stage", "forced_level_id"])
        levels = self.env["collection.level"]
        decisions = []
        for row in rows:
            debtor = debtors.browse(row["debtor_id"])
            policy = policies._policy_for(
                policies, debtor.abc_class, debtor.debtor_type
            )
            if not policy:
                continue
            decision = dunning.due_level(
                ladders[policy.id],
                row["days"],
                Decimal(row["amount"]),
                taken.get(debtor.id, ()),
            )
            forced = debtor.forced_level_id
            if forced and forced.id not in taken.get(debtor.id, ()):
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
                        move_ids=tuple(row["move_ids"]),
                    ),
                )
            )
        decisions.sort(key=lambda item: (-item[1].days, item[0]))
        return decisions

    @api.model
    def _close_episodes(self, company, today):
        """End the episode of debtors whose escalated debt is paid, set-based.

        The debt counts as paid when no open debit line is due by the later of
        today and the last action date (plus the pre-due window), so a clock
        that goes backwards never restarts a ladder.
        """
        policies = self.env["collection.policy"].search(
            [("company_id", "=", company.id)]
        )
        self.env.flush_all()
        closed = self.env.execute_query(
            SQL(
                """
                UPDATE collection_debtor d
                   SET episode = d.episode + 1, level_id = NULL, stage = 'normal',
                       write_date = NOW() AT TIME ZONE 'UTC'
                 WHERE d.company_id = %(company)s
                   AND d.level_id IS NOT NULL
                   AND NOT EXISTS (
                       SELECT 1
                         FROM res_partner p
                         JOIN account_move_line aml ON aml.partner_id = p.id
                        WHERE p.commercial_partner_id = d.partner_id
                          AND aml.company_id = d.company_id
                          AND %(open_receivable)s
                          AND aml.amount_residual > 0
                          AND aml.date_maturity <= GREATEST(
                              %(today)s::date, d.last_action_date) + %(window)s)
                RETURNING d.id
                """,
                company=company.id,
                today=today,
                window=self._window(policies),
                open_receivable=self.env["collection.debtor"]._open_receivable_sql(
                    company
                ),
            )
        )
        if closed:
            self.env["collection.debtor"].invalidate_model(
                ["episode", "level_id", "stage", "write_date"]
            )
        return len(closed)

    @api.model
    def _act(self, debtor, decision, today):
        """Take the decided level for one debtor (inside a savepoint).

        Re-reads the debtor's eligible lines under a row lock first, so a
        payment reconciled since the decision is honoured.

        :return: ``None`` when nothing was done, else a dict with the contact
        """
        self.env.cr.execute(
            SQL(
                "SELECT id FROM collection_debtor WHERE id = %s"
                " FOR NO KEY UPDATE NOWAIT",
                debtor.id,
            )
        )
        self.env.flush_all()
        fresh = self.env.execute_query_dict(
            self._eligible_lines_sql(
                debtor.company_id,
                today,
                self._window(decision.policy),
                debtor_ids=debtor.ids,
            )
        )
        if not fresh:
            return None
        # Lock the lines the level is about: a payment reconciled since this
        # transaction began (or being reconciled right now) makes this fail,
        # and the debtor is left for the next run instead of being reminded.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_move_line WHERE id IN %s"
                " FOR NO KEY UPDATE NOWAIT",
                tuple(fresh[0]["line_ids"]),
            )
        )
        check = dunning.due_level(
            decision.policy._as_levels(),
            fresh[0]["days"],
            Decimal(fresh[0]["amount"]),
            (),
        )
        if debtor.forced_level_id.id == decision.level.key:
            check = dunning.LevelDecision(level=decision.level)
        if check.level is None or check.level.key != decision.level.key:
            # The debt changed since the decision: the next run decides again.
            return None
        level = decision.level_record
        moves = self.env["account.move"].browse(fresh[0]["move_ids"])
        Contact = self.env["collection.contact"]
        if decision.skipped:
            Contact.create(
                [
                    {
                        "debtor_id": debtor.id,
                        "channel": ACTION_CHANNEL[skipped.action],
                        "is_automatic": True,
                        "level_id": skipped.id,
                        "episode": debtor.episode,
                        "state": "skipped",
                        "user_id": self.env.user.id,
                        "note": _(
                            "Skipped: a higher level (%(level)s) was already due.",
                            level=level.name,
                        ),
                    }
                    for skipped in self.env["collection.level"].browse(
                        [s.key for s in decision.skipped]
                    )
                ]
            )
        result = debtor._collection_take_level(level, moves, today)
        # Informative only, and a debtor may have thousands of invoices: one
        # UPDATE, not account.move's write() (lock dates, tracking, recomputes).
        self.env.cr.execute(
            SQL(
                "UPDATE account_move SET collection_level_id = %s WHERE id IN %s",
                level.id,
                tuple(moves.ids),
            )
        )
        moves.invalidate_recordset(["collection_level_id"])
        debtor.write(
            {
                "level_id": level.id,
                "policy_id": decision.policy.id,
                "last_action_date": today,
                "forced_level_id": False,
                "next_action_date": self._next_action_date(decision, today),
            }
        )
        return result

    @api.model
    def _next_action_date(self, decision, today):
        """The day the next level of the ladder becomes due, if any."""
        later = decision.policy.level_ids.filtered(
            lambda lv: lv.days > decision.level.days
        ).sorted("days")[:1]
        if not later:
            return today
        return fields.Date.add(today, days=later.days - decision.days)

    @api.model
    def _sync_mail_states(self, company):
        """Settle pending reminder mails: sent when really sent, failed otherwise.

        Failed reminders are not taken levels: the next decision retries them,
        reusing the same mail, so nothing is ever sent twice.
        """
        Contact = self.env["collection.contact"]
        pending = Contact.search(
            [("company_id", "=", company.id), ("state", "=", "pending")]
        )
        for contact in pending:
            mail = contact.mail_id.sudo()
            if not mail.exists() or mail.state == "sent":
                contact.state = "sent"
            elif mail.state in ("exception", "cancel"):
                contact.write(
                    {"state": "failed", "failure_reason": mail.failure_reason or False}
                )

    @api.model
    def _send_mails(self, mails):
        """Send the reminders of this slice now and settle their contacts."""
        if not mails or self.env.context.get("collection_no_send"):
            return  # left in the mail queue; the next run settles them
        testing = getattr(threading.current_thread(), "testing", False)
        mails.sudo().send(auto_commit=not testing, raise_exception=False)
        contacts = self.env["collection.contact"].search([("mail_id", "in", mails.ids)])
        for contact in contacts:
            mail = contact.mail_id.sudo()
            if mail.state == "sent":
                contact.state = "sent"
            elif mail.state == "exception":
                contact.write(
                    {"state": "failed", "failure_reason": mail.failure_reason or False}
                )
                contact.debtor_id.message_post(
                    body=Markup("%s")
                    % _(
                        "Reminder %(level)s failed to send: %(reason)s. It is retried "
                        "by the next run.",
                        level=contact.level_id.name,
                        reason=mail.failure_reason or "",
                    ),
                    subtype_xmlid="mail.mt_note",
                )


class Decision:
    """A level decided for one debtor, with what the action needs."""

    __slots__ = (
        "level",
        "skipped",
        "level_record",
        "policy",
        "days",
        "amount",
        "move_ids",
    )

    def __init__(self, level, skipped, level_record, policy, days, amount, move_ids):
        self.level = level
        self.skipped = skipped
        self.level_record = level_record
        self.policy = policy
        self.days = days
        self.amount = amount
        self.move_ids = move_ids
