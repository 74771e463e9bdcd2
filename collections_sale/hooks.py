# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .demo import generate_quotations


def post_init_hook(env):
    """Hold from the formal demand letter on, then the demo quotations.

    Each company without a hold level gets the first formal-demand level of its
    default policy: an order is blocked once a customer was formally asked to
    pay. The demo quotations are only made with demo data.

    :param env: the install environment (superuser)
    """
    for company in env["res.company"].search(
        [("collection_hold_level_id", "=", False)]
    ):
        level = env["collection.level"].search(
            [
                ("company_id", "=", company.id),
                ("policy_id.is_default", "=", True),
                ("action", "=", "demand"),
            ],
            order="days, sequence, id",
            limit=1,
        )
        if level:
            company.collection_hold_level_id = level
    if env.ref("base.module_collections_sale").demo:
        generate_quotations(env)
