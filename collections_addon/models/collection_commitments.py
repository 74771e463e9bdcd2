# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dataclasses import dataclass
from decimal import Decimal

from odoo import api, models
from odoo.tools import SQL

from ..lib import allocation, reminders
from ..lib import promise as promise_rules
from .collection_guard import system_env
from .collection_handler import MailSpec


@dataclass
class FollowUp:
    """What the day's follow-up of a company's promises and plans did: the
    promises that reached ``kept``, ``broken`` or ``cancelled``, the plans
    that reached ``done`` or ``defaulted`` (records), and the reminder
    ``mails`` queued."""

    kept: object
    broken: object
    cancelled: object
    done: object
    defaulted: object
    mails: object


class CollectionCommitments(models.AbstractModel):
    """The daily follow-up of promises to pay and installment plans.

    Promises are judged kept, broken or cancelled; plan payments are allocated
    to installments; plans end done or defaulted; reminders go out by window
    ("due within N days and not yet reminded"), so a missed day never skips
    one. Called by the run's first slice of a company's day, by "Run now" and
    by the tests; ``lib/`` makes every decision.
    """

    _name = "collection.commitments"
    _description = "Collections: Follow-up of Promises and Plans"

    @api.model
    def _follow_company(self, company, today):
        """Judge the promises and follow the plans of ``company``.

        :return: a :class:`FollowUp`
        """
        judged = self._judge_promises(company, today)
        plans, plan_mails = self._follow_plans(company, today)
        Promise = self.env["collection.promise"]
        return FollowUp(
            kept=judged.get("kept", Promise),
            broken=judged.get("broken", Promise),
            cancelled=judged.get("cancelled", Promise),
            done=plans["done"],
            defaulted=plans["defaulted"],
            mails=self._remind_promises(company, today) | plan_mails,
        )

    # === PROMISES === #
    @api.model
    def _covered_lines_query(self, company, select, lines, joins=None, where=None):
        """Grouped per open promise of ``company``, over the ``lines`` (an SQL
        condition on ``aml``) it covers: those of its invoices, else every one
        of its debtor's."""
        return SQL(
            """
            SELECT pr.id, %(select)s
              FROM collection_promise pr
              JOIN collection_debtor d ON d.id = pr.debtor_id
              %(debtor_lines)s
              %(joins)s
             WHERE pr.company_id = %(company)s AND pr.state = 'open'
               AND %(lines)s
               AND %(where)s
               AND (NOT EXISTS (SELECT 1 FROM collection_promise_move_rel r
                                 WHERE r.promise_id = pr.id)
                    OR aml.move_id IN (SELECT r.move_id
                                         FROM collection_promise_move_rel r
                                        WHERE r.promise_id = pr.id))
             GROUP BY pr.id
            """,
            select=select,
            debtor_lines=self.env["collection.receivable"]._debtor_lines(),
            joins=joins or SQL(""),
            company=company.id,
            lines=lines,
            where=where or SQL("TRUE"),
        )

    @api.model
    def _paid_query(self, company, receivable_sql):
        """Per open promise: payments reconciled to its debt since it was made.

        Payments and bank entries count; credit notes settle the debt otherwise.
        """
        return self._covered_lines_query(
            company,
            SQL("COALESCE(SUM(apr.amount), 0) AS paid"),
            receivable_sql,
            joins=SQL(
                """
                JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
                JOIN account_move_line paid_line ON paid_line.id = apr.credit_move_id
                JOIN account_move paid_move ON paid_move.id = paid_line.move_id
                """
            ),
            where=SQL("paid_move.move_type = 'entry' AND apr.max_date >= pr.date_made"),
        )

    @api.model
    def _judge_promises(self, company, today):
        """Judge the open promises of ``company``: kept, broken, cancelled or open.

        Two grouped queries, for the payments and for the open debt, whatever
        the number of promises; only promises whose state or paid amount
        changed are written.

        :return: dict state -> promises that reached it today
        """
        self.env.flush_all()
        Promise = self.env["collection.promise"]
        promises = Promise.search(
            [("company_id", "=", company.id), ("state", "=", "open")]
        )
        if not promises:
            return {}
        receivable = self.env["collection.receivable"]
        accounts = receivable._account_ids(company)
        paid = dict(
            self.env.execute_query(
                self._paid_query(company, receivable._receivable_sql(company, accounts))
            )
        )
        open_debt = dict(
            self.env.execute_query(
                self._covered_lines_query(
                    company,
                    SQL("COALESCE(SUM(aml.amount_residual), 0) AS open_debt"),
                    receivable._open_sql(company, accounts),
                )
            )
        )
        grace = company.collection_promise_grace_days
        changed = {}
        for promise in promises:
            amount_paid = float(paid.get(promise.id, 0.0))
            state = promise_rules.judge_promise(
                Decimal(str(promise.amount)),
                Decimal(str(amount_paid)),
                promise.date,
                today,
                grace,
                Decimal(str(open_debt.get(promise.id, 0.0))),
            )
            vals = {}
            if promise.currency_id.compare_amounts(amount_paid, promise.amount_paid):
                vals["amount_paid"] = amount_paid
            if state != "open":
                vals.update(state=state, date_closed=today)
                changed.setdefault(state, Promise)
                changed[state] |= promise
            if vals:
                system_env(promise).write(vals)
        for promise in changed.get("broken", []):
            promise.debtor_id.message_post(
                body=self.env._(
                    "Promise broken: %(name)s; %(paid)s was paid. Escalation resumes.",
                    name=promise.name,
                    paid=promise.currency_id.format(promise.amount_paid),
                ),
                subtype_xmlid="mail.mt_note",
            )
            # Automated, like the run's activities: listed for the collector,
            # no e-mail.
            promise.with_context(mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today,
                summary=self.env._("Promise broken: call the debtor"),
                user_id=self.env["collection.handler"]
                ._responsible(promise.debtor_id)
                .id,
            )
        return changed

    @api.model
    def _remind_promises(self, company, today):
        """E-mail the debtors whose promised date is within a day, once each."""
        if not company.collection_promise_reminder:
            return self.env["mail.mail"]
        promises = self.env["collection.promise"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "open"),
                ("reminder_sent", "=", False),
                ("date", ">=", today),
            ]
        )
        template = self.env.ref("collections_addon.mail_template_collection_promise")
        reminded = promises.filtered(
            lambda promise: reminders.promise_reminder_due(promise.date, today, False)
            and promise.debtor_id.reminder_partner_id
        )
        mails = self._send_reminders(
            template, [(promise, promise.debtor_id) for promise in reminded]
        )
        system_env(reminded).write({"reminder_sent": True})
        return mails

    @api.model
    def _send_reminders(self, template, items):
        """Queue ``template`` for each ``(record, debtor)`` of ``items``, to
        the debtor's accountant, through the run's mail sender: one rendering
        per template and language.

        :return: the mails queued
        """
        specs = []
        for record, debtor in items:
            recipient = debtor.reminder_partner_id
            specs.append(
                MailSpec(
                    template=template,
                    lang=recipient.lang or debtor.partner_id.lang,
                    res_id=record.id,
                    recipient_ids=recipient.ids,
                )
            )
        return self.env["collection.handler"]._send_mails(specs)

    # === PLANS === #
    @api.model
    def _follow_plans(self, company, today):
        """Allocate payments to installments, then mark plans done or defaulted.

        Payments on the covered invoices go to the installments in due-date
        order. A plan is done when nothing is left to pay, and defaulted when an
        installment is overdue beyond the grace days.

        :return: dict state -> plans that reached it today, and the mails queued
        """
        Plan = self.env["collection.plan"]
        plans = Plan.search([("company_id", "=", company.id), ("state", "=", "active")])
        reached = {"done": Plan, "defaulted": Plan}
        reminded = []
        grace = company.collection_plan_grace_days
        for plan in plans:
            self._allocate(plan, today)
            outcome = allocation.plan_outcome(
                [(line.date_due, line.state) for line in plan.line_ids],
                today,
                grace,
            )
            if outcome == "done":
                system_env(plan).write({"state": "done"})
                reached["done"] |= plan
            elif outcome == "defaulted":
                self._default(plan, today)
                reached["defaulted"] |= plan
            else:
                reminded += self._installments_to_remind(plan, today, company)
        template = self.env.ref(
            "collections_addon.mail_template_collection_installment"
        )
        mails = self._send_reminders(
            template, [(line, line.plan_id.debtor_id) for line, _kind in reminded]
        )
        for line, kind in reminded:
            system_env(line).write({kind: True})
        return reached, mails

    @api.model
    def _allocate(self, plan, today):
        """Write what the lib allocates of the plan's payments to each line."""
        residual = sum(plan.invoice_ids.mapped("amount_residual_signed"))
        paid = max(plan.amount_to_schedule - residual, 0.0)
        currency = plan.currency_id
        if currency.compare_amounts(paid, plan.amount_paid):
            system_env(plan).write({"amount_paid": paid})
        quantum = Decimal(str(currency.rounding))
        lines = {line.id: line for line in plan.line_ids}
        for out in allocation.allocate(
            Decimal(str(paid)),
            [
                allocation.InstallmentIn(
                    line.id, line.date_due, Decimal(str(line.amount)), line.sequence
                )
                for line in plan.line_ids
            ],
            today,
            quantum,
        ):
            line = lines[out.key]
            amount_paid = float(out.amount_paid)
            if out.state != line.state or currency.compare_amounts(
                amount_paid, line.amount_paid
            ):
                system_env(line).write({"amount_paid": amount_paid, "state": out.state})

    @api.model
    def _default(self, plan, today):
        """Default: the covered invoices go back to the ladder at the set level."""
        system_env(plan).write({"state": "defaulted"})
        level = plan.company_id.collection_plan_default_level_id
        debtor = plan.debtor_id
        if level:
            system_env(debtor).write({"forced_level_id": level.id})
            body = self.env._(
                "Installment plan %(plan)s is in default: escalation resumes at "
                "%(level)s.",
                plan=plan.name,
                level=level.name,
            )
        else:
            body = self.env._(
                "Installment plan %(plan)s is in default: escalation resumes.",
                plan=plan.name,
            )
        debtor.message_post(body=body, subtype_xmlid="mail.mt_note")
        # Automated, like the run's activities: listed for the collector, no e-mail.
        plan.with_context(mail_activity_quick_update=True).activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today,
            summary=self.env._("Plan in default: call the debtor"),
            user_id=self.env["collection.handler"]._responsible(debtor).id,
        )

    @api.model
    def _installments_to_remind(self, plan, today, company):
        """The installments of ``plan`` to remind today: before each falls
        due, and once when it is late (none when the debtor has no usable
        address).

        :return: list of ``(line, "reminded_before" or "reminded_late")``
        """
        if not plan.debtor_id.reminder_partner_id:
            return []
        due = []
        for line in plan.line_ids:
            kind = reminders.installment_reminder(
                line.state,
                line.date_due,
                today,
                company.collection_plan_reminder_days,
                line.reminded_before,
                line.reminded_late,
            )
            if kind:
                due.append((line, kind))
        return due
