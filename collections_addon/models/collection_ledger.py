# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from decimal import Decimal

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import aging, classification, dunning
from .collection_guard import system_env
from .selections import UNANSWERED_OUTCOMES

# Columns written by the refresh, with their PostgreSQL cast, in two groups: the
# aging figures (phase 1) and the classification (phase 2). They are volatile:
# never tracked, written with one UPDATE ... FROM UNNEST per chunk.
FIGURE_COLUMNS = {
    "amount_due": "numeric",
    "amount_overdue": "numeric",
    "amount_credit": "numeric",
    "amount_collectible": "numeric",
    **{f"aging_{bucket}": "numeric" for bucket in aging.BUCKETS},
    "max_days_overdue": "int4",
    "open_line_count": "int4",
    "next_action_date": "date",
    "next_action_by_user": "bool",
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
    "debtor_type_reason_code": "varchar",
    "debtor_type_fraud_code": "varchar",
    "debtor_type_reason_args": "varchar",  # JSON text: compares as written
    "fraud_review": "bool",
    "debtor_type": "varchar",
}
REFRESH_COLUMNS = {**FIGURE_COLUMNS, **CLASSIFICATION_COLUMNS}
MONEY_COLUMNS = {name for name, cast in FIGURE_COLUMNS.items() if cast == "numeric"}
UPDATE_CHUNK = 5000


# What a NULL column compares equal to: the refresh writes these for "none".
# Dates and texts have no empty value: None stands for "none" on both sides.
EMPTY = {"numeric": 0.0, "int4": 0, "jsonb": "[]", "bool": False}


def array_literal(cast, values):
    """One column of an UPDATE as a PostgreSQL array literal: ``{1.5,NULL}``.

    One text parameter per column (psycopg2's ``ARRAY[...]`` of thousands of
    constants is several times slower). Texts are quoted; ``None`` is NULL.
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


class CollectionLedger(models.AbstractModel):
    """The ledger refresh: the debtors' figures, then their classification.

    A service, called by the refresh cron, by the run (first slice of a
    company's day), by "Refresh now" and by the tests. It reads the accounting
    with a constant number of grouped queries per company, asks ``lib/`` for
    every decision (buckets, ABC class, risk score, type, next action date) and
    writes only the rows that changed.
    """

    _name = "collection.ledger"
    _description = "Collections: Ledger Refresh"

    # === BUSINESS / HOOKS === #
    @api.model
    def _figures_query(self, company, today, open_sql):
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
                   GREATEST(COALESCE(SUM(aml.amount_residual) FILTER (
                       WHERE %(overdue)s OR aml.amount_residual < 0), 0), 0)
                       AS amount_collectible,
                   %(buckets)s,
                   COALESCE(MAX(%(days)s) FILTER (WHERE %(overdue)s), 0)
                       AS max_days_overdue,
                   MIN(aml.date_maturity) FILTER (WHERE %(debit)s
                       AND aml.date_maturity >= %(today)s) AS next_due_date,
                   COUNT(*) AS open_line_count
              FROM account_move_line aml
              JOIN res_partner p ON p.id = aml.partner_id
             WHERE %(open_receivable)s
             GROUP BY 1
            """,
            open_receivable=open_sql,
            overdue=overdue,
            buckets=SQL(", ").join(buckets),
            days=days,
            debit=debit,
            today=today,
        )

    @api.model
    def _behaviour_query(self, company, today, receivable_sql):
        """One grouped query: payment behaviour per commercial partner.

        An invoice's receivable line counts as paid on the latest date of its
        reconciliations; reversed invoices are not payments. Only the last two
        years of reconciliations are read (the query starts from them, so it
        grows with the recent activity, not with the whole history): counts
        cover 12 months, and "days since the last payment" is empty beyond two
        years, as for a debtor that never paid, and 0 for a payment dated after
        today (post-dated).
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
                   GREATEST(%(today)s::date - MAX(paid_on), 0)
                       AS days_since_last_payment
              FROM paid
             GROUP BY partner_id
            """,
            company=company.id,
            since=fields.Date.subtract(today, days=365),
            history=fields.Date.subtract(today, days=730),
            today=today,
            receivable_lines=receivable_sql,
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
            unanswered=UNANSWERED_OUTCOMES,
            company=company.id,
            since=fields.Date.subtract(today, days=365),
        )

    @api.model
    def _behaviour_extra(self, contact_row):
        """More :class:`lib.classification.Behaviour` inputs from the rows."""
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
        return sum(self._refresh_company(c, today=today) for c in companies)

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
        nothing. A collector's own next action date is kept
        (:func:`lib.dunning.next_action_date` decides).

        :return: the number of debtor rows created or updated
        """
        today = today or company._collection_today()
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
        receivable = self.env["collection.receivable"]
        accounts = receivable._account_ids(company)
        figures = self._refresh_figures(
            company, today, receivable._open_sql(company, accounts)
        )
        stored = self._stored_rows(company, FIGURE_COLUMNS)
        target = self._target_figures(figures, stored, today)
        changed = any(
            partner_id not in stored or self._values_differ(stored[partner_id], vals)
            for partner_id, vals in target.items()
        )
        key = self._classification_key(company, today)
        if not changed and key == company.sudo().collection_classification_key:
            return 0
        stored = self._stored_rows(company, REFRESH_COLUMNS)
        classes = self._refresh_classification(
            company,
            today,
            figures,
            stored,
            receivable._receivable_sql(company, accounts),
        )
        to_create, to_update = [], []
        for partner_id, class_vals in classes.items():
            # Zero figures for a partner with a payment history only.
            vals = dict(target.get(partner_id) or self._zero_figures(), **class_vals)
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
            created = system_env(
                self.env["collection.debtor"]
                .with_company(company)
                .with_context(
                    active_test=False,
                    mail_create_nolog=True,
                    mail_create_nosubscribe=True,
                    tracking_disable=True,
                )
            ).create([dict(vals, company_id=company.id) for vals in to_create])
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
    def _target_figures(self, figures, stored, today):
        """Phase 1's values for every debtor, the next action date decided.

        Debtors without open receivable get zero figures; the next action date
        is the lib's choice between the proposal and a collector's own date.
        """
        zero = self._zero_figures()
        target = {}
        for partner_id in set(figures) | set(stored):
            vals = dict(figures.get(partner_id) or zero)
            row = stored.get(partner_id) or {}
            vals["next_action_date"], vals["next_action_by_user"] = (
                dunning.next_action_date(
                    vals["next_action_date"],
                    row.get("next_action_date"),
                    bool(row.get("next_action_by_user")),
                    today,
                )
            )
            target[partner_id] = vals
        return target

    @api.model
    def _refresh_figures(self, company, today, open_sql):
        """Phase 1: the aging figures of every debtor with open receivable.

        Amounts are floats rounded to the currency (what PostgreSQL's numeric
        reads back as), so stored and new figures compare with ``!=``.
        """
        digits = company.currency_id.decimal_places
        values = {}
        for fig in self.env.execute_query_dict(
            self._figures_query(company, today, open_sql)
        ):
            max_days = int(fig["max_days_overdue"] or 0)
            vals = {name: round(fig[name] or 0.0, digits) for name in MONEY_COLUMNS}
            vals.update(
                max_days_overdue=max_days,
                open_line_count=int(fig["open_line_count"] or 0),
                next_action_date=dunning.refresh_next_action(
                    Decimal(str(vals["amount_overdue"])), fig["next_due_date"], today
                ),
                next_action_by_user=False,
                color=aging.kanban_color(max_days),
            )
            values[fig["partner_id"]] = vals
        return values

    @api.model
    def _zero_figures(self):
        """The figures of a debtor without open receivable."""
        vals = dict.fromkeys(MONEY_COLUMNS, 0.0)
        vals.update(
            max_days_overdue=0,
            open_line_count=0,
            next_action_date=None,
            next_action_by_user=False,
            color=10,
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
    def _refresh_classification(self, company, today, figures, stored, receivable):
        """Phase 2: behaviour, ABC class, risk score and type, per partner.

        :param receivable: :meth:`collection.receivable._receivable_sql`
        """
        behaviour = {
            row["partner_id"]: row
            for row in self.env.execute_query_dict(
                self._behaviour_query(company, today, receivable)
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
        exposures = {}
        for partner_id in partner_ids:
            fig = figures.get(partner_id) or empty
            # A credit balance is nothing to collect: class C (lib decides).
            exposures[partner_id] = classification.abc_exposure(
                Decimal(str(fig["amount_overdue"])), Decimal(str(fig["amount_credit"]))
            )
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
            exposures,
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
                "debtor_type_reason_code": suggestion.reason_code,
                "debtor_type_fraud_code": suggestion.fraud_code,
                "debtor_type_reason_args": json.dumps(
                    {"reason": suggestion.reason_args, "fraud": suggestion.fraud_args}
                ),
                "fraud_review": bool(suggestion.fraud_review),
                "debtor_type": suggestion.debtor_type or None,
            }
        return values

    @api.model
    def _values_differ(self, row, vals):
        return any(row[name] != new for name, new in vals.items())

    @api.model
    def _bulk_update(self, rows):
        """Write changed figures in one ``UPDATE ... FROM UNNEST(...)`` per chunk.

        The figures are volatile and untracked: the ORM write (one query per
        distinct value set, plus tracking) is bypassed on purpose.
        """
        if not rows:
            return
        columns = list(REFRESH_COLUMNS)
        for start in range(0, len(rows), UPDATE_CHUNK):
            chunk = rows[start : start + UPDATE_CHUNK]
            arrays = [
                SQL("%s::int4[]", array_literal("int4", [row[0] for row in chunk]))
            ]
            for name in columns:
                cast = REFRESH_COLUMNS[name]
                literal = array_literal(cast, [vals[name] for _id, vals in chunk])
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
        self.env["collection.debtor"].invalidate_model(
            [*REFRESH_COLUMNS, "debtor_type_reason_auto", "write_date", "write_uid"]
        )

    # === CRON === #
    @api.model
    def _cron_refresh(self):
        """Refresh one company per call; the cron runner repeats while work remains."""
        companies = self.env["res.company"].search([], order="id")
        pending = companies.filtered(
            lambda c: c.collection_refresh_date != c._collection_today()
        )
        if not pending:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        company = pending[0]
        self._refresh_company(company)
        company._collection_mark_day("collection_refresh_date")
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(pending) - 1)
