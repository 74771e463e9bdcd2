# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .collection_guard import USER, check_group, is_system


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
                    self.env._(
                        "Exclusion Reason: invoice %(invoice)s is excluded from "
                        "collections, so the reason for the dispute or hold is "
                        "required.",
                        invoice=move.display_name,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env) and (
            "default_collection_level_id" in self.env.context
            or any("collection_level_id" in vals for vals in vals_list)
        ):
            self._collection_refuse_level()
        return super().create(vals_list)

    def write(self, vals):
        if "collection_level_id" in vals and not is_system(self.env):
            self._collection_refuse_level()
        if {"collection_excluded", "collection_exclusion_reason"} & set(vals):
            check_group(
                self.env, USER, self.env._("Excluding an invoice from collections")
            )
        return super().write(vals)

    # === BUSINESS / HOOKS === #
    def _collection_refuse_level(self):
        raise AccessError(
            self.env._(
                "Last Collection Level (collection_level_id) of an invoice is "
                "set by the collections run only."
            )
        )

    def _collection_check_partner(self, partner):
        """Refuse invoices of another customer in a promise or a plan."""
        foreign = self.filtered(lambda move: move.commercial_partner_id != partner)
        if foreign:
            raise ValidationError(
                self.env._(
                    "Invoices: %(invoices)s do not belong to %(debtor)s.",
                    invoices=", ".join(foreign.mapped("name")),
                    debtor=partner.display_name,
                )
            )

    # === ACTIONS === #
    def action_collection_exclude(self):
        """Open the exclusion (dispute/hold) form of this invoice."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Exclude from Collections"),
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

    def action_collection_promise(self):
        """Record a promise to pay on this invoice."""
        self.ensure_one()
        Debtor = self.env["collection.debtor"]
        domain = [
            ("partner_id", "=", self.commercial_partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        debtor = Debtor.search(domain, limit=1)
        if not debtor:
            self.env["collection.ledger"].sudo()._refresh_company(self.company_id)
            debtor = Debtor.search(domain, limit=1)
        if not debtor:
            raise ValidationError(
                self.env._(
                    "Invoice %(invoice)s has no open debt to promise.",
                    invoice=self.display_name,
                )
            )
        return debtor.action_new_promise(invoice_ids=[Command.set(self.ids)])

    def action_collection_include(self):
        self.write({"collection_excluded": False, "collection_exclusion_reason": False})
        return True
