# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.collections_addon.models.collection_guard import (
    MANAGER,
    USER,
    VIEWER,
    check_group,
    is_system,
    system_env,
)

from ..lib import hold
from . import hold_messages

# The release of a hold: written by action_collection_release_hold only.
RELEASE_FIELDS = frozenset(
    {
        "collection_hold_released_by_id",
        "collection_hold_release_reason",
        "collection_hold_release_date",
    }
)
OPEN_STATES = ("draft", "sent")
HOLD_SETTINGS = [
    "collection_hold_level_id",
    "collection_hold_debtor_type",
    "collection_hold_amount",
    "collection_hold_days",
    "collection_hold_plan_defaulted",
    "collection_hold_commitment_lifts",
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # === FIELDS === #
    # The customer's debt in the order's company, read in one query per batch
    # (nothing stored on sale_order but the release).
    collection_debtor_id = fields.Many2one(
        "collection.debtor",
        string="Collections Debtor",
        compute="_compute_collection_banner",
        groups=VIEWER,
    )
    collection_currency_id = fields.Many2one(
        "res.currency", compute="_compute_collection_banner", groups=VIEWER
    )
    collection_amount_collectible = fields.Monetary(
        string="Debt to Collect",
        compute="_compute_collection_banner",
        currency_field="collection_currency_id",
        groups=VIEWER,
        help="The customer's overdue amount in the order's company, less the "
        "unapplied credits.",
    )
    collection_has_overdue = fields.Boolean(
        string="Customer with Overdue Debt",
        compute="_compute_collection_banner",
        search="_search_collection_has_overdue",
        groups=VIEWER,
    )
    collection_hold = fields.Boolean(
        string="On Credit Hold",
        compute="_compute_collection_banner",
        groups=VIEWER,
        help="Confirming this quotation is blocked by the company's credit hold "
        "rules, and no Collections Manager released it.",
    )
    collection_banner_html = fields.Html(
        string="Debt Banner",
        compute="_compute_collection_banner",
        sanitize=False,
        groups=VIEWER,
    )
    collection_hold_released_by_id = fields.Many2one(
        "res.users", string="Hold Released By", readonly=True, copy=False
    )
    collection_hold_release_reason = fields.Text(
        string="Hold Release Reason", readonly=True, copy=False
    )
    collection_hold_release_date = fields.Datetime(
        string="Hold Released On", readonly=True, copy=False
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("partner_id", "company_id", "state", "collection_hold_released_by_id")
    @api.depends_context("uid", "lang")
    def _compute_collection_banner(self):
        """One query for the batch (see :meth:`_collection_rows`)."""
        rows = self._collection_rows()
        is_collector = self.env.user.has_group(USER)
        for index, order in enumerate(self):
            row = rows.get(index) or {}
            decision = self._collection_decide(row)
            collectible = row.get("amount_collectible") or 0.0
            order.collection_debtor_id = row.get("debtor_id") or False
            order.collection_currency_id = row.get("currency_id") or False
            order.collection_amount_collectible = collectible
            order.collection_has_overdue = collectible > 0
            order.collection_hold = bool(
                decision.blocked
                and order.state in OPEN_STATES
                and not order.collection_hold_released_by_id
            )
            order.collection_banner_html = order._collection_banner(
                row, decision, is_collector
            )

    def _search_collection_has_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Customer with Overdue Debt: search with = or != a boolean.")
            )
        self.env["collection.debtor"].flush_model(
            ["partner_id", "company_id", "amount_collectible"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.flush_model(["partner_id", "company_id"])
        indebted = SQL(
            """
            (SELECT so.id FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              JOIN collection_debtor d ON d.partner_id = p.commercial_partner_id
                                      AND d.company_id = so.company_id
             WHERE d.amount_collectible > 0)
            """
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", indebted)]

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            refused = {name for vals in vals_list for name in vals} & RELEASE_FIELDS
            refused |= {
                name for name in RELEASE_FIELDS if f"default_{name}" in self.env.context
            }
            self._collection_refuse(refused)
        orders = super().create(vals_list)
        # An order created confirmed is a confirmation too.
        orders.filtered(lambda o: o.state == "sale")._collection_check_hold()
        return orders

    def write(self, vals):
        if not is_system(self.env):
            self._collection_refuse(set(vals) & RELEASE_FIELDS)
        if vals.get("state") == "sale":
            # Whoever writes the state (action_confirm, RPC, another addon),
            # from whatever state: the hold is checked before it becomes an order.
            self.filtered(lambda o: o.state != "sale")._collection_check_hold()
        return super().write(vals)

    # === ACTIONS === #
    def action_confirm(self):
        """Refuse to confirm an order on credit hold (button, RPC, portal and
        payments all come through here), then confirm as usual."""
        self.filtered(lambda o: o.state in OPEN_STATES)._collection_check_hold()
        return super().action_confirm()

    def action_collection_release_hold(self, reason):
        """Release the credit hold of this one order (a Collections Manager who
        is not its salesperson, with a reason): logged on the order's chatter and
        in the debtor's contact log.

        :param reason: why the order may be confirmed despite the hold
        """
        _ = self.env._
        check_group(self.env, MANAGER, _("Releasing a credit hold"))
        self.ensure_one()
        self.check_access("read")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Release a credit hold: the reason is required."))
        if self.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(order)s is no longer a quotation: there is no hold to release.",
                    order=self.name,
                )
            )
        if self.user_id == self.env.user:
            raise UserError(
                _(
                    "%(order)s: you are its salesperson, so you cannot release its "
                    "credit hold; another Collections Manager must.",
                    order=self.name,
                )
            )
        if self.collection_hold_released_by_id:
            raise UserError(
                _(
                    "The credit hold of %(order)s was already released by %(user)s.",
                    order=self.name,
                    user=self.collection_hold_released_by_id.name,
                )
            )
        row = self._collection_rows().get(0) or {}
        decision = self._collection_decide(row)
        if not decision.blocked:
            raise UserError(_("%(order)s is not on credit hold.", order=self.name))
        held = hold_messages.reasons(self.env, decision.reasons, row, True)
        system_env(self.sudo()).write(
            {
                "collection_hold_released_by_id": self.env.uid,
                "collection_hold_release_reason": reason,
                "collection_hold_release_date": fields.Datetime.now(),
            }
        )
        note = _(
            "Credit hold of %(order)s released by %(user)s: %(reason)s (the hold: "
            "%(held)s). The release holds for this order only.",
            order=self.name,
            user=self.env.user.name,
            reason=reason,
            held=held,
        )
        self.sudo().message_post(
            body=note,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        system_env(self.env["collection.contact"].sudo()).create(
            {
                "debtor_id": row["debtor_id"],
                "channel": "sales",
                "is_automatic": True,
                "episode": row.get("episode") or 1,
                "user_id": self.env.uid,
                "note": note,
            }
        )
        return True

    def action_collection_ask(self):
        """Ask collections about this order: an activity for the debtor's
        collector (else a Collections Manager), with a link to the order."""
        _ = self.env._
        check_group(self.env, VIEWER, _("Asking collections"))
        self.ensure_one()
        self.check_access("read")
        row = self._collection_rows().get(0) or {}
        if not row.get("debtor_id"):
            raise UserError(
                _(
                    "%(customer)s has no debt in %(company)s: there is nothing to "
                    "ask collections.",
                    customer=self.partner_id.display_name,
                    company=self.company_id.name,
                )
            )
        debtor = self.env["collection.debtor"].sudo().browse(row["debtor_id"])
        collector = self.env["collection.handler"].sudo()._responsible(debtor)
        summary = _("Sales asks about %(order)s", order=self.name)
        asked = (
            self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", debtor._name),
                    ("res_id", "=", debtor.id),
                    ("summary", "=", summary),
                ],
                limit=1,
            )
        )
        if not asked:
            decision = self._collection_decide(row)
            question = (
                _(
                    "On hold: %(reasons)s.",
                    reasons=hold_messages.reasons(
                        self.env, decision.reasons, row, True
                    ),
                )
                if decision.blocked
                else _("Can we go ahead with this deal?")
            )
            debtor.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=summary,
                note=Markup(
                    _(
                        "%(user)s asks about %(order)s (%(amount)s). %(question)s",
                        user=escape(self.env.user.name),
                        order=self.sudo()._get_html_link(),
                        amount=escape(self.currency_id.format(self.amount_total)),
                        question=escape(question),
                    )
                ),
                user_id=collector.id,
            )
            self.sudo().message_post(
                body=_(
                    "Collections asked: %(collector)s has an activity on the "
                    "debtor %(debtor)s.",
                    collector=collector.name,
                    debtor=debtor.display_name,
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("Collections asked"),
                "message": _(
                    "%(collector)s will look at %(order)s.",
                    collector=collector.name,
                    order=self.name,
                ),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === BUSINESS / HOOKS === #
    def _collection_refuse(self, names):
        if names:
            raise AccessError(
                self.env._(
                    "Sales order: %(fields)s can only be set by releasing the credit "
                    "hold (a Collections Manager, with a reason).",
                    fields=", ".join(sorted(names)),
                )
            )

    def _collection_rows(self):
        """The customer's standing and the company's hold rules, one query for
        the whole batch (new records included, from their cached customer).

        :return: ``{index in self: row}`` (see ``collection.standing._sql``)
        """
        pairs = [
            SQL("(%s, %s, %s)", index, partner_id, company_id)
            for index, order in enumerate(self)
            # A customer created on the fly in the form has no row yet.
            if (partner_id := order.partner_id._origin.id)
            and (company_id := order.company_id._origin.id)
        ]
        if not pairs:
            return {}
        Standing = self.env["collection.standing"]
        self.env["res.company"].flush_model(HOLD_SETTINGS)
        columns, joins = Standing._sql()
        rows = Standing._query(
            SQL(
                """
                SELECT so.key, %(columns)s,
                       c.collection_hold_debtor_type AS hold_debtor_type,
                       c.collection_hold_amount AS hold_amount,
                       c.collection_hold_days AS hold_days,
                       c.collection_hold_plan_defaulted AS hold_plan_defaulted,
                       c.collection_hold_commitment_lifts AS hold_commitment_lifts,
                       hl.days AS hold_level_days, hl.name AS hold_level_name
                  FROM (VALUES %(pairs)s) AS so (key, partner_id, company_id)
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_company c ON c.id = so.company_id
                  LEFT JOIN collection_debtor d
                         ON d.partner_id = p.commercial_partner_id
                        AND d.company_id = c.id
                  %(joins)s
                  LEFT JOIN collection_level hl ON hl.id = c.collection_hold_level_id
                """,
                columns=columns,
                joins=joins,
                pairs=SQL(", ").join(pairs),
            )
        )
        return {row["key"]: row for row in rows}

    @api.model
    def _collection_decide(self, row):
        """The hold decision (:func:`lib.hold.decide`) for one standing row."""
        if not row.get("debtor_id"):
            return hold.HoldDecision()
        settings = hold.HoldSettings(
            level_days=row.get("hold_level_days"),
            debtor_type=row.get("hold_debtor_type") or None,
            max_amount=Decimal(str(row.get("hold_amount") or 0)),
            max_days=row.get("hold_days") or 0,
            plan_defaulted=bool(row.get("hold_plan_defaulted")),
            commitment_lifts=bool(row.get("hold_commitment_lifts")),
            promise_grace_days=row.get("promise_grace_days") or 0,
            plan_grace_days=row.get("plan_grace_days") or 0,
        )
        standing = hold.Standing(
            level_days=row.get("level_days"),
            debtor_type=row.get("debtor_type") or None,
            amount_collectible=Decimal(str(row.get("amount_collectible") or 0)),
            days_overdue=row.get("max_days_overdue") or 0,
            plan_defaulted=bool(row.get("plan_defaulted")),
            promise_date=row.get("promise_date"),
            plan_active=bool(row.get("plan_id")),
            plan_next_due=row.get("plan_next_due"),
        )
        today = self.env["collection.standing"]._today(row)
        return hold.decide(settings, standing, today)

    def _collection_banner(self, row, decision, is_collector):
        """The banner of this order: the customer's debt, then its hold."""
        self.ensure_one()
        Standing = self.env["collection.standing"]
        if not (Standing._has_news(row) or decision.blocked or decision.lifted):
            return False
        _ = self.env._
        footer = []
        blocked = decision.blocked and self.state in OPEN_STATES
        released = self.collection_hold_released_by_id
        if blocked and released:
            footer.append(
                _(
                    "Credit hold released for this order by %(user)s on %(date)s: "
                    "%(reason)s",
                    user=released.name,
                    date=Standing._date(self.collection_hold_release_date),
                    reason=self.collection_hold_release_reason or "",
                )
            )
        elif blocked:
            footer.append(
                _(
                    "Confirmation blocked: %(reasons)s. A Collections Manager who is "
                    "not the salesperson can release this order with a reason; ask "
                    "collections.",
                    reasons=hold_messages.reasons(
                        self.env, decision.reasons, row, is_collector
                    ),
                )
            )
        elif decision.lifted and self.state in OPEN_STATES:
            footer.append(
                _(
                    "Credit hold lifted by %(commitment)s (otherwise: %(reasons)s).",
                    commitment=hold_messages.lifted_by(self.env, decision.lifted_by),
                    reasons=hold_messages.reasons(
                        self.env, decision.lifted, row, is_collector
                    ),
                )
            )
        return Standing._banner(
            row, is_collector, footer=footer, danger=blocked and not released
        )

    def _collection_check_hold(self):
        """Raise a UserError for the first of these orders on credit hold that
        no Collections Manager released. No context key switches this off."""
        orders = self.filtered(lambda o: not o.collection_hold_released_by_id)
        if not orders:
            return
        rows = orders._collection_rows()
        for index, order in enumerate(orders):
            row = rows.get(index) or {}
            decision = self._collection_decide(row)
            if decision.blocked:
                raise UserError(order._collection_hold_message(decision, row))

    def _collection_hold_message(self, decision, row):
        """Why this order cannot be confirmed, and who can release it."""
        self.ensure_one()
        _ = self.env._
        user = self.env.user
        # The portal works as the superuser: the request says who is asking.
        if user.share or (request and request.env.user.share):
            # A customer accepting online reads no internal assessment.
            return _(
                "This quotation cannot be confirmed online for now. Please contact "
                "%(company)s: we will get back to you.",
                company=self.company_id.name,
            )
        managers = self.company_id._collection_managers() - self.user_id
        debtor = self.env["collection.debtor"].sudo().browse(row["debtor_id"])
        return _(
            "%(order)s cannot be confirmed: %(customer)s is on credit hold because "
            "%(reasons)s. Only a Collections Manager who is not the order's "
            "salesperson can release this order, with a reason (%(managers)s). Use "
            '"Ask Collections" on the order to ask %(collector)s.',
            order=self.name,
            customer=self.partner_id.commercial_partner_id.display_name,
            reasons=hold_messages.reasons(
                self.env, decision.reasons, row, user.has_group(USER)
            ),
            managers=", ".join(managers[:3].mapped("name"))
            or _("no manager in this company"),
            collector=debtor.user_id.name or _("the collections team"),
        )

    def _collection_online_refusal(self, paid=False):
        """For the portal and online payments: the customer's message when this
        quotation is on hold (and a note for the salesperson), else False.

        :param paid: the customer paid online (else: accepted online)
        """
        self.ensure_one()
        if self.state not in OPEN_STATES or self.collection_hold_released_by_id:
            return False
        row = self._collection_rows().get(0) or {}
        decision = self._collection_decide(row)
        if not decision.blocked:
            return False
        reasons = hold_messages.reasons(self.env, decision.reasons, row, True)
        if paid:
            body = self.env._(
                "The customer paid %(order)s online, but the credit hold refuses its "
                "confirmation (%(reasons)s): it stays a quotation until a "
                "Collections Manager releases it.",
                order=self.name,
                reasons=reasons,
            )
        else:
            body = self.env._(
                "The customer tried to accept %(order)s online: refused by the "
                "credit hold (%(reasons)s).",
                order=self.name,
                reasons=reasons,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return self._collection_hold_message(decision, row)
