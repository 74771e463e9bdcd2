# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CollectionReceivable(models.AbstractModel):
    """The one definition of an open receivable line, in SQL and as a domain.

    A line of company C is *receivable* when it is posted, belongs to C and
    books on one of C's receivable accounts (a branch books on its parents'
    accounts). It is *open* when, in addition, it is not reconciled and has a
    residual. Every query of the addon (the refresh, the run, the follow-up of
    promises, the documents, the export) uses these methods; a test checks that
    the SQL and the ORM forms select the same lines.
    """

    _name = "collection.receivable"
    _description = "Collections: Open Receivable Lines"

    @api.model
    def _account_ids(self, company):
        """The receivable accounts ``company`` books on, as literal ids.

        With literal ids (not a sub-query) PostgreSQL reads the open lines
        through Odoo's partial "unreconciled" index on (account, partner).
        A run slice reads them once (its mails list each debtor's items).
        """
        batch = self.env["collection.handler"]._batch()
        if batch is not None:
            key = ("accounts", company.id)
            if key not in batch.memo:
                batch.memo[key] = self._read_account_ids(company)
            return batch.memo[key]
        return self._read_account_ids(company)

    @api.model
    def _read_account_ids(self, company):
        rows = self.env.execute_query(
            SQL(
                """
                SELECT a.id FROM account_account a
                 WHERE a.account_type = 'asset_receivable'
                   AND a.id IN (SELECT account_account_id
                                  FROM account_account_res_company_rel
                                 WHERE res_company_id IN %s)
                """,
                tuple(company.sudo().parent_ids.ids),
            )
        )
        return tuple(row[0] for row in rows) or (0,)

    @api.model
    def _receivable_sql(self, company, accounts=None, alias="aml"):
        """SQL condition: a posted receivable line of ``company``.

        :param accounts: :meth:`_account_ids` of the company, when the caller
            already has them (a run reads them once)
        """
        aml = SQL.identifier(alias)
        return SQL(
            "%(aml)s.company_id = %(company)s AND %(aml)s.account_id IN %(accounts)s"
            " AND %(aml)s.parent_state = 'posted'",
            aml=aml,
            company=company.id,
            accounts=accounts or self._account_ids(company),
        )

    @api.model
    def _open_sql(self, company, accounts=None, alias="aml"):
        """SQL condition: an open receivable line of ``company``.

        Written as Odoo's partial "unreconciled" index is defined, so the open
        lines are read through that index.
        """
        aml = SQL.identifier(alias)
        return SQL(
            "%s AND %s.reconciled IS NOT TRUE AND %s.amount_residual != 0",
            self._receivable_sql(company, accounts, alias),
            aml,
            aml,
        )

    @api.model
    def _open_domain(self, company, partners=None):
        """The same condition as :meth:`_open_sql`, as an ORM domain.

        :param partners: commercial partners whose lines (their contacts'
            included) are wanted; all partners when omitted
        """
        domain = [
            ("company_id", "=", company.id),
            ("account_id", "in", list(self._account_ids(company))),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("amount_residual", "!=", 0),
        ]
        if partners is not None:
            domain.append(("partner_id.commercial_partner_id", "in", partners.ids))
        return domain

    @api.model
    def _open_lines(self, debtor):
        """The open receivable lines of ``debtor``, oldest due first."""
        return (
            self.env["account.move.line"]
            .sudo()
            .search(
                self._open_domain(debtor.company_id, debtor.partner_id),
                order="date_maturity, id",
            )
            .with_env(self.env)
        )

    @api.model
    def _open_items(self, debtor):
        """The open receivable items of ``debtor`` as plain rows, oldest due
        first: one query however many items (a debtor may have thousands);
        none when the run's slice read them with its letters
        (:meth:`_prefetch_open_items`).

        :return: dicts with ``id``, ``move_id``, ``name``, ``date``,
            ``date_maturity``, ``amount_residual`` (company currency),
            ``amount_residual_currency``, ``currency`` (the document's, by
            name) and ``currency_id``
        """
        batch = self.env["collection.handler"]._batch()
        read = batch.memo.get("open_items", {}) if batch else {}
        if debtor.id in read:
            return read[debtor.id]
        return self._read_open_items(debtor.company_id, debtor.partner_id.ids)[
            debtor.partner_id.id
        ]

    @api.model
    def _prefetch_open_items(self, debtors):
        """Read the open items of ``debtors`` in one query per company, for
        the letters a run slice renders together."""
        batch = self.env["collection.handler"]._batch()
        if not batch or not debtors:
            return
        read = batch.memo.setdefault("open_items", {})
        for company, mine in debtors.grouped("company_id").items():
            by_partner = self._read_open_items(company, mine.partner_id.ids)
            for debtor in mine:
                read[debtor.id] = by_partner[debtor.partner_id.id]

    @api.model
    def _read_open_items(self, company, partner_ids):
        """:return: ``{commercial partner id: [rows of _open_items]}``"""
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["name", "invoice_date"])
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT p.commercial_partner_id AS partner, aml.id, aml.move_id,
                       m.name, COALESCE(m.invoice_date, aml.date) AS date,
                       aml.date_maturity, aml.amount_residual,
                       aml.amount_residual_currency, cur.name AS currency,
                       aml.currency_id
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  JOIN res_currency cur ON cur.id = aml.currency_id
                 WHERE p.commercial_partner_id IN %(partners)s
                   AND %(open)s
                 ORDER BY aml.date_maturity, aml.id
                """,
                partners=tuple(partner_ids),
                open=self._open_sql(company),
            )
        )
        by_partner = {partner_id: [] for partner_id in partner_ids}
        for row in rows:
            by_partner[row.pop("partner")].append(row)
        return by_partner

    @api.model
    def _lock_eligible(self, company, today, window, open_sql, debtor_ids):
        """Lock the rows of ``debtor_ids``, read their eligible lines again
        (one query), then lock those lines (``NOWAIT``, one query).

        A payment reconciled since this transaction began (or being
        reconciled right now) makes this fail: the debtor is left for the
        next run instead of being reminded.

        :return: ``{debtor_id: row}`` of :meth:`_eligible_lines_sql`; a
            debtor with nothing eligible any more is absent
        """
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self._eligible_lines_sql(
                company, today, window, open_sql, debtor_ids=debtor_ids, lock=True
            )
        )
        line_ids = tuple(id_ for row in rows for id_ in row["line_ids"])
        if line_ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM account_move_line WHERE id IN %s"
                    " FOR NO KEY UPDATE NOWAIT",
                    line_ids,
                )
            )
        return {row["debtor_id"]: row for row in rows}

    @api.model
    def _eligible_lines_sql(
        self,
        company,
        today,
        window,
        open_sql,
        debtor_ids=None,
        lock=False,
        count_only=False,
    ):
        """Open debit receivable lines that drive escalation, per debtor.

        Not excluded (dispute/hold), not on a debtor hold, due before
        ``today + window`` (``window`` = the earliest pre-due reminder), not
        covered by an active plan or an open promise still in its time. The
        ``amount`` is net of the debtor's unapplied credits (credit notes,
        payments), never below zero: a debtor whose credits cover the debt
        owes nothing and is not dunned.

        :param lock: lock the rows of ``debtor_ids`` in the same query
            (``FOR NO KEY UPDATE NOWAIT``), as the run does before it acts
        :param count_only: ``line_count`` instead of the lists ``move_ids``
            and ``line_ids`` (the decision needs no more; a big debtor's
            thousands of ids cost more than the rest of the query)
        """
        debtor_filter = locked = credit_filter = SQL("")
        if debtor_ids:
            debtor_filter = SQL("AND d.id IN %s", tuple(debtor_ids))
            credit_filter = SQL(
                "AND p.commercial_partner_id IN"
                " (SELECT partner_id FROM collection_debtor WHERE id IN %s)",
                tuple(debtor_ids),
            )
        if debtor_ids and lock:
            locked = SQL(
                """locked AS MATERIALIZED (
                    SELECT id FROM collection_debtor WHERE id IN %s
                       FOR NO KEY UPDATE NOWAIT
                ),""",
                tuple(debtor_ids),
            )
            debtor_filter = SQL("AND d.id IN (SELECT id FROM locked)")
        return SQL(
            """
            WITH %(locked)s credits AS (
                SELECT p.commercial_partner_id AS partner_id,
                       SUM(aml.amount_residual) AS credit
                  FROM account_move_line aml
                  JOIN res_partner p ON p.id = aml.partner_id
                 WHERE %(open_receivable)s AND aml.amount_residual < 0
                   %(credit_filter)s
                 GROUP BY 1
            )
            , due AS (
            SELECT d.id AS debtor_id, d.partner_id,
                   MAX(%(today)s::date - aml.date_maturity) AS days,
                   SUM(aml.amount_residual) AS amount,
                   %(lists)s
              FROM collection_debtor d
              JOIN res_partner p ON p.commercial_partner_id = d.partner_id
              JOIN account_move_line aml ON aml.partner_id = p.id
             WHERE d.company_id = %(company)s
               AND d.active
               AND (d.hold_until IS NULL OR d.hold_until < %(today)s)
               AND %(open_receivable)s
               AND aml.amount_residual > 0
               AND aml.date_maturity <= %(horizon)s
               AND NOT EXISTS (
                   SELECT 1 FROM account_move x
                    WHERE x.id = aml.move_id AND x.collection_excluded)
               AND NOT EXISTS (
                   SELECT 1 FROM collection_plan_move_rel pr
                     JOIN collection_plan pl ON pl.id = pr.plan_id
                    WHERE pr.move_id = aml.move_id AND pl.state = 'active')
               AND NOT EXISTS (
                   SELECT 1 FROM collection_promise pm
                     JOIN res_company c ON c.id = pm.company_id
                    WHERE pm.debtor_id = d.id AND pm.state = 'open'
                      AND pm.date + c.collection_promise_grace_days >= %(today)s
                      AND (NOT EXISTS (SELECT 1 FROM collection_promise_move_rel r
                                        WHERE r.promise_id = pm.id)
                           OR EXISTS (SELECT 1 FROM collection_promise_move_rel r
                                       WHERE r.promise_id = pm.id
                                         AND r.move_id = aml.move_id)))
               %(debtor_filter)s
             GROUP BY d.id
            )
            -- The credits are joined to the debtors due, not to their lines:
            -- one lookup per debtor, whatever the plan of the lines.
            SELECT due.debtor_id, due.days,
                   GREATEST(due.amount + COALESCE(credits.credit, 0), 0) AS amount,
                   %(due_lists)s
              FROM due
              LEFT JOIN credits ON credits.partner_id = due.partner_id
             ORDER BY due.debtor_id
            """,
            today=today,
            horizon=fields.Date.add(today, days=window),
            company=company.id,
            debtor_filter=debtor_filter,
            credit_filter=credit_filter,
            locked=locked,
            open_receivable=open_sql,
            lists=SQL(
                "COUNT(*) AS line_count"
                if count_only
                else "ARRAY_AGG(DISTINCT aml.move_id) AS move_ids,"
                " ARRAY_AGG(aml.id) AS line_ids"
            ),
            due_lists=SQL(
                "due.line_count" if count_only else "due.move_ids, due.line_ids"
            ),
        )
