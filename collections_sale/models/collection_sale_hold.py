# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit hold of sales orders: the debts an order is checked against,
the check of the resulting order, what a release covers, and what the sales
rep reads.

Called by ``sale.order`` (its compute, create, write and buttons), the portal
and online payments; the debts are read through ``collection.standing`` and
the decisions are ``lib.hold``'s.
"""

from decimal import Decimal

from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.collections_addon.models.collection_guard import USER, system_env

from ..lib import hold
from . import hold_messages

OPEN_STATES = ("draft", "sent")
HOLD_SETTINGS = [
    "collection_hold_level_id",
    "collection_hold_debtor_type",
    "collection_hold_amount",
    "collection_hold_days",
    "collection_hold_plan_defaulted",
    "collection_hold_commitment_lifts",
]
# The managers named as releasers of an order (at most).
RELEASERS_SHOWN = 3


class CollectionSaleHold(models.AbstractModel):
    _name = "collection.sale.hold"
    _description = "Collections: Credit Hold of Sales Orders"

    # === DEBTS OF AN ORDER === #
    @api.model
    def _debts(self, orders):
        """The debts each order is checked against, in one query for the
        batch (``collection.standing._rows``): its customer's and, when it is
        another entity, its invoice address's, in the order's company (new
        records included, from their cache). No access check: the callers
        decide who reads what.

        :return: a list aligned with ``orders`` of lists of ``(row,
            decision)``, the customer's first; ``row["roles"]`` holds
            :data:`lib.hold.CUSTOMER` and/or :data:`lib.hold.INVOICE`
        """
        requests, owners = [], []
        for index, order in enumerate(orders):
            company_id = order.company_id._origin.id
            for role, partner in (
                (hold.CUSTOMER, order.partner_id),
                (hold.INVOICE, order.partner_invoice_id),
            ):
                # A customer created on the fly in the form has no row yet.
                if partner._origin.id and company_id:
                    requests.append((partner._origin.id, company_id))
                    owners.append((index, role))
        debts = [[] for _order in orders]
        if not requests:
            return debts
        self.env["res.company"].flush_model(HOLD_SETTINGS)
        rows = self.env["collection.standing"]._rows(
            requests,
            columns=SQL(
                """
                c.collection_hold_debtor_type AS hold_debtor_type,
                c.collection_hold_amount AS hold_amount,
                c.collection_hold_days AS hold_days,
                c.collection_hold_plan_defaulted AS hold_plan_defaulted,
                c.collection_hold_commitment_lifts AS hold_commitment_lifts,
                hl.days AS hold_level_days, hl.name AS hold_level_name
                """
            ),
            joins=SQL(
                "LEFT JOIN collection_level hl ON hl.id = c.collection_hold_level_id"
            ),
        )
        for key in sorted(rows):
            row = rows[key]
            index, role = owners[key]
            same = next(
                (
                    seen
                    for seen, _decision in debts[index]
                    if seen["commercial_partner_id"] == row["commercial_partner_id"]
                ),
                None,
            )
            if same:
                same["roles"] |= {role}
                continue
            row["roles"] = {role}
            debts[index].append((row, self._decide(row)))
        return debts

    @api.model
    def _decide(self, row):
        """The hold decision (:func:`lib.hold.decide`) for one standing row,
        on the day of the row's company."""
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

    @api.model
    def _blocked(self, order, debts, released=None):
        """The debts that block the quotation ``order``: none for a confirmed
        order or one whose release covers it.

        :param released: whether a release covers the order (default: ask
            :meth:`_release_voids`)
        """
        if order.state not in OPEN_STATES:
            return []
        blocked = [(row, decision) for row, decision in debts if decision.blocked]
        if blocked and released is None:
            released = self._release_voids(order) == ()
        return [] if released else blocked

    @api.model
    def _reasons(self, blocked, is_collector=False):
        """Why the ``blocked`` debts hold an order, as one clause (the neutral
        wording unless ``is_collector``)."""
        return "; ".join(
            hold_messages.reasons(self.env, decision.reasons, row, is_collector)
            for row, decision in blocked
        )

    @api.model
    def _debtor_name(self, row):
        """The name of the row's debtor (the commercial entity)."""
        partner = self.env["res.partner"].sudo().browse(row["commercial_partner_id"])
        return partner.display_name

    # === RELEASE AND FOUR EYES === #
    @api.model
    def _facts(self, order):
        """What the hold and a release look at (:class:`lib.hold.OrderFacts`)."""
        order = order.sudo()
        currency = order.currency_id
        amount = currency.round(order.amount_total) if currency else 0.0
        return hold.OrderFacts(
            state=order.state,
            customer=order.partner_id.commercial_partner_id.id,
            invoice=order.partner_invoice_id.commercial_partner_id.id,
            company=order.company_id.id,
            currency=currency.id,
            amount=Decimal(str(amount)),
        )

    @api.model
    def _snapshot(self, orders):
        """``{order id: OrderFacts}``: the orders before a write."""
        return {order.id: self._facts(order) for order in orders}

    @api.model
    def _salespeople(self, order):
        """Everyone who was or is the salesperson of ``order``."""
        sudo = order.sudo()
        return (sudo.collection_salesperson_ids | sudo.user_id).with_env(self.env)

    @api.model
    def _note_salespeople(self, orders):
        """Remember each salesperson of ``orders``: a manager who ever sold an
        order never releases it (four eyes, even after a hand-over and back)."""
        missing = orders.sudo().filtered(
            lambda o: o.user_id and o.user_id not in o.collection_salesperson_ids
        )
        for user in missing.user_id:
            system_env(missing.filtered(lambda o, u=user: o.user_id == u)).write(
                {"collection_salesperson_ids": [Command.link(user.id)]}
            )

    @api.model
    def _release_voids(self, order):
        """Why the release of ``order`` no longer covers it
        (:func:`lib.hold.release_voids`): ``()`` while it does, ``None``
        without a release."""
        sudo = order.sudo()
        if not sudo.collection_hold_released_by_id:
            return None
        released = hold.OrderFacts(
            state=sudo.state,
            customer=sudo.collection_hold_release_partner_id.id,
            invoice=sudo.collection_hold_release_invoice_partner_id.id,
            company=sudo.collection_hold_release_company_id.id,
            currency=sudo.collection_hold_release_currency_id.id,
            amount=Decimal(str(sudo.collection_hold_release_amount)),
        )
        return hold.release_voids(
            released,
            self._facts(order),
            sudo.collection_hold_released_by_id.id,
            frozenset(self._salespeople(order).ids),
        )

    @api.model
    def _releasers(self, order):
        """The Collections Managers who may release ``order``: never its
        salesperson, and able to open it (Sales rights on it, in its company).
        At most :data:`RELEASERS_SHOWN`."""
        company = order.company_id
        releasers = self.env["res.users"]
        for manager in company._collection_managers() - self._salespeople(order):
            mine = order.with_user(manager).with_context(
                allowed_company_ids=company.ids
            )
            if mine.has_access("read"):
                releasers |= manager
                if len(releasers) == RELEASERS_SHOWN:
                    break
        return releasers

    # === HOLD ON THE RESULTING ORDER === #
    @api.model
    def _check(self, orders, before):
        """Refuse (UserError) the first of ``orders`` that a create or a write
        leaves confirmed on credit hold, without a release that covers it:
        checked on the resulting order (:func:`lib.hold.hold_event`). No
        context key switches this off.

        :param before: ``{order id: OrderFacts}`` before the write (empty for
            a create)
        """
        checks = {}
        for order in orders:
            event, roles = hold.hold_event(before.get(order.id), self._facts(order))
            if event:
                checks[order.id] = (event, roles)
        if not checks:
            return
        orders = orders.browse(list(checks))
        for order, debts in zip(orders, self._debts(orders), strict=True):
            event, roles = checks[order.id]
            blocked = [
                (row, decision)
                for row, decision in debts
                if decision.blocked and row["roles"] & roles
            ]
            if not blocked:
                continue
            voids = self._release_voids(order)
            if voids == ():
                continue
            raise UserError(self._message(order, event, blocked, voids))

    @api.model
    def _message(self, order, event, blocked, voids=None):
        """Why ``order`` is refused, and who can release it.

        :param event: :data:`lib.hold.CONFIRMED` or :data:`lib.hold.MOVED`
        :param blocked: the ``(row, decision)`` that hold it
        :param voids: why its release no longer covers it (None: no release)
        """
        _ = self.env._
        user = self.env.user
        # The portal works as the superuser: the request says who is asking.
        if user.share or (request and request.env.user.share):
            # A customer accepting online reads no internal assessment.
            return _(
                "This quotation cannot be confirmed online for now. Please contact "
                "%(company)s: we will get back to you.",
                company=order.company_id.name,
            )
        is_collector = user.has_group(USER)
        sentences = []
        for row, decision in blocked:
            values = {
                "order": order.name,
                "customer": self._debtor_name(row),
                "reasons": hold_messages.reasons(
                    self.env, decision.reasons, row, is_collector
                ),
            }
            customer = hold.CUSTOMER in row["roles"]
            if event == hold.CONFIRMED and customer:
                sentence = _(
                    "%(order)s cannot be confirmed: %(customer)s is on credit hold "
                    "because %(reasons)s.",
                    **values,
                )
            elif event == hold.CONFIRMED:
                sentence = _(
                    "%(order)s cannot be confirmed: its invoice address "
                    "%(customer)s is on credit hold because %(reasons)s.",
                    **values,
                )
            elif customer:
                sentence = _(
                    "%(order)s is confirmed: its customer cannot become "
                    "%(customer)s, which is on credit hold because %(reasons)s.",
                    **values,
                )
            else:
                sentence = _(
                    "%(order)s is confirmed: its invoice address cannot become "
                    "%(customer)s, which is on credit hold because %(reasons)s.",
                    **values,
                )
            sentences.append(sentence)
        if voids:
            sentences.append(
                _(
                    "The release by %(user)s no longer covers it: %(why)s.",
                    user=order.sudo().collection_hold_released_by_id.name,
                    why=hold_messages.release_voids(self.env, voids, order.sudo()),
                )
            )
        if event == hold.CONFIRMED:
            debtor = (
                self.env["collection.debtor"].sudo().browse(blocked[0][0]["debtor_id"])
            )
            sentences.append(
                _(
                    "Only a Collections Manager who never was the order's "
                    "salesperson can release this order, with a reason "
                    '(%(managers)s). Use "Ask Collections" on the order to ask '
                    "%(collector)s.",
                    managers=", ".join(self._releasers(order).mapped("name"))
                    or _("no manager of this company can open this order"),
                    collector=debtor.user_id.name or _("the collections team"),
                )
            )
        return " ".join(sentences)

    @api.model
    def _online_refusal(self, order, paid=False):
        """For the portal and online payments: the customer's message when the
        quotation ``order`` is on hold (and a note for the salesperson), else
        False.

        :param paid: the customer paid online (else: accepted online)
        """
        blocked = self._blocked(order, self._debts(order)[0])
        if not blocked:
            return False
        # On the order, where its salesperson reads it: the neutral wording.
        reasons = self._reasons(blocked)
        if paid:
            body = self.env._(
                "The customer paid %(order)s online, but the credit hold refuses its "
                "confirmation (%(reasons)s): it stays a quotation until a "
                "Collections Manager releases it.",
                order=order.name,
                reasons=reasons,
            )
        else:
            body = self.env._(
                "The customer tried to accept %(order)s online: refused by the "
                "credit hold (%(reasons)s).",
                order=order.name,
                reasons=reasons,
            )
        order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return self._message(order, hold.CONFIRMED, blocked)

    # === WHAT THE SALES REP READS === #
    @api.model
    def _banner(self, order, debts, is_collector):
        """The banner of ``order``: the debt of its customer (else of its
        invoice address), then its hold, its release or what lifted it."""
        Standing = self.env["collection.standing"]
        told = [
            (row, decision)
            for row, decision in debts
            if Standing._has_news(row) or decision.blocked or decision.lifted
        ]
        if not told:
            return False
        _ = self.env._
        main = told[0][0]
        header = []
        if hold.CUSTOMER not in main["roles"]:
            header.append(
                _(
                    "The debt of the invoice address %(partner)s, who gets this "
                    "order's invoices.",
                    partner=self._debtor_name(main),
                )
            )
        quotation = order.state in OPEN_STATES
        blocked = [(r, d) for r, d in debts if d.blocked] if quotation else []
        voids = self._release_voids(order) if blocked else None
        if blocked and voids == ():
            footer = [self._released_line(order)]
        elif blocked:
            footer = self._blocked_lines(order, blocked, voids, is_collector)
        elif quotation:
            footer = [
                _(
                    "Credit hold lifted by %(commitment)s (otherwise: %(reasons)s).",
                    commitment=hold_messages.lifted_by(self.env, decision.lifted_by),
                    reasons=hold_messages.reasons(
                        self.env, decision.lifted, row, is_collector
                    ),
                )
                for row, decision in debts
                if decision.lifted
            ]
        else:
            footer = []
        return Standing._banner(
            main,
            is_collector,
            footer=footer,
            danger=bool(blocked) and voids != (),
            header=header,
        )

    @api.model
    def _released_line(self, order):
        order = order.sudo()
        return self.env._(
            "Credit hold released for this order by %(user)s on %(date)s, up to "
            "%(amount)s: %(reason)s",
            user=order.collection_hold_released_by_id.name,
            date=self.env["collection.standing"]._date(
                order.collection_hold_release_date
            ),
            amount=order.collection_hold_release_currency_id.format(
                order.collection_hold_release_amount
            ),
            reason=order.collection_hold_release_reason or "",
        )

    @api.model
    def _blocked_lines(self, order, blocked, voids, is_collector):
        _ = self.env._
        lines = []
        if voids:
            lines.append(
                _(
                    "The release by %(user)s no longer covers this order: %(why)s.",
                    user=order.sudo().collection_hold_released_by_id.name,
                    why=hold_messages.release_voids(self.env, voids, order.sudo()),
                )
            )
        for row, decision in blocked:
            reasons = hold_messages.reasons(
                self.env, decision.reasons, row, is_collector
            )
            if hold.CUSTOMER in row["roles"]:
                lines.append(_("Confirmation blocked: %(reasons)s.", reasons=reasons))
            else:
                lines.append(
                    _(
                        "Confirmation blocked: the invoice address %(partner)s is on "
                        "credit hold (%(reasons)s).",
                        partner=self._debtor_name(row),
                        reasons=reasons,
                    )
                )
        lines.append(
            _(
                "A Collections Manager who never was the order's salesperson can "
                "release this order with a reason; ask collections."
            )
        )
        return lines
