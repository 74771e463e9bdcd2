# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer in one company: figures, classification, escalation state, and
the collector's daily queue.

``amount_collectible`` and ``risk_score`` are written by the refresh in raw
SQL, so a stored compute on them would never recompute. ``priority_score`` is
therefore not stored: it is computed in Python for display and, for sorting,
translated to the same SQL expression by ``_field_to_sql`` (Odoo 18 sorts a
non-stored field that has an SQL translation, and shows it as sortable).

The queue (``in_my_queue``, ``in_pool``) holds the debtors with something to
collect whose next action is due, less those whose overdue an active plan in
good standing covers; the unassigned go where the company's setting says.
"""

import json
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date

from ..lib import bounds, standing
from . import lib_messages
from .collection_document import REPORT_LETTER, REPORT_STATEMENT
from .collection_guard import MANAGER, USER, check_group, is_system, system_env
from .collection_ledger import REFRESH_COLUMNS
from .notifications import RELOAD, notification
from .selections import ABC_CLASSES, DEBTOR_STAGES, DEBTOR_TYPES, LEVEL_ACTIONS

# The risk score is in points, from 0 to this (lib.classification.risk_score).
RISK_SCORE_MAX = 100


class CollectionDebtor(models.Model):
    _name = "collection.debtor"
    _description = "Collection Debtor"
    _inherit = ["mail.thread", "mail.activity.mixin", "collection.guard.mixin"]
    _order = "amount_overdue desc, id desc"
    _check_company_auto = True

    # Figures, classification, escalation state: the refresh and the run only.
    # A person may set the type and the next action date (write() records it).
    _collection_system_fields = frozenset(
        (set(REFRESH_COLUMNS) - {"debtor_type", "next_action_date"})
        | {
            "policy_id",
            "level_id",
            "stage",
            "episode",
            "last_action_date",
            "forced_level_id",
            "debtor_type_manual",
            "debtor_type_decided_by_id",
        }
    )
    _collection_fixed_fields = frozenset({"company_id", "partner_id"})

    # === FIELDS === #
    name = fields.Char(related="partner_id.name", store=True, index="trigram")
    partner_id = fields.Many2one(
        "res.partner",
        string="Debtor",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_company', '=', True)]",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer(readonly=True)
    # Figures (company currency), written by the refresh only.
    amount_due = fields.Monetary(
        string="Total Due",
        readonly=True,
        help="All open receivable of the debtor in this company, credits netted.",
    )
    amount_overdue = fields.Monetary(
        string="Overdue",
        readonly=True,
        index=True,
        help="Open residual of receivable lines past their own due date.",
    )
    amount_credit = fields.Monetary(
        string="Unapplied Credits",
        readonly=True,
        help="Unreconciled credit notes and payments (negative): netted in the total "
        "due, never counted as overdue.",
    )
    amount_collectible = fields.Monetary(
        string="Collectible",
        readonly=True,
        help="What can be demanded today: the overdue amount less the unapplied "
        "credits (credit notes, payments), never below zero. Escalation, letters "
        "and the banner use it.",
    )
    collectible_explanation = fields.Char(compute="_compute_collectible_explanation")
    aging_not_due = fields.Monetary(string="Not Due", readonly=True)
    aging_1_30 = fields.Monetary(string="1-30", readonly=True)
    aging_31_60 = fields.Monetary(string="31-60", readonly=True)
    aging_61_90 = fields.Monetary(string="61-90", readonly=True)
    aging_91_180 = fields.Monetary(string="91-180", readonly=True)
    aging_181_365 = fields.Monetary(string="181-365", readonly=True)
    aging_over_365 = fields.Monetary(string="Over 365", readonly=True)
    max_days_overdue = fields.Integer(
        string="Days Overdue",
        readonly=True,
        help="Days since the due date of the oldest unpaid overdue receivable line.",
    )
    open_line_count = fields.Integer(string="Open Items", readonly=True)
    # Behaviour over the last 12 months.
    paid_count = fields.Integer(string="Invoices Paid (12 months)", readonly=True)
    paid_late_count = fields.Integer(string="Paid Late (12 months)", readonly=True)
    avg_days_late = fields.Float(
        string="Average Days Late", readonly=True, digits=(16, 1)
    )
    late_share = fields.Float(
        string="Share Paid Late",
        readonly=True,
        digits=(16, 4),
        help="Share of the invoices paid in the last 12 months that were paid late.",
    )
    days_since_last_payment = fields.Integer(readonly=True)
    # Classification.
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="ABC Class",
        readonly=True,
        index=True,
        help="By cumulative share of the company's overdue exposure.",
    )
    risk_score = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Payment behaviour in points, from 0 (no risk) to 100: days overdue, "
        "share paid late, average days late, broken promises, unanswered "
        "contacts and defaulted plans (Classification Explained).",
    )
    risk_score_max = fields.Integer(
        string="Risk Score Maximum", compute="_compute_risk_score_max"
    )
    risk_components = fields.Json(readonly=True)
    risk_explanation = fields.Html(compute="_compute_risk_explanation", sanitize=False)
    # The type is a collector's assessment: Viewers (sales reps) read
    # debtor_type_label, a neutral label for the types to review.
    debtor_type = fields.Selection(
        DEBTOR_TYPES, tracking=True, index=True, group_expand=True, groups=USER
    )
    debtor_type_label = fields.Char(
        string="Type",
        compute="_compute_debtor_type_label",
        help="The debtor type as the reader may see it: Viewers read a neutral "
        "label for the types a collector has to assess.",
    )
    debtor_type_suggested = fields.Selection(
        DEBTOR_TYPES, string="Suggested Type", readonly=True, groups=USER
    )
    debtor_type_manual = fields.Boolean(
        string="Type Set by Hand", readonly=True, tracking=True, groups=USER
    )
    debtor_type_decided_by_id = fields.Many2one(
        "res.users",
        string="Type Decided By",
        readonly=True,
        tracking=True,
        groups=USER,
        help="Who chose the type by hand. Installment plans read the "
        "suggested type too while the type chosen by hand is not a "
        "Collections Manager's decision.",
    )
    debtor_type_reason = fields.Text(
        string="Override Reason",
        tracking=True,
        help="Why the collector chose another type than the suggested one.",
        groups=USER,
    )
    fraud_review = fields.Boolean(
        string="Flagged for Fraud Review",
        readonly=True,
        help="The behaviour rules flagged this debtor. A person must review it: "
        "the fraudulent type is never set automatically.",
        groups=USER,
    )
    next_action_date = fields.Date(
        tracking=True,
        help="When the collector looks at the debtor next. A date you set is kept "
        "until it passes; otherwise the refresh proposes one (today when "
        "something is overdue, else the next due date).",
    )
    next_action_by_user = fields.Boolean(
        string="Next Action Set by Hand",
        readonly=True,
        help="The next action date was set by a person: the refresh keeps it "
        "until it passes.",
    )
    contacts_total = fields.Integer(string="Contacts (12 months)", readonly=True)
    contacts_unanswered = fields.Integer(
        string="Unanswered Contacts (12 months)", readonly=True
    )
    # Escalation.
    policy_id = fields.Many2one(
        "collection.policy",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The policy the last run applied to this debtor.",
    )
    level_id = fields.Many2one(
        "collection.level",
        string="Level",
        readonly=True,
        index=True,
        tracking=True,
        group_expand="_read_group_level_id",
        help="The last escalation level taken in the current episode.",
    )
    level_name = fields.Char(
        related="level_id.name",
        string="Level Name",
        group_expand="_read_group_level_name",
        help="The name of the level: the rung of the ladder, the same whichever "
        "policy the debtor follows.",
    )
    level_action = fields.Selection(
        related="level_id.action",
        string="Step",
        group_expand="_read_group_level_action",
        help="The step of the escalation ladder the debtor reached in this "
        "episode; empty when no reminder was sent yet.",
    )
    stage = fields.Selection(
        DEBTOR_STAGES, default="normal", required=True, readonly=True, tracking=True
    )
    episode = fields.Integer(
        readonly=True,
        default=1,
        help="Counts collection episodes: an episode ends when the debt is paid, and "
        "each level is taken at most once per episode.",
    )
    last_action_date = fields.Date(readonly=True)
    forced_level_id = fields.Many2one(
        "collection.level",
        string="Resume At Level",
        readonly=True,
        help="Set when an installment plan defaults: the next run takes this level.",
    )
    promise_ids = fields.One2many("collection.promise", "debtor_id", string="Promises")
    plan_ids = fields.One2many("collection.plan", "debtor_id", string="Plans")
    promise_count = fields.Integer(compute="_compute_counts")
    plan_count = fields.Integer(compute="_compute_counts")
    promises_kept = fields.Integer(string="Promises Kept (12 months)", readonly=True)
    promises_broken = fields.Integer(
        string="Promises Broken (12 months)", readonly=True
    )
    plans_defaulted = fields.Integer(
        string="Plans Defaulted (12 months)", readonly=True
    )
    hold_until = fields.Date(
        string="On Hold Until",
        tracking=True,
        help="No escalation step until this date (included).",
    )
    hold_reason = fields.Char(tracking=True)
    on_hold = fields.Boolean(compute="_compute_on_hold", search="_search_on_hold")
    contact_ids = fields.One2many("collection.contact", "debtor_id", string="Contacts")
    contact_count = fields.Integer(compute="_compute_counts")
    reminder_partner_id = fields.Many2one(
        "res.partner",
        string="Reminders To",
        compute="_compute_mail_partners",
        help="Who gets the reminders: the customer's contact with the "
        "Accountant role, else the customer, if they have a usable e-mail "
        "address.",
    )
    letter_partner_id = fields.Many2one(
        "res.partner",
        string="Letters To",
        compute="_compute_mail_partners",
        help="Who gets the demand letters by e-mail: the customer's contact "
        "with the Decision Maker role, else the customer, if they have a "
        "usable e-mail address.",
    )
    open_line_ids = fields.Many2many(
        "account.move.line",
        string="Open Receivable Lines",
        compute="_compute_open_line_ids",
        groups="collections_addon.collections_addon_group_user",
    )

    # The collector's daily queue: which debtors are due today, ranked.
    priority_score = fields.Float(
        string="Priority (collectible × risk)",
        digits=(16, 0),
        compute="_compute_priority_score",
        help="The order of the queue, not an amount owed: the collectible amount "
        "× the risk score ÷ 100. 10,000 collectible at a risk of 40 points gives "
        "4,000; the highest is called first.",
    )
    in_my_queue = fields.Boolean(
        string="In My Queue Today",
        compute="_compute_in_my_queue",
        search="_search_in_my_queue",
        help="Something to collect, next action due (today or earlier, in the "
        "company's time zone), assigned to me; for a Collections Manager also "
        "the unassigned, when the company sends them to the managers' queue. An "
        "active plan in good standing covering the overdue keeps a debtor out.",
    )
    in_pool = fields.Boolean(
        string="In the Unassigned Pool Today",
        compute="_compute_in_my_queue",
        search="_search_in_pool",
        help="Something to collect, next action due, no collector, and the "
        "company shares the unassigned as a pool that every collector works.",
    )
    # Why the refresh suggested the type: codes and figures written by the
    # refresh (REFRESH_COLUMNS); the sentences are made when read, in the
    # reader's language (lib_messages).
    debtor_type_reason_code = fields.Char(
        string="Suggestion Code", readonly=True, groups=USER
    )
    debtor_type_fraud_code = fields.Char(
        string="Fraud Flag Code", readonly=True, groups=USER
    )
    # JSON text {"reason": {...}, "fraud": {...}}: the figures of both codes.
    # Text, not jsonb: the refresh compares it as written (jsonb reorders keys).
    debtor_type_reason_args = fields.Text(
        string="Suggestion Figures", readonly=True, groups=USER
    )
    debtor_type_reason_auto = fields.Char(
        string="Why This Suggestion",
        compute="_compute_debtor_type_reason_auto",
        groups=USER,
    )

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "A partner has one debtor record per company.",
        ),
    ]

    # === COMPUTE / INVERSE / SEARCH === #
    @api.model
    def _read_group_level_id(self, levels, domain):
        """Kanban columns: every level of the company's policies, in ladder order."""
        return self.env["collection.level"].search(
            [("company_id", "in", self.env.companies.ids)], order="days, sequence, id"
        )

    @api.model
    def _read_group_level_name(self, values, domain):
        """Columns of "Group By > Level": each rung once (levels of several
        policies share a name), in ladder order."""
        levels = self.env["collection.level"].search(
            [("company_id", "in", self.env.companies.ids)], order="days, sequence, id"
        )
        names = list(dict.fromkeys(levels.mapped("name")))
        return names + [value for value in values if value not in names]

    @api.model
    def _read_group_level_action(self, values, domain):
        """Kanban columns: "no step yet" first, then every step in ladder order."""
        return [False] + [key for key, _label in LEVEL_ACTIONS]

    @api.model
    def _read_group_fill_results(
        self,
        domain,
        groupby,
        annoted_aggregates,
        read_group_result,
        read_group_order=None,
    ):
        """Fold the empty step columns of the board."""
        rows = super()._read_group_fill_results(
            domain, groupby, annoted_aggregates, read_group_result, read_group_order
        )
        if groupby == "level_action":
            for row in rows:
                row["__fold"] = not row.get("level_action_count")
        return rows

    @api.depends("debtor_type")
    @api.depends_context("uid", "lang")
    def _compute_debtor_type_label(self):
        types = dict(self._fields["debtor_type"]._description_selection(self.env))
        collector = self.env.user.has_group(USER)
        for debtor in self:
            shown = standing.shown_type(debtor.sudo().debtor_type, collector)
            if shown == standing.NEUTRAL:
                debtor.debtor_type_label = self.env._("Review with collections")
            else:
                debtor.debtor_type_label = types.get(shown, False)

    @api.depends("hold_until")
    @api.depends_context("date")
    def _compute_on_hold(self):
        for debtor in self:
            today = debtor.company_id._collection_today()
            debtor.on_hold = bool(debtor.hold_until and debtor.hold_until >= today)

    def _search_on_hold(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("On Hold: only = and != are supported."))
        today = self.env.company._collection_today()
        if (operator == "=") == bool(value):
            return [("hold_until", ">=", today)]
        return ["|", ("hold_until", "=", False), ("hold_until", "<", today)]

    def _compute_counts(self):
        for fname, model in (
            ("promise_count", "collection.promise"),
            ("plan_count", "collection.plan"),
            ("contact_count", "collection.contact"),
        ):
            counts = dict(
                self.env[model]._read_group(
                    [("debtor_id", "in", self.ids)], ["debtor_id"], ["__count"]
                )
            )
            for debtor in self:
                debtor[fname] = counts.get(debtor, 0)

    @api.depends("amount_overdue", "amount_credit", "amount_collectible")
    def _compute_collectible_explanation(self):
        for debtor in self:
            fmt = debtor.currency_id.format
            debtor.collectible_explanation = bool(debtor.amount_credit) and (
                self.env._(
                    "Overdue %(overdue)s less unapplied credits %(credits)s: "
                    "collectible %(collectible)s.",
                    overdue=fmt(debtor.amount_overdue),
                    credits=fmt(-debtor.amount_credit),
                    collectible=fmt(debtor.amount_collectible),
                )
            )

    @api.depends("risk_components", "risk_score")
    def _compute_risk_explanation(self):
        """One row per component of the risk score (see
        ``lib.classification.risk_score``), in the reader's language."""
        _ = self.env._
        labels = {
            "Days overdue": _("Days overdue"),
            "Share paid late": _("Share paid late"),
            "Average days late": _("Average days late"),
            "Broken promises": _("Broken promises"),
            "Unanswered contacts": _("Unanswered contacts"),
            "Defaulted plans": _("Defaulted plans"),
        }
        for debtor in self:
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
                % (labels.get(label, label), points)
                for label, points in (debtor.risk_components or [])
            )
            debtor.risk_explanation = Markup(
                "<table class='table table-sm o_collection_risk'><tbody>%s"
                "<tr class='fw-bold'><td>%s</td><td class='text-end'>%s</td></tr>"
                "</tbody></table>"
            ) % (rows, _("Risk score"), debtor.risk_score)

    @api.depends(
        "partner_id.child_ids.collection_role",
        "partner_id.child_ids.email",
        "partner_id.email",
    )
    def _compute_mail_partners(self):
        for debtor in self:
            partner = debtor.partner_id
            for fname, role in (
                ("reminder_partner_id", "accountant"),
                ("letter_partner_id", "decision_maker"),
            ):
                debtor[fname] = next(
                    (
                        candidate
                        for candidate in (partner._collection_contact(role), partner)
                        if candidate.email_normalized and not candidate.is_blacklisted
                    ),
                    False,
                )

    def _compute_open_line_ids(self):
        lines_by_key = {}
        if self.ids:
            receivable = self.env["collection.receivable"]
            lines = self.env["account.move.line"]
            for company in self.company_id:
                debtors = self.filtered(lambda d, c=company: d.company_id == c)
                lines |= lines.search(
                    receivable._open_domain(company, debtors.partner_id),
                    order="date_maturity, id",
                )
            for line in lines:
                key = (line.partner_id.commercial_partner_id.id, line.company_id.id)
                lines_by_key.setdefault(key, []).append(line.id)
        for debtor in self:
            key = (debtor.partner_id.id, debtor.company_id.id)
            debtor.open_line_ids = [fields.Command.set(lines_by_key.get(key, []))]

    def _compute_risk_score_max(self):
        self.risk_score_max = RISK_SCORE_MAX

    @api.depends("amount_collectible", "risk_score")
    def _compute_priority_score(self):
        for debtor in self:
            debtor.priority_score = (
                debtor.amount_collectible * (debtor.risk_score or 0) / 100.0
            )

    @api.depends("next_action_date", "user_id", "amount_collectible", "company_id")
    @api.depends_context("uid", "date", "allowed_company_ids")
    def _compute_in_my_queue(self):
        saved = self.filtered("id")
        mine = pool = self.browse()
        if saved:
            ids = [("id", "in", saved.ids)]
            mine = self.search(ids + self._queue_domain(pool=False))
            pool = self.search(ids + self._queue_domain(pool=True))
        for debtor in self:
            debtor.in_my_queue = debtor in mine
            debtor.in_pool = debtor in pool

    def _search_in_my_queue(self, operator, value):
        return self._search_queue(operator, value, pool=False)

    def _search_in_pool(self, operator, value):
        return self._search_queue(operator, value, pool=True)

    def _search_queue(self, operator, value, pool):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._(
                    "%(field)s: only = and != are supported.",
                    field=self._fields["in_pool" if pool else "in_my_queue"].string,
                )
            )
        domain = self._queue_domain(pool)
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _queue_domain(self, pool):
        """Today's queue of the current user, or the unassigned pool
        (``pool``), over the companies selected in the switcher.

        Per company (its own "today"): next action due, something to collect,
        not covered by an active plan in good standing; then mine (and, for a
        Collections Manager, the unassigned when the company sends them to the
        managers), or, for the pool, the unassigned of a company that shares
        them.
        """
        manager = self.env.user.has_group(MANAGER)
        per_company = []
        for company in self.env.companies:
            today = company._collection_today()
            shared = company.collection_unassigned_queue == "pool"
            if pool:
                if not shared:
                    continue
                whose = [("user_id", "=", False)]
            elif manager and not shared:
                whose = [("user_id", "in", [False, self.env.uid])]
            else:
                whose = [("user_id", "=", self.env.uid)]
            per_company.append(
                [
                    ("company_id", "=", company.id),
                    ("next_action_date", "<=", today),
                    ("amount_collectible", ">", 0),
                    ("id", "not in", self._plan_covered_ids(company, today)),
                    *whose,
                ]
            )
        if not per_company:
            return expression.FALSE_DOMAIN
        return expression.OR(per_company)

    @api.model
    def _plan_covered_ids(self, company, today):
        """Debtors of ``company`` with an active plan (in good standing: a
        late one is defaulted) that covers every overdue invoice: nothing to
        call about while the plan runs."""
        for model in ("account.move.line", "collection.plan", "collection.debtor"):
            self.env[model].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT pl.debtor_id
                  FROM collection_plan pl
                  JOIN collection_debtor d ON d.id = pl.debtor_id
                 WHERE pl.company_id = %(company)s AND pl.state = 'active'
                   AND NOT EXISTS (
                       SELECT 1
                         FROM account_move_line aml
                         JOIN res_partner p ON p.id = aml.partner_id
                        WHERE p.commercial_partner_id = d.partner_id
                          AND %(open)s
                          AND aml.amount_residual > 0
                          AND aml.date_maturity < %(today)s
                          AND NOT EXISTS (
                              SELECT 1
                                FROM collection_plan_move_rel r
                                JOIN collection_plan other ON other.id = r.plan_id
                               WHERE r.move_id = aml.move_id
                                 AND other.state = 'active'))
                """,
                company=company.id,
                open=self.env["collection.receivable"]._open_sql(company),
                today=today,
            )
        )
        return [row[0] for row in rows]

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        if fname == "priority_score":
            return SQL(
                "(COALESCE(%s, 0) * COALESCE(%s, 0) / 100.0)",
                super()._field_to_sql(alias, "amount_collectible", query, flush),
                super()._field_to_sql(alias, "risk_score", query, flush),
            )
        return super()._field_to_sql(alias, fname, query, flush)

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

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("partner_id")
    def _check_partner_commercial(self):
        for debtor in self:
            if debtor.partner_id != debtor.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "Debtor: the partner must be a commercial partner (a company "
                        "or an individual), not the contact %(contact)s.",
                        contact=debtor.partner_id.display_name,
                    )
                )

    @api.constrains("debtor_type", "debtor_type_manual", "debtor_type_reason")
    def _check_debtor_type_reason(self):
        for debtor in self:
            if (
                debtor.debtor_type_manual
                and not (debtor.debtor_type_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Debtor type of %(debtor)s: a type chosen by hand needs an "
                        "override reason.",
                        debtor=debtor.display_name,
                    )
                )

    @api.constrains("hold_until", "hold_reason")
    def _check_hold_reason(self):
        for debtor in self:
            if debtor.hold_until and not (debtor.hold_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Hold Reason: %(debtor)s is put on hold until %(date)s, so "
                        "the reason for the hold is required.",
                        debtor=debtor.display_name,
                        date=debtor.hold_until,
                    )
                )

    @api.constrains("hold_until", "next_action_date")
    def _check_dates(self):
        for debtor in self:
            today = debtor.company_id._collection_today()
            for fname in ("hold_until", "next_action_date"):
                value = debtor[fname]
                if value and bounds.check_date(value, today):
                    raise ValidationError(
                        lib_messages.date_problem(
                            self.env, debtor._fields[fname].string, value
                        )
                    )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            default = self.env.context.get("default_debtor_type")
            self._check_type_change(
                {vals.get("debtor_type", default) for vals in vals_list}
            )
        debtors = super().create(vals_list)
        if not is_system(self.env):
            for debtor, vals in zip(debtors, vals_list, strict=True):
                debtor._record_type_choice(vals)
        return debtors

    def write(self, vals):
        if is_system(self.env):
            return super().write(vals)
        if "debtor_type" in vals:
            self._check_type_change({vals["debtor_type"]})
        # The user's own values are written as the user (the guard refuses
        # the system fields); then only what they imply, by the system.
        result = super().write(vals)
        self._record_type_choice(vals)
        return result

    def _check_type_change(self, new_types):
        """Setting, changing or lifting the fraudulent type is a Collections
        Manager's decision."""
        if "fraudulent" in new_types or any(
            debtor.debtor_type == "fraudulent" for debtor in self
        ):
            check_group(
                self.env,
                MANAGER,
                self.env._("Setting, changing or lifting the fraudulent type"),
            )

    def _record_type_choice(self, vals):
        """What a person's choice implies: a type chosen by hand is no longer
        replaced by the suggestion, and says who decided it; a next action
        date set by hand is kept by the refresh until it passes."""
        derived = {}
        if "debtor_type" in vals:
            derived["debtor_type_manual"] = bool(vals["debtor_type"])
            derived["debtor_type_decided_by_id"] = vals["debtor_type"] and self.env.uid
        if "next_action_date" in vals:
            derived["next_action_by_user"] = bool(vals["next_action_date"])
        if derived:
            system_env(self).write(derived)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """A debtor with a contact log, promises or plans is evidence."""
        for debtor in self:
            if debtor.contact_ids or debtor.promise_ids or debtor.plan_ids:
                raise UserError(
                    self.env._(
                        "Debtor %(debtor)s has a contact log, promises or plans: "
                        "this history is evidence and cannot be deleted. Archive "
                        "the debtor instead.",
                        debtor=debtor.display_name,
                    )
                )

    # === ACTIONS === #
    def action_reset_debtor_type(self):
        """Drop the manual type: the suggestion from behaviour applies again."""
        check_group(self.env, USER, self.env._("Using the suggested debtor type"))
        self.check_access("write")
        self._check_type_change({debtor.debtor_type_suggested for debtor in self})
        for debtor in self:
            system_env(debtor).write(
                {
                    "debtor_type": debtor.debtor_type_suggested,
                    "debtor_type_manual": False,
                    "debtor_type_decided_by_id": False,
                    "debtor_type_reason": False,
                }
            )
        return True

    @api.model
    def action_refresh_all(self):
        """Refresh the figures of every company the user has selected, and
        judge their promises and plans (a paid debt never shows an open
        promise): the run's preparation of the day, now."""
        check_group(self.env, USER, self.env._("Refreshing the debtor ledger"))
        companies = self.env.companies
        Escalation = self.env["collection.escalation"].sudo()
        written = 0
        for company in companies:
            Escalation._acquire_lock(company)
            today = company._collection_today()
            written += (
                self.env["collection.ledger"].sudo()._refresh_company(company, today)
            )
            self.env["collection.commitments"].sudo()._follow_company(company, today)
        return notification(
            self.env._(
                "Figures of %(companies)s refreshed: %(count)s debtor(s) changed.",
                companies=", ".join(companies.mapped("name")),
                count=written,
            ),
            next_action=RELOAD,
        )

    def export_aging_xlsx(self):
        """The aging workbook of these debtors (all when empty), for RPC.

        :return: dict with ``name``, ``mimetype`` and ``datas`` (base64)
        """
        return self.env["collection.aging.export"]._export(self or self.search([]))

    def action_export_aging_xlsx(self):
        attachment = self.env["ir.attachment"].create(
            dict(self.export_aging_xlsx(), res_model=self._name)
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_log_call(self):
        """Two clicks from the kanban card: this opens the log, an outcome saves it."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Logging a call"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Call"),
            "res_model": "collection.contact",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "collections_addon.collection_contact_view_form_quick"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_debtor_id": self.id,
                "default_channel": "call",
                "default_contact_partner_id": self.partner_id._collection_contact(
                    "accountant"
                ).id,
            },
        }

    def action_view_contacts(self):
        return self._action_related("collections_addon.collection_contact_action")

    def action_new_promise(self, **defaults):
        self.ensure_one()
        context = {"default_debtor_id": self.id}
        context.update({f"default_{key}": value for key, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Promise to Pay"),
            "res_model": "collection.promise",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def action_new_plan(self):
        """A draft plan covering the debtor's overdue invoices."""
        self.ensure_one()
        today = self.company_id._collection_today()
        overdue = (
            self.env["collection.receivable"]
            ._open_lines(self)
            .filtered(
                lambda aml: aml.amount_residual > 0
                and aml.date_maturity
                and aml.date_maturity < today
                and aml.move_id.move_type in ("out_invoice", "out_receipt")
            )
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Installment Plan"),
            "res_model": "collection.plan",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_debtor_id": self.id,
                "default_invoice_ids": [fields.Command.set(overdue.move_id.ids)],
            },
        }

    def action_view_promises(self):
        return self._action_related("collections_addon.collection_promise_action")

    def action_view_plans(self):
        return self._action_related("collections_addon.collection_plan_action")

    def _action_related(self, xmlid):
        """The action ``xmlid`` on this debtor's records, creating for it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("debtor_id", "=", self.id)]
        action["context"] = {"default_debtor_id": self.id}
        return action

    def action_view_open_invoices(self):
        """The open receivable items: what is still open on each, in its
        document's and the company's currency, adding up to the Total Due."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Reading a debtor's open items"))
        view = self.env.ref("collections_addon.account_move_line_view_list_open_items")
        domain = self.env["collection.receivable"]._open_domain(
            self.company_id, self.partner_id
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open Items of %(debtor)s", debtor=self.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "views": [(view.id, "list")],
            "domain": domain,
            "context": {"create": False, "edit": False, "delete": False},
            "help": self.env._("Nothing is open for this debtor."),
        }

    def action_print_statement(self):
        check_group(self.env, USER, self.env._("Printing a statement"))
        return self.env.ref(REPORT_STATEMENT).report_action(self)

    def action_print_letter(self):
        check_group(self.env, USER, self.env._("Printing a demand letter"))
        return self.env.ref(REPORT_LETTER).report_action(self)

    def action_queue_later(self, days=1):
        """Do it later: the next action moves ``days`` days ahead (the
        button's ``args``); the refresh keeps a date set by hand.

        :param days: a whole number of days from 1 to 365
        """
        check_group(self.env, USER, self.env._("Postponing a debtor"))
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or bounds.check_count(days, cap=365)
        ):
            raise UserError(
                self.env._(
                    "Do it later: %(days)s is not a number of days from 1 to 365.",
                    days=repr(days)[:40],
                )
            )
        for debtor in self:
            today = debtor.company_id._collection_today()
            debtor.next_action_date = today + timedelta(days=days)
        return True

    def action_queue_done(self):
        """Done for today: the debtor leaves the queue, and the next refresh
        proposes its next action from the debt again."""
        check_group(self.env, USER, self.env._("Marking a debtor done"))
        for debtor in self:
            debtor.next_action_date = False
            debtor.message_post(
                body=self.env._(
                    "Next action done by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_hold(self):
        """Put the debtor on hold: a small form asks until when and why."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Putting a debtor on hold"))
        view = self.env.ref("collections_addon.collection_debtor_view_form_hold")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Put on Hold"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(view.id, "form")],
            "target": "new",
        }

    def action_hold_confirm(self):
        """The hold form's button (the form saved the date and the reason)."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Putting a debtor on hold"))
        if not self.hold_until:
            raise ValidationError(
                self.env._(
                    "On Hold Until: say until when %(debtor)s is on hold.",
                    debtor=self.display_name,
                )
            )
        return notification(
            self.env._(
                "%(debtor)s is on hold until %(date)s: no escalation step until "
                "then.",
                debtor=self.display_name,
                date=format_date(self.env, self.hold_until),
            )
        )

    # === BUSINESS / HOOKS === #
    def _collection_decided_types(self):
        """The types the rules read (the approval of plans): the type, and
        the suggested one too while the type was chosen by hand by someone
        who is not a Collections Manager."""
        self.ensure_one()
        debtor = self.sudo()
        kinds = [debtor.debtor_type]
        decider = debtor.debtor_type_decided_by_id
        if debtor.debtor_type_manual and not (decider and decider.has_group(MANAGER)):
            kinds.append(debtor.debtor_type_suggested)
        return kinds

    def _collection_mail_values(self):
        """The reminder mail's one helper: what it lists (the open items, the
        totals per currency, the waiver deadline), as
        ``collection.document._mail_values`` makes it. The items come from
        ``open_line_ids``, computed for every debtor the template renders
        together."""
        self.ensure_one()
        return self.env["collection.document"]._mail_values(self)
