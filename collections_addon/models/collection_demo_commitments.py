# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models

REF = "COLL-DEMO-%02d"


class CollectionDemo(models.AbstractModel):
    """Demo promises to pay and installment plans, on top of the demo invoices."""

    _inherit = "collection.demo"

    @api.model
    def _generate_demo_commitments(self):
        """Open, kept and broken promises; plans in every state.

        Dates that lie in the past are set after creation, as time would have
        passed: a promise or plan is never created in the past through the UI.
        """
        if self.env["collection.promise"].search_count([], limit=1):
            return
        company = self.env.company
        today = fields.Date.context_today(self)
        Debtor = self.env["collection.debtor"]
        Debtor._refresh_company(company)
        debtors = {
            num: Debtor.search(
                [("partner_id.ref", "=", REF % num), ("company_id", "=", company.id)]
            )
            for num in range(1, 31)
        }
        self._demo_contacts(debtors, today)
        self._demo_promises(debtors, today)
        self._demo_plans(debtors, today, company)
        self.env["collection.promise"]._judge_company(company, today)
        self.env["collection.plan"]._follow_company(company, today)
        Debtor._refresh_company(company)
        # A manager reviewed a flagged debtor and confirmed the suspicion: the
        # fraudulent type is only ever set by a person.
        suspect = debtors[21]
        if suspect:
            suspect.with_user(self.env.ref("base.user_admin")).write(
                {
                    "debtor_type": "fraudulent",
                    "debtor_type_reason": "Company struck off the register two "
                    "weeks after the last order; phone lines disconnected.",
                }
            )

    def _demo_contacts(self, debtors, today):
        """Calls that went unanswered, and some that reached the debtor."""
        Contact = self.env["collection.contact"]
        vals = []
        for num, outcomes in {
            6: ["no_answer", "no_answer", "voicemail"],
            12: ["no_answer", "voicemail", "no_answer", "refused"],
            19: ["no_answer", "no_answer", "no_answer"],
            24: ["voicemail", "no_answer", "no_answer"],
            28: ["no_answer", "wrong_number", "no_answer"],
            8: ["no_answer", "no_answer", "dispute", "no_answer"],
            21: ["wrong_number", "no_answer", "no_answer", "no_answer"],
            3: ["reached", "plan_requested"],
            10: ["reached"],
            20: ["reached", "promise"],
        }.items():
            debtor = debtors[num]
            if not debtor:
                continue
            for index, outcome in enumerate(outcomes):
                vals.append(
                    {
                        "debtor_id": debtor.id,
                        "channel": "call",
                        "outcome": outcome,
                        "date": fields.Datetime.subtract(
                            fields.Datetime.now(), days=7 * (len(outcomes) - index)
                        ),
                        "note": "Demo call.",
                    }
                )
        Contact.create(vals)

    def _demo_overdue_moves(self, debtor):
        today = fields.Date.context_today(self)
        lines = debtor._collection_open_moves().filtered(
            lambda aml: aml.amount_residual > 0
            and aml.date_maturity < today
            and aml.move_id.move_type == "out_invoice"
        )
        return lines.move_id

    def _demo_promises(self, debtors, today):
        Promise = self.env["collection.promise"]
        # Open: an involuntary debtor promises part of the debt next week.
        for num in (11, 23):
            debtor = debtors[num]
            if debtor.amount_due > 0:
                Promise.create(
                    {
                        "debtor_id": debtor.id,
                        "channel": "call",
                        "amount": round(min(debtor.amount_due, 2500.0) / 2, 2),
                        "date": fields.Date.add(today, days=6),
                        "note": "Will pay once their own customer has paid.",
                    }
                )
        # Kept: the forgetful payer pays what it promised.
        kept = debtors[10]
        moves = self._demo_overdue_moves(kept)[:1]
        if moves:
            Promise.create(
                {
                    "debtor_id": kept.id,
                    "channel": "email",
                    "amount": moves.amount_residual,
                    "invoice_ids": [Command.set(moves.ids)],
                    "date": fields.Date.add(today, days=3),
                }
            )
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=moves.ids
            ).create({"payment_date": today})._create_payments()
        # Broken: the chronic payer promised ten days ago and did not pay.
        for num in (20, 29):
            debtor = debtors[num]
            if debtor.amount_due <= 0:
                continue
            promise = Promise.create(
                {
                    "debtor_id": debtor.id,
                    "channel": "call",
                    "amount": round(min(debtor.amount_due, 3000.0), 2),
                    "date": fields.Date.add(today, days=1),
                    "note": "Promised a transfer 'this week'.",
                }
            )
            self.env.cr.execute(
                "UPDATE collection_promise SET date = %s, date_made = %s WHERE id = %s",
                [
                    fields.Date.subtract(today, days=10),
                    fields.Date.subtract(today, days=20),
                    promise.id,
                ],
            )
            promise.invalidate_recordset(["date", "date_made"])

    def _demo_plan(self, debtor, count=3, **vals):
        moves = self._demo_overdue_moves(debtor)
        if not moves:
            return self.env["collection.plan"]
        plan = self.env["collection.plan"].create(
            {
                "debtor_id": debtor.id,
                "invoice_ids": [Command.set(moves.ids)],
                "installment_count": count,
                **vals,
            }
        )
        plan.action_generate_lines()
        return plan

    def _demo_plans(self, debtors, today, company):
        # Draft: being negotiated.
        self._demo_plan(debtors[23])
        # To approve: a large debt over many months (above the threshold).
        big = self._demo_plan(debtors[3], count=10, fee_amount=150.0)
        if big:
            big.action_submit()
        # Active: a small involuntary debtor pays monthly.
        active = self._demo_plan(debtors[15], count=4)
        if active:
            active.action_submit()
            if active.state == "to_approve":
                active.with_user(self.env.ref("base.user_admin")).action_approve()
        # Done: one installment, paid.
        done = self._demo_plan(debtors[4], count=1)
        if done:
            done.action_submit()
            if done.state == "to_approve":
                done.with_user(self.env.ref("base.user_admin")).action_approve()
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=done.invoice_ids.ids
            ).create({"payment_date": today})._create_payments()
        # Defaulted: started two months ago, nothing paid since.
        late = self._demo_plan(debtors[12], count=3)
        if late:
            late.action_submit()
            if late.state == "to_approve":
                late.with_user(self.env.ref("base.user_admin")).action_approve()
            start = fields.Date.subtract(today, days=65)
            for index, line in enumerate(late.line_ids.sorted("date_due")):
                self.env.cr.execute(
                    "UPDATE collection_plan_line SET date_due = %s WHERE id = %s",
                    [fields.Date.add(start, months=index), line.id],
                )
            self.env.cr.execute(
                "UPDATE collection_plan SET date_start = %s WHERE id = %s",
                [start, late.id],
            )
            late.invalidate_recordset()
            late.line_ids.invalidate_recordset()
        company.collection_plan_default_level_id = self.env["collection.level"].search(
            [("company_id", "=", company.id), ("action", "=", "demand")], limit=1
        )
        # Cancelled: the debtor disputed the plan.
        cancelled = self._demo_plan(debtors[6])
        if cancelled:
            cancelled.action_cancel()
