# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from ..lib import approval, bounds, schedule
from . import lib_messages
from .collection_guard import (
    MANAGER,
    USER,
    Freeze,
    check_group,
    is_system,
    system_env,
)
from .selections import PLAN_INTERVALS, PLAN_STATES

_lt = LazyTranslate(__name__)

REPORT_AGREEMENT = "collections_addon.action_report_collection_plan"
MAIL_LAYOUT = "collections_addon.mail_layout_collections"  # see data/mail_layout_data
# What the debtor agrees to: changed only in draft, by whoever then shaped it.
TERMS = frozenset(
    "invoice_ids interest_amount fee_amount down_payment installment_count "
    "interval date_start line_ids terms".split()
)


class CollectionPlan(models.Model):
    _name = "collection.plan"
    _description = "Installment Plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "collection.debtor.bound.mixin",
        "collection.guard.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _collection_system_fields = frozenset(
        "name state approved_by_id date_approved amount_total amount_paid "
        "fee_invoice_id shaper_ids approval_required".split()
    )
    _collection_fixed_fields = frozenset({"company_id", "debtor_id"})
    # The terms are what the debtor agrees to: changed only in draft; a plan
    # once submitted, approved or revised is evidence and is never deleted.
    _collection_evidence = (
        Freeze(
            TERMS,
            when=(("state", "!=", "draft"),),
            unlink=True,
            reason=_lt(
                "Its terms and schedule can only be changed in draft (an active "
                "plan: Revise it first; it then needs a new approval); cancel it "
                "instead of deleting it."
            ),
        ),
        Freeze(
            frozenset(),
            when=(("approval_required", "=", True),),
            unlink=True,
            reason=_lt(
                "It was approved once: it is evidence; cancel it instead of "
                "deleting it."
            ),
        ),
    )

    # === FIELDS === #
    name = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: self.env._("New")
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
        PLAN_INTERVALS, default="monthly", required=True, tracking=True
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=lambda s: schedule.add_months(s.env.company._collection_today(), 1),
        tracking=True,
    )
    line_ids = fields.One2many(
        "collection.plan.line", "plan_id", string="Schedule", copy=True
    )
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    # Names the debtor's type: a collector's assessment, not for Viewers.
    approval_reason = fields.Char(compute="_compute_needs_approval", groups=USER)
    can_approve = fields.Boolean(
        compute="_compute_can_approve",
        help="The current user may approve this version: a Collections Manager "
        "who did not shape it and does not collect it (four eyes).",
    )
    approval_waiting = fields.Char(compute="_compute_can_approve")
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    shaper_ids = fields.Many2many(
        "res.users",
        "collection_plan_shaper_rel",
        "plan_id",
        "user_id",
        string="Shaped By",
        readonly=True,
        help="Who created this version of the plan or changed its terms: none of "
        "them may approve it (four eyes).",
    )
    approval_required = fields.Boolean(
        readonly=True,
        help="The plan was approved, then revised: the new version needs approval.",
    )
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
        return self.env._(
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
        posted = self.invoice_ids.filtered(lambda m: m.state == "posted")
        return sum(posted.mapped("amount_residual_signed"))

    @api.depends("amount_total", "interest_amount", "fee_amount")
    def _compute_amount_to_schedule(self):
        for plan in self:
            plan.amount_to_schedule = plan.currency_id.round(
                plan.amount_total + plan.interest_amount + plan.fee_amount
            )

    @api.depends(
        "amount_to_schedule",
        "installment_count",
        "line_ids",
        "debtor_id.debtor_type",
        "debtor_id.debtor_type_suggested",
        "debtor_id.debtor_type_decided_by_id",
        "approval_required",
    )
    def _compute_needs_approval(self):
        for plan in self:
            reasons = plan._approval_reasons()
            plan.needs_approval = bool(reasons)
            plan.approval_reason = "; ".join(reasons) or False

    @api.depends("state", "shaper_ids", "user_id")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        """Whether to show Approve (the server checks again in action_approve),
        and who the plan waits for when it is not the current user."""
        manager = self.env.user.has_group(MANAGER)
        for plan in self:
            waiting = plan.state == "to_approve"
            mine = self.env.user in plan.shaper_ids | plan.user_id
            plan.can_approve = waiting and manager and not mine
            if not waiting or plan.can_approve:
                plan.approval_waiting = False
            elif manager:
                plan.approval_waiting = self.env._(
                    "You created this version, changed its terms or collect it: "
                    "another Collections Manager approves it (four eyes)."
                )
            else:
                plan.approval_waiting = self.env._(
                    "Waiting for a Collections Manager's approval."
                )

    @api.depends("amount_paid", "amount_to_schedule", "line_ids.state")
    def _compute_amount_remaining(self):
        for plan in self:
            plan.amount_remaining = plan.amount_to_schedule - plan.amount_paid
            unpaid = plan.line_ids.filtered(lambda line: line.state != "paid")
            plan.next_due_date = min(unpaid.mapped("date_due"), default=False)

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains(
        "installment_count",
        "line_ids",
        "down_payment",
        "interest_amount",
        "fee_amount",
        "amount_total",
        "date_start",
    )
    def _check_figures(self):
        for plan in self:
            count = bounds.check_count(plan.installment_count)
            if count:
                raise ValidationError(
                    self.env._(
                        "Installments of plan %(plan)s: %(count)s is not between 1 "
                        "and %(cap)s.",
                        plan=plan.name,
                        count=plan.installment_count,
                        cap=bounds.MAX_INSTALLMENTS,
                    )
                )
            if bounds.check_count(plan._installment_total()):
                raise ValidationError(
                    self.env._(
                        "Schedule of plan %(plan)s: %(count)s installments; a "
                        "plan has at most %(cap)s.",
                        plan=plan.name,
                        count=plan._installment_total(),
                        cap=bounds.MAX_INSTALLMENTS,
                    )
                )
            if bounds.check_date(plan.date_start, plan.company_id._collection_today()):
                raise ValidationError(
                    lib_messages.date_problem(
                        self.env, plan._fields["date_start"].string, plan.date_start
                    )
                )
            # Checked once the debt covered is known (the system writes it
            # right after the user's values, at create).
            if plan.amount_total and (
                plan.currency_id.compare_amounts(
                    plan.down_payment, plan.amount_to_schedule
                )
                >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Down Payment: it must be less than the amount to schedule."
                    )
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
                    self.env._(
                        "Schedule of plan %(plan)s: %(problems)s",
                        plan=plan.name,
                        problems=" ".join(
                            lib_messages.schedule_problem(self.env, code, params)
                            for code, params in problems
                        ),
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        # Created as the user (their values pass the guard), then what the
        # system derives: the number, who shaped it, the debt covered; the
        # schedule sent along is written last, as the user, so it is checked
        # against the debt covered.
        vals_list = [dict(vals) for vals in vals_list]
        schedules = [vals.pop("line_ids", None) for vals in vals_list]
        plans = super().create(vals_list)
        for plan, schedule_commands in zip(plans, schedules, strict=True):
            system_env(plan).write(
                {
                    "name": self.env["ir.sequence"].next_by_code("collection.plan")
                    or self.env._("New"),
                    "shaper_ids": [Command.link(self.env.uid)],
                    "amount_total": plan._covered_residual(),
                }
            )
            if schedule_commands:
                plan.write({"line_ids": schedule_commands})
        return plans

    def write(self, vals):
        if is_system(self.env):
            return super().write(vals)
        collectors = {plan.id: plan.user_id for plan in self}
        result = super().write(vals)
        for plan in self:
            shapers = self.env["res.users"]
            if TERMS & set(vals):
                # Whoever changes the terms shaped this version.
                shapers |= self.env.user
            if "user_id" in vals:
                # Whoever collected this version may not approve it, even
                # after handing it over (four eyes).
                shapers |= collectors[plan.id] | plan.user_id
            derived = {}
            if shapers:
                derived["shaper_ids"] = [Command.link(user.id) for user in shapers]
            if "invoice_ids" in vals:
                derived["amount_total"] = plan._covered_residual()
            if derived:
                system_env(plan).write(derived)
        return result

    # === ACTIONS === #
    def _check_state(self, allowed, action):
        """Refuse ``action`` unless every plan is in one of ``allowed`` states."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for plan in self:
            if plan.state not in allowed:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s is %(state)s: %(action)s is only possible "
                        "from %(allowed)s.",
                        plan=plan.name,
                        state=states[plan.state],
                        action=action,
                        allowed=", ".join(states[state] for state in allowed),
                    )
                )

    def action_generate_lines(self):
        """Compute the schedule: down payment, then equal installments."""
        check_group(self.env, USER, self.env._("Computing a schedule"))
        self._check_state(("draft",), self.env._("computing the schedule"))
        for plan in self:
            if not plan.invoice_ids:
                raise UserError(
                    self.env._(
                        "Covered Invoices: choose the overdue invoices the plan covers."
                    )
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
            except schedule.ScheduleError as error:
                raise UserError(
                    self.env._(
                        "Schedule of plan %(plan)s: %(problem)s",
                        plan=plan.name,
                        problem=lib_messages.schedule_error(
                            self.env, error.code, error.params
                        ),
                    )
                ) from error
            lines = [Command.clear()] + [
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
            system_env(plan).write(
                {"line_ids": lines, "shaper_ids": [Command.link(self.env.uid)]}
            )
        return True

    def action_submit(self):
        """Submit: activate at once, or send to a manager when approval is needed."""
        check_group(self.env, USER, self.env._("Submitting a plan"))
        self._check_state(("draft",), self.env._("submitting"))
        for plan in self:
            plan._check_submittable()
            if not plan.line_ids:
                plan.action_generate_lines()
            plan._check_schedule()
            if plan.needs_approval:
                system_env(plan).write({"state": "to_approve"})
                plan._notify_managers()
            else:
                plan._activate()
        return True

    def action_approve(self):
        """Four eyes: a Collections Manager who did not shape this version."""
        check_group(self.env, MANAGER, self.env._("Approving a plan"))
        self._check_state(("to_approve",), self.env._("approving"))
        for plan in self:
            if self.env.user in plan.shaper_ids | plan.user_id:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s: you created it, changed its terms or "
                        "collect it, so you cannot approve this version; another "
                        "Collections Manager must (four eyes).",
                        plan=plan.name,
                    )
                )
            system_env(plan).write(
                {
                    "approved_by_id": self.env.user.id,
                    "date_approved": plan.company_id._collection_today(),
                }
            )
            plan.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=self.env._("Approved"))
            plan._activate()
        return True

    def action_reset_draft(self):
        """Back to draft from approval, to change the terms."""
        check_group(self.env, USER, self.env._("Sending a plan back to draft"))
        self._check_state(("to_approve",), self.env._("going back to draft"))
        system_env(self).write({"state": "draft"})
        return True

    def action_revise(self):
        """An active plan back to draft to change its terms: it needs approval
        again, whatever its figures, and escalation resumes meanwhile."""
        check_group(self.env, USER, self.env._("Revising a plan"))
        self._check_state(("active",), self.env._("revising"))
        system_env(self).write(
            {
                "state": "draft",
                "approval_required": True,
                "approved_by_id": False,
                "date_approved": False,
                "shaper_ids": [Command.set(self.env.user.ids)],
            }
        )
        return True

    def action_cancel(self):
        """Cancel: the covered invoices return to normal aging and escalation.

        An active plan is an agreement: only a Collections Manager cancels it.
        """
        check_group(self.env, USER, self.env._("Cancelling a plan"))
        self._check_state(("draft", "to_approve", "active"), self.env._("cancelling"))
        if any(plan.state == "active" for plan in self):
            check_group(self.env, MANAGER, self.env._("Cancelling an active plan"))
        for plan in self:
            fee_invoice = plan.fee_invoice_id
            if fee_invoice and fee_invoice.payment_state == "not_paid":
                fee_invoice.sudo()._reverse_moves(cancel=True)
            system_env(plan).write({"state": "cancelled"})
        return True

    def action_print_agreement(self):
        check_group(self.env, USER, self.env._("Printing a plan's agreement"))
        return self.env.ref(REPORT_AGREEMENT).report_action(self)

    def action_send_agreement(self):
        """Open the composer with the agreement attached, in the debtor's language."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Sending a plan's agreement"))
        template = self.env.ref("collections_addon.mail_template_collection_plan")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_email_layout_xmlid": MAIL_LAYOUT,
                "force_email": True,
            },
        }

    # === BUSINESS / HOOKS === #
    def _decimal(self, amount):
        return Decimal(str(amount or 0)).quantize(self._quantum())

    def _quantum(self):
        return Decimal(str(self.currency_id.rounding)).normalize()

    def _approval_reasons(self):
        """Why this version needs approval (:func:`lib.approval.approval_reasons`)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        kinds = self.debtor_id._collection_decided_types()
        codes = approval.approval_reasons(
            self._decimal(self.amount_to_schedule),
            self._decimal(company.collection_plan_approval_amount),
            self._installment_total(),
            company.collection_plan_max_installments,
            kinds,
            self.approval_required,
        )
        types = dict(
            self.env["collection.debtor"]
            ._fields["debtor_type"]
            ._description_selection(self.env)
        )
        risky = next((kind for kind in kinds if kind in approval.RISKY_TYPES), None)
        return [
            lib_messages.approval_reason(self.env, code, types.get(risky))
            for code in codes
        ]

    def _installment_total(self):
        """The number of installments: the plan's, or its schedule's when
        that has more (the approval and the cap read what is scheduled)."""
        self.ensure_one()
        scheduled = len(self.line_ids.filtered(lambda line: not line.is_down_payment))
        return max(self.installment_count, scheduled)

    def _check_submittable(self):
        self.ensure_one()
        if not self.invoice_ids:
            raise ValidationError(
                self.env._(
                    "Covered Invoices: plan %(plan)s covers no invoice.", plan=self.name
                )
            )
        if self.currency_id.is_zero(self.amount_to_schedule):
            raise ValidationError(
                self.env._(
                    "Plan %(plan)s: the covered invoices are already paid.",
                    plan=self.name,
                )
            )
        busy = [("state", "in", ("to_approve", "active")), ("id", "!=", self.id)]
        other = self.search(
            busy + [("invoice_ids", "in", self.invoice_ids.ids)], limit=1
        )
        if other:
            raise ValidationError(
                self.env._(
                    "Covered Invoices: some are already in plan %(other)s.",
                    other=other.name,
                )
            )

    def _notify_managers(self):
        self.ensure_one()
        # Those who may approve it: not its shapers nor its collector.
        managers = (
            self.company_id._collection_managers() - self.shaper_ids - self.user_id
        )
        for manager in managers[:3]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.company_id._collection_today(),
                summary=self.env._("Approve installment plan %(plan)s", plan=self.name),
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
        system_env(self).write(vals)
        self.debtor_id.message_post(
            body=self.env._("Installment plan %(plan)s is active.", plan=self.name),
            subtype_xmlid="mail.mt_note",
        )

    def _create_fee_invoice(self):
        """The interest and fee of the plan, invoiced so payments settle them."""
        self.ensure_one()
        charges = (
            (
                self.interest_amount,
                self.env._("Interest of installment plan %(plan)s", plan=self.name),
            ),
            (
                self.fee_amount,
                self.env._("Fee of installment plan %(plan)s", plan=self.name),
            ),
        )
        lines = [
            Command.create(
                {
                    "name": label,
                    "quantity": 1,
                    "price_unit": amount,
                    "tax_ids": [Command.clear()],
                }
            )
            for amount, label in charges
            if amount
        ]
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_id.id,
                    "invoice_date": self.company_id._collection_today(),
                    "invoice_date_due": max(self.line_ids.mapped("date_due")),
                    "invoice_origin": self.name,
                    "invoice_line_ids": lines,
                }
            )
        )
        invoice.action_post()
        return invoice
