# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import standing
from .collection_guard import MANAGER, USER, VIEWER, check_group
from .selections import (
    ABC_CLASSES,
    CONTACT_ROLES,
    DEBTOR_TYPES,
    INTEREST_REGIMES,
    SEVERITIES,
)

# Comparisons the figures of the summary can be searched with (see
# _collection_search_figure); the values are constants, never user text.
SEARCH_OPERATORS = {op: op for op in ("=", "!=", "<", "<=", ">", ">=")}


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
        search="_search_collection_amount_due",
        currency_field="collection_currency_id",
        groups=VIEWER,
    )
    collection_amount_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_collection_summary",
        search="_search_collection_amount_overdue",
        currency_field="collection_currency_id",
        groups=VIEWER,
    )
    collection_amount_collectible = fields.Monetary(
        string="To Collect",
        compute="_compute_collection_summary",
        search="_search_collection_amount_collectible",
        currency_field="collection_currency_id",
        groups=VIEWER,
        help="The overdue amount less the unapplied credits, never below zero.",
    )
    collection_max_days_overdue = fields.Integer(
        string="Days Overdue",
        compute="_compute_collection_summary",
        search="_search_collection_max_days_overdue",
        groups=VIEWER,
    )
    collection_debtor_type = fields.Selection(
        DEBTOR_TYPES,
        string="Debtor Type",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_debtor_type_label = fields.Char(
        string="Debtor Type Shown",
        compute="_compute_collection_summary",
        groups=VIEWER,
        help="The debtor type as the reader may see it: Viewers read a neutral "
        "label for the types a collector has to assess.",
    )
    collection_abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_risk_score = fields.Integer(
        string="Risk Score",
        compute="_compute_collection_summary",
        search="_search_collection_risk_score",
        groups=VIEWER,
    )
    collection_next_action_date = fields.Date(
        string="Next Collection Action",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_severity = fields.Selection(
        SEVERITIES,
        string="Collection Severity",
        compute="_compute_collection_summary",
        groups=VIEWER,
    )
    collection_banner_html = fields.Html(
        string="Debt Banner",
        compute="_compute_collection_summary",
        sanitize=False,
        groups=VIEWER,
    )

    collection_role = fields.Selection(
        CONTACT_ROLES,
        string="Collections Role",
        help="Accountant: receives the reminders. Decision maker: demand letters are "
        "addressed to them.",
    )
    # The customer's contract with the current company (issue #24): read by
    # the collection.interest service, which checks them before use.
    collection_interest_regime = fields.Selection(
        INTEREST_REGIMES,
        string="Interest Regime",
        company_dependent=True,
        groups=MANAGER,
        help="Empty: the company's regime. Set it when the contract with this "
        "customer says otherwise, e.g. a daily penalty, which in Russia replaces "
        "the interest of art. 395 (art. 395 p. 4).",
    )
    collection_interest_rate = fields.Float(
        string="Contract Interest Rate (% per year)",
        digits=(16, 4),
        company_dependent=True,
        groups=MANAGER,
        help="The annual rate of the contract (contractual or flat regime).",
    )
    collection_interest_daily_rate = fields.Float(
        string="Contract Daily Penalty (% per day)",
        digits=(16, 4),
        company_dependent=True,
        groups=MANAGER,
        help="The penalty per day late of the contract, e.g. 0.1.",
    )
    collection_interest_cap = fields.Float(
        string="Contract Penalty Cap (% of the overdue amount)",
        digits=(16, 4),
        company_dependent=True,
        groups=MANAGER,
        help="The daily penalty of an invoice stops at this percentage of the "
        "amount overdue on its due date. 0: no cap.",
    )
    collection_moratorium_opt_out = fields.Boolean(
        string="Opted Out of the 2022 Moratorium",
        groups=MANAGER,
        help="Russia: the debtor declared it refuses the moratorium of Government "
        "Decree No. 497 (1 April to 1 October 2022), so interest and penalties "
        "accrue in it.",
    )
    collection_public_medical = fields.Boolean(
        string="Public Medical Entity",
        groups=MANAGER,
        help="Poland: the debtor is a public entity that is a medical entity; "
        "the interest for commercial transactions is the reference rate + 8 "
        "points instead of 10.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends_context("company", "uid", "lang")
    def _compute_collection_summary(self):
        """One query for the whole batch (``collection.standing``): the
        partner's commercial entity and its debtor of the current company
        (nothing stored on res_partner)."""
        company = self.env.company
        Standing = self.env["collection.standing"]
        ids = [pid for pid in self._origin.ids if pid]
        rows = Standing._rows([(pid, company.id) for pid in ids])
        rows = {ids[index]: row for index, row in rows.items()}
        is_collector = self.env.user.has_group(USER)
        footer = [self.env._("Check with collections before making a new deal.")]
        for partner in self:
            row = rows.get(partner._origin.id) or {}
            partner.collection_currency_id = (
                row.get("currency_id") or company.currency_id
            )
            partner.collection_debtor_id = row.get("debtor_id") or False
            partner.collection_amount_due = row.get("amount_due") or 0.0
            partner.collection_amount_overdue = row.get("amount_overdue") or 0.0
            partner.collection_amount_collectible = row.get("amount_collectible") or 0.0
            partner.collection_max_days_overdue = row.get("max_days_overdue") or 0
            # A Viewer never gets a sensitive type, not even over RPC: the label.
            kind = standing.shown_type(row.get("debtor_type"), is_collector)
            hidden = kind == standing.NEUTRAL
            partner.collection_debtor_type = (not hidden and kind) or False
            partner.collection_debtor_type_label = Standing._type_label(
                row.get("debtor_type"), is_collector
            )
            partner.collection_abc_class = row.get("abc_class") or False
            partner.collection_risk_score = row.get("risk_score") or 0
            partner.collection_next_action_date = row.get("next_action_date") or False
            partner.collection_severity = (
                Standing._severity(row) if row.get("debtor_id") else False
            )
            partner.collection_banner_html = (
                Standing._banner(row, is_collector, footer=footer)
                if Standing._has_news(row)
                else False
            )

    def _search_collection_amount_due(self, operator, value):
        return self._collection_search_figure("amount_due", operator, value)

    def _search_collection_amount_overdue(self, operator, value):
        return self._collection_search_figure("amount_overdue", operator, value)

    def _search_collection_amount_collectible(self, operator, value):
        return self._collection_search_figure("amount_collectible", operator, value)

    def _search_collection_max_days_overdue(self, operator, value):
        return self._collection_search_figure("max_days_overdue", operator, value)

    def _search_collection_risk_score(self, operator, value):
        return self._collection_search_figure("risk_score", operator, value)

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

    def _collection_debtor_or_raise(self):
        """The debtor behind the Debt tab's buttons (collectors only)."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Working a customer's debt"))
        debtor = self.commercial_partner_id.collection_debtor_id
        if not debtor:
            raise UserError(
                self.env._(
                    "%(partner)s has no debt in Collections for this company.",
                    partner=self.display_name,
                )
            )
        return debtor

    def action_collection_print_statement(self):
        return self._collection_debtor_or_raise().action_print_statement()

    def action_collection_send_statement(self):
        """The mail composer on the debtor, with the statement attached."""
        debtor = self._collection_debtor_or_raise()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            "collections_addon.action_report_collection_statement", debtor.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Statement %(name)s.pdf", name=debtor.name),
                "raw": pdf,
                "res_model": "collection.debtor",
                "res_id": debtor.id,
            }
        )
        recipient = debtor.partner_id._collection_contact("accountant")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Statement"),
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "collection.debtor",
                "default_res_ids": debtor.ids,
                "default_partner_ids": recipient.ids,
                "default_subject": self.env._("Statement of account"),
                "default_attachment_ids": attachment.ids,
            },
        }

    def action_collection_log_call(self):
        return self._collection_debtor_or_raise().action_log_call()

    def action_collection_promise(self):
        return self._collection_debtor_or_raise().action_new_promise()

    # === BUSINESS / HOOKS === #
    def _collection_contact(self, role):
        """The child contact with ``role``, else the partner itself."""
        self.ensure_one()
        contact = self.child_ids.filtered(lambda c: c.collection_role == role)[:1]
        return contact or self

    @api.model
    def _collection_search_figure(self, fname, operator, value):
        """Partners whose commercial entity's debtor of the current company has
        ``fname`` ``operator`` ``value`` (no debtor counts as 0), as one
        sub-select: the search stays one query whatever the number of partners.

        :param fname: a numeric column of ``collection.debtor`` (the summary's)
        :return: a domain on ``id``
        """
        if operator not in SEARCH_OPERATORS or isinstance(value, bool | None):
            label = self._fields["collection_" + fname].string
            raise UserError(
                self.env._(
                    "%(field)s: only comparisons with a number (=, !=, <, <=, >, "
                    ">=) are supported.",
                    field=label,
                )
            )
        self.env["collection.debtor"].flush_model(["partner_id", "company_id", fname])
        self.flush_model(["commercial_partner_id"])
        return [
            (
                "id",
                "in",
                SQL(
                    """(SELECT p.id FROM res_partner p
                          LEFT JOIN collection_debtor d
                                 ON d.partner_id = p.commercial_partner_id
                                AND d.company_id = %(company)s
                         WHERE COALESCE(d.%(column)s, 0) %(operator)s %(value)s)""",
                    company=self.env.company.id,
                    column=SQL.identifier(fname),
                    operator=SQL(SEARCH_OPERATORS[operator]),
                    value=value,
                ),
            )
        ]
