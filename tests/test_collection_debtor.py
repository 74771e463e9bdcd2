# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.collections_addon.models.collection_guard import system_env
from odoo.addons.collections_addon.models.collection_ledger import (
    CLASSIFICATION_COLUMNS,
)

from .common import CollectionsCommon


@tagged("post_install", "-at_install")
class TestCollectionDebtorFigures(CollectionsCommon):
    """The ledger agrees with the accounting to the cent (credit-control #380, #457,
    #211, #543, #94)."""

    def assertLedgerMatchesAccounting(self, partner, company=None):
        debtor = self.debtor_of(partner, company)
        due, overdue = self.accounting_open(partner, company)
        self.assertAlmostEqual(debtor.amount_due, due, places=2)
        self.assertAlmostEqual(debtor.amount_overdue, overdue, places=2)
        buckets = sum(
            debtor[f]
            for f in (
                "aging_not_due",
                "aging_1_30",
                "aging_31_60",
                "aging_61_90",
                "aging_91_180",
                "aging_181_365",
                "aging_over_365",
            )
        )
        self.assertAlmostEqual(
            buckets + debtor.amount_credit, debtor.amount_due, places=2
        )
        return debtor

    def test_partial_payment_counts_residual_not_total(self):
        """A partly paid invoice is overdue for its residual only."""
        invoice = self.make_invoice(1000.0, -10)
        self.pay(invoice, 400.0)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.amount_overdue, 600.0)
        self.assertEqual(debtor.aging_1_30, 600.0)
        self.assertEqual(debtor.max_days_overdue, 10)

    def test_installment_terms_age_each_line_on_its_own_due_date(self):
        """30% now / 70% later: one line overdue, the other not due yet."""
        term = self.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 30.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 70.0, "nb_days": 60}
                    ),
                ],
            }
        )
        self.make_invoice(1000.0, 0, invoice_date=self.days(-40), payment_term=term)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.aging_31_60, 300.0)
        self.assertEqual(debtor.aging_not_due, 700.0)
        self.assertEqual(debtor.amount_overdue, 300.0)
        self.assertEqual(debtor.max_days_overdue, 40)

    def test_credit_note_and_unapplied_payment_are_netted_never_overdue(self):
        """Unreconciled credits lower the total due but not the overdue amount."""
        self.make_invoice(1000.0, -20)
        self.make_invoice(150.0, -5, move_type="out_refund")
        self.unapplied_payment(self.customer, 200.0)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.amount_overdue, 1000.0)
        self.assertEqual(debtor.amount_credit, -350.0)
        self.assertEqual(debtor.amount_due, 650.0)

    def test_draft_cancelled_and_reversed_moves_are_ignored(self):
        self.make_invoice(100.0, -10, post=False)
        cancelled = self.make_invoice(200.0, -10, post=False)
        cancelled.button_cancel()
        reversed_invoice = self.make_invoice(300.0, -10)
        reversed_invoice._reverse_moves(cancel=True)
        self.make_invoice(50.0, -10)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.amount_overdue, 50.0)
        self.assertEqual(debtor.open_line_count, 1)

    def test_foreign_currency_totalled_in_company_currency(self):
        """1,000 EUR at 2 EUR per USD is 500 USD of overdue debt."""
        eur = self.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        invoice = self.make_invoice(1000.0, -3, currency=eur)
        self.pay(invoice, 250.0, currency=eur)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.amount_overdue, 375.0)
        line = debtor.open_line_ids
        self.assertEqual(line.currency_id, eur)
        self.assertEqual(line.amount_residual_currency, 750.0)

    def test_child_contact_rolls_up_to_commercial_partner(self):
        self.make_invoice(400.0, -15, partner=self.customer_contact)
        self.make_invoice(100.0, -15)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(debtor.partner_id, self.customer)
        self.assertEqual(debtor.amount_overdue, 500.0)
        self.assertFalse(self.debtor_of(self.customer_contact) - debtor)

    def test_every_bucket_on_each_line_due_date(self):
        for amount, due_in in (
            (1.0, 10),
            (2.0, -1),
            (4.0, -31),
            (8.0, -61),
            (16.0, -91),
            (32.0, -181),
            (64.0, -366),
        ):
            self.make_invoice(amount, due_in)
        self.refresh()
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        self.assertEqual(
            [
                debtor.aging_not_due,
                debtor.aging_1_30,
                debtor.aging_31_60,
                debtor.aging_61_90,
                debtor.aging_91_180,
                debtor.aging_181_365,
                debtor.aging_over_365,
            ],
            [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0],
        )
        self.assertEqual(debtor.max_days_overdue, 366)

    def test_second_company_never_mixed(self):
        company_2 = self.setup_other_company()["company"]
        self.make_invoice(100.0, -10)
        self.make_invoice(7000.0, -10, company=company_2)
        self.refresh()
        self.refresh(company=company_2)
        debtor = self.assertLedgerMatchesAccounting(self.customer)
        debtor_2 = self.assertLedgerMatchesAccounting(self.customer, company_2)
        self.assertEqual(debtor.amount_overdue, 100.0)
        self.assertEqual(debtor_2.amount_overdue, 7000.0)
        # Record rule: a collector of the first company does not see the second one.
        visible = self.Debtor.with_user(self.collector).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(visible, debtor)
        with self.assertRaises(AccessError):
            debtor_2.with_user(self.collector).read(["amount_overdue"])

    def test_a_branch_reads_its_parent_companys_receivable_accounts(self):
        """Each company's open lines are read through its own receivable accounts;
        a branch books on its parent's."""
        company_2 = self.setup_other_company()["company"]
        Receivable = self.env["collection.receivable"]
        own = set(Receivable._account_ids(self.env.company))
        other = set(Receivable._account_ids(company_2))
        self.assertTrue(own)
        self.assertFalse(own & other)
        branch = self.env["res.company"].create(
            {"name": "Branch", "parent_id": self.env.company.id}
        )
        self.assertLessEqual(own, set(Receivable._account_ids(branch)))
        self.assertFalse(other & set(Receivable._account_ids(branch)))

    def test_paid_debt_drops_to_zero_and_keeps_the_debtor(self):
        invoice = self.make_invoice(500.0, -5)
        self.refresh()
        self.pay(invoice, 500.0)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.assertEqual((debtor.amount_due, debtor.amount_overdue), (0.0, 0.0))
        self.assertEqual(debtor.paid_count, 1)


@tagged("post_install", "-at_install")
class TestCollectionDebtorRefresh(CollectionsCommon):
    """Set-based refresh: constant queries, writes only what changed."""

    def test_same_day_rerun_writes_nothing(self):
        self.make_invoice(100.0, -10)
        self.make_invoice(200.0, -40, partner=self.customer_b)
        self.assertEqual(self.refresh(), 2)
        before = self.Debtor.search([]).mapped("write_date")
        self.assertEqual(self.refresh(), 0)
        self.assertEqual(self.Debtor.search([]).mapped("write_date"), before)

    def test_changed_figures_rewrite_only_that_debtor(self):
        invoice = self.make_invoice(100.0, -10)
        self.make_invoice(200.0, -40, partner=self.customer_b)
        self.refresh()
        self.pay(invoice, 30.0)
        self.assertEqual(self.refresh(), 1)
        self.assertEqual(self.debtor_of(self.customer).amount_overdue, 70.0)

    def _risk_score_in_db(self, debtor):
        self.env.flush_all()
        self.cr.execute(
            "SELECT risk_score FROM collection_debtor WHERE id = %s", [debtor.id]
        )
        return self.cr.fetchone()[0]

    def test_same_day_rerun_skips_unchanged_classification(self):
        """Same day, same figures, nothing new: phase 2 is not run again.

        A classification column changed behind the refresh's back shows it: it
        stays until an input of the classification changes (here a contact).
        """
        self.make_invoice(100.0, -10)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.cr.execute(
            "UPDATE collection_debtor SET risk_score = 99 WHERE id = %s", [debtor.id]
        )
        self.assertEqual(self.refresh(), 0)
        self.assertEqual(self._risk_score_in_db(debtor), 99)
        self.env["collection.contact"].create(
            {"debtor_id": debtor.id, "channel": "call", "outcome": "no_answer"}
        )
        self.assertEqual(self.refresh(), 1)
        self.assertNotEqual(self._risk_score_in_db(debtor), 99)
        self.assertEqual(self.debtor_of(self.customer).contacts_total, 1)

    def test_new_day_reclassifies(self):
        self.make_invoice(100.0, -10)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.cr.execute(
            "UPDATE collection_debtor SET risk_score = 99 WHERE id = %s", [debtor.id]
        )
        self.refresh(today=self.days(1))
        self.assertNotEqual(self._risk_score_in_db(debtor), 99)

    def test_amounts_are_stored_rounded_to_the_currency(self):
        self.make_invoice(0.1, -10)
        self.make_invoice(0.2, -10)
        self.refresh()
        self.cr.execute(
            "SELECT amount_due::text, amount_overdue::text FROM collection_debtor"
            " WHERE id = %s",
            [self.debtor_of(self.customer).id],
        )
        for text in self.cr.fetchone():
            # Not 0.3000000000000000444..., the float's binary expansion.
            self.assertEqual(text.rstrip("0"), "0.3")

    def test_refresh_update_keeps_amounts_rounded(self):
        invoice = self.make_invoice(0.1, -10)
        self.make_invoice(0.2, -10)
        self.refresh()
        self.pay(invoice, 0.05)
        self.assertEqual(self.refresh(), 1)
        self.cr.execute(
            "SELECT amount_due::text FROM collection_debtor WHERE id = %s",
            [self.debtor_of(self.customer).id],
        )
        self.assertEqual(self.cr.fetchone()[0].rstrip("0"), "0.25")

    def test_bulk_update_keeps_texts_and_nulls_intact(self):
        """Array literals: quotes, backslashes, braces and commas survive."""
        self.make_invoice(100.0, -10)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.cr.execute(
            "SELECT risk_components::text FROM collection_debtor WHERE id = %s",
            [debtor.id],
        )
        components = self.cr.fetchone()[0]
        text = 'He said "pay", then {nothing}, C:\\path\\ NULL'
        Ledger = self.env["collection.ledger"]
        row = Ledger._stored_rows(self.env.company, {"debtor_type": "varchar"})
        vals = dict(Ledger._zero_figures(), amount_due=12.5)
        vals.update(
            {
                name: None
                for name, cast in CLASSIFICATION_COLUMNS.items()
                if cast in ("varchar", "date")
            }
        )
        vals.update(
            paid_count=3,
            paid_late_count=1,
            avg_days_late=2.5,
            late_share=0.3333,
            days_since_last_payment=4,
            contacts_total=0,
            contacts_unanswered=0,
            promises_kept=0,
            promises_broken=0,
            plans_defaulted=0,
            risk_score=7,
            risk_components=components,
            fraud_review=True,
            debtor_type_reason_args=text,
        )
        self.assertIn(self.customer.id, row)
        Ledger._bulk_update([(debtor.id, vals)])
        debtor.invalidate_recordset()
        self.assertEqual(debtor.debtor_type_reason_args, text)
        self.assertFalse(debtor.debtor_type)
        self.assertFalse(debtor.next_action_date)
        self.assertTrue(debtor.fraud_review)
        self.assertEqual(debtor.amount_due, 12.5)
        self.assertEqual(debtor.late_share, 0.3333)
        self.assertEqual(debtor.risk_components, json.loads(components))

    def test_debtor_table_leaves_room_for_in_place_updates(self):
        """Fillfactor below 100 and no index on the columns every day rewrites."""
        self.cr.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'collection_debtor'"
        )
        self.assertIn("fillfactor=70", self.cr.fetchone()[0])
        self.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'collection_debtor'"
        )
        indexes = {row[0] for row in self.cr.fetchall()}
        self.assertNotIn("collection_debtor__max_days_overdue_index", indexes)
        self.assertNotIn("collection_debtor__next_action_date_index", indexes)
        self.assertIn("collection_debtor__amount_overdue_index", indexes)

    def _make_debtors(self, count, company):
        partners = self.env["res.partner"].create(
            [{"name": f"{company.name} {i}", "is_company": True} for i in range(count)]
        )
        moves = (
            self.env["account.move"]
            .with_company(company)
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "invoice_date": self.days(-30),
                        "invoice_date_due": self.days(-(i % 400)),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "x",
                                    "quantity": 1,
                                    "price_unit": 10.0 + i,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for i, partner in enumerate(partners)
                ]
            )
        )
        moves.action_post()
        return moves

    def _count_refresh_queries(self, company):
        self.env.flush_all()
        start = self.cr.sql_log_count
        self.env["collection.ledger"].with_company(company)._refresh_company(company)
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def test_refresh_query_count_is_constant(self):
        """10 and 100 debtors cost the same number of queries, created or updated."""
        created, updated = {}, {}
        for size in (10, 100):
            company = self.setup_other_company(name=f"Size {size}")["company"]
            moves = self._make_debtors(size, company)
            created[size] = self._count_refresh_queries(company)
            for move in moves:
                self.pay(move, 5.0)
            updated[size] = self._count_refresh_queries(company)
        self.assertEqual(created[10], created[100])
        self.assertEqual(updated[10], updated[100])
        self.assertLessEqual(max(created[100], updated[100]), 30)


@tagged("post_install", "-at_install")
class TestCollectionDebtorClassification(CollectionsCommon):
    def test_abc_classes_follow_company_thresholds(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Exposure {i}", "is_company": True} for i in range(4)]
        )
        for partner, amount in zip(
            partners, (8000.0, 1000.0, 600.0, 400.0), strict=True
        ):
            self.make_invoice(amount, -20, partner=partner)
        self.refresh()
        self.assertEqual(
            [self.debtor_of(p).abc_class for p in partners], ["a", "b", "b", "c"]
        )
        self.env.company.write(
            {"collection_abc_a": 70, "collection_abc_b": 20, "collection_abc_c": 10}
        )
        self.refresh()
        self.assertEqual(
            [self.debtor_of(p).abc_class for p in partners], ["a", "b", "c", "c"]
        )

    def test_abc_thresholds_must_add_up_to_100(self):
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            self.env.company.collection_abc_a = 90

    def test_late_payer_behaviour_metrics(self):
        for days_late in (10, 20):
            invoice = self.make_invoice(100.0, -60, invoice_date=self.days(-90))
            self.pay(invoice, 100.0, date=self.days(-60 + days_late))
        on_time = self.make_invoice(100.0, -30, invoice_date=self.days(-60))
        self.pay(on_time, 100.0, date=self.days(-31))
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.assertEqual(debtor.paid_count, 3)
        self.assertEqual(debtor.paid_late_count, 2)
        self.assertAlmostEqual(debtor.late_share, 2 / 3, places=3)
        self.assertAlmostEqual(debtor.avg_days_late, 10.0, places=1)

    def test_risk_score_has_components_summing_to_total(self):
        self.make_invoice(5000.0, -200)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.assertGreater(debtor.risk_score, 0)
        self.assertEqual(
            sum(p for _label, p in debtor.risk_components), debtor.risk_score
        )
        self.assertIn("Days overdue", debtor.risk_explanation)

    def test_type_is_suggested_and_never_fraudulent_automatically(self):
        self.make_invoice(90000.0, -300)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        self.assertTrue(debtor.debtor_type)
        self.assertNotEqual(debtor.debtor_type, "fraudulent")
        self.assertEqual(debtor.debtor_type, debtor.debtor_type_suggested)
        self.assertTrue(debtor.debtor_type_reason_auto)

    def test_override_needs_reason_is_kept_by_refresh_and_resets(self):
        self.make_invoice(100.0, -5)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        new_type = "involuntary" if debtor.debtor_type != "involuntary" else "chronic"
        with self.assertRaisesRegex(ValidationError, "override reason"):
            debtor.with_user(self.collector).write({"debtor_type": new_type})
        debtor.with_user(self.collector).write(
            {
                "debtor_type": new_type,
                "debtor_type_reason": "Client of theirs went bankrupt",
            }
        )
        self.assertTrue(debtor.debtor_type_manual)
        self.refresh()
        self.assertEqual(debtor.debtor_type, new_type)
        debtor.action_reset_debtor_type()
        self.assertEqual(debtor.debtor_type, debtor.debtor_type_suggested)
        self.assertFalse(debtor.debtor_type_manual)

    def test_only_manager_marks_fraudulent(self):
        self.make_invoice(100.0, -5)
        self.refresh()
        debtor = self.debtor_of(self.customer)
        with self.assertRaisesRegex(AccessError, "the fraudulent type"):
            debtor.with_user(self.collector).write(
                {"debtor_type": "fraudulent", "debtor_type_reason": "Fake company"}
            )
        debtor.with_user(self.manager).write(
            {"debtor_type": "fraudulent", "debtor_type_reason": "Fake company"}
        )
        self.assertEqual(debtor.debtor_type, "fraudulent")


@tagged("post_install", "-at_install")
class TestCollectionDebtorCron(CollectionsCommon):
    def test_cron_refreshes_company_by_company(self):
        self.make_invoice(100.0, -10)
        companies = self.env["res.company"].search([])
        system_env(companies.sudo()).write({"collection_refresh_date": False})
        cron = self.env.ref("collections_addon.ir_cron_collection_debtor_refresh")
        for _i in companies:
            cron.method_direct_trigger()
        self.assertEqual(set(companies.mapped("collection_refresh_date")), {self.today})
        self.assertEqual(self.debtor_of(self.customer).amount_overdue, 100.0)
        # A same-day re-run has nothing left to do.
        self.assertEqual(self.refresh(), 0)

    def test_refresh_button_needs_collections_user(self):
        with self.assertRaisesRegex(AccessError, "Refreshing the debtor ledger"):
            self.Debtor.with_user(self.viewer).action_refresh_all()
        self.make_invoice(100.0, -10)
        self.Debtor.with_user(self.collector).action_refresh_all()
        self.assertEqual(self.debtor_of(self.customer).amount_overdue, 100.0)


@tagged("post_install", "-at_install")
class TestCollectionDebtorGuard(CollectionsCommon):
    """What a user may write on a debtor, and what only Collections writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_invoice(100.0, -20)
        cls.env["collection.ledger"]._refresh_company(cls.env.company)
        cls.debtor = cls.Debtor.search([("partner_id", "=", cls.customer.id)])

    def test_figures_and_escalation_state_are_refused_to_users(self):
        level = self.env["collection.level"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        for vals in (
            {"amount_overdue": 0.0},
            {"aging_1_30": 0.0},
            {"abc_class": "c"},
            {"risk_score": 0},
            {"debtor_type_manual": True},
            {"fraud_review": True},
            {"level_id": level.id},
            {"stage": "legal"},
            {"episode": 7},
            {"forced_level_id": level.id},
            {"next_action_by_user": True},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(AccessError, "can only be set by"):
                    self.debtor.with_user(self.manager).write(vals)
        self.assertEqual(self.debtor.amount_overdue, 100.0)
        self.assertEqual(self.debtor.stage, "normal")

    def test_a_default_in_the_context_is_refused_too(self):
        with self.assertRaisesRegex(AccessError, "Overdue"):
            self.Debtor.with_user(self.collector).with_context(
                default_amount_overdue=5.0
            ).create({"partner_id": self.customer_b.id})

    def test_partner_and_company_never_change(self):
        company_2 = self.setup_other_company()["company"]
        for vals in (
            {"partner_id": self.customer_b.id},
            {"company_id": company_2.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "cannot change"):
                    self.debtor.with_user(self.manager).write(vals)
        self.assertEqual(self.debtor.partner_id, self.customer)

    def test_a_collectors_next_action_date_is_kept_until_it_passes(self):
        self.assertEqual(self.debtor.next_action_date, self.today)  # overdue: today
        self.debtor.with_user(self.collector).write({"next_action_date": self.days(10)})
        self.assertTrue(self.debtor.next_action_by_user)
        self.refresh(today=self.days(1))
        self.assertEqual(self.debtor.next_action_date, self.days(10))
        self.assertTrue(self.debtor.next_action_by_user)
        self.refresh(today=self.days(11))
        self.assertEqual(self.debtor.next_action_date, self.days(11))
        self.assertFalse(self.debtor.next_action_by_user)

    def test_clearing_the_date_gives_it_back_to_the_refresh(self):
        self.debtor.with_user(self.collector).write({"next_action_date": self.days(10)})
        self.debtor.with_user(self.collector).write({"next_action_date": False})
        self.assertFalse(self.debtor.next_action_by_user)
        self.refresh(today=self.days(1))
        self.assertEqual(self.debtor.next_action_date, self.days(1))

    def test_collector_sets_the_type_and_hold(self):
        self.debtor.with_user(self.collector).write(
            {
                "debtor_type": "involuntary",
                "debtor_type_reason": "Their biggest customer went bankrupt",
                "hold_until": self.days(5),
                "hold_reason": "Waiting for the insurer",
            }
        )
        self.assertEqual(self.debtor.debtor_type, "involuntary")
        self.assertTrue(self.debtor.debtor_type_manual)
        self.assertTrue(self.debtor.on_hold)

    def test_viewer_cannot_reset_the_type(self):
        with self.assertRaises(AccessError):
            self.debtor.with_user(self.viewer).action_reset_debtor_type()

    def test_a_debtor_without_history_can_be_deleted(self):
        self.debtor.with_user(self.manager).unlink()
        self.assertFalse(self.debtor.exists())

    def test_a_debtor_with_a_promise_is_not_deleted(self):
        self.env["collection.promise"].create(
            {"debtor_id": self.debtor.id, "amount": 50.0, "date": self.days(3)}
        )
        with self.assertRaisesRegex(UserError, "Archive the debtor"):
            self.debtor.with_user(self.manager).unlink()
