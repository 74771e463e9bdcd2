# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Evidence is append-only: the contact log, promises and finished plans are
never edited, un-flagged or deleted, directly or by deleting what they hang on."""

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.collections_addon.models.collection_guard import system_env

from .test_guards import GuardCommon

# Edits of a recorded entry, each refused.
EDITS = {
    "date": {"date": "2020-01-02 03:04:05"},
    "state": {"state": "failed"},
    "note": {"note": "Edited afterwards"},
    "outcome": {"outcome": "reached"},
    "un-flag": {"is_automatic": False},
}


@tagged("post_install", "-at_install")
class TestEvidence(GuardCommon):
    """Edit, un-flag, delete and cascade attempts on evidence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.automatic = (
            system_env(cls.env["collection.contact"])
            .create(
                {
                    "debtor_id": cls.debtor.id,
                    "channel": "email",
                    "is_automatic": True,
                    "level_id": cls.level.id,
                    "episode": cls.debtor.episode,
                    "state": "sent",
                    "note": "Reminder sent by the run",
                }
            )
            .with_env(cls.env)
        )
        cls.recorded = cls.env["collection.contact"].create(
            {"debtor_id": cls.debtor.id, "channel": "call", "outcome": "no_answer"}
        )
        cls.writers = {
            "collector": cls.collector,
            "manager": cls.manager,
            "superuser": cls.env.user,
        }

    def assertKept(self, records, attempt, exception=UserError):
        """``attempt()`` is refused and ``records`` stay as they were."""
        before = self.snapshot(records)
        with self.assertRaises(exception):
            attempt()
        self.assertEqual(self.snapshot(records), before)

    def as_writer(self, record, name):
        user = self.writers[name]
        return record.sudo() if name == "superuser" else record.with_user(user)

    def test_automatic_entry_never_changes(self):
        """Date, state, note, outcome, automatic flag: refused, even to a manager."""
        for (edit, vals), writer in (
            (item, writer) for item in EDITS.items() for writer in self.writers
        ):
            with self.subTest(edit=edit, writer=writer):
                entry = self.as_writer(self.automatic, writer)
                self.assertKept(self.automatic, lambda e=entry, v=vals: e.write(v))

    def test_recorded_manual_entry_never_changes(self):
        """A manual entry with its outcome set keeps date, state, note and outcome."""
        for (edit, vals), writer in (
            (item, writer) for item in EDITS.items() for writer in self.writers
        ):
            with self.subTest(edit=edit, writer=writer):
                entry = self.as_writer(self.recorded, writer)
                self.assertKept(self.recorded, lambda e=entry, v=vals: e.write(v))

    def test_entry_in_progress_gets_its_outcome_once(self):
        """A call in progress gets its outcome and note; after that it is evidence."""
        entry = (
            self.env["collection.contact"]
            .with_user(self.collector)
            .create({"debtor_id": self.debtor.id, "channel": "call"})
        )
        entry.write({"outcome": "reached", "note": "Will pay on Friday"})
        self.assertEqual(entry.outcome, "reached")
        self.assertKept(entry, lambda: entry.write({"note": "Will pay next month"}))
        self.assertKept(entry, lambda: entry.write({"outcome": "refused"}))

    def test_entries_never_deleted(self):
        """Automatic and recorded entries are not deleted, even by a manager."""
        for entry, writer in (
            (entry, writer)
            for entry in (self.automatic, self.recorded)
            for writer in self.writers
        ):
            with self.subTest(entry=entry.summary, writer=writer):
                target = self.as_writer(entry, writer)
                self.assertKept(entry, target.unlink)

    def test_correction_is_a_new_entry(self):
        """A correction points to the entry it corrects, which stays as it was."""
        before = self.snapshot(self.automatic)
        correction = (
            self.env["collection.contact"]
            .with_user(self.collector)
            .create(
                {
                    "debtor_id": self.debtor.id,
                    "channel": "email",
                    "correction_of_id": self.automatic.id,
                    "outcome": "wrong_number",
                    "note": "The address bounced: wrong accountant e-mail.",
                }
            )
        )
        self.assertEqual(self.automatic.correction_ids, correction)
        after = self.snapshot(self.automatic)
        for row in before + after:
            row.pop("correction_ids")
        self.assertEqual(after, before)
        # The corrected entry is held by its correction (restrict).
        self.assertKept(self.automatic, self.automatic.sudo().unlink)
        self.assertKept(
            correction,
            lambda: correction.with_user(self.manager).write(
                {"correction_of_id": self.recorded.id}
            ),
        )

    def test_history_blocks_deleting_debtor_and_partner(self):
        """A debtor with history, and its partner, cannot be deleted."""
        self.assertKept(self.debtor, self.debtor.with_user(self.manager).unlink)
        partner = self.env["res.partner"].create(
            {"name": "History Only Ltd", "is_company": True}
        )
        debtor = self.env["collection.debtor"].create({"partner_id": partner.id})
        self.env["collection.contact"].create(
            {"debtor_id": debtor.id, "channel": "call", "outcome": "reached"}
        )
        with mute_logger("odoo.sql_db"):
            self.assertKept(debtor.contact_ids, partner.unlink, IntegrityError)
        self.env.invalidate_all()
        self.assertTrue(partner.exists())

    def test_cascades_keep_the_log(self):
        """Deleting the level or the debtor of an automatic entry leaves it as is."""
        self.assertKept(self.automatic, self.debtor.sudo().unlink)
        # Refused either by the level or by a restrict key on the log.
        with mute_logger("odoo.sql_db"):
            self.assertKept(
                self.automatic, self.level.with_user(self.manager).unlink, Exception
            )

    def test_done_plan_kept(self):
        """A done plan can be neither cancelled nor deleted."""
        plan = self.new_plan("active")
        system_env(plan).write({"state": "done"})
        self.assertKept(plan, plan.with_user(self.manager).action_cancel)
        self.assertKept(plan, plan.with_user(self.manager).unlink)

    def test_promise_never_deleted(self):
        """No promise is deleted, whatever its state and whoever asks."""
        for state, writer in (
            (state, writer)
            for state in ("open", "kept", "broken", "cancelled")
            for writer in self.writers
        ):
            with self.subTest(state=state, writer=writer):
                promise = self.new_promise(state)
                self.assertKept(promise, self.as_writer(promise, writer).unlink)

    def test_promise_keeps_what_was_promised(self):
        """Amount, date and invoices of a recorded promise do not change."""
        edits = {
            "amount": {"amount": 50.0},
            "date": {"date": fields.Date.add(self.promise.date, days=1)},
            "invoices": {"invoice_ids": [(6, 0, [])]},
        }
        for edit, vals in edits.items():
            with self.subTest(edit=edit):
                promise = self.promise.with_user(self.manager)
                self.assertKept(self.promise, lambda p=promise, v=vals: p.write(v))
