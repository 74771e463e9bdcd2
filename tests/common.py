# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

VIEWER = "collections_addon.collections_addon_group_viewer"
USER = "collections_addon.collections_addon_group_user"
MANAGER = "collections_addon.collections_addon_group_manager"


class CollectionsCommon(AccountTestInvoicingCommon):
    """Invoices, payments and credit notes as the accounting makes them."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref(MANAGER)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Debtor = cls.env["collection.debtor"]
        cls.today = cls.env.company._collection_today()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Debtor One Ltd", "is_company": True, "email": "ap@debtor1.test"}
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {"name": "Anna Accountant", "parent_id": cls.customer.id, "type": "invoice"}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Debtor Two Ltd", "is_company": True, "email": "ap@debtor2.test"}
        )
        cls.viewer = cls.collections_user("coll_viewer", VIEWER)
        cls.collector = cls.collections_user("coll_user", USER)
        cls.manager = cls.collections_user("coll_manager", MANAGER)

    # --- helpers --------------------------------------------------------------
    @classmethod
    def collections_user(cls, login, group):
        """An internal user of the current company with one Collections group."""
        return new_test_user(
            cls.env,
            login=login,
            email=f"{login}@example.com",
            groups=f"base.group_user,{group}",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    @classmethod
    def days(cls, n):
        return cls.today + timedelta(days=n)

    @classmethod
    def make_invoice(
        cls,
        amount,
        due_in,
        partner=None,
        currency=None,
        post=True,
        move_type="out_invoice",
        invoice_date=None,
        payment_term=None,
        company=None,
    ):
        """A customer invoice of ``amount`` due ``due_in`` days from today."""
        company = company or cls.env.company
        due = cls.days(due_in)
        vals = {
            "move_type": move_type,
            "partner_id": (partner or cls.customer).id,
            "invoice_date": invoice_date or min(due, cls.today),
            "company_id": company.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Services",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if payment_term:
            vals["invoice_payment_term_id"] = payment_term.id
        else:
            vals["invoice_date_due"] = due
        if currency:
            vals["currency_id"] = currency.id
        move = cls.env["account.move"].with_company(company).create(vals)
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount, date=None, currency=None):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "payment_date": date or cls.today,
                    "amount": amount,
                    **({"currency_id": currency.id} if currency else {}),
                }
            )
        )
        return wizard._create_payments()

    @classmethod
    def unapplied_payment(cls, partner, amount, company=None):
        company = company or cls.env.company
        payment = (
            cls.env["account.payment"]
            .with_company(company)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": amount,
                    "date": cls.today,
                }
            )
        )
        payment.action_post()
        return payment

    def letter_values(self, debtor, level=None, overdue_only=True):
        """What the letter (or the statement) of ``debtor`` prints, for
        ``level`` (default: the debtor's)."""
        return self.env["collection.document"]._letter_values(
            debtor, {debtor.id: level} if level else None, overdue_only=overdue_only
        )[debtor.id]

    def refresh(self, company=None, today=None):
        """The ledger of ``company`` on ``today`` (default: the day the test
        class was set up, so a run across midnight keeps its day)."""
        return self.env["collection.ledger"]._refresh_company(
            company or self.env.company, today=today or self.today
        )

    def send_mail_queue(self):
        """What Odoo's mail queue does once the run's transaction is committed."""
        mails = self.env["mail.mail"].sudo().search([("state", "=", "outgoing")])
        mails.send(raise_exception=False)
        return mails

    def debtor_of(self, partner, company=None):
        return self.Debtor.with_context(active_test=False).search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("company_id", "=", (company or self.env.company).id),
            ]
        )

    def accounting_open(self, partner, company=None):
        """The accounting's own view of the open receivable, through the ORM."""
        company = company or self.env.company
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", company.id),
                (
                    "partner_id.commercial_partner_id",
                    "=",
                    partner.commercial_partner_id.id,
                ),
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
            ]
        )
        due = sum(lines.mapped("amount_residual"))
        overdue = sum(
            line.amount_residual
            for line in lines
            if line.amount_residual > 0 and line.date_maturity < self.today
        )
        return company.currency_id.round(due), company.currency_id.round(overdue)


def jsonable(value):
    """``value`` as a JSON-RPC caller sends it: dates as text, tuples as lists."""
    if isinstance(value, date):
        return fields.Date.to_string(value)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


class JsonRpcMixin:
    """Real JSON-RPC calls (``/jsonrpc``) as a user, for an ``HttpCase``.

    The users' password is their login padded to 8 characters, as
    ``new_test_user`` sets it.
    """

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user``: the decoded answer."""
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
                    jsonable(list(args)),
                    jsonable(kwargs),
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

    def assertRpcRefused(self, answer, exception, pattern="."):
        """The answer is an error of ``exception`` (or a subclass) matching
        ``pattern``."""
        error = answer.get("error")
        self.assertTrue(error, f"not refused, answered {answer.get('result')!r}")
        names = {f"odoo.exceptions.{exception.__name__}"}
        if exception is UserError:
            names |= {
                "odoo.exceptions.AccessError",
                "odoo.exceptions.ValidationError",
            }
        self.assertIn(error["data"]["name"], names, error["data"]["message"])
        self.assertRegex(error["data"]["message"], pattern)
        return error["data"]["message"]
