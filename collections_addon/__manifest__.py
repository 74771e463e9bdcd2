# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Collections",
    "summary": "Receivables collection: debtor ledger, aging, ABC class, risk, "
    "dunning levels, promises to pay and installment plans",
    "version": "18.0.3.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/collections-addon/collections_addon",
    "author": "Collections Addon Authors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["account", "mail"],
    "external_dependencies": {"python": ["xlsxwriter", "num2words"]},
    "data": [
        # Security
        "security/res_groups.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        # Reports (before the mail templates that use them)
        "report/ir_actions_report.xml",
        "report/ir_actions_report_templates.xml",
        # Data
        "data/ir_cron.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_layout_data.xml",
        "data/mail_template_data.xml",
        "data/collection_policy_data.xml",
        "data/collection_interest_rate_data.xml",
        # Wizards (before the lists whose buttons open them)
        "wizard/collection_dispute_resolve_views.xml",
        "wizard/collection_dispute_views.xml",
        "wizard/collection_payment_claim_views.xml",
        # Views
        "views/collection_debtor_views.xml",
        "views/collection_policy_views.xml",
        "views/collection_level_views.xml",
        "views/collection_contact_views.xml",
        "views/collection_run_views.xml",
        "views/collection_promise_views.xml",
        "views/collection_plan_views.xml",
        "views/collection_interest_rate_views.xml",
        "views/account_move_views.xml",
        "views/account_move_line_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/collections_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/collection_demo.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "collections_addon/static/src/scss/collection_report.scss",
        ],
        "web.assets_tests": [
            "collections_addon/static/tests/tours/**/*",
        ],
    },
}
