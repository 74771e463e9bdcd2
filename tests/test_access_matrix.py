# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix: every record model x four users x create/read/write/unlink,
generated from one table of what each role is meant to do (not the CSV)."""

from itertools import product

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_guards import GuardCommon

# What each role may do, as "crwu" letters:
# (Viewer, User, Manager, internal user without a Collections group).
# Viewers read the ledger and the commitments, not the run log; collectors
# work the queue (contacts, promises, plans and their schedules) but delete
# nothing except installments of a draft; managers configure and clean up;
# the guards and evidence rules then narrow what a write or delete may do.
MATRIX = {
    "collection.debtor": ("r", "crw", "crwu", ""),
    "collection.policy": ("r", "r", "crwu", ""),
    "collection.level": ("r", "r", "crwu", ""),
    "collection.contact": ("r", "crw", "crwu", ""),
    "collection.promise": ("r", "crw", "crwu", ""),
    "collection.plan": ("r", "crw", "crwu", ""),
    "collection.plan.line": ("r", "crwu", "crwu", ""),
    "collection.run": ("", "r", "crwu", ""),
    # Published rates are public data: managers add and correct them; nobody
    # deletes one a letter may have used.
    "collection.interest.rate": ("r", "r", "crw", ""),
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessMatrix(GuardCommon):
    """Every model x every role x every operation, on a record of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(
            cls.env,
            login="coll_internal",
            groups="base.group_user",
            company_id=cls.env.company.id,
        )

    def test_matrix_covers_every_model(self):
        """The table lists exactly the addon's record models."""
        guarded = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("collection.")
            and not model._abstract
            and not model._transient
        }
        self.assertEqual(set(MATRIX), guarded)

    def test_access_per_role_and_operation(self):
        """Each role has exactly the rights of the table on each model."""
        roles = (self.viewer, self.collector, self.manager, self.internal)
        records = {record._name: record for record, _vals in self.guarded()}
        records["collection.interest.rate"] = self.env[
            "collection.interest.rate"
        ].search([], limit=1)
        for model, rights in MATRIX.items():
            for (user, allowed), (letter, operation) in product(
                zip(roles, rights, strict=True), OPERATIONS.items()
            ):
                record = records[model].with_user(user)
                with self.subTest(model=model, user=user.login, operation=operation):
                    self.assertEqual(record.has_access(operation), letter in allowed)
                    if letter != "r":
                        continue
                    if "r" in allowed:
                        self.assertEqual(record.read(["id"]), [{"id": record.id}])
                    else:
                        with self.assertRaises(AccessError):
                            record.read(["id"])
