# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Collections for Sales",
    "summary": "The customer's debt on quotations and orders, and a credit hold "
    "with a Collections Manager's release",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/collections-addon/collections_addon",
    "author": "Collections Addon Authors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["sale", "collections_addon"],
    "data": [
        # Security
        "security/ir.model.access.csv",
        # Wizards (before the order form that opens them)
        "wizard/collection_hold_release_views.xml",
        # Views
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_tests": [
            "collections_sale/static/tests/tours/**/*",
        ],
    },
}
