# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..lib import aging, classification, xlsx_aging
from .collection_contact import UNANSWERED

# Columns written by the refresh, with their PostgreSQL cast, in two groups: the
# aging figures (phase 1) and the classification (phase 2). They are volatile:
# never tracked, written with one UPDATE ... FROM UNNEST per chunk.
FIGURE_COLUMNS = {
    "amount_due": "numeric",
    "amount_overdue": "numeric",
    "amount_credit": "numeric",
    "aging_not_due": "numeric",
    "aging_1_30": "numeric",
    "aging_31_60": "numeric",
    "aging_61_90": "numeric",
    "aging_91_180": "numeric",
    "aging_181_365": "numeric",
    "aging_over_365": "numeric",
    "max_days_overdue": "int4",
    "open_line_count": "int4",
    "next_action_date": "date",
    "color": "int4",
}
CLASSIFICATION_COLUMNS = {
    "paid_count": "int4",
    "paid_late_count": "int4",
    "avg_days_late": "numeric",
    "late_share": "numeric",
    "days_since_last_payment": "int4",
    "contacts_total": "int4",
    "contacts_unanswered": "int4",
    "promises_kept": "int4",
    "promises_broken": "int4",
    "plans_defaulted": "int4",
    "abc_class": "varchar",
    "risk_score": "int4",
    "risk_components": "jsonb",
    "debtor_type_suggested": "varchar",
    "debtor_type_reason_auto": "varchar",
    "fraud_review": "bool",
    "debtor_type": "varchar",
}
REFRESH_COLUMNS = {**FIGURE_COLUMNS, **CLASSIFICATION_COLUMNS}
MONEY_COLUMNS = {name for name, cast in FIGURE_COLUMNS.items() if cast == "numeric"}
UPDATE_CHUNK = 5000
EXPORT_CHUNK = 2000


# What a NULL column compares equal to: the refresh writes these for "none".
# Dates and texts have no empty value: None stands for "none" on both sides.
EMPTY = {"numeric": 0.0, "int4": 0, "jsonb": "[]", "bool": False}


def _array_literal(cast, values):
    """One column of the UPDATE as a PostgreSQL array literal: ``{1.5,NULL}``.

    A single text parameter per column that PostgreSQL parses with its array
    input function; passing Python lists instead makes psycopg2 spell out
    ``ARRAY[...]`` expressions of thousands of constants, several times slower
    to send and to parse. Texts are quoted and escaped; ``None`` is NULL.
    """
    if cast == "bool":
        items = ("NULL" if v is None else ("t" if v else "f") for v in values)
    elif cast in ("jsonb", "varchar"):
        items = (
            "NULL"
            if v is None
            else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for v in values
        )
    else:
        items = ("NULL" if v is None else str(v) for v in values)
    return "{" + ",".join(items) + "}"


class CollectionLedgerMixin(models.AbstractModel):
    """The debtor ledger's figures: set-based refresh and the XLSX aging export.

    Kept apart from ``collection.debtor`` (fields, views, actions) so each file
    stays small; the debtor inherits it.
    """

    _name = "collection.ledger.mixin"
    _description = "Collection Ledger Figures"

    # === BUSINESS / HOOKS === #
    @api.model
    def _figures_query(self, company, today):
        """One grouped query: open receivable per commercial partner and bucket.

        Positive residuals are aged on each line's own ``date_maturity``; negative
        residuals (credit notes, unapplied payments) are netted in ``amount_due``
        and reported as ``amount_credit``, never as overdue.
        """
        days = SQL("(%s::date - aml.date_maturity)", today)
        debit = SQL("aml.amount_residual > 0")
        buckets = []
        for name, low, high in aging.bucket_sql_bounds():
            conditions = [debit]
            if name == "not_due":
                conditions.append(SQL("(aml.date_maturity IS NULL OR %s <= 0)", days))
            else:
                if low is not None:
                    conditions.append(SQL("%s >= %s", days, low))
                if high is not None:
                    conditions.append(SQL("%s <= %s", days, high))
            buckets.append(
                SQL(
                    "COALESCE(SUM(aml.amount_residual) FILTER (WHERE %s), 0) AS %s",
                    SQL(" AND ").join(conditions),
                    SQL.identifier(f"aging_{name}"),
                )
            )
        overdue = SQL("%s AND %s > 0", debit, days)
        return SQL(
            """
            SELECT COALESCE(p.commercial_partner_id, p.id) AS partner_id,
                   SUM(aml.amount_residual) AS amount_due,
                   COALESCE(SUM(aml.amount_residual) FILTER (WHERE %(overdue)s), 0)
                       AS amount_overdue,
                   COALESCE(SUM(aml.amount_residual)
                       FILTER (WHERE aml.amount_residual < 0), 0) AS amount_credit,
                   %(buckets)s,
                   COALESCE(MAX(%(days)s) FILTER (WHERE %(overdue)s), 0)
                       AS max_days_overdue,
                   MIN(aml.date_maturity) FILTER (WHERE %(debit)s
                       AND aml.date_maturity >= %(today)s) AS next_due_date,
                   COUNT(*) AS open_line_count
              FROM account_move_line aml
              JOIN res_partner p ON p.id = aml.partner_id
             WHERE aml.company_id = %(company)s
               AND %(open_receivable)s
               AND aml.amount_residual != 0
             GROUP BY 1
            """,
            open_receivable=self._open_receivable_sql(company),
            overdue=overdue,
            buckets=SQL(", ").join(buckets),
            days=days,
            debit=debit,
            today=today,
            company=company.id,
        )

    @api.model
    def _receivable_lines_sql(self, company=None):
        """SQL condition on ``aml``: a posted line on a receivable account (of
        ``company``'s, else of any)."""
        return SQL(
            "aml.account_id IN %s AND aml.parent_state = 'posted'",
            self._receivable_account_ids(company),
        )

    @api.model
    def _open_receivable_sql(self, company=None):
        """SQL condition on ``aml``: a posted, unreconciled receivable line.

        Written as Odoo's partial "unreconciled" index is defined, with literal
        account ids, so the open lines are read through that index.
        """
        return SQL(
            "%s AND aml.reconciled IS NOT TRUE", self._receivable_lines_sql(company)
        )

    @api.model
    def _behaviour_query(self, company, today):
        """One grouped query: payment behaviour per commercial partner.

        An invoice's receivable line counts as paid on the latest date of its
        reconciliations; reversed invoices are not payments. Only the last two
        years of reconciliations are read (the query starts from them, so it
        grows with the recent activity, not with the whole history): counts
        cover 12 months, and "days since the last payment" is empty beyond two
        years, as for a debtor that never paid.
        """
        return SQL(
            """
            WITH recent AS (
                SELECT apr.debit_move_id AS line_id, MAX(apr.max_date) AS paid_on
                  FROM account_partial_reconcile apr
                 WHERE apr.company_id = %(company)s AND apr.max_date >= %(history)s
                 GROUP BY apr.debit_move_id
            ), paid AS (
                SELECT p.commercial_partner_id AS partner_id, aml.date_maturity,
                       aml.reconciled, recent.paid_on
                  FROM recent
                  JOIN account_move_line aml ON aml.id = recent.line_id
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                 WHERE %(receivable_lines)s
                   AND m.move_type IN ('out_invoice', 'out_receipt')
                   AND m.payment_state != 'reversed'
                   AND aml.balance > 0
            )
            SELECT partner_id,
                   COUNT(*) FILTER (WHERE reconciled AND paid_on >= %(since)s)
                       AS paid_count,
                   COUNT(*) FILTER (WHERE reconciled AND paid_on >= %(since)s
                                    AND paid_on > date_maturity) AS paid_late_count,
                   COALESCE(AVG(GREATEST(paid_on - date_maturity, 0))
                       FILTER (WHERE reconciled AND paid_on >= %(since)s), 0)
                       AS avg_days_late,
                   %(today)s::date - MAX(paid_on) AS days_since_last_payment
              FROM paid
             GROUP BY partner_id
            """,
            company=company.id,
            since=fields.Date.subtract(today, days=365),
            history=fields.Date.subtract(today, days=730),
            today=today,
            receivable_lines=self._receivable_lines_sql(company),
        )

    @api.model
    def _contacts_query(self, company, today):
        """One grouped query: contacts, promises and plans of the last 12 months."""
        return SQL(
            """
            SELECT partner_id,
                   SUM(contacts_total) AS contacts_total,
                   SUM(contacts_unanswered) AS contacts_unanswered,
                   SUM(disputes) AS disputes,
                   SUM(promises_kept) AS promises_kept,
                   SUM(promises_broken) AS promises_broken,
                   SUM(plans_defaulted) AS plans_defaulted
              FROM (
                SELECT c.partner_id,
                       COUNT(*) FILTER (WHERE c.outcome IS NOT NULL) AS contacts_total,
                       COUNT(*) FILTER (WHERE c.outcome IN %(unanswered)s)
                           AS contacts_unanswered,
                       COUNT(*) FILTER (WHERE c.outcome = 'dispute') AS disputes,
                       0 AS promises_kept, 0 AS promises_broken, 0 AS plans_defaulted
                  FROM collection_contact c
                 WHERE c.company_id = %(company)s AND c.date >= %(since)s
                 GROUP BY c.partner_id
                UNION ALL
                SELECT pr.partner_id, 0, 0, 0,
                       COUNT(*) FILTER (WHERE pr.state = 'kept'),
                       COUNT(*) FILTER (WHERE pr.state = 'broken'), 0
                  FROM collection_promise pr
                 WHERE pr.company_id = %(company)s AND pr.date >= %(since)s
                 GROUP BY pr.partner_id
                UNION ALL
                SELECT pl.partner_id, 0, 0, 0, 0, 0, COUNT(*)
                  FROM collection_plan pl
                 WHERE pl.company_id = %(company)s AND pl.state = 'defaulted'
                   AND pl.write_date >= %(since)s
                 GROUP BY pl.partner_id
              ) AS behaviour
             GROUP BY partner_id
            """,
            unanswered=UNANSWERED,
            company=company.id,
            since=fields.Date.subtract(today, days=365),
        )

    @api.model
    def _behaviour_extra(self, contact_row):
        """Hook: more :class:`lib.classification.Behaviour` inputs from the rows."""
        return {
            name: int(contact_row.get(name) or 0)
            for name in (
                "disputes",
                "promises_kept",
                "promises_broken",
                "plans_defaulted",
            )
        }

    @api.model
    def _refresh_companies(self, companies=None, today=None):
        """Refresh the ledger of ``companies`` (default: all); return rows written."""
        companies = companies or self.env["res.company"].sudo().search([])
        written = 0
        for company in companies:
            written += self._refresh_company(company, today=today)
        return written

    @api.model
    def _refresh_company(self, company, today=None):
        """Recompute figures, classification and type of one company's debtors.

        Set-based: a constant number of queries whatever the number of debtors,
        in two phases. Phase 1 computes the aging figures from one grouped
        query. Phase 2, the classification, reads the payment behaviour and
        applies the lib rules; it is skipped when none of its inputs changed
        since it last ran (same day, same figures, no new reconciliation,
        contact, promise or plan): a same-day re-run costs phase 1 only. Only
        rows whose values changed are written, so a same-day re-run writes
        nothing.

        :return: the number of debtor rows created or updated
        """
        today = today or fields.Date.context_today(self.with_company(company))
        for model in (
            "account.move.line",
            "account.move",
            "account.partial.reconcile",
            "collection.contact",
            "collection.promise",
            "collection.plan",
            "collection.debtor",
        ):
            self.env[model].flush_model()
        figures = self._refresh_figures(company, today)
        stored = self._stored_rows(company, FIGURE_COLUMNS)
        zero = self._zero_figures()
        changed = any(
            partner_id not in stored or self._values_differ(stored[partner_id], vals)
            for partner_id, vals in figures.items()
        ) or any(
            self._values_differ(row, zero)
            for partner_id, row in stored.items()
            if partner_id not in figures
        )
        key = self._classification_key(company, today)
        if not changed and key == company.sudo().collection_classification_key:
            return 0
        stored = self._stored_rows(company, REFRESH_COLUMNS)
        classes = self._refresh_classification(company, today, figures, stored)
        to_create, to_update = [], []
        for partner_id, class_vals in classes.items():
            vals = dict(figures.get(partner_id) or zero, **class_vals)
            debtor = stored.get(partner_id)
            if not debtor:
                vals["risk_components"] = json.loads(vals["risk_components"])
                to_create.append(dict(vals, partner_id=partner_id))
                continue
            if debtor["debtor_type_manual"]:
                vals["debtor_type"] = debtor["debtor_type"]
            if self._values_differ(debtor, vals):
                to_update.append((debtor["id"], vals))
        if to_create:
            created = (
                self.with_company(company)
                .with_context(
                    active_test=False,
                    collection_refresh=True,
                    mail_create_nolog=True,
                    mail_create_nosubscribe=True,
                    tracking_disable=True,
                )
                .create([dict(vals, company_id=company.id) for vals in to_create])
            )
            # create() caches x2many fields as empty on new records, computed
            # ones included: drop that so the open lines are read for real.
            created.invalidate_recordset(["open_line_ids"])
        self._bulk_update(to_update)
        # The key is read after the writes: new debtor rows are part of it.
        self.env.cr.execute(
            SQL(
                "UPDATE res_company SET collection_classification_key = %s"
                " WHERE id = %s",
                self._classification_key(company, today),
                company.id,
            )
        )
        company.sudo().invalidate_recordset(["collection_classification_key"])
        return len(to_create) + len(to_update)

    @api.model
    def _receivable_account_ids(self, company=None):
        """Receivable accounts (``company``'s, else all), as literal ids.

        With literal ids (not a sub-query) PostgreSQL reads the open lines
        through Odoo's partial "unreconciled" index on (account, partner)
        instead of scanning every journal item; with the company's own accounts
        only, it reads that company's lines only. A run reads them once and
        passes them in the context (``collection_receivable_ids``, by company).
        """
        key = company.id if company else 0
        known = self.env.context.get("collection_receivable_ids") or {}
        if key in known:
            return known[key]
        company_filter = SQL("")
        if company:
            # A branch books on the accounts of its parent companies.
            company_filter = SQL(
                "AND id IN (SELECT account_account_id"
                "  FROM account_account_res_company_rel WHERE res_company_id IN %s)",
                tuple(company.sudo().parent_ids.ids),
            )
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM account_account WHERE account_type = %s %s",
                "asset_receivable",
                company_filter,
            )
        )
        return tuple(row[0] for row in rows) or (0,)

    @api.model
    def _refresh_figures(self, company, today):
        """Phase 1: the aging figures of every debtor with open receivable.

        Amounts are floats rounded to the currency (what PostgreSQL's numeric
        reads back as), so stored and new figures compare with ``!=``.
        """
        digits = company.currency_id.decimal_places
        values = {}
        for fig in self.env.execute_query_dict(self._figures_query(company, today)):
            max_days = int(fig["max_days_overdue"] or 0)
            vals = {name: round(fig[name] or 0.0, digits) for name in MONEY_COLUMNS}
            vals.update(
                max_days_overdue=max_days,
                open_line_count=int(fig["open_line_count"] or 0),
                next_action_date=self._next_action_date(
                    vals["amount_overdue"], fig, today
                ),
                color=self._color_for(max_days),
            )
            values[fig["partner_id"]] = vals
        return values

    @api.model
    def _zero_figures(self):
        """The figures of a debtor without open receivable."""
        vals = dict.fromkeys(MONEY_COLUMNS, 0.0)
        vals.update(
            max_days_overdue=0, open_line_count=0, next_action_date=None, color=10
        )
        return vals

    @api.model
    def _stored_rows(self, company, columns):
        """The stored ``columns`` of the company's debtors, per partner.

        Plain rows, not records: comparing 20,000 debtors through the ORM cache
        costs seconds. NULL reads as the column's empty value and the jsonb
        column as text, so rows compare with ``!=``.
        """
        selected = []
        for name, cast in columns.items():
            column = SQL.identifier(name)
            if cast == "jsonb":
                column = SQL("%s::text", column)
            if cast in EMPTY:
                column = SQL("COALESCE(%s, %s)", column, EMPTY[cast])
            selected.append(SQL("%s AS %s", column, SQL.identifier(name)))
        return {
            row["partner_id"]: row
            for row in self.env.execute_query_dict(
                SQL(
                    "SELECT id, partner_id, debtor_type_manual, %s"
                    "  FROM collection_debtor WHERE company_id = %s",
                    SQL(", ").join(selected),
                    company.id,
                )
            )
        }

    @api.model
    def _classification_key(self, company, today):
        """What the classification depends on, besides the figures, as text.

        The day, the ABC thresholds, the addon's version, and the count and
        latest change of the reconciliations, contacts, promises, plans and
        debtor rows of the company: when none of these moved and no figure
        changed, the classification would come out the same.
        """
        row = self.env.execute_query(
            SQL(
                """
                SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0)
                          FROM account_partial_reconcile WHERE company_id = %(c)s),
                       (SELECT COUNT(*) || ':' || COALESCE(MAX(write_date)::text, '')
                          FROM collection_contact WHERE company_id = %(c)s),
                       (SELECT COUNT(*) || ':' || COALESCE(MAX(write_date)::text, '')
                          FROM collection_promise WHERE company_id = %(c)s),
                       (SELECT COUNT(*) || ':' || COALESCE(MAX(write_date)::text, '')
                          FROM collection_plan WHERE company_id = %(c)s),
                       (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0)
                          FROM collection_debtor WHERE company_id = %(c)s),
                       (SELECT latest_version FROM ir_module_module
                         WHERE name = 'collections_addon')
                """,
                c=company.id,
            )
        )[0]
        thresholds = ",".join(str(t) for t in company._collection_abc_thresholds())
        return "|".join([str(today), thresholds, *(str(value) for value in row)])

    @api.model
    def _refresh_classification(self, company, today, figures, stored):
        """Phase 2: behaviour, ABC class, risk score and type, per partner."""
        behaviour = {
            row["partner_id"]: row
            for row in self.env.execute_query_dict(
                self._behaviour_query(company, today)
            )
        }
        contacts = {
            row["partner_id"]: row
            for row in self.env.execute_query_dict(self._contacts_query(company, today))
        }
        partner_ids = set(figures) | set(behaviour) | set(stored)
        return self._compute_values(partner_ids, figures, behaviour, contacts, company)

    @api.model
    def _compute_values(self, partner_ids, figures, behaviour, contacts, company):
        """Turn the figures and grouped rows into classification values."""
        zero = Decimal(0)
        tenth = Decimal("0.1")
        empty = self._zero_figures()
        metrics = {}
        for partner_id in partner_ids:
            fig = figures.get(partner_id) or empty
            beh = behaviour.get(partner_id, {})
            con = contacts.get(partner_id, {})
            metrics[partner_id] = classification.Behaviour(
                amount_overdue=Decimal(str(fig["amount_overdue"])),
                amount_due=Decimal(str(fig["amount_due"])),
                max_days_overdue=fig["max_days_overdue"],
                paid_count=int(beh.get("paid_count") or 0),
                paid_late_count=int(beh.get("paid_late_count") or 0),
                avg_days_late=Decimal(beh.get("avg_days_late") or zero).quantize(tenth),
                days_since_last_payment=beh.get("days_since_last_payment"),
                contacts_total=int(con.get("contacts_total") or 0),
                contacts_unanswered=int(con.get("contacts_unanswered") or 0),
                **self._behaviour_extra(con),
            )
        classes = classification.abc_classes(
            {pid: m.amount_overdue for pid, m in metrics.items()},
            company._collection_abc_thresholds(),
        )
        values = {}
        for partner_id, metric in metrics.items():
            score = classification.risk_score(metric)
            suggestion = classification.suggest_type(metric)
            values[partner_id] = {
                "paid_count": metric.paid_count,
                "paid_late_count": metric.paid_late_count,
                "avg_days_late": float(metric.avg_days_late),
                "late_share": float(metric.late_share.quantize(Decimal("0.0001"))),
                "days_since_last_payment": metric.days_since_last_payment or 0,
                "contacts_total": metric.contacts_total,
                "contacts_unanswered": metric.contacts_unanswered,
                "promises_kept": metric.promises_kept,
                "promises_broken": metric.promises_broken,
                "plans_defaulted": metric.plans_defaulted,
                "abc_class": classes[partner_id],
                "risk_score": score.total,
                "risk_components": json.dumps([list(c) for c in score.components]),
                "debtor_type_suggested": suggestion.debtor_type or None,
                "debtor_type_reason_auto": suggestion.reason or None,
                "fraud_review": bool(suggestion.fraud_review),
                "debtor_type": suggestion.debtor_type or None,
            }
        return values

    @api.model
    def _next_action_date(self, amount_overdue, fig, today):
        """Hook: when the collector should look at the debtor next."""
        if amount_overdue > 0:
            return today
        return fig.get("next_due_date") or None

    @api.model
    def _color_for(self, max_days_overdue):
        """Kanban colour: green when nothing is overdue, then yellow, orange, red."""
        if max_days_overdue <= 0:
            return 10
        if max_days_overdue <= 30:
            return 3
        if max_days_overdue <= 90:
            return 2
        return 1

    @api.model
    def _values_differ(self, row, vals):
        """Whether the stored ``row`` (:meth:`_stored_rows`) differs from ``vals``."""
        return any(row[name] != new for name, new in vals.items())

    @api.model
    def _bulk_update(self, rows):
        """Write changed figures in one ``UPDATE ... FROM UNNEST(...)`` per chunk.

        One array parameter per column, whatever the number of rows. The
        figures are volatile and untracked, so the ORM write (one query per
        distinct value set, plus tracking) is bypassed on purpose.
        """
        if not rows:
            return
        columns = list(REFRESH_COLUMNS)
        for start in range(0, len(rows), UPDATE_CHUNK):
            chunk = rows[start : start + UPDATE_CHUNK]
            arrays = [
                SQL("%s::int4[]", _array_literal("int4", [row[0] for row in chunk]))
            ]
            for name in columns:
                cast = REFRESH_COLUMNS[name]
                literal = _array_literal(cast, [vals[name] for _id, vals in chunk])
                arrays.append(SQL("%s::" + cast + "[]", literal))
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE collection_debtor d
                       SET %(assignments)s, write_date = NOW() AT TIME ZONE 'UTC',
                           write_uid = %(uid)s
                      FROM UNNEST(%(arrays)s) AS v(id, %(names)s)
                     WHERE d.id = v.id
                    """,
                    assignments=SQL(", ").join(
                        SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name))
                        for name in columns
                    ),
                    uid=self.env.uid,
                    arrays=SQL(", ").join(arrays),
                    names=SQL(", ").join(SQL.identifier(name) for name in columns),
                )
            )
        self.invalidate_model([*REFRESH_COLUMNS, "write_date", "write_uid"])

    # === EXPORT === #
    def export_aging_xlsx(self):
        """Return the aging workbook (XLSX bytes) of these debtors.

        Sheet 1 has one row per debtor, sheet 2 the open receivable items. Rows
        are streamed from SQL in chunks of debtors, so memory stays flat
        whatever the number of debtors.
        """
        self.check_access("read")
        headers = xlsx_aging.Headers(
            debtors=(
                _("Debtor"),
                _("Company"),
                _("Currency"),
                _("Not Due"),
                _("1-30"),
                _("31-60"),
                _("61-90"),
                _("91-180"),
                _("181-365"),
                _("Over 365"),
                _("Unapplied Credits"),
                _("Total Due"),
                _("Overdue"),
                _("Days Overdue"),
                _("ABC Class"),
                _("Debtor Type"),
                _("Risk Score"),
                _("Collector"),
            ),
            items=(
                _("Debtor"),
                _("Company"),
                _("Document"),
                _("Date"),
                _("Due Date"),
                _("Days Overdue"),
                _("Bucket"),
                _("Currency"),
                _("Residual (Currency)"),
                _("Residual"),
            ),
            sheet_debtors=_("Debtors"),
            sheet_items=_("Open Items"),
            total=_("Total"),
        )
        self.env["collection.debtor"].flush_model()
        self.env["account.move.line"].flush_model()
        return xlsx_aging.write_workbook(
            self._export_debtor_rows(), self._export_item_rows(), headers
        )

    def _export_chunks(self):
        ids = self.ids
        for start in range(0, len(ids), EXPORT_CHUNK):
            yield ids[start : start + EXPORT_CHUNK]

    def _export_debtor_rows(self):
        """Sheet 1, in the order of the recordset, one query per chunk."""
        types = dict(self._fields["debtor_type"]._description_selection(self.env))
        buckets = SQL(", ").join(
            SQL.identifier(f"aging_{bucket}") for bucket in aging.BUCKETS
        )
        for chunk in self._export_chunks():
            rows = {
                row[0]: row
                for row in self.env.execute_query(
                    SQL(
                        """
                        SELECT d.id, d.name, c.name, cur.name, %(buckets)s,
                               d.amount_credit, d.amount_due, d.amount_overdue,
                               d.max_days_overdue, d.abc_class, d.debtor_type,
                               d.risk_score, up.name
                          FROM collection_debtor d
                          JOIN res_company c ON c.id = d.company_id
                          JOIN res_currency cur ON cur.id = d.currency_id
                          LEFT JOIN res_users u ON u.id = d.user_id
                          LEFT JOIN res_partner up ON up.id = u.partner_id
                         WHERE d.id IN %(ids)s
                        """,
                        buckets=buckets,
                        ids=tuple(chunk),
                    )
                )
            }
            width = len(aging.BUCKETS)
            for debtor_id in chunk:
                row = rows[debtor_id]
                tail = row[4 + width :]
                yield xlsx_aging.DebtorRow(
                    name=row[1] or "",
                    company=row[2],
                    currency=row[3],
                    buckets=tuple(float(v or 0) for v in row[4 : 4 + width]),
                    amount_credit=float(tail[0] or 0),
                    amount_due=float(tail[1] or 0),
                    amount_overdue=float(tail[2] or 0),
                    max_days_overdue=tail[3] or 0,
                    abc_class=(tail[4] or "").upper(),
                    debtor_type=types.get(tail[5], ""),
                    risk_score=tail[6] or 0,
                    collector=tail[7] or "",
                )

    def _export_item_rows(self):
        """Sheet 2: the open items of each chunk of debtors, one query per chunk."""
        today = fields.Date.context_today(self)
        open_receivable = self._open_receivable_sql()
        for chunk in self._export_chunks():
            query = SQL(
                """
                SELECT d.name AS debtor, c.name AS company, m.name AS document,
                       m.invoice_date, aml.date_maturity,
                       GREATEST(%(today)s::date - aml.date_maturity, 0) AS days,
                       cur.name AS currency, aml.amount_residual_currency,
                       aml.amount_residual
                  FROM collection_debtor d
                  JOIN res_company c ON c.id = d.company_id
                  JOIN res_partner p ON p.commercial_partner_id = d.partner_id
                  JOIN account_move_line aml ON aml.partner_id = p.id
                       AND aml.company_id = d.company_id
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_currency cur ON cur.id = aml.currency_id
                 WHERE d.id IN %(ids)s
                   AND %(open_receivable)s
                   AND aml.amount_residual != 0
                 ORDER BY d.name, d.id, aml.date_maturity, aml.id
                """,
                today=today,
                ids=tuple(chunk),
                open_receivable=open_receivable,
            )
            for row in self.env.execute_query(query):
                days = row[5] or 0
                yield xlsx_aging.ItemRow(
                    debtor=row[0] or "",
                    company=row[1],
                    document=row[2] or "",
                    date=row[3],
                    date_due=row[4],
                    days_overdue=days,
                    bucket=aging.bucket_for(days),
                    currency=row[6],
                    residual_currency=float(row[7] or 0),
                    residual=float(row[8] or 0),
                )

    # === CRON === #
    @api.model
    def _cron_refresh_debtors(self):
        """Refresh one company per call; the cron runner repeats while work remains."""
        pending = self.env["res.company"].search(
            [
                "|",
                ("collection_refresh_date", "=", False),
                ("collection_refresh_date", "<", fields.Date.context_today(self)),
            ],
            order="id",
        )
        if not pending:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        company = pending[0]
        self._refresh_company(company)
        company.collection_refresh_date = fields.Date.context_today(
            self.with_company(company)
        )
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(pending) - 1)
