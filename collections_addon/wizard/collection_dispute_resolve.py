# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.collection_guard import USER, check_group
from ..models.selections import CONTACT_CHANNELS, CONTACT_OUTCOMES


class CollectionDisputeResolve(models.TransientModel):
    """Input only: how a dispute or a hold ended (see ``_resolve``)."""

    _name = "collection.dispute.resolve"
    _description = "Resolve a Dispute or Hold"

    # === FIELDS === #
    move_ids = fields.Many2many("account.move", string="Excluded Invoices")
    debtor_ids = fields.Many2many("collection.debtor", string="Held Debtors")
    channel = fields.Selection(CONTACT_CHANNELS, default="call", required=True)
    outcome = fields.Selection(CONTACT_OUTCOMES, default="reached", required=True)
    note = fields.Text(string="What Was Agreed", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if model == "account.move" and "move_ids" in fields_list:
            values["move_ids"] = [fields.Command.set(ids)]
        if model == "collection.debtor" and "debtor_ids" in fields_list:
            values["debtor_ids"] = [fields.Command.set(ids)]
        return values

    # === ACTIONS === #
    def action_resolve(self):
        self.ensure_one()
        check_group(self.env, USER, self.env._("Resolving a dispute or hold"))
        self._resolve()
        return {"type": "ir.actions.act_window_close"}

    # === BUSINESS / HOOKS === #
    def _resolve(self):
        """Lift the exclusions and holds, and log the outcome in each debtor's
        contact log (a system entry: it names the invoices it covers)."""
        moves = self.move_ids.filtered("collection_excluded")
        debtors = self.debtor_ids.filtered("hold_until")
        if not moves and not debtors:
            raise UserError(self.env._("Nothing to resolve: no dispute or hold."))
        Debtor = self.env["collection.debtor"]
        entries = []
        for move in moves:
            debtor = move._collection_debtor()
            entries.append(
                self._entry_vals(
                    debtor,
                    self.env._(
                        "Dispute on %(invoice)s (%(reason)s) resolved: %(note)s",
                        invoice=move.name,
                        reason=move.collection_exclusion_reason or "",
                        note=self.note,
                    ),
                    move,
                )
            )
        for debtor in debtors:
            entries.append(
                self._entry_vals(
                    debtor,
                    self.env._(
                        "Hold (%(reason)s) lifted: %(note)s",
                        reason=debtor.hold_reason or "",
                        note=self.note,
                    ),
                )
            )
            Debtor |= debtor
        moves.action_collection_include()
        Debtor.write({"hold_until": False, "hold_reason": False})
        self.env["collection.contact"]._log(entries)

    def _entry_vals(self, debtor, note, moves=None):
        return {
            "debtor_id": debtor.id,
            "channel": self.channel,
            "outcome": self.outcome,
            "note": note,
            "move_ids": [fields.Command.set(moves.ids if moves else [])],
        }
