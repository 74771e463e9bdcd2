# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from typing import NamedTuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round, format_amount, format_date

from .collection_guard import MANAGER, USER, VIEWER, check_group
from .selections import ABC_CLASSES, CONTACT_ROLES, DEBTOR_TYPES, INTEREST_REGIMES

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
# Comparisons the figures of the summary can be searched with (see
# _collection_search_figure); the values are constants, never user text.
SEARCH_OPERATORS = {op: op for op in ("=", "!=", "<", "<=", ">", ">=")}
# Read by the banner besides the summary (see _collection_standing_sql).
STANDING_FIELDS = {
    "collection.debtor": [*SUMMARY_FIELDS, "stage", "level_id", "user_id", "episode"],
    "collection.level": ["name", "days", "action", "tone"],
    "collection.promise": ["debtor_id", "state", "amount", "date"],
    "collection.plan": ["debtor_id", "state", "name"],
    "collection.plan.line": ["plan_id", "state", "date_due", "amount", "amount_paid"],
    "res.company": [
        "currency_id",
        "partner_id",
        "collection_promise_grace_days",
        "collection_plan_grace_days",
    ],
}
# Types a Viewer (a sales rep) reads as "review with collections": a label such
# as "Fraudulent" is a collector's assessment, not something to show a customer
# over a sales rep's shoulder.
SENSITIVE_TYPES = frozenset({"irresponsible", "fraudulent"})
SEVERITIES = [
    ("reminder", "Reminders"),
    ("firm", "Firm Steps"),
    ("formal", "Formal Demand"),
    ("handover", "Handed Over"),
]
SEVERITY_ALERTS = {
    "reminder": "alert-info",
    "firm": "alert-warning",
    "formal": "alert-danger",
    "handover": "alert-danger",
}


class BannerCurrency(NamedTuple):
    """What ``format_amount`` reads of a currency, taken from the banner query
    (so formatting costs no query of its own)."""

    symbol: str
    position: str
    decimal_places: int
    rounding: float

    def round(self, amount):
        return float_round(amount, precision_rounding=self.rounding)


def banner_severity(stage, action, tone):
    """How serious the collection is: ``handover``, ``formal``, ``firm`` or
    ``reminder`` (from the debtor's stage and its level's action and tone)."""
    if stage in ("legal", "agency") or action in ("legal", "agency"):
        return "handover"
    if action == "demand" or tone in ("formal", "final"):
        return "formal"
    if action in ("call", "letter") or tone == "firm":
        return "firm"
    return "reminder"


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
        """One query for the whole batch: the partner's commercial entity joined
        to its debtor of the current company, its level, open promise and active
        plan (nothing stored on res_partner)."""
        company = self.env.company
        ids = [pid for pid in self._origin.ids if pid]
        rows = {}
        if ids:
            columns, joins = self._collection_standing_sql()
            rows = {
                row["id"]: row
                for row in self._collection_query(
                    SQL(
                        """
                        SELECT p.id, %(columns)s
                          FROM res_partner p
                          JOIN res_company c ON c.id = %(company)s
                          LEFT JOIN collection_debtor d
                                 ON d.partner_id = p.commercial_partner_id
                                AND d.company_id = c.id
                          %(joins)s
                         WHERE p.id IN %(ids)s
                        """,
                        columns=columns,
                        joins=joins,
                        company=company.id,
                        ids=tuple(ids),
                    )
                )
            }
        is_collector = self.env.user.has_group(USER)
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
            kind = row.get("debtor_type")
            hidden = not is_collector and kind in SENSITIVE_TYPES
            partner.collection_debtor_type = (not hidden and kind) or False
            partner.collection_debtor_type_label = self._collection_type_label(
                row.get("debtor_type"), is_collector
            )
            partner.collection_abc_class = row.get("abc_class") or False
            partner.collection_risk_score = row.get("risk_score") or 0
            partner.collection_next_action_date = row.get("next_action_date") or False
            partner.collection_severity = (
                self._collection_severity(row) if row.get("debtor_id") else False
            )
            partner.collection_banner_html = (
                self._collection_banner(
                    row,
                    is_collector,
                    footer=[
                        self.env._("Check with collections before making a new deal.")
                    ],
                )
                if self._collection_has_news(row)
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

        :param fname: a numeric column of ``collection.debtor`` (SUMMARY_FIELDS)
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

    @api.model
    def _collection_standing_sql(self):
        """The banner's columns and joins over ``d`` (the debtor, may be NULL)
        and ``c`` (its company): figures, level, the open promise, the active
        plan and its next unpaid installment, a recently defaulted plan, and the
        company's currency and graces. One query, whatever the debtor's size:
        each lateral join reads at most one row through an index.

        :return: ``(columns, joins)``, two :class:`~odoo.tools.SQL`
        """
        for model, fnames in STANDING_FIELDS.items():
            self.env[model].flush_model(fnames)
        self.env["res.partner"].flush_model(["commercial_partner_id", "tz"])
        columns = SQL(
            """
            d.id AS debtor_id, %(summary)s, d.stage, d.user_id AS collector_id,
            d.episode, lv.name AS level_name, lv.days AS level_days,
            lv.action AS level_action, lv.tone AS level_tone,
            pr.amount AS promise_amount, pr.date AS promise_date,
            pl.id AS plan_id, pl.name AS plan_name,
            ln.date_due AS plan_next_due, ln.amount AS plan_next_amount,
            EXISTS (
                SELECT 1 FROM collection_plan x
                 WHERE x.debtor_id = d.id AND x.state = 'defaulted'
                   AND x.write_date >= NOW() AT TIME ZONE 'UTC' - INTERVAL '365 days'
            ) AS plan_defaulted,
            c.collection_promise_grace_days AS promise_grace_days,
            c.collection_plan_grace_days AS plan_grace_days,
            cp.tz AS company_tz, cur.id AS currency_id,
            cur.symbol AS currency_symbol, cur.position AS currency_position,
            cur.decimal_places AS currency_decimals,
            cur.rounding AS currency_rounding
            """,
            summary=SQL(", ").join(
                SQL("d.%s", SQL.identifier(name)) for name in SUMMARY_FIELDS
            ),
        )
        joins = SQL(
            """
            JOIN res_currency cur ON cur.id = c.currency_id
            JOIN res_partner cp ON cp.id = c.partner_id
            LEFT JOIN collection_level lv ON lv.id = d.level_id
            LEFT JOIN LATERAL (
                SELECT pr.amount, pr.date FROM collection_promise pr
                 WHERE pr.debtor_id = d.id AND pr.state = 'open'
                 ORDER BY pr.date, pr.id LIMIT 1
            ) pr ON TRUE
            LEFT JOIN LATERAL (
                SELECT pl.id, pl.name FROM collection_plan pl
                 WHERE pl.debtor_id = d.id AND pl.state = 'active'
                 ORDER BY pl.id DESC LIMIT 1
            ) pl ON TRUE
            LEFT JOIN LATERAL (
                SELECT ln.date_due, ln.amount - COALESCE(ln.amount_paid, 0) AS amount
                  FROM collection_plan_line ln
                 WHERE ln.plan_id = pl.id AND ln.state != 'paid'
                 ORDER BY ln.date_due, ln.sequence, ln.id LIMIT 1
            ) ln ON TRUE
            """
        )
        return columns, joins

    @api.model
    def _collection_query(self, query):
        """Run a banner query; level names come back in the reader's language."""
        lang = self._collection_lang()
        rows = self.env.execute_query_dict(query)
        for row in rows:
            for key, value in row.items():
                # The only jsonb columns here are translated names.
                if isinstance(value, dict):
                    row[key] = value.get(lang) or value.get("en_US") or ""
        return rows

    @api.model
    def _collection_lang(self):
        """The banner's language: the context's (the web client always sends
        it), else English, without reading the user (no query)."""
        return self.env.lang or "en_US"

    @api.model
    def _collection_today(self, row):
        """The day of the debtor's company (its time zone, else UTC)."""
        tz = row.get("company_tz") or self.env.user.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.model
    def _collection_type_label(self, debtor_type, is_collector):
        """The debtor type as the reader may see it (translated)."""
        if not debtor_type:
            return False
        if not is_collector and debtor_type in SENSITIVE_TYPES:
            return self.env._("Review with collections")
        field = self.env["collection.debtor"]._fields["debtor_type"]
        return dict(field._description_selection(self.env)).get(debtor_type)

    @api.model
    def _collection_severity(self, row):
        return banner_severity(
            row.get("stage"), row.get("level_action"), row.get("level_tone")
        )

    @api.model
    def _collection_has_news(self, row):
        """Something to tell a sales rep: debt to collect, a promise or a plan."""
        return bool(
            row.get("debtor_id")
            and (
                (row.get("amount_collectible") or 0) > 0
                or row.get("promise_date")
                or row.get("plan_id")
            )
        )

    @api.model
    def _collection_money(self, row, amount):
        currency = BannerCurrency(
            row["currency_symbol"] or "",
            row["currency_position"] or "after",
            row["currency_decimals"] or 0,
            row["currency_rounding"] or 0.01,
        )
        return format_amount(
            self.env, amount or 0.0, currency, lang_code=self._collection_lang()
        )

    @api.model
    def _collection_banner_lines(self, row, is_collector):
        """The banner's headline and sentences, translated, for one standing row.

        :return: ``(headline, [sentence, ...])``, plain strings
        """
        _ = self.env._
        severity = self._collection_severity(row)
        level = row.get("level_name") or ""
        if severity == "handover":
            stages = dict(
                self.env["collection.debtor"]
                ._fields["stage"]
                ._description_selection(self.env)
            )
            stage = row.get("stage")
            headline = _(
                "Debt handed over (%(stage)s): do not make a new deal without "
                "collections.",
                stage=stages[stage] if stage and stage != "normal" else level,
            )
        elif severity == "formal":
            headline = _("Formal demand for payment sent (%(level)s).", level=level)
        elif severity == "firm" and level:
            headline = _("Firm collection steps under way (%(level)s).", level=level)
        elif level:
            headline = _("Payment reminders sent (%(level)s).", level=level)
        else:
            headline = _("Overdue invoices, no reminder sent yet.")
        lines = []
        collectible = row.get("amount_collectible") or 0
        if collectible > 0:
            lines.append(
                _(
                    "%(amount)s to collect (overdue less unapplied credits), late "
                    "for up to %(days)s days.",
                    amount=self._collection_money(row, collectible),
                    days=row.get("max_days_overdue") or 0,
                )
            )
        kind = self._collection_type_label(row.get("debtor_type"), is_collector)
        if kind or row.get("abc_class"):
            lines.append(
                _(
                    "Debtor type: %(type)s; class %(abc)s.",
                    type=kind or _("not classified"),
                    abc=(row.get("abc_class") or "-").upper(),
                )
            )
        if row.get("promise_date"):
            lines.append(
                _(
                    "Open promise to pay: %(amount)s by %(date)s.",
                    amount=self._collection_money(row, row.get("promise_amount")),
                    date=format_date(
                        self.env, row["promise_date"], lang_code=self._collection_lang()
                    ),
                )
            )
        if row.get("plan_id"):
            if row.get("plan_next_due"):
                lines.append(
                    _(
                        "Active installment plan %(plan)s: next installment "
                        "%(amount)s due %(date)s.",
                        plan=row.get("plan_name") or "",
                        amount=self._collection_money(row, row.get("plan_next_amount")),
                        date=format_date(
                            self.env,
                            row["plan_next_due"],
                            lang_code=self._collection_lang(),
                        ),
                    )
                )
            else:
                lines.append(
                    _(
                        "Active installment plan %(plan)s: every installment is "
                        "paid.",
                        plan=row.get("plan_name") or "",
                    )
                )
        return headline, lines

    @api.model
    def _collection_banner(self, row, is_collector, footer=(), danger=False):
        """The debt banner of one standing row, as HTML.

        :param footer: more sentences (plain strings), e.g. an order's hold
        :param danger: show it red whatever the severity (an order on hold)
        """
        headline, lines = self._collection_banner_lines(row, is_collector)
        severity = self._collection_severity(row)
        alert = "alert-danger" if danger else SEVERITY_ALERTS[severity]
        items = Markup("").join(
            Markup("<li>%s</li>") % line for line in [*lines, *footer]
        )
        return Markup(
            '<div class="alert %s mb-0 o_collection_banner o_collection_banner_%s" '
            'role="alert"><i class="fa fa-exclamation-triangle me-1"></i>'
            '<strong class="o_collection_banner_headline">%s</strong>'
            '<ul class="mb-0 mt-1">%s</ul></div>'
        ) % (alert, severity, headline, items)
