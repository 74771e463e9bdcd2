# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import schedule

STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("active", "Active"),
    ("done", "Done"),
    ("defaulted", "Defaulted"),
    ("cancelled", "Cancelled"),
]
INTERVALS = [
    ("weekly", "Weekly"),
    ("biweekly", "Every Two Weeks"),
    ("monthly", "Monthly"),
]
MANAGER = "collections_addon.collections_addon_group_manager"
REPORT_AGREEMENT = "collections_addon.action_report_collection_plan"


class CollectionPlan(models.Model):
    _name = "collection.plan"
    _description = "Installment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "collection.debtor.bound.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # === FIELDS === #
    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: _("New")
    )
    invoice_ids = fields.Many2many(
        "account.move",
        "collection_plan_move_rel",
        "plan_id",
        "move_id",
        string="Covered Invoices",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_receipt')), "
        "('state', '=', 'posted'), ('commercial_partner_id', '=', partner_id), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    amount_total = fields.Monetary(
        string="Debt Covered",
        readonly=True,
        tracking=True,
        help="The open amount of the covered invoices when the plan was drawn up.",
    )
    interest_amount = fields.Monetary(
        string="Interest", help="Interest charged for paying in installments."
    )
    fee_amount = fields.Monetary(string="Fee", help="A one-off fee for the plan.")
    amount_to_schedule = fields.Monetary(
        compute="_compute_amount_to_schedule",
        store=True,
        help="Debt covered plus interest and fee: the installments add up to it.",
    )
    down_payment = fields.Monetary(tracking=True)
    installment_count = fields.Integer(
        string="Installments", default=3, required=True, tracking=True
    )
    interval = fields.Selection(
        INTERVALS, default="monthly", required=True, tracking=True
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    line_ids = fields.One2many(
        "collection.plan.line", "plan_id", string="Schedule", copy=True
    )
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    approval_reason = fields.Char(compute="_compute_needs_approval")
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_approved = fields.Date(readonly=True)
    fee_invoice_id = fields.Many2one(
        "account.move",
        string="Interest and Fee Invoice",
        readonly=True,
        copy=False,
        check_company=True,
    )
    amount_paid = fields.Monetary(readonly=True)
    amount_remaining = fields.Monetary(compute="_compute_amount_remaining")
    next_due_date = fields.Date(compute="_compute_amount_remaining")
    terms = fields.Html(
        translate=True,
        default=lambda self: self._default_terms(),
        help="The terms printed on the agreement, including what happens on default.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.model
    def _default_terms(self):
        return _(
            "<p>The debtor acknowledges the debt listed above and agrees to pay it in "
            "the installments of the schedule, on or before each due date.</p>"
            "<p>While the debtor keeps to the schedule, the creditor suspends "
            "collection steps on the covered invoices.</p>"
            "<p>If an installment is more than the agreed grace period late, the "
            "agreement is in default: the whole remaining debt falls due at once and "
            "collection resumes, including a formal demand for payment and late "
            "interest.</p>"
        )

    @api.onchange("invoice_ids")
    def _onchange_invoice_ids(self):
        for plan in self:
            plan.amount_total = plan._covered_residual()

    def _covered_residual(self):
        self.ensure_one()
        return sum(
            self.invoice_ids.filtered(lambda m: m.state == "posted").mapped(
                "amount_residual_signed"
            )
        )

    @api.depends("amount_total", "interest_amount", "fee_amount")
    def _compute_amount_to_schedule(self):
        for plan in self:
            plan.amount_to_schedule = plan.currency_id.round(
                plan.amount_total + plan.interest_amount + plan.fee_amount
            )

    @api.depends("amount_to_schedule", "installment_count", "debtor_id.debtor_type")
    def _compute_needs_approval(self):
        for plan in self:
            reasons = plan._approval_reasons()
            plan.needs_approval = bool(reasons)
            plan.approval_reason = "; ".join(reasons) or False

    @api.depends("amount_paid", "amount_to_schedule", "line_ids.state")
    def _compute_amount_remaining(self):
        for plan in self:
            plan.amount_remaining = plan.amount_to_schedule - plan.amount_paid
            unpaid = plan.line_ids.filtered(lambda line: line.state != "paid")
            plan.next_due_date = min(unpaid.mapped("date_due"), default=False)

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains(
        "installment_count", "down_payment", "interest_amount", "fee_amount"
    )
    def _check_figures(self):
        for plan in self:
            if plan.installment_count < 1:
                raise ValidationError(
                    _("Installments: a plan needs at least one installment.")
                )
            for fname in ("down_payment", "interest_amount", "fee_amount"):
                if plan[fname] < 0:
                    raise ValidationError(
                        _(
                            "%(field)s of plan %(plan)s cannot be negative.",
                            field=plan._fields[fname].string,
                            plan=plan.name,
                        )
                    )
            if plan.amount_to_schedule and (
                plan.currency_id.compare_amounts(
                    plan.down_payment, plan.amount_to_schedule
                )
                >= 0
            ):
                raise ValidationError(
                    _("Down Payment: it must be less than the amount to schedule.")
                )

    @api.constrains("line_ids", "amount_to_schedule")
    def _check_schedule(self):
        """The lines always add up exactly, dates increase, no line is 0 or less."""
        for plan in self.filtered("line_ids"):
            lines = plan.line_ids.sorted(lambda line: (line.sequence, line.id))
            problems = schedule.check_schedule(
                [(line.date_due, plan._decimal(line.amount)) for line in lines],
                plan._decimal(plan.amount_to_schedule),
            )
            if problems:
                raise ValidationError(
                    _(
                        "Schedule of plan %(plan)s: %(problems)s",
                        plan=plan.name,
                        problems=" ".join(problems),
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "collection.plan"
                ) or _("New")
            if "invoice_ids" in vals:
                # Known before the constraints run (the down payment is checked
                # against it).
                draft = self.new({"invoice_ids": vals["invoice_ids"]})
                vals["amount_total"] = draft._covered_residual()
        batch = self.with_context(collection_plan_batch=True)
        return super(CollectionPlan, batch).create(vals_list).with_env(self.env)

    def write(self, vals):
        locked = {
            "invoice_ids",
            "interest_amount",
            "fee_amount",
            "down_payment",
            "installment_count",
            "interval",
            "date_start",
            "line_ids",
        }
        if locked & set(vals) and not self.env.context.get("collection_plan_follow"):
            for plan in self:
                if plan.state != "draft":
                    raise UserError(
                        _(
                            "Plan %(plan)s is %(state)s: its terms and schedule can "
                            "only be changed in draft.",
                            plan=plan.name,
                            state=dict(STATES)[plan.state],
                        )
                    )
        batch = self.with_context(collection_plan_batch="line_ids" in vals)
        result = super(CollectionPlan, batch).write(vals)
        if "invoice_ids" in vals and not self.env.context.get("collection_plan_follow"):
            for plan in self:
                plan.amount_total = plan._covered_residual()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state not in ("draft", "cancelled") for plan in self):
            raise UserError(_("Only draft or cancelled plans can be deleted."))

    # === ACTIONS === #
    def action_generate_lines(self):
        """Compute the schedule: down payment, then equal installments."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(_("The schedule can only be computed in draft."))
            if not plan.invoice_ids:
                raise UserError(
                    _("Covered Invoices: choose the overdue invoices the plan covers.")
                )
            try:
                installments = schedule.build_schedule(
                    plan._decimal(plan.amount_to_schedule),
                    plan._decimal(plan.down_payment),
                    plan.installment_count,
                    plan.interval,
                    plan.date_start,
                    quantum=plan._quantum(),
                )
            except ValueError as error:
                raise UserError(
                    _("The schedule cannot be computed: %(error)s", error=str(error))
                ) from error
            plan.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "sequence": index,
                        "date_due": item.date_due,
                        "amount": float(item.amount),
                        "is_down_payment": item.is_down_payment,
                    }
                )
                for index, item in enumerate(installments, start=1)
            ]
        return True

    def action_submit(self):
        """Submit: activate at once, or send to a manager when approval is needed."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(_("Only a draft plan can be submitted."))
            plan._check_submittable()
            if not plan.line_ids:
                plan.action_generate_lines()
            if plan.needs_approval:
                plan.state = "to_approve"
                plan._notify_managers()
            else:
                plan._activate()
        return True

    def action_approve(self):
        """Four eyes: a Collections Manager who is not the author approves."""
        if not self.env.user.has_group(MANAGER):
            raise UserError(_("Only a Collections Manager can approve a plan."))
        for plan in self:
            if plan.state != "to_approve":
                raise UserError(
                    _("Plan %(plan)s is not waiting for approval.", plan=plan.name)
                )
            if plan.create_uid == self.env.user or plan.user_id == self.env.user:
                raise UserError(
                    _(
                        "Plan %(plan)s: its author cannot approve it; another "
                        "Collections Manager must (four eyes).",
                        plan=plan.name,
                    )
                )
            plan.write(
                {
                    "approved_by_id": self.env.user.id,
                    "date_approved": fields.Date.context_today(self),
                }
            )
            plan.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=_("Approved"))
            plan._activate()
        return True

    def action_reset_draft(self):
        for plan in self:
            if plan.state != "to_approve":
                raise UserError(
                    _("Only a plan waiting for approval goes back to draft.")
                )
            plan.state = "draft"
        return True

    def action_cancel(self):
        """Cancel: the covered invoices return to normal aging and escalation."""
        for plan in self:
            if plan.state in ("done", "cancelled"):
                raise UserError(
                    _(
                        "Plan %(plan)s is already %(state)s.",
                        plan=plan.name,
                        state=dict(STATES)[plan.state],
                    )
                )
            fee_invoice = plan.fee_invoice_id
            if fee_invoice and fee_invoice.payment_state == "not_paid":
                fee_invoice._reverse_moves(cancel=True)
            plan.state = "cancelled"
        return True

    def action_print_agreement(self):
        return self.env.ref(REPORT_AGREEMENT).report_action(self)

    def action_send_agreement(self):
        """Open the composer with the agreement attached, in the debtor's language."""
        self.ensure_one()
        template = self.env.ref("collections_addon.mail_template_collection_plan")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
            },
        }

    # === BUSINESS / HOOKS === #
    def _decimal(self, amount):
        return Decimal(str(amount or 0)).quantize(self._quantum())

    def _quantum(self):
        return Decimal(str(self.currency_id.rounding)).normalize()

    def _approval_reasons(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        reasons = []
        if self.currency_id and (
            self.currency_id.compare_amounts(
                self.amount_to_schedule, company.collection_plan_approval_amount
            )
            > 0
        ):
            reasons.append(_("the amount is above the approval threshold"))
        if self.installment_count > company.collection_plan_max_installments:
            reasons.append(_("more installments than allowed without approval"))
        if self.debtor_id.debtor_type in ("chronic", "fraudulent"):
            reasons.append(
                _(
                    "the debtor is %(type)s",
                    type=dict(
                        self.debtor_id._fields["debtor_type"]._description_selection(
                            self.env
                        )
                    )[self.debtor_id.debtor_type],
                )
            )
        return reasons

    def _check_submittable(self):
        self.ensure_one()
        if not self.invoice_ids:
            raise ValidationError(
                _("Covered Invoices: plan %(plan)s covers no invoice.", plan=self.name)
            )
        if self.currency_id.is_zero(self.amount_to_schedule):
            raise ValidationError(
                _(
                    "Plan %(plan)s: the covered invoices are already paid.",
                    plan=self.name,
                )
            )
        other = self.search(
            [
                ("id", "!=", self.id),
                ("state", "in", ("to_approve", "active")),
                ("invoice_ids", "in", self.invoice_ids.ids),
            ],
            limit=1,
        )
        if other:
            raise ValidationError(
                _(
                    "Covered Invoices: some are already in plan %(other)s.",
                    other=other.name,
                )
            )

    def _notify_managers(self):
        self.ensure_one()
        managers = self.env.ref(MANAGER).users.filtered(
            lambda u: self.company_id in u.company_ids
            and u != self.create_uid
            and not u.share
            and u.id != 1
        )
        for manager in managers[:3]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=_("Approve installment plan %(plan)s", plan=self.name),
                note=self.approval_reason,
                user_id=manager.id,
            )

    def _activate(self):
        """Invoice the interest and fee (so payments can settle them), then activate."""
        self.ensure_one()
        extra = self.interest_amount + self.fee_amount
        vals = {"state": "active"}
        if not self.currency_id.is_zero(extra):
            invoice = self._create_fee_invoice()
            vals["fee_invoice_id"] = invoice.id
            vals["invoice_ids"] = [Command.link(invoice.id)]
        self.with_context(collection_plan_follow=True).write(vals)
        self.debtor_id.message_post(
            body=_("Installment plan %(plan)s is active.", plan=self.name),
            subtype_xmlid="mail.mt_note",
        )

    def _create_fee_invoice(self):
        self.ensure_one()
        lines = []
        if self.interest_amount:
            lines.append(
                Command.create(
                    {
                        "name": _(
                            "Interest of installment plan %(plan)s", plan=self.name
                        ),
                        "quantity": 1,
                        "price_unit": self.interest_amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        if self.fee_amount:
            lines.append(
                Command.create(
                    {
                        "name": _("Fee of installment plan %(plan)s", plan=self.name),
                        "quantity": 1,
                        "price_unit": self.fee_amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        last = max(self.line_ids.mapped("date_due"))
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "invoice_date_due": last,
                    "invoice_origin": self.name,
                    "invoice_line_ids": lines,
                }
            )
        )
        invoice.action_post()
        return invoice

    @api.model
    def _follow_company(self, company, today):
        """Allocate payments to installments, then mark plans done or defaulted.

        Payments on the covered invoices go to the installments in due-date
        order. A plan is done when nothing is left to pay, and defaulted when an
        installment is overdue beyond the grace days.

        :return: dict state -> plans that reached it today, and the mails queued
        """
        plans = self.search([("company_id", "=", company.id), ("state", "=", "active")])
        reached = {"done": self.browse(), "defaulted": self.browse()}
        mails = self.env["mail.mail"]
        grace = company.collection_plan_grace_days
        for plan in plans:
            plan._allocate(today)
            unpaid = plan.line_ids.filtered(lambda line: line.state != "paid")
            if not unpaid:
                plan.with_context(collection_plan_follow=True).state = "done"
                reached["done"] |= plan
                continue
            late = unpaid.filtered(
                lambda line: line.date_due < fields.Date.subtract(today, days=grace)
            )
            if late:
                plan._default(today)
                reached["defaulted"] |= plan
                continue
            mails |= plan._remind(today, company)
        return reached, mails

    def _allocate(self, today):
        self.ensure_one()
        residual = sum(self.invoice_ids.mapped("amount_residual_signed"))
        paid = max(self.amount_to_schedule - residual, 0.0)
        if self.currency_id.compare_amounts(paid, self.amount_paid):
            self.with_context(collection_plan_follow=True).amount_paid = paid
        remaining = paid
        for line in self.line_ids.sorted(lambda ln: (ln.date_due, ln.sequence, ln.id)):
            line_paid = min(line.amount, remaining)
            remaining = self.currency_id.round(remaining - line_paid)
            if self.currency_id.is_zero(line.amount - line_paid):
                state = "paid"
            elif line.date_due < today:
                state = "overdue"
            else:
                state = "pending"
            if state != line.state or self.currency_id.compare_amounts(
                line_paid, line.amount_paid
            ):
                line.with_context(collection_plan_follow=True).write(
                    {"amount_paid": line_paid, "state": state}
                )

    def _default(self, today):
        """Default: the covered invoices go back to the ladder at the set level."""
        self.ensure_one()
        self.with_context(collection_plan_follow=True).state = "defaulted"
        level = self.company_id.collection_plan_default_level_id
        if level:
            self.debtor_id.forced_level_id = level
        self.debtor_id.message_post(
            body=_(
                "Installment plan %(plan)s is in default: escalation resumes%(level)s.",
                plan=self.name,
                level=_(" at %(level)s", level=level.name) if level else "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        # Automated, like the run's activities: listed for the collector, no e-mail.
        self.with_context(mail_activity_quick_update=True).activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today,
            summary=_("Plan in default: call the debtor"),
            user_id=self.debtor_id._collection_responsible().id,
        )

    def _remind(self, today, company):
        """An e-mail before each installment falls due, and one when it is late."""
        self.ensure_one()
        template = self.env.ref(
            "collections_addon.mail_template_collection_installment"
        )
        recipient = self.debtor_id._collection_recipient("accountant")
        mails = self.env["mail.mail"]
        if not recipient:
            return mails
        soon = fields.Date.add(today, days=company.collection_plan_reminder_days)
        for line in self.line_ids:
            kind = False
            if (
                line.state == "pending"
                and line.date_due == soon
                and not line.reminded_before
            ):
                kind = "reminded_before"
            elif line.state == "overdue" and not line.reminded_late:
                kind = "reminded_late"
            if not kind:
                continue
            mail_id = template.with_context(lang=recipient.lang).send_mail(
                line.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(recipient.ids)]},
            )
            mails |= self.env["mail.mail"].sudo().browse(mail_id)
            line.with_context(collection_plan_follow=True).write({kind: True})
        return mails
