# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.2.0.0: services instead of model mixins.

- the two crons call the ledger and escalation services (their records are
  ``noupdate``, so the update does not rewrite them);
- the debtor table keeps room for in-place updates, and the indexes of the two
  columns the refresh rewrites daily are gone (formerly done in ``init()``);
- the shipped demand letter text no longer opens with "Despite our reminders"
  (the letter now says so itself, only when reminders were sent); a text edited
  by the user is left as it is.
"""

from odoo.tools import SQL
from odoo.tools.sql import drop_index, make_index_name

from odoo.addons.collections_addon.hooks import set_debtor_fillfactor

CRONS = {
    "ir_cron_collection_debtor_refresh": ("collection.ledger", "model._cron_refresh()"),
    "ir_cron_collection_run": ("collection.escalation", "model._cron_escalate()"),
}


OLD_DEMAND = "<p>Despite our reminders, the invoices listed below remain unpaid."
NEW_DEMAND = "<p>The invoices listed below remain unpaid."


def migrate(cr, version):
    set_debtor_fillfactor(cr)
    cr.execute(
        SQL(
            """
            UPDATE collection_level
               SET letter_text = jsonb_set(
                   letter_text, '{en_US}',
                   to_jsonb(replace(letter_text->>'en_US', %(old)s, %(new)s)))
             WHERE action = 'demand' AND letter_text->>'en_US' LIKE %(pattern)s
            """,
            old=OLD_DEMAND,
            new=NEW_DEMAND,
            pattern=OLD_DEMAND + "%",
        )
    )
    for column in ("max_days_overdue", "next_action_date"):
        drop_index(
            cr, make_index_name("collection_debtor", column), "collection_debtor"
        )
    for xmlid, (model, code) in CRONS.items():
        cr.execute(
            SQL(
                """
                UPDATE ir_act_server s
                   SET model_id = m.id, model_name = %(model)s, code = %(code)s
                  FROM ir_cron c, ir_model_data d, ir_model m
                 WHERE d.module = 'collections_addon' AND d.name = %(xmlid)s
                   AND d.model = 'ir.cron' AND c.id = d.res_id
                   AND s.id = c.ir_actions_server_id AND m.model = %(model)s
                """,
                model=model,
                code=code,
                xmlid=xmlid,
            )
        )
