# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.2.1.0: a run counts its own contact entries.

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


def migrate(cr, version):
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
