# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import bounds, days, statutory
from .collection_guard import MANAGER, check_values, refuse_protected, system_env
from .selections import INTEREST_DAY_BASES, INTEREST_REGIMES, UNASSIGNED_QUEUES

# Written by the refresh and the run only (see collection_guard).
SYSTEM_FIELDS = frozenset(
    {
        "collection_refresh_date",
        "collection_commitments_date",
        "collection_classification_key",
    }
)


class ResCompany(models.Model):
    _inherit = "res.company"

    # === FIELDS === #
    collection_abc_a = fields.Integer(
        string="Class A share (%)",
        default=80,
        help="Debtors making up the first part of the overdue exposure are class A.",
    )
    collection_abc_b = fields.Integer(string="Class B share (%)", default=15)
    collection_abc_c = fields.Integer(string="Class C share (%)", default=5)
    collection_interest_rate = fields.Float(
        string="Late Interest Rate (% per year)",
        digits=(16, 4),
        default=0.0,
        help="Yearly percentage of simple interest on overdue amounts, counted "
        "per day late on a 365-day year, shown in demand letters.",
    )
    collection_interest_regime = fields.Selection(
        INTEREST_REGIMES,
        string="Interest Regime",
        required=True,
        default=statutory.FLAT,
        help="How late interest is computed in letters: the law of the country "
        "(rate tables by period) or a contractual or flat rate. A new company "
        "starts with the regime of its country; a customer's contract may set "
        "another one.",
    )
    collection_interest_margin = fields.Float(
        string="EU Directive Margin (points)",
        digits=(16, 4),
        default=8.0,
        help="Points added to the ECB main refinancing rate under the EU late "
        "payment directive: at least 8, higher where the member state says so.",
    )
    collection_interest_daily_rate = fields.Float(
        string="Daily Penalty (% per day)",
        digits=(16, 4),
        default=0.0,
        help="Contractual penalty per day late on the unpaid amount, e.g. 0.1.",
    )
    collection_interest_cap = fields.Float(
        string="Penalty Cap (% of the overdue amount)",
        digits=(16, 4),
        default=0.0,
        help="The daily penalty of an invoice stops at this percentage of the "
        "amount overdue on its due date. 0: no cap.",
    )
    collection_interest_day_basis = fields.Selection(
        INTEREST_DAY_BASES,
        string="Interest Day Basis",
        required=True,
        default="365",
        help="Days of a year for annual rates other than the Russian art. 395 "
        "(always the actual year) and the flat rate (always 365).",
    )
    collection_payment_deadline_days = fields.Integer(
        string="Payment Deadline (days)",
        default=7,
        help="Days given in a demand letter to pay before the next step.",
    )
    collection_promise_horizon_days = fields.Integer(
        string="Promise Horizon (days)",
        default=30,
        help="A promise to pay may not be dated further than this from today.",
    )
    collection_promise_grace_days = fields.Integer(
        string="Promise Grace (days)",
        default=3,
        help="Days after the promised date before an unpaid promise is broken.",
    )
    collection_promise_reminder = fields.Boolean(
        string="Remind the Day Before",
        default=True,
        help="E-mail the debtor the day before the promised date.",
    )
    collection_plan_approval_amount = fields.Monetary(
        string="Plans Above This Amount Need Approval",
        currency_field="currency_id",
        default=10000.0,
    )
    collection_plan_max_installments = fields.Integer(
        string="Plans With More Installments Need Approval", default=6
    )
    collection_plan_grace_days = fields.Integer(
        string="Plan Grace (days)",
        default=5,
        help="An installment overdue longer than this puts the plan in default.",
    )
    collection_plan_reminder_days = fields.Integer(
        string="Installment Reminder (days before)", default=3
    )
    collection_plan_default_level_id = fields.Many2one(
        "collection.level",
        string="Level After a Plan Default",
        check_company=True,
        help="The escalation level the covered invoices go to when a plan "
        "defaults, e.g. the formal demand letter.",
    )
    collection_unassigned_queue = fields.Selection(
        UNASSIGNED_QUEUES,
        string="Unassigned Debtors",
        default="manager",
        required=True,
        help="Who works the debtors due today that have no collector: the "
        "Collections Managers, in their own queue (they work or assign them), or "
        "every collector, from the shared Unassigned Pool.",
    )
    collection_refresh_date = fields.Date(
        string="Debtor Figures Refreshed On",
        readonly=True,
        copy=False,
        help="Day of the last complete refresh of the debtor ledger of this company.",
    )
    collection_commitments_date = fields.Date(
        string="Promises and Plans Followed On",
        readonly=True,
        copy=False,
        help="Day the scheduled run last judged the promises to pay and followed "
        "the installment plans of this company.",
    )
    collection_classification_key = fields.Char(
        string="Debtor Classification Inputs",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="What the last classification of the debtors depended on: the "
        "refresh skips the classification while it is unchanged.",
    )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("collection_abc_a", "collection_abc_b", "collection_abc_c")
    def _check_collection_abc_thresholds(self):
        for company in self:
            shares = (
                company.collection_abc_a,
                company.collection_abc_b,
                company.collection_abc_c,
            )
            if any(share <= 0 for share in shares) or sum(shares) != 100:
                raise ValidationError(
                    self.env._(
                        "ABC thresholds of %(company)s: the class A, B and C shares "
                        "must each be above 0 and add up to 100 (they are "
                        "%(a)s + %(b)s + %(c)s).",
                        company=company.name,
                        a=shares[0],
                        b=shares[1],
                        c=shares[2],
                    )
                )

    @api.constrains(
        "collection_interest_rate",
        "collection_payment_deadline_days",
        "collection_promise_horizon_days",
        "collection_promise_grace_days",
        "collection_plan_grace_days",
        "collection_plan_reminder_days",
        "collection_plan_approval_amount",
        "collection_plan_max_installments",
    )
    def _check_collection_interest(self):
        for company in self:
            rate = company.collection_interest_rate
            if not math.isfinite(rate) or rate > 1000:
                raise ValidationError(
                    self.env._(
                        "Late Interest Rate of %(company)s: %(rate)s is not a "
                        "yearly percentage between 0 and 1000.",
                        company=company.name,
                        rate=rate,
                    )
                )
            if company.collection_plan_max_installments > bounds.MAX_INSTALLMENTS:
                raise ValidationError(
                    self.env._(
                        "Plans With More Installments Need Approval: at most "
                        "%(cap)s, the hard cap of installments.",
                        cap=bounds.MAX_INSTALLMENTS,
                    )
                )
            if company.collection_interest_rate < 0:
                raise ValidationError(
                    self.env._(
                        "Late Interest Rate of %(company)s cannot be negative.",
                        company=company.name,
                    )
                )
            for fname in (
                "collection_promise_horizon_days",
                "collection_promise_grace_days",
                "collection_plan_grace_days",
                "collection_plan_reminder_days",
                "collection_plan_approval_amount",
            ):
                if company[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(company)s cannot be negative.",
                            field=company._fields[fname].string,
                            company=company.name,
                        )
                    )
            if company.collection_plan_max_installments < 1:
                raise ValidationError(
                    self.env._(
                        "Plans With More Installments Need Approval: at least 1."
                    )
                )
            if company.collection_payment_deadline_days < 1:
                raise ValidationError(
                    self.env._(
                        "Payment Deadline of %(company)s must be at least one day.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "collection_interest_regime",
        "collection_interest_rate",
        "collection_interest_margin",
        "collection_interest_daily_rate",
        "collection_interest_cap",
        "collection_interest_day_basis",
    )
    def _check_collection_interest_terms(self):
        service = self.env["collection.interest"]
        for company in self:
            regime = company.collection_interest_regime
            terms = statutory.Terms(
                regime=regime,
                rate=Decimal(str(company.collection_interest_rate))
                if regime != statutory.CONTRACTUAL_DAILY
                else Decimal(str(company.collection_interest_daily_rate)),
                margin=Decimal(str(company.collection_interest_margin)),
                cap=Decimal(str(company.collection_interest_cap)),
                day_basis=None,
            )
            for parameter, code in statutory.terms_problems(terms):
                if parameter == "rate" and regime == statutory.FLAT:
                    continue  # the flat rate keeps its own bound (see above)
                raise ValidationError(
                    service._collection_terms_message(company, regime, parameter, code)
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._collection_check_values(vals)
            if "collection_interest_regime" not in vals and (
                "default_collection_interest_regime" not in self.env.context
            ):
                vals["collection_interest_regime"] = statutory.default_regime(
                    self._collection_country_code(vals)
                )
        refuse_protected(self, SYSTEM_FIELDS, vals_list, self._collection_refusal)
        companies = super().create(vals_list)
        self.env["collection.policy"].sudo()._ensure_default_policy(companies)
        return companies

    def write(self, vals):
        self._collection_check_values(vals)
        refuse_protected(self, SYSTEM_FIELDS, [vals], self._collection_refusal)
        return super().write(vals)

    # === BUSINESS / HOOKS === #
    def _collection_refusal(self, fields):
        return self.env._(
            "Company: %(fields)s can only be set by Collections itself.",
            fields=fields,
        )

    def _collection_check_values(self, vals):
        check_values(self, vals, names={n for n in vals if n.startswith("collection_")})

    @api.model
    def _collection_country_code(self, vals):
        """The country code a new company is created with (its own field, else
        its partner's)."""
        if vals.get("country_id"):
            return self.env["res.country"].browse(vals["country_id"]).code
        if vals.get("partner_id"):
            return self.env["res.partner"].browse(vals["partner_id"]).country_id.code
        return None

    def _collection_today(self):
        """The one "today" of this company's figures, runs, documents and exports:
        the date in the company's time zone (its partner's), else in UTC. Never
        the user's: two users (or the cron) must see the same day."""
        self.ensure_one()
        return days.local_today(self.sudo().partner_id.tz)

    def _collection_day_bounds(self, day):
        """``day`` of this company as naive UTC datetimes ``(start, end)``."""
        self.ensure_one()
        return days.day_bounds(day, self.sudo().partner_id.tz)

    def _collection_managers(self):
        """The Collections Managers who work in this company: internal, active
        users, not the superuser. The one lookup behind every "ask a manager"
        (approvals, hand-overs, the credit hold's releasers)."""
        self.ensure_one()
        return (
            self.env.ref(MANAGER)
            .sudo()
            .users.filtered(
                lambda user: self in user.company_ids
                and not user.share
                and user.active
                and not user._is_superuser()
            )
            .with_env(self.env)
        )

    def _collection_payment_checkers(self):
        """Who checks a payment a customer says it made: the company's
        accountants (Invoicing rights), else its Collections Managers."""
        self.ensure_one()
        accountants = (
            self.env.ref("account.group_account_invoice")
            .sudo()
            .users.filtered(
                lambda user: self in user.company_ids
                and not user.share
                and user.active
                and not user._is_superuser()
            )
            .sorted("id")
            .with_env(self.env)
        )
        return accountants or self._collection_managers().sorted("id")

    def _collection_mark_day(self, fname, value=None):
        """Record what the refresh or the run did today (system fields)."""
        self.ensure_one()
        if value is None:
            value = self._collection_today()
        system_env(self.sudo()).write({fname: value})

    def _collection_abc_thresholds(self):
        self.ensure_one()
        return (self.collection_abc_a, self.collection_abc_b, self.collection_abc_c)
