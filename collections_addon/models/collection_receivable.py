# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
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
        """
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
    def _debtor_lines(self, debtor="d", line="aml"):
        """SQL joins from a debtor row to its receivable lines: the lines of
        its commercial partner and of that partner's contacts."""
        return SQL(
            "JOIN res_partner p ON p.commercial_partner_id = %(debtor)s.partner_id"
            " JOIN account_move_line %(line)s ON %(line)s.partner_id = p.id",
            debtor=SQL.identifier(debtor),
            line=SQL.identifier(line),
        )

    @api.model
    def _open_items(self, debtors, open_sql=None):
        """The open receivable items of ``debtors`` as plain rows, oldest due
        first: one query per company, however many debtors and items (a
        debtor may have thousands).

        :param open_sql: the run's :meth:`_open_sql` of the debtors' company
            (one company then), when the caller has it
        :return: ``{debtor_id: [row]}``; a row is a dict with ``id``,
            ``move_id``, ``name``, ``date``, ``date_maturity``,
            ``amount_residual`` (company currency), ``amount_residual_currency``,
            ``currency`` (the document's, by name) and ``currency_id``
        """
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["name", "invoice_date"])
        self.env["collection.debtor"].flush_model(["partner_id", "company_id"])
        items = {debtor.id: [] for debtor in debtors}
        for company, mine in debtors.grouped("company_id").items():
            rows = self.env.execute_query_dict(
                SQL(
                    """
                    SELECT d.id AS debtor_id, aml.id, aml.move_id, m.name,
                           COALESCE(m.invoice_date, aml.date) AS date,
                           aml.date_maturity, aml.amount_residual,
                           aml.amount_residual_currency, cur.name AS currency,
                           aml.currency_id
                      FROM collection_debtor d
                      %(lines)s
                      JOIN account_move m ON m.id = aml.move_id
                      JOIN res_currency cur ON cur.id = aml.currency_id
                     WHERE d.id IN %(debtors)s AND %(open)s
                     ORDER BY aml.date_maturity, aml.id
                    """,
                    lines=self._debtor_lines(),
                    debtors=tuple(mine.ids),
                    open=open_sql or self._open_sql(company),
                )
            )
            for row in rows:
                items[row.pop("debtor_id")].append(row)
        return items

    @api.model
    def _lock_owed(self, company, today, horizon, open_sql, debtor_ids):
        """Lock the rows of ``debtor_ids``, read what they owe again (one
        query), then lock the lines that make it (``NOWAIT``, one query).

        A payment reconciled since this transaction began (or being
        reconciled right now) makes this fail: the debtor is left for the
        next run instead of being reminded.

        :return: ``{debtor_id: row}`` of :meth:`_owed_sql`; a debtor that owes
            nothing any more is absent
        """
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self._owed_sql(
                company, today, open_sql, horizon, debtor_ids=debtor_ids, lock=True
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
    def _owed_sql(
        self,
        company,
        today,
        open_sql,
        horizon,
        debtor_ids=None,
        pauses=True,
        lock=False,
        count_only=False,
    ):
        """What each debtor owes: the one rule behind the decision, the lock
        before an action and the end of an episode.

        Per debtor, the open debit receivable lines due by ``horizon``, not
        excluded (a dispute or a hold on the invoice), net of the debtor's
        unapplied credits (credit notes, payments), never below zero: a debtor
        whose credits cover the debt owes nothing and is not dunned.

        :param horizon: the last due date that counts: one date, or
            ``{debtor_id: date}`` (then only those debtors, each with its own)
        :param pauses: also leave out what pauses escalation without settling
            the debt: a hold on the debtor, an active plan, an open promise
            still in its time. The decision passes ``True``; an episode ends
            only when the debt is settled, so its end passes ``False``.
        :param lock: lock the rows of ``debtor_ids`` in the same query
            (``FOR NO KEY UPDATE NOWAIT``), as the run does before it acts
        :param count_only: ``line_count`` instead of the lists ``move_ids``
            and ``line_ids`` (the decision needs no more; a big debtor's
            thousands of ids cost more than the rest of the query)
        :return: an :class:`~odoo.tools.SQL` selecting ``debtor_id``,
            ``days`` (the oldest line's days past due on ``today``),
            ``amount`` and ``line_count`` or ``move_ids`` and ``line_ids``
        """
        debtor_filter = locked = credit_filter = horizons = SQL("")
        if isinstance(horizon, dict):
            debtor_ids = list(horizon)
            horizons = SQL(
                "JOIN UNNEST(%s::int4[], %s::date[]) AS h(id, horizon)"
                " ON h.id = d.id",
                debtor_ids,
                [str(day) for day in horizon.values()],
            )
            due_by = SQL("h.horizon")
        else:
            due_by = SQL("%s::date", horizon)
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
        paused = SQL("")
        if pauses:
            paused = SQL(
                """
               AND d.active
               AND (d.hold_until IS NULL OR d.hold_until < %(today)s)
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
                """,
                today=today,
            )
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
              %(horizons)s
              %(lines)s
             WHERE d.company_id = %(company)s
               AND %(open_receivable)s
               AND aml.amount_residual > 0
               AND aml.date_maturity <= %(due_by)s
               AND NOT EXISTS (
                   SELECT 1 FROM account_move x
                    WHERE x.id = aml.move_id AND x.collection_excluded)
               %(paused)s
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
            due_by=due_by,
            horizons=horizons,
            lines=self._debtor_lines(),
            company=company.id,
            paused=paused,
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
