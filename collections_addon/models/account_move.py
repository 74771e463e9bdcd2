# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from .collection_guard import (
    USER,
    check_group,
    check_values,
    refuse_protected,
    system_env,
)

# What a collector sets on an invoice (the dispute or hold), and nothing else.
EXCLUSION_FIELDS = frozenset({"collection_excluded", "collection_exclusion_reason"})
# Who excluded the invoice and when: set by the exclusion itself; the last
# level is read from the contact log.
SYSTEM_FIELDS = frozenset(
    {"collection_excluded_by_id", "collection_excluded_on", "collection_level_id"}
)


class AccountMove(models.Model):
    _inherit = "account.move"

    # === FIELDS === #
    collection_excluded = fields.Boolean(
        string="Excluded from Collections",
        tracking=True,
        copy=False,
        help="A dispute or hold: the invoice leaves the escalation ladder.",
    )
    collection_exclusion_reason = fields.Char(
        string="Exclusion Reason", tracking=True, copy=False
    )
    # Who excluded the invoice and when: set by the exclusion itself (system).
    collection_excluded_by_id = fields.Many2one(
        "res.users", string="Excluded By", readonly=True, copy=False
    )
    collection_excluded_on = fields.Date(
        string="Excluded On", readonly=True, copy=False
    )
    collection_level_id = fields.Many2one(
        "collection.level",
        string="Last Collection Level",
        compute="_compute_collection_level_id",
        help="The last escalation level applied to this invoice, as the "
        "contact log records it.",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    def _compute_collection_level_id(self):
        """Read from the contact log, whose entries list the invoices they
        were about: the run writes nothing on the invoices themselves (an
        UPDATE of ``account_move`` maintains its 29 indexes; 1.7 s for a
        debtor of 20,000 invoices)."""
        ids = tuple(move_id for move_id in self.ids if move_id)
        levels = {}
        if ids:
            self.env["collection.contact"].flush_model(["level_id", "move_ids"])
            levels = dict(
                self.env.execute_query(
                    SQL(
                        """
                        SELECT DISTINCT ON (r.account_move_id)
                               r.account_move_id, c.level_id
                          FROM account_move_collection_contact_rel r
                          JOIN collection_contact c ON c.id = r.collection_contact_id
                         WHERE r.account_move_id IN %s AND c.level_id IS NOT NULL
                         ORDER BY r.account_move_id, c.date DESC, c.id DESC
                        """,
                        ids,
                    )
                )
            )
        for move in self:
            move.collection_level_id = levels.get(move.id, False)

    def init(self):
        result = super().init()
        # The few excluded invoices, for the run's anti-join: its queries need
        # not read the invoice of every open line to learn it is not excluded.
        create_index(
            self.env.cr,
            "account_move_collection_excluded_idx",
            self._table,
            ["id"],
            where="collection_excluded",
        )
        return result

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("collection_excluded", "collection_exclusion_reason")
    def _check_collection_exclusion_reason(self):
        for move in self:
            if (
                move.collection_excluded
                and not (move.collection_exclusion_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Exclusion Reason: invoice %(invoice)s is excluded from "
                        "collections, so the reason for the dispute or hold is "
                        "required.",
                        invoice=move.display_name,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        refuse_protected(self, SYSTEM_FIELDS, vals_list, self._collection_refusal)
        return super().create(vals_list)

    def write(self, vals):
        refuse_protected(self, SYSTEM_FIELDS, [vals], self._collection_refusal)
        moves = self
        if EXCLUSION_FIELDS & set(vals):
            check_values(self, vals, names=EXCLUSION_FIELDS)
            check_group(
                self.env, USER, self.env._("Excluding an invoice from collections")
            )
            if set(vals) <= EXCLUSION_FIELDS:
                # A collector reads customer documents but may not edit them:
                # the exclusion alone is written as superuser, on the invoices
                # the caller can read.
                self.check_access("read")
                moves = self.sudo()
        if "collection_excluded" in vals:
            newly = moves.filtered(
                lambda m: bool(m.collection_excluded)
                != bool(vals["collection_excluded"])
            )
        result = super(AccountMove, moves).write(vals)
        if "collection_excluded" in vals and newly:
            excluded = bool(vals["collection_excluded"])
            for company, mine in newly.grouped("company_id").items():
                super(AccountMove, system_env(mine)).write(
                    {
                        "collection_excluded_by_id": excluded and self.env.uid,
                        "collection_excluded_on": excluded
                        and company._collection_today(),
                    }
                )
        return result

    # === BUSINESS / HOOKS === #
    def _collection_refusal(self, fields):
        return self.env._(
            "Invoice: %(fields)s are set by Collections itself (who excluded the "
            "invoice and when, by the exclusion; the last level, read from the "
            "contact log).",
            fields=fields,
        )

    def _collection_check_partner(self, partner):
        """Refuse invoices of another customer in a promise or a plan."""
        foreign = self.filtered(lambda move: move.commercial_partner_id != partner)
        if foreign:
            raise ValidationError(
                self.env._(
                    "Invoices: %(invoices)s do not belong to %(debtor)s.",
                    invoices=", ".join(foreign.mapped("name")),
                    debtor=partner.display_name,
                )
            )

    # === ACTIONS === #
    def action_collection_dispute(self):
        """The dispute form on these invoices (one customer): a collector
        reads invoices but cannot edit them, the form can be filled in."""
        return self.env["collection.dispute"]._action_open(
            self._collection_debtor(), moves=self
        )

    def _collection_dispute(
        self, debtor, reason, channel="call", contact_partner=None, call=None
    ):
        """The customer disputes these invoices: they leave the escalation
        ladder (the exclusion a collector may write), and ONE entry of the
        contact log says so (``collection.contact._log``), naming them.

        :param debtor: the debtor the invoices belong to
        :param reason: what is disputed: the exclusion's reason and the note
        :param channel: how the dispute was raised (the call's channel)
        :param contact_partner: who raised it, if known
        :param call: the call being logged when the dispute came up: a call
            without outcome yet is replaced by the dispute's entry
        :return: the contact entry
        """
        check_group(self.env, USER, self.env._("Recording a dispute"))
        reason = (reason or "").strip()
        if not self:
            raise UserError(
                self.env._(
                    "Disputed Invoices: choose the invoice or invoices %(debtor)s "
                    "disputes.",
                    debtor=debtor.display_name,
                )
            )
        if not reason:
            raise ValidationError(
                self.env._(
                    "Reason: say what %(debtor)s disputes; it is kept with the "
                    "invoices and in the contact log.",
                    debtor=debtor.display_name,
                )
            )
        self._collection_check_partner(debtor.partner_id)
        wrong = self.filtered(
            lambda m: m.company_id != debtor.company_id
            or m.move_type not in ("out_invoice", "out_receipt")
            or m.state != "posted"
        )
        if wrong:
            raise ValidationError(
                self.env._(
                    "Disputed Invoices: %(invoices)s are not posted customer "
                    "invoices of %(company)s.",
                    invoices=", ".join(wrong.mapped("display_name")),
                    company=debtor.company_id.name,
                )
            )
        done = self.filtered("collection_excluded")
        if done:
            raise UserError(
                self.env._(
                    "Disputed Invoices: %(invoices)s are already excluded from "
                    "collections (Disputes and Holds).",
                    invoices=", ".join(done.mapped("display_name")),
                )
            )
        self.write({"collection_excluded": True, "collection_exclusion_reason": reason})
        Contact = self.env["collection.contact"]
        entry = Contact._log(
            {
                "debtor_id": debtor.id,
                "channel": channel,
                "outcome": "dispute",
                "contact_partner_id": contact_partner.id if contact_partner else False,
                "move_ids": [Command.set(self.ids)],
                "note": reason,
            }
        )
        if (
            call
            and call.debtor_id == debtor
            and not (call.outcome or call.is_automatic)
            and call.user_id == self.env.user
        ):
            # The call was opened to log this contact: its entry is the dispute.
            call.sudo().unlink()
        return entry

    def _collection_debtor(self):
        """The one debtor of these invoices (refreshed in when still missing)."""
        check_group(self.env, USER, self.env._("Working an invoice's debt"))
        partner = self.commercial_partner_id
        if len(partner) != 1 or len(self.company_id) != 1:
            raise UserError(
                self.env._("Select invoices of one customer and one company.")
            )
        Debtor = self.env["collection.debtor"]
        domain = [
            ("partner_id", "=", partner.id),
            ("company_id", "=", self.company_id.id),
        ]
        debtor = Debtor.search(domain, limit=1)
        if not debtor:
            self.env["collection.ledger"].sudo()._refresh_company(self.company_id)
            debtor = Debtor.search(domain, limit=1)
        if not debtor:
            raise ValidationError(
                self.env._(
                    "Invoice %(invoice)s has no open debt to promise.",
                    invoice=self[:1].display_name,
                )
            )
        return debtor

    def action_collection_promise(self):
        """Record a promise to pay on these invoices (one customer)."""
        debtor = self._collection_debtor()
        return debtor.action_new_promise(invoice_ids=[Command.set(self.ids)])

    def action_collection_log_call(self):
        return self._collection_debtor().action_log_call()

    def action_collection_print_statement(self):
        return self._collection_debtor().action_print_statement()

    def action_collection_include(self):
        self.write({"collection_excluded": False, "collection_exclusion_reason": False})
        return True
