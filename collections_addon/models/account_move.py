# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AccountMove(models.Model):
    _inherit = "account.move"

    # === FIELDS === #
    collection_excluded = fields.Boolean(
        string="Excluded from Collections",
        tracking=True,
        copy=False,
        help="A dispute or hold: the invoice leaves the escalation ladder.",
    )
    collection_exclusion_reason = fields.Char(
        string="Exclusion Reason", tracking=True, copy=False
    )
    collection_level_id = fields.Many2one(
        "collection.level",
        string="Last Collection Level",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The last escalation level applied to this invoice.",
    )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("collection_excluded", "collection_exclusion_reason")
    def _check_collection_exclusion_reason(self):
        for move in self:
            if (
                move.collection_excluded
                and not (move.collection_exclusion_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Exclusion Reason: invoice %(invoice)s is excluded from "
                        "collections, so the reason for the dispute or hold is "
                        "required.",
                        invoice=move.display_name,
                    )
                )

    # === ACTIONS === #
    def action_collection_exclude(self):
        """Open the exclusion (dispute/hold) form of this invoice."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Exclude from Collections"),
            "res_model": "account.move",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "collections_addon.account_move_view_form_collection_exclude"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_collection_excluded": True},
        }

    def action_collection_include(self):
        self.write({"collection_excluded": False, "collection_exclusion_reason": False})
        return True
