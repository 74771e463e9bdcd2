# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, models
from odoo.tools import SQL

from ..lib import aging, standing, xlsx_aging
from .collection_guard import USER, check_group

EXPORT_CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CollectionAgingExport(models.AbstractModel):
    """The aging workbook (XLSX): streamed, two sheets, one query per chunk."""

    _name = "collection.aging.export"
    _description = "Collections: Aging Export"

    @api.model
    def _export(self, debtors):
        """The aging workbook of ``debtors`` as an attachment's values.

        Refused to Viewers: it lists every open item, which their screens hide.

        :return: dict with ``name``, ``mimetype`` and ``datas`` (base64), JSON
            safe for an RPC caller
        """
        check_group(self.env, USER, self.env._("Exporting the aging"))
        debtors.check_access("read")
        today = self.env.company._collection_today()
        return {
            "name": self.env._("Aging %(date)s.xlsx", date=today),
            "mimetype": XLSX,
            "datas": base64.b64encode(self._workbook(debtors, today)).decode(),
        }

    @api.model
    def _workbook(self, debtors, today):
        """Return the aging workbook (XLSX bytes) of ``debtors``.

        Sheet 1 has one row per debtor, sheet 2 the open receivable items. Rows
        are streamed from SQL in chunks of debtors, so memory stays flat
        whatever the number of debtors.
        """
        _ = self.env._
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
                _("Collectible"),
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
            self._debtor_rows(debtors), self._item_rows(debtors, today), headers
        )

    @api.model
    def _chunks(self, debtors):
        ids = debtors.ids
        for start in range(0, len(ids), EXPORT_CHUNK):
            yield ids[start : start + EXPORT_CHUNK]

    @api.model
    def _debtor_rows(self, debtors):
        """Sheet 1, in the order of the recordset, one query per chunk."""
        types = dict(debtors._fields["debtor_type"]._description_selection(self.env))
        if not self.env.user.has_group(USER):
            # A Viewer reads the neutral label of the types to review.
            types.update(
                dict.fromkeys(
                    standing.SENSITIVE_TYPES, self.env._("Review with collections")
                )
            )
        buckets = SQL(", ").join(
            SQL.identifier(f"aging_{bucket}") for bucket in aging.BUCKETS
        )
        for chunk in self._chunks(debtors):
            rows = {
                row[0]: row
                for row in self.env.execute_query(
                    SQL(
                        """
                        SELECT d.id, d.name, c.name, cur.name, %(buckets)s,
                               d.amount_credit, d.amount_due, d.amount_overdue,
                               d.amount_collectible,
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
                    amount_collectible=float(tail[3] or 0),
                    max_days_overdue=tail[4] or 0,
                    abc_class=(tail[5] or "").upper(),
                    debtor_type=types.get(tail[6], ""),
                    risk_score=tail[7] or 0,
                    collector=tail[8] or "",
                )

    @api.model
    def _item_rows(self, debtors, today):
        """Sheet 2: the open items of each chunk of debtors, one query per chunk.

        The bucket column shows the bucket's label, as the debtor form does.
        """
        receivable = self.env["collection.receivable"]
        # The debtors' companies read in SQL: ``debtors.company_id`` would load
        # every field of every debtor into the cache (tens of MB for 20,000).
        companies = self.env["res.company"].browse(
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT DISTINCT company_id FROM collection_debtor"
                    " WHERE id = ANY(%s)",
                    debtors.ids,
                )
            )
        )
        open_receivable = SQL(
            "(%s)",
            SQL(" OR ").join(
                SQL("(%s)", receivable._open_sql(company)) for company in companies
            )
            or SQL("FALSE"),
        )
        labels = self._bucket_labels()
        for chunk in self._chunks(debtors):
            query = SQL(
                """
                SELECT d.name AS debtor, c.name AS company, m.name AS document,
                       m.invoice_date, aml.date_maturity,
                       GREATEST(%(today)s::date - aml.date_maturity, 0) AS days,
                       cur.name AS currency, aml.amount_residual_currency,
                       aml.amount_residual
                  FROM collection_debtor d
                  JOIN res_company c ON c.id = d.company_id
                  %(debtor_lines)s
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_currency cur ON cur.id = aml.currency_id
                 WHERE d.id IN %(ids)s AND aml.company_id = d.company_id
                   AND %(open_receivable)s
                 ORDER BY d.name, d.id, aml.date_maturity, aml.id
                """,
                today=today,
                ids=tuple(chunk),
                debtor_lines=receivable._debtor_lines(),
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
                    bucket=labels[aging.bucket_for(days)],
                    currency=row[6],
                    residual_currency=float(row[7] or 0),
                    residual=float(row[8] or 0),
                )

    @api.model
    def _bucket_labels(self):
        """Bucket keys to the labels of the debtor's bucket fields."""
        fields_ = self.env["collection.debtor"]._fields
        return {
            bucket: fields_[f"aging_{bucket}"]._description_string(self.env)
            for bucket in aging.BUCKETS
        }
