# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A run slice renders its mails together, each for its own debtor."""

from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.mail.models.mail_template import MailTemplate

from .test_collection_run import EscalationCommon


@tagged("post_install", "-at_install")
class TestRunBatchMails(EscalationCommon):
    def test_slice_renders_its_mails_in_one_call_per_template(self):
        partners = self.customer
        for index in range(2):
            partners |= self.env["res.partner"].create(
                {
                    "name": f"Slice Debtor {index}",
                    "is_company": True,
                    "email": f"ap{index}@slice.test",
                }
            )
        for index, partner in enumerate(partners):
            self.make_invoice(1000.0 + 111.0 * index, -5, partner=partner)
        with patch.object(
            MailTemplate,
            "send_mail_batch",
            autospec=True,
            side_effect=MailTemplate.send_mail_batch,
        ) as send_mail_batch:
            _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 3)
        self.assertEqual(send_mail_batch.call_count, 1)
        for index, partner in enumerate(partners):
            with self.subTest(partner=partner.name):
                debtor = self.debtor_of(partner)
                contact = self.contacts(partner, level_id=self.levels[3].id)
                mail = contact.mail_id
                self.assertEqual(contact.state, "sent")
                self.assertEqual(mail.res_id, debtor.id)
                # The debtor's own recipient (the first customer's accountant),
                # and its own figures.
                recipient = self.accountant if partner == self.customer else partner
                self.assertEqual(mail.recipient_ids, recipient)
                self.assertEqual(contact.contact_partner_id, recipient)
                self.assertIn(f"{1000.0 + 111.0 * index:,.2f}", mail.body_html)
                self.assertFalse(mail.attachment_ids)

    def test_collection_templates_address_the_contact_of_their_role(self):
        """Sent by the run or from the debtor's chatter, the reminder goes to
        the accountant and the letter to the decision maker."""
        self.make_invoice(100.0, 10)
        self.env["collection.ledger"]._refresh_company(self.env.company)
        debtor = self.debtor_of(self.customer)
        for xmlid, contact in (
            ("collections_addon.mail_template_collection_reminder", self.accountant),
            ("collections_addon.mail_template_collection_letter", self.director),
        ):
            with self.subTest(template=xmlid):
                template = self.env.ref(xmlid)
                values = template._generate_template(debtor.ids, ("partner_to",))
                self.assertEqual(values[debtor.id]["partner_ids"], contact.ids)

    def test_run_writes_nothing_on_the_invoices(self):
        """An invoice's last level is read from the contact log: the run
        updates no ``account_move`` row (a table of many indexes)."""
        invoice = self.make_invoice(700.0, -5)

        def invoice_updates():
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT n_tup_upd FROM pg_stat_xact_user_tables"
                " WHERE relname = 'account_move'"
            )
            return self.env.cr.fetchone()[0]

        before = invoice_updates()
        _run, stats = self.run_on(0)
        self.assertEqual(stats.action_count, 1)
        self.assertEqual(invoice_updates(), before)
        self.assertEqual(invoice.collection_level_id, self.levels[3])
        self.run_on(15)
        invoice.invalidate_recordset(["collection_level_id"])
        self.assertEqual(invoice.collection_level_id, self.levels[15])
