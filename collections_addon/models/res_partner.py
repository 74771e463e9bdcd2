# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .selections import ABC_CLASSES, DEBTOR_TYPES

VIEWER = "collections_addon.collections_addon_group_viewer"
SUMMARY_FIELDS = [
    "amount_due",
    "amount_overdue",
    "amount_collectible",
    "max_days_overdue",
    "debtor_type",
    "abc_class",
    "risk_score",
    "next_action_date",
]


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
    collection_amount_collectible = fields.Monetary(
        string="To Collect",
        compute="_compute_collection_summary",
        currency_field="collection_currency_id",
        groups=VIEWER,
        help="The overdue amount less the unapplied credits, never below zero.",
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
        """One query for the whole batch: the partner's commercial entity joined
        to its debtor of the current company (nothing stored on res_partner)."""
        company = self.env.company
        ids = [pid for pid in self._origin.ids if pid]
        rows = {}
        if ids:
            self.env["res.partner"].flush_model(["commercial_partner_id"])
            self.env["collection.debtor"].flush_model(SUMMARY_FIELDS)
            rows = {
                row["id"]: row
                for row in self.env.execute_query_dict(
                    SQL(
                        """
                        SELECT p.id, d.id AS debtor_id, %(columns)s
                          FROM res_partner p
                          LEFT JOIN collection_debtor d
                                 ON d.partner_id = p.commercial_partner_id
                                AND d.company_id = %(company)s
                         WHERE p.id IN %(ids)s
                        """,
                        columns=SQL(", ").join(
                            SQL("d.%s", SQL.identifier(name)) for name in SUMMARY_FIELDS
                        ),
                        company=company.id,
                        ids=tuple(ids),
                    )
                )
            }
        for partner in self:
            row = rows.get(partner._origin.id) or {}
            partner.collection_currency_id = company.currency_id
            partner.collection_debtor_id = row.get("debtor_id") or False
            partner.collection_amount_due = row.get("amount_due") or 0.0
            partner.collection_amount_overdue = row.get("amount_overdue") or 0.0
            partner.collection_amount_collectible = row.get("amount_collectible") or 0.0
            partner.collection_max_days_overdue = row.get("max_days_overdue") or 0
            partner.collection_debtor_type = row.get("debtor_type") or False
            partner.collection_abc_class = row.get("abc_class") or False
            partner.collection_risk_score = row.get("risk_score") or 0
            partner.collection_next_action_date = row.get("next_action_date") or False

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
