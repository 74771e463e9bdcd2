# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models

from ..models.selections import CONTACT_CHANNELS

# The invoices a customer can dispute: its posted, unpaid ones still on the ladder.
DISPUTABLE = [
    ("move_type", "in", ("out_invoice", "out_receipt")),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
    ("collection_excluded", "=", False),
]


class CollectionDispute(models.TransientModel):
    """Input only: which invoices the customer disputes, and why (see
    ``account.move._collection_dispute``)."""

    _name = "collection.dispute"
    _description = "Record a Dispute"

    # === FIELDS === #
    debtor_id = fields.Many2one("collection.debtor", required=True, readonly=True)
    partner_id = fields.Many2one(related="debtor_id.partner_id", string="Customer")
    company_id = fields.Many2one(related="debtor_id.company_id")
    move_ids = fields.Many2many(
        "account.move",
        "collection_dispute_move_rel",
        "dispute_id",
        "move_id",
        string="Disputed Invoices",
        domain="[('commercial_partner_id', '=', partner_id), "
        "('company_id', '=', company_id), "
        "('move_type', 'in', ('out_invoice', 'out_receipt')), "
        "('state', '=', 'posted'), ('payment_state', 'in', ('not_paid', 'partial')), "
        "('collection_excluded', '=', False)]",
        help="They leave the escalation ladder until the dispute is resolved.",
    )
    reason = fields.Text(
        required=True,
        help="What the customer disputes: it is the exclusion's reason and the "
        "note of the contact log's entry.",
    )
    channel = fields.Selection(CONTACT_CHANNELS, default="call", required=True)
    contact_partner_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    contact_id = fields.Many2one(
        "collection.contact",
        string="From Call",
        readonly=True,
        help="The call in which the customer raised the dispute: the dispute's "
        "entry in the contact log takes its place.",
    )

    @api.model
    def default_get(self, fields_list):
        """Opened on invoices or open items (a list's selection): those
        invoices, and their debtor."""
        values = super().default_get(fields_list)
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        moves = self.env["account.move"]
        if model == "account.move" and ids:
            moves = moves.browse(ids)
        elif model == "account.move.line" and ids:
            moves = self.env["account.move.line"].browse(ids).move_id
        if moves and not values.get("debtor_id"):
            values["debtor_id"] = moves._collection_debtor().id
        if moves and "move_ids" in fields_list and not values.get("move_ids"):
            values["move_ids"] = [
                Command.set(moves.filtered_domain(DISPUTABLE).ids or moves.ids)
            ]
        return values

    # === ACTIONS === #
    def action_confirm(self):
        """Exclude the invoices and log the dispute (one contact entry)."""
        self.ensure_one()
        entry = self.move_ids._collection_dispute(
            self.debtor_id,
            self.reason,
            channel=self.channel,
            contact_partner=self.contact_partner_id,
            call=self.contact_id,
        )
        return entry._collection_dispute_notification()

    # === BUSINESS / HOOKS === #
    @api.model
    def _action_open(self, debtor, moves=None, call=None):
        """The dispute form of ``debtor``: on ``moves``, else its oldest
        overdue invoice; from ``call``, with its channel, person and note."""
        if moves is None:
            today = debtor.company_id._collection_today()
            lines = self.env["collection.receivable"]._open_lines(debtor)
            overdue = lines.filtered(
                lambda aml: aml.amount_residual > 0
                and aml.date_maturity
                and aml.date_maturity < today
            )
            moves = overdue.move_id.filtered_domain(DISPUTABLE)[:1]
        context = {
            "default_debtor_id": debtor.id,
            "default_move_ids": [Command.set(moves.ids)],
        }
        if call:
            context.update(
                default_contact_id=call.id,
                default_channel=call.channel,
                default_contact_partner_id=call.contact_partner_id.id,
                default_reason=call.note or False,
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Dispute"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }
