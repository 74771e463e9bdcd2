# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.collections_addon.models.collection_guard import (
    MANAGER,
    USER,
    VIEWER,
    check_group,
    refuse_protected,
    system_env,
)

from ..lib import hold
from .collection_sale_hold import OPEN_STATES

# The release of a hold and what it covers: written by
# action_collection_release_hold only.
RELEASE_FIELDS = frozenset(
    {
        "collection_hold_released_by_id",
        "collection_hold_release_reason",
        "collection_hold_release_date",
        "collection_hold_release_partner_id",
        "collection_hold_release_invoice_partner_id",
        "collection_hold_release_company_id",
        "collection_hold_release_currency_id",
        "collection_hold_release_amount",
    }
)
# Fields only the addon writes: the release, and every salesperson the order
# had (kept by create and write for the release's four eyes).
SYSTEM_FIELDS = RELEASE_FIELDS | {"collection_salesperson_ids"}
# What a write must touch for the hold to look at the resulting order.
HOLD_KEYS = frozenset({"state", "partner_id", "partner_invoice_id", "company_id"})
# Comparisons the debt to collect can be searched with (constants, never
# user text).
SEARCH_OPERATORS = {op: op for op in ("=", "!=", "<", "<=", ">", ">=")}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # === FIELDS === #
    # The debt of the order's customer in the order's company, read in one
    # query per batch, and only for the companies the reader works in.
    collection_currency_id = fields.Many2one(
        "res.currency", compute="_compute_collection_banner", groups=VIEWER
    )
    collection_amount_collectible = fields.Monetary(
        string="Debt to Collect",
        compute="_compute_collection_banner",
        search="_search_collection_amount_collectible",
        currency_field="collection_currency_id",
        groups=VIEWER,
        help="The customer's overdue amount in the order's company, less the "
        "unapplied credits.",
    )
    collection_hold = fields.Boolean(
        string="On Credit Hold",
        compute="_compute_collection_banner",
        groups=VIEWER,
        help="Confirming this quotation is blocked by the company's credit hold "
        "rules (for its customer or its invoice address), and no release of a "
        "Collections Manager covers it.",
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
    collection_hold_release_partner_id = fields.Many2one(
        "res.partner",
        string="Released for Customer",
        readonly=True,
        copy=False,
        help="The customer (its company) the release was given for.",
    )
    collection_hold_release_invoice_partner_id = fields.Many2one(
        "res.partner",
        string="Released for Invoice Address",
        readonly=True,
        copy=False,
        help="The invoice address (its company) the release was given for.",
    )
    collection_hold_release_company_id = fields.Many2one(
        "res.company", string="Released in Company", readonly=True, copy=False
    )
    collection_hold_release_currency_id = fields.Many2one(
        "res.currency", string="Release Currency", readonly=True, copy=False
    )
    collection_hold_release_amount = fields.Monetary(
        string="Released up To",
        currency_field="collection_hold_release_currency_id",
        readonly=True,
        copy=False,
        help="The order's total when it was released: a larger order needs a "
        "new release.",
    )
    collection_salesperson_ids = fields.Many2many(
        "res.users",
        "sale_order_collection_salesperson_rel",
        "order_id",
        "user_id",
        string="Salespeople So Far",
        readonly=True,
        copy=False,
        help="Everyone who was the salesperson of this order: none of them can "
        "release its credit hold.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends(
        "partner_id",
        "partner_invoice_id",
        "company_id",
        "state",
        "currency_id",
        "amount_total",
        "user_id",
        "collection_salesperson_ids",
        *sorted(RELEASE_FIELDS),
    )
    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_collection_banner(self):
        """One query for the batch (``collection.sale.hold._debts``), for the
        orders of the companies the reader works in only: another company's
        debt is never shown, not even through an onchange naming another
        company."""
        Hold = self.env["collection.sale.hold"]
        allowed = self.env.companies
        visible = self.filtered(lambda order: order.company_id in allowed)
        debts = dict(zip(visible._ids, Hold._debts(visible), strict=True))
        is_collector = self.env.user.has_group(USER)
        for order in self:
            order_debts = debts.get(order.id, [])
            customer = next(
                (
                    row
                    for row, _decision in order_debts
                    if hold.CUSTOMER in row["roles"]
                ),
                {},
            )
            order.collection_currency_id = customer.get("currency_id") or False
            order.collection_amount_collectible = (
                customer.get("amount_collectible") or 0.0
            )
            order.collection_hold = bool(Hold._blocked(order, order_debts))
            order.collection_banner_html = Hold._banner(
                order, order_debts, is_collector
            )

    def _search_collection_amount_collectible(self, operator, value):
        """Orders whose customer's debtor in the order's company has this much
        to collect (no debtor counts as 0), as one sub-select."""
        if (
            operator not in SEARCH_OPERATORS
            or isinstance(value, bool)
            or not isinstance(value, int | float)
        ):
            raise UserError(
                self.env._(
                    "Debt to Collect: only comparisons with a number (=, !=, <, <=, "
                    ">, >=) are supported."
                )
            )
        self.env["collection.debtor"].flush_model(
            ["partner_id", "company_id", "amount_collectible"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.flush_model(["partner_id", "company_id"])
        return [
            (
                "id",
                "in",
                SQL(
                    """
                    (SELECT so.id FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                      LEFT JOIN collection_debtor d
                             ON d.partner_id = p.commercial_partner_id
                            AND d.company_id = so.company_id
                     WHERE COALESCE(d.amount_collectible, 0) %(operator)s %(value)s)
                    """,
                    operator=SQL(SEARCH_OPERATORS[operator]),
                    value=value,
                ),
            )
        ]

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        refuse_protected(self, SYSTEM_FIELDS, vals_list, self._collection_refusal)
        Hold = self.env["collection.sale.hold"]
        # A refused order leaves nothing behind, even for a caller that
        # catches the error without a savepoint of its own.
        with self.env.cr.savepoint():
            orders = super().create(vals_list)
            Hold._note_salespeople(orders)
            # An order created confirmed is a confirmation too.
            Hold._check(orders, {})
        return orders

    def write(self, vals):
        refuse_protected(self, SYSTEM_FIELDS, [vals], self._collection_refusal)
        Hold = self.env["collection.sale.hold"]
        if not HOLD_KEYS & vals.keys():
            result = super().write(vals)
            if "user_id" in vals:
                Hold._note_salespeople(self)
            return result
        before = Hold._snapshot(self)
        with self.env.cr.savepoint():
            result = super().write(vals)
            Hold._note_salespeople(self)
            # Whoever writes (action_confirm, RPC, another addon), whatever the
            # values written together: the resulting order is checked, and a
            # refused write is rolled back here.
            Hold._check(self, before)
        return result

    # === ACTIONS === #
    def action_collection_release_hold(self, reason=None):
        """Release the credit hold of this one quotation (a Collections Manager
        who never was its salesperson, with a reason): logged on the order's
        chatter and in the contact log of each debtor on hold.

        The release covers this order for its customer, invoice address,
        company and currency, up to its current total, and while the manager
        never becomes its salesperson (:func:`lib.hold.release_voids`).

        :param reason: why the order may be confirmed despite the hold (text)
        """
        _ = self.env._
        Hold = self.env["collection.sale.hold"]
        check_group(self.env, MANAGER, _("Releasing a credit hold"))
        order = self._collection_one(_("Releasing a credit hold"))
        order.check_access("read")
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(
                _("Release a credit hold: the reason is required, as a text.")
            )
        reason = reason.strip()
        if order.state not in OPEN_STATES:
            raise UserError(
                _(
                    "%(order)s is no longer a quotation: there is no hold to release.",
                    order=order.name,
                )
            )
        if self.env.user in Hold._salespeople(order):
            raise UserError(
                _(
                    "%(order)s: you are or were its salesperson, so you cannot "
                    "release its credit hold; another Collections Manager must.",
                    order=order.name,
                )
            )
        if Hold._release_voids(order) == ():
            raise UserError(
                _(
                    "The credit hold of %(order)s was already released by %(user)s.",
                    order=order.name,
                    user=order.collection_hold_released_by_id.name,
                )
            )
        blocked = Hold._blocked(order, Hold._debts(order)[0], released=False)
        if not blocked:
            raise UserError(_("%(order)s is not on credit hold.", order=order.name))
        facts = Hold._facts(order)
        system_env(order.sudo()).write(
            {
                "collection_hold_released_by_id": self.env.uid,
                "collection_hold_release_reason": reason,
                "collection_hold_release_date": fields.Datetime.now(),
                "collection_hold_release_partner_id": facts.customer,
                "collection_hold_release_invoice_partner_id": facts.invoice,
                "collection_hold_release_company_id": facts.company,
                "collection_hold_release_currency_id": facts.currency,
                "collection_hold_release_amount": float(facts.amount),
            }
        )
        # Stored where Viewers read it: the neutral wording of the reasons.
        note = _(
            "Credit hold of %(order)s released by %(user)s: %(reason)s (the hold: "
            "%(held)s). The release covers this order only, for this customer and "
            "invoice address, up to %(amount)s.",
            order=order.name,
            user=self.env.user.name,
            reason=reason,
            held=Hold._reasons(blocked),
            amount=order.currency_id.format(order.amount_total),
        )
        order.sudo().message_post(
            body=note,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        self.env["collection.contact"].sudo()._log(
            [
                {
                    "debtor_id": row["debtor_id"],
                    "channel": "sales",
                    "episode": row.get("episode") or 1,
                    "user_id": self.env.uid,
                    "note": note,
                }
                for row, _decision in blocked
            ]
        )
        return True

    def action_collection_ask(self):
        """Ask collections about this order: an activity for the collector of
        the debtor on hold (else of the customer), else a Collections Manager,
        with a link to the order."""
        _ = self.env._
        Hold = self.env["collection.sale.hold"]
        check_group(self.env, VIEWER, _("Asking collections"))
        order = self._collection_one(_("Asking collections"))
        order.check_access("read")
        debts = Hold._debts(order)[0]
        blocked = Hold._blocked(order, debts, released=False)
        row = next(
            (row for row, _decision in blocked or debts if row.get("debtor_id")),
            None,
        )
        if not row:
            raise UserError(
                _(
                    "%(customer)s has no debt in %(company)s: there is nothing to "
                    "ask collections.",
                    customer=order.partner_id.display_name,
                    company=order.company_id.name,
                )
            )
        debtor = self.env["collection.debtor"].sudo().browse(row["debtor_id"])
        collector = self.env["collection.handler"].sudo()._responsible(debtor)
        summary = _("Sales asks about %(order)s", order=order.name)
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
            # On the debtor, where Viewers read it: the neutral wording.
            question = (
                _("On hold: %(reasons)s.", reasons=Hold._reasons(blocked))
                if blocked
                else _("Can we go ahead with this deal?")
            )
            debtor.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=debtor.company_id._collection_today(),
                summary=summary,
                note=Markup(
                    _(
                        "%(user)s asks about %(order)s (%(amount)s). %(question)s",
                        user=escape(self.env.user.name),
                        order=order.sudo()._get_html_link(),
                        amount=escape(order.currency_id.format(order.amount_total)),
                        question=escape(question),
                    )
                ),
                user_id=collector.id,
            )
            order.sudo().message_post(
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
                    order=order.name,
                ),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === TOOLING === #
    def _collection_one(self, action):
        """This one order, or a UserError naming ``action``."""
        if len(self) != 1:
            raise UserError(
                self.env._(
                    "%(action)s: choose one order at a time (%(count)s given).",
                    action=action,
                    count=len(self),
                )
            )
        return self

    def _collection_refusal(self, fields_label):
        return self.env._(
            "Sales order: %(fields)s are set by Collections itself (the release "
            "of a credit hold by a Collections Manager, with a reason, and the "
            "order's salespeople), not written directly.",
            fields=fields_label,
        )
