# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.3.0.0: documents receive their data.

The debtor's letter facades are gone: the mail templates read the debtor's
recipients as fields (``reminder_partner_id``, ``letter_partner_id``) and its
level as ``level_id``, and the reminder lists its items through its one helper
``_collection_mail_values``. The mail templates are ``noupdate``: the old
expressions are replaced in every template of the addon's models, edited by the
user or not, in every language.
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
