# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attacks of ``test_sale_guards.py`` over real JSON-RPC calls
(``/jsonrpc``, ``execute_kw``) as each role: an error in a JSON answer (HTTP
200), and the resulting order read back from the database."""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_sale_common import HoldGuardCommon
from .test_sale_guards import HoldAttacks


@tagged("post_install", "-at_install")
class TestSaleAttackRpc(HoldAttacks, HoldGuardCommon, HttpCase):
    """The credit hold, its release and the company walls through ``/jsonrpc``."""

    def call(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user`` over ``/jsonrpc``: the
        decoded answer; the test's caches are dropped (the server wrote)."""
        password = user.login + "x" * (8 - len(user.login))
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    password,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        self.env.flush_all()
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return response.json()
