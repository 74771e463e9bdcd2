# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A debtor's standing: what collections knows about a customer, read in one
query, and the banner that tells it.

The contract between ``collections_addon`` and the addons that show a
customer's debt elsewhere (``collections_sale``): they ask for rows with
:meth:`CollectionStanding._rows`, decide with ``lib`` and turn rows into
sentences with the ``_banner*`` and word methods here. The decisions (how
serious, did the step go out, anything to tell) are ``lib.standing``'s.
"""

from typing import NamedTuple

from markupsafe import Markup

from odoo import api, models
from odoo.tools import SQL, float_round, format_amount, format_date

from ..lib import days, standing

# The debtor's figures the standing reads (and the partner's summary shows).
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
# Read by the standing query besides the summary (flushed before it runs).
STANDING_FIELDS = {
    "collection.debtor": [
        *SUMMARY_FIELDS,
        "stage",
        "level_id",
        "user_id",
        "episode",
        "hold_until",
        "hold_reason",
    ],
    "collection.level": ["name", "days", "action", "tone"],
    "collection.contact": [
        "debtor_id",
        "level_id",
        "episode",
        "state",
        "failure_reason",
    ],
    "collection.promise": ["debtor_id", "state", "amount", "date"],
    "collection.plan": ["debtor_id", "state", "name"],
    "collection.plan.line": ["plan_id", "state", "date_due", "amount", "amount_paid"],
    "mail.activity": ["res_model", "res_id", "activity_type_id", "active"],
    "res.company": [
        "currency_id",
        "partner_id",
        "collection_promise_grace_days",
        "collection_plan_grace_days",
    ],
    "res.partner": ["commercial_partner_id", "tz"],
}
# The activity that says a printed letter still has to be posted.
POST_LETTER = "collections_addon.mail_activity_collection_post_letter"
SEVERITY_ALERTS = {
    standing.REMINDER: "alert-info",
    standing.FIRM: "alert-warning",
    standing.FORMAL: "alert-danger",
    standing.HANDOVER: "alert-danger",
}


class BannerCurrency(NamedTuple):
    """What ``format_amount`` reads of a currency, taken from the standing
    query (so formatting costs no query of its own)."""

    symbol: str
    position: str
    decimal_places: int
    rounding: float

    def round(self, amount):
        return float_round(amount, precision_rounding=self.rounding)


class CollectionStanding(models.AbstractModel):
    """The standing of debtors: its SQL, its rows, its words and its banner.

    Rows are plain dicts (one per requested partner and company) with the
    debtor's figures, its level and what became of it, an open promise, an
    active plan, a pause of the escalation, and the company's currency and
    time zone. A row without ``debtor_id`` is a customer without debt there.
    """

    _name = "collection.standing"
    _description = "Collections: a Debtor's Standing"

    # === QUERY === #
    @api.model
    def _sql(self):
        """The standing's columns and joins over ``p`` (the partner asked
        about), ``d`` (its commercial entity's debtor, may be NULL) and ``c``
        (the company): figures, level, the entry of the level in the contact
        log, the open promise, the active plan and its next unpaid
        installment, a recently defaulted plan, and the company's currency,
        graces and time zone. Each lateral join reads at most one row through
        an index, whatever the debtor's size.

        :return: ``(columns, joins)``, two :class:`~odoo.tools.SQL`
        """
        for model, fnames in STANDING_FIELDS.items():
            self.env[model].flush_model(fnames)
        post_letter = self.env["ir.model.data"]._xmlid_to_res_id(
            POST_LETTER, raise_if_not_found=False
        )
        columns = SQL(
            """
            d.id AS debtor_id, %(summary)s, d.stage, d.user_id AS collector_id,
            d.episode, d.hold_until, d.hold_reason,
            lv.name AS level_name, lv.days AS level_days,
            lv.action AS level_action, lv.tone AS level_tone,
            lc.state AS level_state, lc.failure_reason AS level_failure,
            (lc.id IS NOT NULL AND EXISTS (
                SELECT 1 FROM mail_activity a
                 WHERE a.res_model = 'collection.debtor' AND a.res_id = d.id
                   AND a.activity_type_id = %(post_letter)s AND a.active
                   AND a.create_date >= lc.create_date
            )) AS level_to_post,
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
            post_letter=post_letter or 0,
        )
        joins = SQL(
            """
            JOIN res_currency cur ON cur.id = c.currency_id
            JOIN res_partner cp ON cp.id = c.partner_id
            LEFT JOIN collection_level lv ON lv.id = d.level_id
            LEFT JOIN LATERAL (
                SELECT lc.id, lc.state, lc.failure_reason, lc.create_date
                  FROM collection_contact lc
                 WHERE lc.debtor_id = d.id AND lc.level_id = d.level_id
                   AND lc.episode = d.episode AND lc.state != 'skipped'
                 ORDER BY lc.id DESC LIMIT 1
            ) lc ON TRUE
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
    def _rows(self, requests, columns=None, joins=None):
        """The standing of each ``(partner id, company id)`` of ``requests``,
        in one query: the partner's commercial entity and its debtor in that
        company. No access check: the caller decides who reads what.

        :param requests: a list of ``(partner_id, company_id)``
        :param columns: more columns (:class:`~odoo.tools.SQL`) over ``p``,
            ``c``, ``d`` and the standing's joins
        :param joins: more joins (:class:`~odoo.tools.SQL`) for ``columns``
        :return: ``{index in requests: row}`` (a partner that does not exist
            has no row); ``row["commercial_partner_id"]`` is the debtor's
            partner
        """
        if not requests:
            return {}
        standing_columns, standing_joins = self._sql()
        query = SQL(
            """
            SELECT s.key, p.commercial_partner_id, %(columns)s %(extra)s
              FROM (VALUES %(values)s) AS s (key, partner_id, company_id)
              JOIN res_partner p ON p.id = s.partner_id
              JOIN res_company c ON c.id = s.company_id
              LEFT JOIN collection_debtor d
                     ON d.partner_id = p.commercial_partner_id
                    AND d.company_id = c.id
              %(joins)s
              %(extra_joins)s
            """,
            columns=standing_columns,
            extra=SQL(", %s", columns) if columns else SQL(),
            values=SQL(", ").join(
                SQL("(%s, %s, %s)", index, partner_id, company_id)
                for index, (partner_id, company_id) in enumerate(requests)
            ),
            joins=standing_joins,
            extra_joins=joins or SQL(),
        )
        return {row["key"]: row for row in self._query(query)}

    @api.model
    def _query(self, query):
        """Run a standing query; level names come back in the reader's
        language."""
        lang = self._lang()
        rows = self.env.execute_query_dict(query)
        for row in rows:
            for key, value in row.items():
                # The only jsonb columns here are translated names.
                if isinstance(value, dict):
                    row[key] = value.get(lang) or value.get("en_US") or ""
        return rows

    @api.model
    def _lang(self):
        """The reader's language: the context's (the web client always sends
        it), else English, without reading the user (no query)."""
        return self.env.lang or "en_US"

    # === DAY === #
    @api.model
    def _today(self, row):
        """The day of the row's company: its time zone, else UTC, never the
        reader's (``lib.days``, as ``res.company._collection_today``)."""
        return days.local_today(row.get("company_tz"))

    # === DECISIONS (lib.standing) === #
    @api.model
    def _severity(self, row):
        """``lib.standing.severity`` of the row's stage and level."""
        return standing.severity(
            row.get("stage"), row.get("level_action"), row.get("level_tone")
        )

    @api.model
    def _delivery(self, row):
        """``lib.standing.delivery`` of the entry of the row's level."""
        return standing.delivery(
            row.get("level_state"),
            failure=bool(row.get("level_failure")),
            to_post=bool(row.get("level_to_post")),
        )

    @api.model
    def _has_news(self, row):
        """``lib.standing.has_news``: anything to tell a sales rep."""
        return standing.has_news(
            bool(row.get("debtor_id")),
            row.get("amount_collectible") or 0.0,
            bool(row.get("promise_date")),
            bool(row.get("plan_id")),
        )

    @api.model
    def _paused(self, row):
        """Collections paused the debtor's escalation, on its company's day."""
        return bool(row.get("debtor_id")) and standing.paused(
            row.get("hold_until"), self._today(row)
        )

    # === WORDS === #
    @api.model
    def _money(self, row, amount):
        """``amount`` in the row's company currency, in the reader's language."""
        currency = BannerCurrency(
            row["currency_symbol"] or "",
            row["currency_position"] or "after",
            row["currency_decimals"] or 0,
            row["currency_rounding"] or 0.01,
        )
        return format_amount(self.env, amount or 0.0, currency, lang_code=self._lang())

    @api.model
    def _date(self, value):
        return format_date(self.env, value, lang_code=self._lang())

    @api.model
    def _type_label(self, debtor_type, is_collector):
        """The debtor type as the reader may see it (translated), or False."""
        shown = standing.shown_type(debtor_type, is_collector)
        if not shown:
            return False
        if shown == standing.NEUTRAL:
            return self.env._("Review with collections")
        field = self.env["collection.debtor"]._fields["debtor_type"]
        return dict(field._description_selection(self.env)).get(shown)

    @api.model
    def _headline(self, row):
        _ = self.env._
        level = row.get("level_name") or ""
        code = standing.headline(self._severity(row), bool(level), self._delivery(row))
        if code == standing.HEADLINE_HANDOVER:
            stages = dict(
                self.env["collection.debtor"]
                ._fields["stage"]
                ._description_selection(self.env)
            )
            stage = row.get("stage")
            return _(
                "Debt handed over (%(stage)s): do not make a new deal without "
                "collections.",
                stage=stages[stage] if stage and stage != "normal" else level,
            )
        return {
            standing.HEADLINE_FORMAL: lambda: _(
                "Formal demand for payment sent (%(level)s).", level=level
            ),
            standing.HEADLINE_FORMAL_PREPARED: lambda: _(
                "Formal demand for payment prepared (%(level)s), not sent.",
                level=level,
            ),
            standing.HEADLINE_FIRM: lambda: _(
                "Firm collection steps under way (%(level)s).", level=level
            ),
            standing.HEADLINE_REMINDER: lambda: _(
                "Payment reminders sent (%(level)s).", level=level
            ),
            standing.HEADLINE_REMINDER_PREPARED: lambda: _(
                "Payment reminder prepared (%(level)s), not sent.", level=level
            ),
            standing.HEADLINE_NO_LEVEL: lambda: _(
                "Overdue invoices, no reminder sent yet."
            ),
        }[code]()

    @api.model
    def _delivery_line(self, row):
        """What became of the level's step, when it did not simply go out."""
        _ = self.env._
        if not row.get("level_name") or self._severity(row) == standing.HANDOVER:
            return False
        return {
            standing.FAILED: lambda: _(
                "Its e-mail failed; the next run of collections retries it."
            ),
            standing.QUEUED: lambda: _("Its e-mail waits in the mail queue."),
            standing.TO_POST: lambda: _(
                "The letter is printed and waits to be posted."
            ),
            standing.NOT_SENT: lambda: _(
                "It could not be e-mailed (no usable address): collections "
                "calls instead."
            ),
            standing.SENT: lambda: False,
        }[self._delivery(row)]()

    @api.model
    def _pause_line(self, row, is_collector):
        """The pause of the escalation; its reason for collectors only."""
        if not self._paused(row):
            return False
        until = self._date(row["hold_until"])
        if is_collector and row.get("hold_reason"):
            return self.env._(
                "Collections paused the escalation until %(date)s: %(reason)s.",
                date=until,
                reason=row["hold_reason"],
            )
        return self.env._(
            "Collections paused the escalation until %(date)s.", date=until
        )

    @api.model
    def _banner_lines(self, row, is_collector):
        """The banner's headline and sentences, translated, for one row.

        :return: ``(headline, [sentence, ...])``, plain strings
        """
        _ = self.env._
        lines = [self._delivery_line(row), self._pause_line(row, is_collector)]
        collectible = row.get("amount_collectible") or 0
        if collectible > 0:
            lines.append(
                _(
                    "%(amount)s to collect (overdue less unapplied credits), late "
                    "for up to %(days)s days.",
                    amount=self._money(row, collectible),
                    days=row.get("max_days_overdue") or 0,
                )
            )
        kind = self._type_label(row.get("debtor_type"), is_collector)
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
                    amount=self._money(row, row.get("promise_amount")),
                    date=self._date(row["promise_date"]),
                )
            )
        if row.get("plan_id") and row.get("plan_next_due"):
            lines.append(
                _(
                    "Active installment plan %(plan)s: next installment "
                    "%(amount)s due %(date)s.",
                    plan=row.get("plan_name") or "",
                    amount=self._money(row, row.get("plan_next_amount")),
                    date=self._date(row["plan_next_due"]),
                )
            )
        elif row.get("plan_id"):
            lines.append(
                _(
                    "Active installment plan %(plan)s: every installment is paid.",
                    plan=row.get("plan_name") or "",
                )
            )
        return self._headline(row), [line for line in lines if line]

    @api.model
    def _banner(self, row, is_collector, footer=(), danger=False, header=()):
        """The debt banner of one row, as HTML.

        :param footer: more sentences (plain strings), e.g. an order's hold
        :param danger: show it red whatever the severity (an order on hold)
        :param header: sentences before the row's own (whose debt this is)
        """
        headline, lines = self._banner_lines(row, is_collector)
        severity = self._severity(row)
        alert = "alert-danger" if danger else SEVERITY_ALERTS[severity]
        items = Markup("").join(
            Markup("<li>%s</li>") % line for line in [*header, *lines, *footer]
        )
        return Markup(
            '<div class="alert %s mb-0 o_collection_banner o_collection_banner_%s" '
            'role="alert"><i class="fa fa-exclamation-triangle me-1"></i>'
            '<strong class="o_collection_banner_headline">%s</strong>'
            '<ul class="mb-0 mt-1">%s</ul></div>'
        ) % (alert, severity, headline, items)
