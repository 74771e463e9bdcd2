"""Load the generator's disputes, promises and plans into the addon's models.

The cached dump holds the accounting only; the commitments are loaded after the
restore, with the addon version being measured, so a change of the addon's
models never invalidates the (slow to build) cache. They go through the ORM and
its validations; dates are then moved to the ones the generator planned around
its anchor date, as time would have moved them (the validations refuse dates in
the past, and the anchor is in the past).
"""

from datetime import date

from common import log


def load(env, hooks):
    """Create the commitments of ``hooks``; return counts per kind."""
    from odoo import Command, fields
    from odoo.exceptions import UserError, ValidationError

    cr = env.cr
    counts = {"disputes": 0, "promises": 0, "plans": 0, "refused": 0}
    if hooks["disputes"]:
        cr.execute(
            """UPDATE account_move SET collection_excluded = TRUE,
                      collection_exclusion_reason = 'Disputed by the customer'
                WHERE id IN %s""",
            [tuple(hooks["disputes"])],
        )
        counts["disputes"] = cr.rowcount
    env.invalidate_all()
    cr.execute("SELECT id, partner_id, company_id FROM collection_debtor")
    debtors = {(row[1], row[2]): row[0] for row in cr.fetchall()}
    tomorrow = fields.Date.add(fields.Date.context_today(env.user), days=1)

    def promise(Promise, debtor_id, vals):
        record = Promise.create(
            {
                "debtor_id": debtor_id,
                "channel": "call",
                "amount": float(vals["amount"]),
                "invoice_ids": [Command.set(vals["invoice_ids"])],
                "date": tomorrow,
            }
        )
        cr.execute(
            "UPDATE collection_promise SET date = %s, date_made = %s WHERE id = %s",
            [vals["promise_date"], vals["promised_on"], record.id],
        )

    def plan(Plan, debtor_id, vals):
        record = Plan.create(
            {
                "debtor_id": debtor_id,
                "invoice_ids": [Command.set(vals["invoice_ids"])],
                "installment_count": len(vals["installments"]),
            }
        )
        record.action_generate_lines()
        record._activate()
        lines = record.line_ids.sorted("date_due")
        for line, installment in zip(lines, vals["installments"], strict=False):
            cr.execute(
                "UPDATE collection_plan_line SET date_due = %s WHERE id = %s",
                [installment["date"], line.id],
            )
        first = min(date.fromisoformat(i["date"]) for i in vals["installments"])
        cr.execute(
            "UPDATE collection_plan SET date_start = %s WHERE id = %s",
            [first, record.id],
        )

    for kind, model, create in (
        ("promises", "collection.promise", promise),
        ("plans", "collection.plan", plan),
    ):
        for vals in hooks[kind]:
            debtor_id = debtors.get((vals["partner_id"], vals["company_id"]))
            if not debtor_id:
                counts["refused"] += 1
                continue
            company = env["res.company"].browse(vals["company_id"])
            Model = env[model].with_company(company)
            try:
                with cr.savepoint():
                    create(Model.with_context(tracking_disable=True), debtor_id, vals)
                counts[kind] += 1
            except (UserError, ValidationError) as error:
                counts["refused"] += 1
                log(f"{kind[:-1]} refused: {error}")
    env.invalidate_all()
    return counts
