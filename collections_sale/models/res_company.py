# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.collections_addon.lib import bounds
from odoo.addons.collections_addon.models.selections import DEBTOR_TYPES


class ResCompany(models.Model):
    _inherit = "res.company"

    # === FIELDS === #
    collection_hold_level_id = fields.Many2one(
        "collection.level",
        string="Hold From Level",
        check_company=True,
        help="Confirming an order is blocked once the customer's escalation level "
        "is this one or a later one (by days past due, whatever the policy). "
        "Empty: no hold by level.",
    )
    collection_hold_debtor_type = fields.Selection(
        DEBTOR_TYPES,
        string="Hold Debtor Type",
        default="fraudulent",
        help="Confirming an order of a customer of this debtor type is blocked. "
        "An open promise or a plan never lifts this rule. Empty: no hold by type.",
    )
    collection_hold_amount = fields.Monetary(
        string="Hold Above Amount",
        currency_field="currency_id",
        help="Confirming an order is blocked when the customer's collectible debt "
        "(overdue less unapplied credits) is above this amount. 0: no hold by "
        "amount.",
    )
    collection_hold_days = fields.Integer(
        string="Hold Above Days Overdue",
        help="Confirming an order is blocked when the customer's oldest overdue "
        "item is more days late than this. 0: no hold by days.",
    )
    collection_hold_plan_defaulted = fields.Boolean(
        string="Hold After a Defaulted Plan",
        default=True,
        help="Confirming an order is blocked when an installment plan of the "
        "customer defaulted in the last 12 months.",
    )
    collection_hold_commitment_lifts = fields.Boolean(
        string="Promises and Plans Lift the Hold",
        default=True,
        help="An open promise to pay, or an active plan whose installments are "
        "paid on time (within the grace days), lifts the hold by level, amount, "
        "days and defaulted plan. The hold by debtor type stays.",
    )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("collection_hold_amount", "collection_hold_days")
    def _check_collection_hold(self):
        for company in self:
            if bounds.check_amount(company.collection_hold_amount):
                raise ValidationError(
                    self.env._(
                        "Hold Above Amount of %(company)s: %(amount)s is not a "
                        "finite amount between 0 and %(max)s.",
                        company=company.name,
                        amount=company.collection_hold_amount,
                        max=bounds.MAX_AMOUNT,
                    )
                )
            if company.collection_hold_days < 0:
                raise ValidationError(
                    self.env._(
                        "Hold Above Days Overdue of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
