# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.2.0.0: services instead of model mixins.

- the two crons call the ledger and escalation services (their records are
  ``noupdate``, so the update does not rewrite them);
- the debtor table keeps room for in-place updates, and the indexes of the two
  columns the refresh rewrites daily are gone (formerly done in ``init()``);
- the shipped demand letter text no longer opens with "Despite our reminders"
  (the letter now says so itself, only when reminders were sent); a text edited
  by the user is left as it is;
- the shipped mail templates (``noupdate``) get the new text (signed once,
  amounts per language and currency) unless the user edited them;
- the reason of the suggested type is no longer stored as an English sentence
  but as codes and figures, made a sentence in the reader's language: the old
  column goes, and the next refresh classifies every debtor again (its key is
  cleared) to fill the codes;
- an invoice's last collection level is no longer stored on the invoice (the
  run rewrote thousands of ``account_move`` rows for a big debtor): it is read
  from the contact log, and the column goes.
"""

import io

from lxml import etree

from odoo import api
from odoo.tools import SQL, file_path
from odoo.tools.convert import convert_xml_import
from odoo.tools.sql import drop_index, make_index_name

from odoo.addons.collections_addon.hooks import set_debtor_fillfactor

CRONS = {
    "ir_cron_collection_debtor_refresh": ("collection.ledger", "model._cron_refresh()"),
    "ir_cron_collection_run": ("collection.escalation", "model._cron_escalate()"),
}


OLD_DEMAND = "<p>Despite our reminders, the invoices listed below remain unpaid."
NEW_DEMAND = "<p>The invoices listed below remain unpaid."


# The signature every shipped template had: still there means not edited.
OLD_SIGNATURE = "company_id.name or ''\">Collections</t></p>"


def reload_mail_templates(env):
    """Reload the shipped mail templates whose body the user kept."""
    path = file_path("collections_addon/data/mail_template_data.xml")
    tree = etree.parse(path)
    root = tree.getroot()
    for record in root.findall("record"):
        template = env.ref(f"collections_addon.{record.get('id')}", False)
        if template and OLD_SIGNATURE not in (template.body_html or ""):
            root.remove(record)
    names = [record.get("id") for record in root.findall("record")]
    if not names:
        return
    data = env["ir.model.data"].search(
        [("module", "=", "collections_addon"), ("name", "in", names)]
    )
    data.noupdate = False
    data.flush_recordset()  # the loader looks the xmlids up in SQL
    root.set("noupdate", "0")
    xmlfile = io.BytesIO(etree.tostring(tree))
    xmlfile.name = path
    convert_xml_import(env, "collections_addon", xmlfile, {}, "update")
    data.noupdate = True


def migrate(cr, version):
    set_debtor_fillfactor(cr)
    reload_mail_templates(api.Environment(cr, api.SUPERUSER_ID, {}))
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
    drop_reason_sentences(cr)
    # The invoices' last level is read from the contact log now.
    cr.execute(
        SQL(
            "ALTER TABLE account_move DROP COLUMN IF EXISTS %s",
            SQL.identifier("collection_level_id"),
        )
    )


def drop_reason_sentences(cr):
    """Drop the stored English reasons; the next refresh stores the codes."""
    cr.execute(
        SQL(
            "ALTER TABLE collection_debtor DROP COLUMN IF EXISTS %s",
            SQL.identifier("debtor_type_reason_auto"),
        )
    )
    cr.execute(SQL("UPDATE res_company SET collection_classification_key = NULL"))
