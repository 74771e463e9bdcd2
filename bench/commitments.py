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
    errors = (UserError, ValidationError)
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
    Promise = env["collection.promise"].with_context(tracking_disable=True)
    Plan = env["collection.plan"].with_context(tracking_disable=True)
    for vals in hooks["promises"]:
        debtor_id = debtors.get((vals["partner_id"], vals["company_id"]))
        if not debtor_id:
            counts["refused"] += 1
            continue
        try:
            with cr.savepoint():
                company = env["res.company"].browse(vals["company_id"])
                promise = Promise.with_company(company).create(
                    {
                        "debtor_id": debtor_id,
                        "channel": "call",
                        "amount": float(vals["amount"]),
                        "invoice_ids": [Command.set(vals["invoice_ids"])],
                        "date": tomorrow,
                    }
                )
                cr.execute(
                    "UPDATE collection_promise SET date = %s, date_made = %s"
                    " WHERE id = %s",
                    [vals["promise_date"], vals["promised_on"], promise.id],
                )
                counts["promises"] += 1
        except errors as error:
            counts["refused"] += 1
            log(f"promise refused: {error}")
    for vals in hooks["plans"]:
        debtor_id = debtors.get((vals["partner_id"], vals["company_id"]))
        if not debtor_id:
            counts["refused"] += 1
            continue
        try:
            with cr.savepoint():
                company = env["res.company"].browse(vals["company_id"])
                plan = Plan.with_company(company).create(
                    {
                        "debtor_id": debtor_id,
                        "invoice_ids": [Command.set(vals["invoice_ids"])],
                        "installment_count": len(vals["installments"]),
                    }
                )
                plan.action_generate_lines()
                plan._activate()
                lines = plan.line_ids.sorted("date_due")
                for line, installment in zip(lines, vals["installments"], strict=False):
                    cr.execute(
                        "UPDATE collection_plan_line SET date_due = %s WHERE id = %s",
                        [installment["date"], line.id],
                    )
                first = min(date.fromisoformat(i["date"]) for i in vals["installments"])
                cr.execute(
                    "UPDATE collection_plan SET date_start = %s WHERE id = %s",
                    [first, plan.id],
                )
                counts["plans"] += 1
        except errors as error:
            counts["refused"] += 1
            log(f"plan refused: {error}")
    env.invalidate_all()
    return counts
