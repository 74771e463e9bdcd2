# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .collection_debtor import ABC_CLASSES, DEBTOR_TYPES

VIEWER = "collections_addon.collections_addon_group_viewer"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # === FIELDS === #
    # Current-company summary read from collection.debtor: nothing volatile is
    # stored on res_partner.
    collection_debtor_id = fields.Many2one(
        "collection.debtor",
        string="Collections Debtor",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_currency_id = fields.Many2one(
        "res.currency", compute="_compute_collection_summary", groups=VIEWER
    )
    collection_amount_due = fields.Monetary(
        string="Total Due",
        compute="_compute_collection_summary",
        currency_field="collection_currency_id",
        groups=VIEWER,
    )
    collection_amount_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_collection_summary",
        currency_field="collection_currency_id",
        groups=VIEWER,
    )
    collection_max_days_overdue = fields.Integer(
        string="Days Overdue", compute="_compute_collection_summary", groups=VIEWER
    )
    collection_debtor_type = fields.Selection(
        DEBTOR_TYPES,
        string="Debtor Type",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_risk_score = fields.Integer(
        string="Risk Score", compute="_compute_collection_summary", groups=VIEWER
    )
    collection_next_action_date = fields.Date(
        string="Next Collection Action",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )

    collection_role = fields.Selection(
        [("accountant", "Accountant"), ("decision_maker", "Decision Maker")],
        string="Collections Role",
        help="Accountant: receives the reminders. Decision maker: demand letters are "
        "addressed to them.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends_context("company")
    def _compute_collection_summary(self):
        company = self.env.company
        commercial = {p.id: p.commercial_partner_id.id for p in self}
        debtors = (
            self.env["collection.debtor"]
            .sudo()
            .with_context(active_test=False, prefetch_fields=False)
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "in", list(set(commercial.values()))),
                ],
                [
                    "partner_id",
                    "amount_due",
                    "amount_overdue",
                    "max_days_overdue",
                    "debtor_type",
                    "abc_class",
                    "risk_score",
                    "next_action_date",
                ],
            )
        )
        by_partner = {d.partner_id.id: d for d in debtors}
        for partner in self:
            debtor = by_partner.get(commercial[partner.id])
            partner.collection_currency_id = company.currency_id
            partner.collection_debtor_id = debtor.id if debtor else False
            partner.collection_amount_due = debtor.amount_due if debtor else 0.0
            partner.collection_amount_overdue = debtor.amount_overdue if debtor else 0.0
            partner.collection_max_days_overdue = (
                debtor.max_days_overdue if debtor else 0
            )
            partner.collection_debtor_type = debtor.debtor_type if debtor else False
            partner.collection_abc_class = debtor.abc_class if debtor else False
            partner.collection_risk_score = debtor.risk_score if debtor else 0
            partner.collection_next_action_date = (
                debtor.next_action_date if debtor else False
            )

    # === BUSINESS / HOOKS === #
    def _collection_contact(self, role):
        """The child contact with ``role``, else the partner itself."""
        self.ensure_one()
        contact = self.child_ids.filtered(lambda c: c.collection_role == role)[:1]
        return contact or self

    # === ACTIONS === #
    def action_view_collection_debtor(self):
        self.ensure_one()
        debtor = self.collection_debtor_id
        return {
            "type": "ir.actions.act_window",
            "name": debtor.display_name,
            "res_model": "collection.debtor",
            "res_id": debtor.id,
            "view_mode": "form",
            "target": "current",
        }
