# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from .demo import generate_commitments, generate_demo


def set_debtor_fillfactor(cr):
    """Room on each page for the daily refresh's updates.

    Every row is rewritten by the refresh of a new day. With free space on its
    page and no indexed column changed, PostgreSQL updates a row in place (a
    "HOT" update) instead of inserting into every index. Also run by the
    18.0.2.0.0 migration for databases installed before.
    """
    cr.execute(SQL("ALTER TABLE collection_debtor SET (fillfactor = 70)"))


def post_init_hook(env):
    """Generate the demo ledger when the module is installed with demo data.

    Runs after the demo XML (the key-accounts policy and its levels) is loaded:
    30 customers with invoices and payments, the ledger of every company, then
    contacts, promises and plans on top of it. Does nothing without demo data.

    :param env: the install environment (superuser)
    """
    set_debtor_fillfactor(env.cr)
    if not env.ref("base.module_collections_addon").demo:
        return
    generate_demo(env)
    env["collection.ledger"]._refresh_companies()
    generate_commitments(env)
