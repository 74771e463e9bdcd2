# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import promise as promise_rules
from .collection_contact import CHANNELS

STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]


class CollectionPromise(models.Model):
    _name = "collection.promise"
    _description = "Promise to Pay"
    _inherit = ["mail.thread", "mail.activity.mixin", "collection.debtor.bound.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # === FIELDS === #
    name = fields.Char(compute="_compute_name", store=True)
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(string="Promised Date", required=True, index=True, tracking=True)
    date_made = fields.Date(
        string="Made On",
        required=True,
        readonly=True,
        default=fields.Date.context_today,
        help="Payments reconciled from this day on count towards the promise.",
    )
    invoice_ids = fields.Many2many(
        "account.move",
        "collection_promise_move_rel",
        "promise_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), "
        "('state', '=', 'posted'), ('commercial_partner_id', '=', partner_id), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
        help="Leave empty for a promise on the whole debt.",
    )
    invoice_key = fields.Char(
        compute="_compute_invoice_key",
        store=True,
        help="The invoice set, for one open promise per debtor and invoice set.",
    )
    channel = fields.Selection(CHANNELS, default="call", required=True)
    contact_partner_id = fields.Many2one(
        "res.partner",
        string="Promised By",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    contact_id = fields.Many2one(
        "collection.contact", string="From Contact", ondelete="set null", readonly=True
    )
    state = fields.Selection(
        STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    amount_paid = fields.Monetary(
        string="Paid Towards It",
        readonly=True,
        help="Payments reconciled to the promised debt since the promise was made.",
    )
    date_closed = fields.Date(readonly=True)
    reminder_sent = fields.Boolean(readonly=True)
    note = fields.Text()

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("partner_id", "amount", "date")
    def _compute_name(self):
        for promise in self:
            promise.name = _(
                "%(partner)s: %(amount)s by %(date)s",
                partner=promise.partner_id.name or "",
                amount=promise.currency_id.format(promise.amount or 0.0),
                date=promise.date or "",
            )

    @api.depends("invoice_ids")
    def _compute_invoice_key(self):
        for promise in self:
            promise.invoice_key = ",".join(
                str(i) for i in sorted(promise.invoice_ids.ids)
            )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("debtor_id", "invoice_ids", "state")
    def _check_one_open_promise(self):
        for promise in self.filtered(lambda p: p.state == "open"):
            twin = self.search_count(
                [
                    ("id", "!=", promise.id),
                    ("debtor_id", "=", promise.debtor_id.id),
                    ("invoice_key", "=", promise.invoice_key),
                    ("state", "=", "open"),
                ]
            )
            if twin:
                raise ValidationError(
                    _(
                        "Promise to pay: %(debtor)s already has an open promise for "
                        "these invoices; change or cancel it instead of adding one.",
                        debtor=promise.debtor_id.display_name,
                    )
                )

    def _validate_terms(self):
        """Amount above 0 and within the open debt; date from today to the horizon."""
        today = fields.Date.context_today(self)
        for promise in self:
            company = promise.company_id
            if promise.amount <= 0:
                raise ValidationError(
                    _(
                        "Amount: a promise to pay must be above zero (got %(amount)s).",
                        amount=promise.amount,
                    )
                )
            open_debt = promise._open_debt()
            if promise.currency_id.compare_amounts(promise.amount, open_debt) > 0:
                raise ValidationError(
                    _(
                        "Amount: %(amount)s is more than the open debt it covers "
                        "(%(debt)s).",
                        amount=promise.currency_id.format(promise.amount),
                        debt=promise.currency_id.format(open_debt),
                    )
                )
            if promise.date < today:
                raise ValidationError(
                    _("Promised Date: %(date)s is in the past.", date=promise.date)
                )
            horizon = company.collection_promise_horizon_days
            if promise.date > fields.Date.add(today, days=horizon):
                raise ValidationError(
                    _(
                        "Promised Date: %(date)s is more than %(days)s days away; "
                        "agree on a nearer date or an installment plan.",
                        date=promise.date,
                        days=horizon,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        promises._validate_terms()
        for promise in promises:
            promise.debtor_id.message_post(
                body=_("Promise to pay recorded: %(name)s", name=promise.name),
                subtype_xmlid="mail.mt_note",
            )
        return promises

    def write(self, vals):
        result = super().write(vals)
        if {"amount", "date", "invoice_ids"} & set(vals):
            if any(promise.state != "open" for promise in self):
                raise ValidationError(
                    _("Promise to pay: only an open promise can be changed.")
                )
            self._validate_terms()
        return result

    # === ACTIONS === #
    def action_cancel(self):
        self.filtered(lambda p: p.state == "open").write(
            {"state": "cancelled", "date_closed": fields.Date.context_today(self)}
        )
        return True

    # === BUSINESS / HOOKS === #
    def _open_debt(self):
        """The open receivable the promise covers (its invoices, else the debtor)."""
        self.ensure_one()
        lines = self.debtor_id._collection_open_moves()
        if self.invoice_ids:
            lines = lines.filtered(lambda aml: aml.move_id in self.invoice_ids)
        return sum(lines.mapped("amount_residual"))

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
              JOIN res_partner p ON p.commercial_partner_id = d.partner_id
              JOIN account_move_line aml ON aml.partner_id = p.id
                   AND aml.company_id = d.company_id
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
            joins=joins or SQL(""),
            company=company.id,
            lines=lines,
            where=where or SQL("TRUE"),
        )

    @api.model
    def _paid_query(self, company):
        """Per open promise: payments reconciled to its debt since it was made.

        Payments and bank entries count; credit notes settle the debt otherwise.
        """
        return self._covered_lines_query(
            company,
            SQL("COALESCE(SUM(apr.amount), 0) AS paid"),
            self.env["collection.debtor"]._receivable_lines_sql(company),
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
    def _open_debt_query(self, company):
        """Per open promise: the open receivable it covers, as :meth:`_open_debt`."""
        return self._covered_lines_query(
            company,
            SQL("COALESCE(SUM(aml.amount_residual), 0) AS open_debt"),
            self.env["collection.debtor"]._open_receivable_sql(company),
            where=SQL("aml.amount_residual != 0"),
        )

    @api.model
    def _judge_company(self, company, today):
        """Judge the open promises of ``company``: kept, broken, cancelled or open.

        Two grouped queries, for the payments and for the open debt, whatever
        the number of promises; only promises whose state or paid amount
        changed are written.

        :return: dict state -> promises that reached it today
        """
        self.env.flush_all()
        promises = self.search(
            [("company_id", "=", company.id), ("state", "=", "open")]
        )
        if not promises:
            return {}
        paid = dict(self.env.execute_query(self._paid_query(company)))
        open_debt = dict(self.env.execute_query(self._open_debt_query(company)))
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
                changed.setdefault(state, self.browse())
                changed[state] |= promise
            if vals:
                promise.write(vals)
        for promise in changed.get("broken", []):
            promise.debtor_id.message_post(
                body=_(
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
                summary=_("Promise broken: call the debtor"),
                user_id=promise.debtor_id._collection_responsible().id,
            )
        return changed

    @api.model
    def _remind_company(self, company, today):
        """E-mail the debtors whose promised date is tomorrow (once per promise)."""
        if not company.collection_promise_reminder:
            return self.env["mail.mail"]
        promises = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "open"),
                ("reminder_sent", "=", False),
                ("date", "=", fields.Date.add(today, days=1)),
            ]
        )
        template = self.env.ref("collections_addon.mail_template_collection_promise")
        mails = self.env["mail.mail"]
        for promise in promises:
            recipient = promise.debtor_id._collection_recipient("accountant")
            if not recipient:
                continue
            mail_id = template.with_context(lang=recipient.lang).send_mail(
                promise.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(recipient.ids)]},
            )
            mails |= self.env["mail.mail"].sudo().browse(mail_id)
            promise.reminder_sent = True
        return mails
