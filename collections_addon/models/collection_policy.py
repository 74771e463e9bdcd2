# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import dunning
from ..lib import policy as policy_rules
from . import lib_messages
from .selections import ABC_CLASSES, DEBTOR_TYPES


class CollectionPolicy(models.Model):
    _name = "collection.policy"
    _description = "Collection Policy"
    _order = "company_id, sequence, id"
    _check_company_auto = True
    _inherit = ["mail.thread", "collection.guard.mixin"]

    # === FIELDS === #
    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(
        default=10, help="Policies are tried in this order; the first match applies."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    is_default = fields.Boolean(
        string="Default Policy",
        tracking=True,
        help="Applies to the debtors no other policy matches. One per company.",
    )
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="For ABC Class",
        help="Only debtors of this class; empty for every class.",
    )
    debtor_type = fields.Selection(
        DEBTOR_TYPES,
        string="For Debtor Type",
        help="Only debtors of this type; empty for every type.",
    )
    level_ids = fields.One2many(
        "collection.level", "policy_id", string="Levels", copy=True
    )
    level_count = fields.Integer(compute="_compute_level_count")
    waive_interest_early = fields.Boolean(
        string="Early-Payment Waiver",
        help="Reminders offer: pay by the deadline and the late interest is waived.",
    )
    waiver_days = fields.Integer(
        string="Waiver Deadline (days)",
        default=7,
        help="Days after the reminder within which paying waives the interest.",
    )
    note = fields.Html(translate=True)

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("level_ids")
    def _compute_level_count(self):
        for policy in self:
            policy.level_count = len(policy.level_ids)

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("is_default", "company_id", "active")
    def _check_one_default(self):
        for policy in self.filtered(lambda p: p.is_default and p.active):
            others = self.search_count(
                [
                    ("id", "!=", policy.id),
                    ("company_id", "=", policy.company_id.id),
                    ("is_default", "=", True),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Default Policy: %(company)s already has a default policy; "
                        "a company has exactly one.",
                        company=policy.company_id.name,
                    )
                )

    @api.constrains("level_ids", "waiver_days")
    def _check_ladder(self):
        for policy in self:
            if policy.waiver_days < 0:
                raise ValidationError(
                    self.env._(
                        "Waiver Deadline: the number of days cannot be negative."
                    )
                )
            problems = dunning.validate_ladder(policy._as_levels())
            if policy.level_ids and problems:
                raise ValidationError(
                    self.env._(
                        "Levels of policy %(policy)s: %(problems)s",
                        policy=policy.name,
                        problems=" ".join(
                            lib_messages.ladder_problem(self.env, code, params)
                            for code, params in problems
                        ),
                    )
                )

    # === CRUD === #
    @api.ondelete(at_uninstall=False)
    def _unlink_except_default(self):
        if any(policy.is_default for policy in self):
            raise UserError(
                self.env._(
                    "A company's default policy cannot be deleted; archive it instead."
                )
            )

    # === BUSINESS / HOOKS === #
    def _as_levels(self):
        """The ladder as lib values, for :func:`lib.dunning.due_level`."""
        self.ensure_one()
        return [level._as_level() for level in self.level_ids]

    def _as_rules(self):
        """The policies, in order, as :func:`lib.policy.choose_policy` rules."""
        return [
            policy_rules.PolicyRule(
                policy.id, policy.is_default, policy.abc_class, policy.debtor_type
            )
            for policy in self
        ]

    @api.model
    def _ensure_default_policy(self, companies=None):
        """Give each company without one a default policy, copied from the shipped one.

        :param companies: the companies to check; all companies when omitted
        """
        companies = companies or self.env["res.company"].sudo().search([])
        template = self.env.ref(
            "collections_addon.collection_policy_default", raise_if_not_found=False
        )
        for company in companies:
            if self.search_count(
                [("company_id", "=", company.id), ("is_default", "=", True)]
            ):
                continue
            if not template:
                continue
            template.sudo().with_context(active_test=False).copy(
                {"company_id": company.id, "is_default": True, "name": template.name}
            )
