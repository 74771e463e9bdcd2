# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.2.1.0: statutory interest regimes (issue #24).

A company that existed before keeps the flat annual rate its letters used
until a manager chooses a regime: only companies created from now on start
with the regime of their country. The new column is filled with its default
("flat") when it is created; this makes sure of it.
"""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            "UPDATE res_company SET collection_interest_regime = 'flat' "
            "WHERE collection_interest_regime IS NULL"
        )
    )
