# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.3.0.0: documents receive their data; a run counts its own entries.

The debtor's letter facades are gone: the mail templates read the debtor's
recipients as fields (``reminder_partner_id``, ``letter_partner_id``) and its
level as ``level_id``, and the reminder lists its items through its one helper
``_collection_mail_values``. The mail templates are ``noupdate``: the old
expressions are replaced in every template of the addon's models, edited by the
user or not, in every language.

A run's *Mails Failed* and *Contacts Logged* counted every entry of its day, so
each run of a day showed the day's failures. A run now keeps the range of the
entries it made (``contact_id_from`` excluded, ``contact_id_to`` included).
The runs logged before get theirs from the entries' creation times: a run slice
creates its entries and then its log in one transaction, so its entries were
created after every entry of earlier transactions and no later than its end.
(The ABC class is now measured on the collectible amount: the next refresh
classifies again by itself, as its key holds the module's version.)
"""

from odoo.tools import SQL

REPLACED = [
    (
        "object.debtor_id._collection_recipient('decision_maker')",
        "object.debtor_id.letter_partner_id",
    ),
    ("object._collection_recipient('accountant')", "object.reminder_partner_id"),
    ("object._collection_recipient('decision_maker')", "object.letter_partner_id"),
    ("object._collection_level_for_letter()", "object.level_id"),
    (
        "object._collection_letter_data(overdue_only=False)",
        "object._collection_mail_values()",
    ),
    ("object._collection_letter_data()", "object._collection_mail_values()"),
]
MODELS = (
    "collection.debtor",
    "collection.promise",
    "collection.plan",
    "collection.plan.line",
)


def migrate(cr, version):
    rewrite_templates(cr)
    count_runs_own_entries(cr)


def count_runs_own_entries(cr):
    cr.execute(
        SQL(
            """
            UPDATE collection_run r
               SET contact_id_from = (
                       SELECT COALESCE(MAX(c.id), 0) FROM collection_contact c
                        WHERE c.company_id = r.company_id
                          AND c.create_date < r.create_date),
                   contact_id_to = (
                       SELECT COALESCE(MAX(c.id), 0) FROM collection_contact c
                        WHERE c.company_id = r.company_id
                          AND c.create_date <= COALESCE(r.date_end, r.create_date))
             WHERE r.contact_id_to IS NULL
            """
        )
    )


def rewrite_templates(cr):
    for column, cast in (
        ("partner_to", "varchar"),
        ("subject", "jsonb"),
        ("body_html", "jsonb"),
    ):
        for old, new in REPLACED:
            cr.execute(
                SQL(
                    """
                    UPDATE mail_template t
                       SET %(column)s = replace(%(column)s::text, %(old)s,
                                                %(new)s)::%(cast)s
                      FROM ir_model m
                     WHERE m.id = t.model_id AND m.model IN %(models)s
                       AND %(column)s::text LIKE %(pattern)s
                    """,
                    column=SQL.identifier(column),
                    old=old,
                    new=new,
                    cast=SQL(cast),
                    models=MODELS,
                    pattern="%" + old.replace("_", "\\_") + "%",
                )
            )
