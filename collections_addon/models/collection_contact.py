# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

CHANNELS = [
    ("call", "Call"),
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("meeting", "Meeting"),
    ("portal", "Portal"),
]
OUTCOMES = [
    ("reached", "Reached"),
    ("no_answer", "No answer"),
    ("voicemail", "Voicemail"),
    ("wrong_number", "Wrong number"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("refused", "Refused to pay"),
    ("paid_claimed", "Paid (claimed)"),
    ("plan_requested", "Plan requested"),
]
UNANSWERED = ("no_answer", "voicemail", "wrong_number")
STATES = [
    ("done", "Done"),
    ("pending", "Pending"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("skipped", "Skipped"),
]


class CollectionContact(models.Model):
    _name = "collection.contact"
    _description = "Collection Contact"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "summary"

    # === FIELDS === #
    debtor_id = fields.Many2one(
        "collection.debtor",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="debtor_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="debtor_id.partner_id", string="Customer", store=True, index=True
    )
    contact_partner_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        default=lambda self: self.env.user,
        index=True,
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    channel = fields.Selection(CHANNELS, required=True, default="call")
    direction = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")],
        required=True,
        default="outbound",
    )
    outcome = fields.Selection(OUTCOMES)
    note = fields.Text()
    summary = fields.Char(compute="_compute_summary")
    # Automatic actions of the escalation ladder.
    is_automatic = fields.Boolean(readonly=True)
    level_id = fields.Many2one(
        "collection.level", readonly=True, index=True, ondelete="set null"
    )
    episode = fields.Integer(readonly=True, index=True)
    state = fields.Selection(STATES, default="done", required=True, readonly=True)
    failure_reason = fields.Char(readonly=True)
    mail_id = fields.Many2one("mail.mail", readonly=True, ondelete="set null")
    mail_message_id = fields.Many2one(
        "mail.message", readonly=True, ondelete="set null"
    )
    attachment_ids = fields.Many2many("ir.attachment", readonly=True)
    # Same company as the contact: checked by _check_move_ids_company in one
    # query, not by check_company (which reads every invoice: a hand-over may
    # cover thousands).
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        readonly=True,
        domain="[('company_id', '=', company_id)]",
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("channel", "outcome", "level_id", "date")
    def _compute_summary(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        for contact in self:
            parts = [channels.get(contact.channel, "")]
            if contact.level_id:
                parts.append(contact.level_id.name)
            if contact.outcome:
                parts.append(outcomes[contact.outcome])
            contact.summary = " · ".join(p for p in parts if p)

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("move_ids", "debtor_id")
    def _check_move_ids_company(self):
        for contact in self.filtered("move_ids"):
            company = contact.debtor_id.company_id
            other = self.env.execute_query(
                SQL(
                    "SELECT 1 FROM account_move WHERE id IN %s AND company_id != %s"
                    " LIMIT 1",
                    tuple(contact.move_ids.ids),
                    company.id,
                )
            )
            if other:
                raise ValidationError(
                    _(
                        "Invoices: a contact of %(company)s can only cover invoices "
                        "of %(company)s.",
                        company=company.name,
                    )
                )

    # === CRUD === #
    @api.ondelete(at_uninstall=False)
    def _unlink_except_automatic(self):
        if any(contact.is_automatic for contact in self) and not self.env.su:
            raise UserError(
                _(
                    "The log of automatic escalation steps is evidence; it cannot be "
                    "deleted."
                )
            )

    # === ACTIONS === #
    def action_log_outcome(self):
        """Quick log: one click on an outcome saves the call, then the next step."""
        self.ensure_one()
        outcome = self.env.context.get("collection_outcome")
        if outcome:
            if outcome not in dict(OUTCOMES):
                raise UserError(
                    _("Outcome: %(value)s is not a known outcome.", value=outcome)
                )
            self.outcome = outcome
        return self.action_next_step()

    def action_next_step(self):
        """Open what the outcome calls for: a promise form or a dispute."""
        self.ensure_one()
        return self.debtor_id._action_after_contact(self)
