# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date
from odoo.tools.translate import LazyTranslate

from ..lib import bounds, dunning
from . import lib_messages
from .collection_guard import (
    ALL,
    USER,
    Freeze,
    check_group,
    check_values,
    is_system,
    system_env,
)
from .notifications import notification
from .selections import (
    CONTACT_CHANNELS,
    CONTACT_DIRECTIONS,
    CONTACT_OUTCOMES,
    CONTACT_STATES,
    MANUAL_CHANNELS,
)

_lt = LazyTranslate(__name__)

# What a collector may still fill in on a manual entry, until its outcome is set.
OPEN_FIELDS = frozenset({"outcome", "note", "contact_partner_id"})
# How far back a person may log a contact: about a month.
MANUAL_PAST_DAYS = 31


class CollectionContact(models.Model):
    _name = "collection.contact"
    _description = "Collection Contact"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "summary"
    _inherit = ["collection.guard.mixin"]

    # The escalation's own facts: only the run and the mail queue write them.
    _collection_system_fields = frozenset(
        {
            "is_automatic",
            "level_id",
            "episode",
            "state",
            "failure_reason",
            "mail_id",
            "mail_message_id",
            "attachment_ids",
            "move_ids",
            "skipped_level_ids",
        }
    )
    _collection_fixed_fields = frozenset(
        {
            "company_id",
            "debtor_id",
            "date",
            "channel",
            "direction",
            "correction_of_id",
            "user_id",
        }
    )
    # The log is append-only: an entry Collections recorded never changes; a
    # manual entry only gets its outcome, note and contact person, until its
    # outcome is set. A correction is a new entry pointing to the old one.
    _collection_evidence = (
        Freeze(
            ALL,
            when=(("is_automatic", "=", True),),
            unlink=True,
            reason=_lt(
                "Collections recorded this entry: it is evidence. Log a new "
                "entry that corrects it instead."
            ),
        ),
        Freeze(
            ALL,
            open=OPEN_FIELDS,
            reason=_lt(
                "Only the outcome, note and contact person of a call still in "
                "progress can be filled in. Log a new entry that corrects it "
                "instead."
            ),
        ),
        Freeze(
            OPEN_FIELDS,
            when=(("outcome", "!=", False),),
            unlink=True,
            reason=_lt(
                "The outcome is recorded: the entry is evidence. Log a new "
                "entry that corrects it instead."
            ),
        ),
    )

    # === FIELDS === #
    debtor_id = fields.Many2one(
        "collection.debtor",
        required=True,
        index=True,
        ondelete="restrict",
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
    channel = fields.Selection(CONTACT_CHANNELS, required=True, default="call")
    direction = fields.Selection(
        CONTACT_DIRECTIONS,
        required=True,
        default="outbound",
    )
    outcome = fields.Selection(CONTACT_OUTCOMES)
    note = fields.Text()
    summary = fields.Char(compute="_compute_summary")
    skipped_level_ids = fields.Many2many(
        "collection.level",
        "collection_contact_skipped_level_rel",
        "contact_id",
        "level_id",
        string="Levels Skipped",
        readonly=True,
        help="Levels that were due but passed over because a higher one was due.",
    )
    correction_of_id = fields.Many2one(
        "collection.contact",
        string="Corrects",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('debtor_id', '=', debtor_id)]",
        help="The log is append-only: a correction is a new entry that points to "
        "the entry it corrects.",
    )
    correction_ids = fields.One2many(
        "collection.contact", "correction_of_id", string="Corrections"
    )
    # Automatic actions of the escalation ladder.
    is_automatic = fields.Boolean(readonly=True)
    level_id = fields.Many2one(
        "collection.level", readonly=True, index=True, ondelete="restrict"
    )
    episode = fields.Integer(readonly=True, index=True)
    state = fields.Selection(
        CONTACT_STATES, default="done", required=True, readonly=True, index=True
    )
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
        """One query for all the contacts created or changed together."""
        contacts = self.filtered("move_ids")
        if not contacts:
            return
        contacts.flush_recordset(["move_ids", "debtor_id"])
        other = self.env.execute_query(
            SQL(
                """
                SELECT d.company_id
                  FROM collection_contact c
                  JOIN collection_debtor d ON d.id = c.debtor_id
                  JOIN account_move_collection_contact_rel r
                    ON r.collection_contact_id = c.id
                  JOIN account_move m ON m.id = r.account_move_id
                 WHERE c.id IN %s AND m.company_id != d.company_id
                 LIMIT 1
                """,
                tuple(contacts.ids),
            )
        )
        if other:
            company = self.env["res.company"].browse(other[0][0])
            raise ValidationError(
                self.env._(
                    "Invoices: a contact of %(company)s can only cover invoices "
                    "of %(company)s.",
                    company=company.sudo().name,
                )
            )

    @api.constrains("date", "is_automatic")
    def _check_date(self):
        """Logged when it happened: not in the future, and a manual entry at
        most a month back."""
        now = fields.Datetime.now()
        for contact in self:
            if contact.date > fields.Datetime.add(now, days=1):
                raise ValidationError(
                    self.env._(
                        "Date: a contact is logged when it happened; %(date)s is "
                        "in the future.",
                        date=contact.date,
                    )
                )
            if not contact.is_automatic and bounds.check_date(
                contact.date.date(),
                now.date(),
                past_days=MANUAL_PAST_DAYS,
                future_days=1,
            ):
                raise ValidationError(
                    self.env._(
                        "Date: %(date)s is more than %(days)s days ago; a contact "
                        "is logged within a month of when it happened.",
                        date=contact.date,
                        days=MANUAL_PAST_DAYS,
                    )
                )

    @api.constrains("correction_of_id", "debtor_id")
    def _check_correction(self):
        for contact in self.filtered("correction_of_id"):
            if contact.correction_of_id.debtor_id != contact.debtor_id:
                raise ValidationError(
                    self.env._(
                        "Corrects: an entry can only correct an entry of the "
                        "same debtor (%(debtor)s).",
                        debtor=contact.debtor_id.display_name,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not is_system(self.env):
            for vals in vals_list:
                self._check_manual_entry(vals)
        return super().create(vals_list)

    @api.model
    def _check_manual_entry(self, vals):
        """An entry a person logs is theirs, on a channel people use, dated
        when the contact happened: within the last month, not in the future
        (the system's own channels and authors are the system's)."""
        user_id = vals.get("user_id") or self.env.context.get("default_user_id")
        if user_id and user_id != self.env.uid:
            raise AccessError(
                self.env._(
                    "Contact log: an entry is logged by who made the contact; "
                    "%(user)s cannot log it in another person's name.",
                    user=self.env.user.name,
                )
            )
        channel = vals.get("channel") or self.env.context.get("default_channel")
        if channel and channel not in MANUAL_CHANNELS:
            channels = dict(self._fields["channel"]._description_selection(self.env))
            raise AccessError(
                self.env._(
                    "Contact log: the channel %(channel)s is recorded by "
                    "Collections itself; log a call, e-mail, SMS, letter or "
                    "meeting.",
                    channel=channels.get(channel, channel),
                )
            )

    def _collection_author(self):
        """The run's entries were recorded by the escalation run; the others by
        the person they name (the collector, the manager who released)."""
        self.ensure_one()
        if self.level_id or self.state == "skipped":
            return self.env._("the escalation run")
        return (self.user_id or self.create_uid).name

    @api.model
    def _settle(self, contacts, state, reason=False):
        """Set the state of ``contacts`` (the one system write of a contact's
        state): ``sent``, ``failed`` with the ``reason``, or ``pending`` again
        (a retried mail)."""
        system_env(contacts).write({"state": state, "failure_reason": reason})

    @api.model
    def _settle_mails(self, mails, deleted=False):
        """Settle the pending entries of ``mails`` from the mail's state: sent
        only when really sent; failed when it failed, was cancelled or was
        deleted before it went out.

        Called by the mail queue's post-processing, and when a mail is
        cancelled or deleted (Odoo skips the post-processing of those). A
        failed reminder is not a taken level: the next run retries it, and the
        failure is posted once on the debtor.
        """
        contacts = (
            self.sudo()
            .search([("mail_id", "in", mails.ids), ("state", "=", "pending")])
            .with_env(self.env)
        )
        for contact in contacts:
            mail = contact.mail_id.sudo()
            if mail.state == "sent":
                self._settle(contact, "sent")
                continue
            if deleted:
                reason = self.env._("The mail was deleted before it was sent.")
            elif mail.state == "cancel":
                reason = self.env._("The mail was cancelled before it was sent.")
            elif mail.state == "exception":
                reason = mail.failure_reason or False
            else:
                continue
            self._settle(contact, "failed", reason)
            contact.debtor_id.sudo().message_post(
                body=self.env._(
                    "Reminder %(level)s failed to send: %(reason)s. It is "
                    "retried by the next run.",
                    level=contact.level_id.name or "",
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # === ACTIONS === #
    def action_log_outcome(self, outcome=None):
        """Quick log: one click on an outcome saves the call, then the next step.

        A promise, a dispute and a claimed payment first ask for their facts;
        the call gets its outcome once they are saved, so a discarded form
        leaves no such call behind. A plan request opens the plan, filled in.

        :param outcome: the outcome the button stands for (its ``args``)
        """
        self.ensure_one()
        check_group(self.env, USER, self.env._("Logging a call"))
        if outcome:
            if not isinstance(outcome, str) or outcome not in dict(CONTACT_OUTCOMES):
                raise UserError(
                    self.env._(
                        "Outcome: %(value)s is not a known outcome.", value=outcome
                    )
                )
            if outcome == "promise":
                # Set by the promise once it is saved (collection.promise.create).
                return self._action_new_promise()
            if outcome == "dispute":
                return self._action_dispute()
            if outcome == "paid_claimed":
                return self._action_claim_payment()
            self.outcome = outcome
        return self.action_next_step()

    def action_next_step(self):
        """Open what the outcome calls for: a promise the promise form filled
        from the call, a dispute the dispute form, a plan request the plan;
        otherwise say the call is logged."""
        self.ensure_one()
        check_group(self.env, USER, self.env._("Logging a call"))
        if self.outcome == "dispute":
            return self._action_dispute()
        if self.outcome == "promise":
            return self._action_new_promise()
        if self.outcome == "plan_requested":
            return self.debtor_id.action_new_plan()
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        return notification(
            self.env._(
                "Call with %(debtor)s logged: %(outcome)s.",
                debtor=self.debtor_id.display_name,
                outcome=outcomes.get(self.outcome) or self.env._("no outcome yet"),
            )
        )

    def _action_dispute(self):
        """The dispute form filled from this call: who, how, and its note."""
        self.ensure_one()
        return self.env["collection.dispute"]._action_open(self.debtor_id, call=self)

    def _action_claim_payment(self):
        """Ask when and how the customer says it paid."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Paid (claimed)"),
            "res_model": "collection.payment.claim",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_contact_id": self.id},
        }

    def _action_new_promise(self):
        """The promise form filled from this call: who, how, and its note."""
        self.ensure_one()
        return self.debtor_id.action_new_promise(
            contact_id=self.id,
            channel=self.channel,
            contact_partner_id=self.contact_partner_id.id,
            note=self.note or False,
        )

    # === BUSINESS / HOOKS === #
    def _collection_dispute_notification(self):
        """What a collector reads once a dispute is logged (this entry)."""
        self.ensure_one()
        return notification(
            self.env._(
                "Dispute logged: %(invoices)s of %(debtor)s left the escalation "
                "until it is resolved (Disputes and Holds).",
                invoices=", ".join(self.move_ids.mapped("display_name")),
                debtor=self.debtor_id.display_name,
            )
        )

    def _collection_claim_payment(self, date, reference):
        """The customer says it paid: the call records when and how, and an
        accountant (else a Collections Manager) gets an activity to check it.

        :param date: the day the customer says it paid
        :param reference: the payment's reference, if given
        :return: the confirmation to show
        """
        self.ensure_one()
        check_group(self.env, USER, self.env._("Logging a claimed payment"))
        company = self.company_id
        today = company._collection_today()
        if date and date > today:
            raise ValidationError(
                self.env._(
                    "Paid On: %(date)s is after today; a payment still to come is "
                    "a promise to pay.",
                    date=format_date(self.env, date),
                )
            )
        if not date or bounds.check_date(date, today):
            raise ValidationError(
                lib_messages.date_problem(self.env, self.env._("Paid On"), date)
            )
        claim = self.env._(
            "Paid on %(date)s, reference %(reference)s: to be checked.",
            date=format_date(self.env, date),
            reference=(reference or "").strip() or self.env._("none given"),
        )
        self.write(
            {
                "outcome": "paid_claimed",
                "note": "\n".join(part for part in (self.note, claim) if part),
            }
        )
        checker = company._collection_payment_checkers()[:1]
        document = self._collection_claim_document()
        if checker:
            document.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=company._collection_today(),
                summary=self.env._(
                    "Check a payment %(debtor)s says it made",
                    debtor=self.debtor_id.display_name,
                ),
                note=claim,
                user_id=checker.id,
            )
        return notification(
            self.env._(
                "Call logged: %(debtor)s says it paid. %(user)s is asked to check "
                "the payment.",
                debtor=self.debtor_id.display_name,
                user=checker.name or self.env._("Nobody"),
            )
        )

    def _collection_claim_document(self):
        """Where the check of a claimed payment is asked: the oldest open
        invoice of the debtor (an accountant reads invoices), else the debtor."""
        self.ensure_one()
        lines = self.env["collection.receivable"]._open_lines(self.debtor_id)
        invoice = lines.filtered(lambda aml: aml.amount_residual > 0)[:1].move_id
        return invoice.sudo() if invoice else self.debtor_id.sudo()

    @api.model
    def _log(self, vals_list):
        """The one creator of the entries Collections records itself: the
        run's actions, a dispute, a sales release, a promise, the portal.

        Entries are created through the guard (their system fields are the
        system's) and are evidence from then on. ``user_id`` is the person the
        entry is about (the collector, the manager who released); it defaults
        to the current user.

        :param vals_list: a list of value dicts (or one dict)
        :return: the entries, in the caller's environment
        """
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        vals_list = [
            {"is_automatic": True, "user_id": self.env.uid, **vals}
            for vals in vals_list
        ]
        for vals in vals_list:
            # What a person typed (a note, a reason) keeps its bounds.
            check_values(self, vals)
        return system_env(self).create(vals_list).with_env(self.env)

    @api.model
    def _taken_levels(self, company, today):
        """Per debtor of ``company``, in its current episode: the levels the
        log shows taken (or under way) and where the debtor stands with the
        formal demand (``lib.dunning``).

        :return: dict debtor id -> ``(taken level ids, demand state)``
        """
        rows = self.env.execute_query(
            SQL(
                """
                SELECT c.debtor_id, ARRAY_AGG(DISTINCT c.level_id),
                       MAX(c.date) FILTER (WHERE lv.action = 'demand')::date
                  FROM collection_contact c
                  JOIN collection_debtor d ON d.id = c.debtor_id
                  JOIN collection_level lv ON lv.id = c.level_id
                 WHERE d.company_id = %s AND c.episode = d.episode
                   AND c.state NOT IN ('failed', 'skipped')
                 GROUP BY c.debtor_id
                """,
                company.id,
            )
        )
        deadline = company.collection_payment_deadline_days
        return {
            debtor_id: (
                frozenset(levels),
                dunning.demand_state(sent_on, today, deadline),
            )
            for debtor_id, levels, sent_on in rows
        }
