# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why the refresh suggested a debtor's type, in the reader's language.

The refresh stores what :func:`lib.classification.suggest_type` returned: the
codes and their figures (written in raw SQL like the other classification
columns, so refused from users through ``REFRESH_COLUMNS`` in
``_collection_system_fields``). The sentences are made when read, by
``lib_messages``, so every user reads them in their own language.
"""

import json

from odoo import api, fields, models

from . import lib_messages


class CollectionDebtor(models.Model):
    _inherit = "collection.debtor"

    # === FIELDS === #
    debtor_type_reason_code = fields.Char(string="Suggestion Code", readonly=True)
    debtor_type_fraud_code = fields.Char(string="Fraud Flag Code", readonly=True)
    # JSON text {"reason": {...}, "fraud": {...}}: the figures of both codes.
    # Text, not jsonb: the refresh compares it as written (jsonb reorders keys).
    debtor_type_reason_args = fields.Text(string="Suggestion Figures", readonly=True)
    debtor_type_reason_auto = fields.Char(
        string="Why This Suggestion", compute="_compute_debtor_type_reason_auto"
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends(
        "debtor_type_reason_code",
        "debtor_type_fraud_code",
        "debtor_type_reason_args",
        "currency_id",
    )
    @api.depends_context("lang")
    def _compute_debtor_type_reason_auto(self):
        for debtor in self:
            args = json.loads(debtor.debtor_type_reason_args or "{}")
            sentences = (
                lib_messages.type_reason(
                    self.env,
                    debtor.debtor_type_reason_code,
                    args.get("reason"),
                    debtor.currency_id,
                ),
                lib_messages.fraud_flag(
                    self.env, debtor.debtor_type_fraud_code, args.get("fraud")
                ),
            )
            debtor.debtor_type_reason_auto = (
                " ".join(sentence for sentence in sentences if sentence) or False
            )
