# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from ..lib import promise as promise_rules
from . import lib_messages
from .collection_guard import USER, Freeze, check_group, system_env
from .notifications import notification
from .selections import CONTACT_CHANNELS, PROMISE_STATES

_lt = LazyTranslate(__name__)

# What the debtor promised: fixed once recorded (cancel and record a new one).
FACTS = frozenset({"amount", "date", "invoice_ids", "channel", "contact_partner_id"})


class CollectionPromise(models.Model):
    _name = "collection.promise"
    _description = "Promise to Pay"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "collection.debtor.bound.mixin",
        "collection.guard.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id.name"]

    _collection_system_fields = frozenset(
        {"state", "amount_paid", "date_closed", "reminder_sent", "date_made"}
    )
    _collection_fixed_fields = frozenset({"company_id", "debtor_id", "contact_id"})
    # What the debtor promised is evidence from the moment it is recorded.
    _collection_evidence = (
        Freeze(
            FACTS,
            unlink=True,
            reason=_lt(
                "What was promised (amount, date, invoices, channel, person) is "
                "evidence: cancel the promise and record a new one."
            ),
        ),
    )

    # === FIELDS === #
    # Shown live (never stored): it always says the promise's current amount
    # and date, formatted in the reader's language.
    name = fields.Char(compute="_compute_name")
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(string="Promised Date", required=True, index=True, tracking=True)
    date_made = fields.Date(
        string="Made On",
        required=True,
        readonly=True,
        default=lambda self: self.env.company._collection_today(),
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
    channel = fields.Selection(CONTACT_CHANNELS, default="call", required=True)
    contact_partner_id = fields.Many2one(
        "res.partner",
        string="Promised By",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    contact_id = fields.Many2one(
        "collection.contact", string="From Contact", ondelete="set null", readonly=True
    )
    state = fields.Selection(
        PROMISE_STATES,
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
            promise.name = self.env._(
                "%(partner)s: %(amount)s by %(date)s",
                partner=promise.partner_id.name or "",
                amount=promise.currency_id.format(promise.amount or 0.0),
                date=format_date(self.env, promise.date) if promise.date else "",
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
                    self.env._(
                        "Promise to pay: %(debtor)s already has an open promise for "
                        "these invoices; cancel it before recording a new one.",
                        debtor=promise.debtor_id.display_name,
                    )
                )

    def _validate_terms(self):
        """Amount above 0 and within the open debt; date from today to the horizon."""
        for promise in self:
            company = promise.company_id
            currency = promise.currency_id
            open_debt = promise._open_debt()
            problems = promise_rules.validate_promise(
                promise._decimal(promise.amount),
                promise._decimal(open_debt),
                promise.date,
                company._collection_today(),
                company.collection_promise_horizon_days,
            )
            for code, params in problems:
                raise ValidationError(
                    lib_messages.promise_problem(self.env, code, params, currency)
                )

    def _decimal(self, amount):
        quantum = Decimal(str(self.currency_id.rounding)).normalize()
        return Decimal(str(amount or 0)).quantize(quantum)

    # === CRUD === #
    @api.model
    def default_get(self, fields_list):
        """A new promise starts with the amount at stake: the selected
        invoices' open residual, else the debtor's collectible amount."""
        values = super().default_get(fields_list)
        if "amount" in fields_list and not values.get("amount"):
            context = self.env.context
            debtor = self.env["collection.debtor"].browse(
                values.get("debtor_id") or context.get("default_debtor_id")
            )
            commands = values.get("invoice_ids") or context.get("default_invoice_ids")
            invoices = self.env["account.move"].browse(
                self._fields["invoice_ids"].convert_to_cache(commands or [], self)
            )
            if invoices:
                values["amount"] = sum(invoices.mapped("amount_residual_signed"))
            elif debtor.exists():
                values["amount"] = debtor.amount_collectible
        return values

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        promises._validate_terms()
        # The call that led to the promise gets its outcome now, not before.
        calls = promises.contact_id.filtered(lambda c: not c.outcome)
        system_env(calls).write({"outcome": "promise"})
        for promise in promises:
            promise.debtor_id.message_post(
                body=self.env._("Promise to pay recorded: %(name)s", name=promise.name),
                subtype_xmlid="mail.mt_note",
            )
        return promises

    # === ACTIONS === #
    def action_cancel(self):
        """Open → cancelled; a kept, broken or cancelled promise stays as it is."""
        check_group(self.env, USER, self.env._("Cancelling a promise to pay"))
        self.check_access("write")
        states = dict(self._fields["state"]._description_selection(self.env))
        for promise in self:
            if promise.state != "open":
                raise UserError(
                    self.env._(
                        "Promise %(promise)s is %(state)s: only an open promise "
                        "can be cancelled.",
                        promise=promise.name,
                        state=states[promise.state],
                    )
                )
            system_env(promise).write(
                {
                    "state": "cancelled",
                    "date_closed": promise.company_id._collection_today(),
                }
            )
        return True

    def action_saved(self):
        """Save of the promise form in a dialog: the form saved the promise,
        this says so and closes the dialog."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Recording a promise to pay"))
        return notification(
            self.env._("Promise to pay recorded: %(promise)s.", promise=self.name)
        )

    # === BUSINESS / HOOKS === #
    def _open_debt(self):
        """The open receivable the promise covers (its invoices, else the debtor)."""
        self.ensure_one()
        lines = self.env["collection.receivable"]._open_lines(self.debtor_id)
        if self.invoice_ids:
            lines = lines.filtered(lambda aml: aml.move_id in self.invoice_ids)
        return sum(lines.mapped("amount_residual"))
