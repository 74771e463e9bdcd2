# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The collector's daily queue: which debtors are due today, ranked by stake.

``amount_collectible`` and ``risk_score`` are written by the refresh in raw
SQL, so a stored compute on them would never recompute. ``priority_score`` is
therefore not stored: it is computed in Python for display and, for sorting,
translated to the same SQL expression by ``_field_to_sql`` (Odoo 18 sorts a
non-stored field that has an SQL translation, and shows it as sortable).
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .collection_guard import USER, check_group


class CollectionDebtor(models.Model):
    _inherit = "collection.debtor"

    # === FIELDS === #
    priority_score = fields.Monetary(
        string="At Stake",
        compute="_compute_priority_score",
        help="Collectible amount weighted by the risk score (collectible × risk / "
        "100): the queue works the largest amounts at risk first.",
    )
    in_my_queue = fields.Boolean(
        string="In My Queue Today",
        compute="_compute_in_my_queue",
        search="_search_in_my_queue",
        help="Next action due (today or earlier, in the company's time zone), "
        "assigned to me or to nobody.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("amount_collectible", "risk_score")
    def _compute_priority_score(self):
        for debtor in self:
            debtor.priority_score = (
                debtor.amount_collectible * (debtor.risk_score or 0) / 100.0
            )

    @api.depends("next_action_date", "user_id")
    @api.depends_context("uid", "date")
    def _compute_in_my_queue(self):
        for debtor in self:
            today = debtor.company_id._collection_today()
            debtor.in_my_queue = bool(
                debtor.next_action_date
                and debtor.next_action_date <= today
                and debtor.user_id in (self.env.user, self.env["res.users"])
            )

    def _search_in_my_queue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("In My Queue: only = and != are supported."))
        # One company today per selected company: the queue respects each one's tz.
        per_company = [
            [
                ("company_id", "=", company.id),
                ("next_action_date", "<=", company._collection_today()),
            ]
            for company in self.env.companies
        ]
        domain = [("user_id", "in", [False, self.env.uid])]
        domain += ["|"] * (len(per_company) - 1) + [
            term for terms in per_company for term in ["&", *terms]
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        if fname == "priority_score":
            return SQL(
                "(COALESCE(%s, 0) * COALESCE(%s, 0) / 100.0)",
                super()._field_to_sql(alias, "amount_collectible", query, flush),
                super()._field_to_sql(alias, "risk_score", query, flush),
            )
        return super()._field_to_sql(alias, fname, query, flush)

    # === ACTIONS === #
    def action_queue_later(self):
        """Do it later: the next action moves ``collection_days`` days ahead
        (context, default 1); the refresh keeps a date set by hand."""
        check_group(self.env, USER, self.env._("Postponing a debtor"))
        days = int(self.env.context.get("collection_days") or 1)
        for debtor in self:
            today = debtor.company_id._collection_today()
            debtor.next_action_date = today + timedelta(days=max(days, 1))
        return True

    def action_queue_done(self):
        """Done for today: the debtor leaves the queue, and the next refresh
        proposes its next action from the debt again."""
        check_group(self.env, USER, self.env._("Marking a debtor done"))
        for debtor in self:
            debtor.next_action_date = False
            debtor.message_post(
                body=self.env._(
                    "Next action done by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
