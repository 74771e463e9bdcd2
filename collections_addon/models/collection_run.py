# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .collection_guard import USER, check_group, system_env
from .selections import RUN_STATES, RUN_TRIGGERS


class CollectionRun(models.Model):
    """The log of one run of the escalation engine for one company.

    Written by ``collection.escalation`` only (the access rights give users
    read access); "Run now" enqueues the scheduled run instead of running
    inside the web request.
    """

    _name = "collection.run"
    _description = "Collection Run"
    _inherit = ["collection.guard.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # === FIELDS === #
    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", required=True, index=True)
    date = fields.Date(required=True, help="The day the run escalated for.")
    date_start = fields.Datetime(default=fields.Datetime.now, required=True)
    date_end = fields.Datetime()
    state = fields.Selection(RUN_STATES, default="running", required=True)
    trigger = fields.Selection(RUN_TRIGGERS, default="manual", required=True)
    debtor_due_count = fields.Integer(string="Debtors Due")
    action_count = fields.Integer(string="Actions Taken")
    failure_count = fields.Integer(string="Failures")
    skipped_count = fields.Integer(string="Levels Skipped")
    retried_count = fields.Integer(string="Mails Retried")
    concurrent_count = fields.Integer(
        string="Changed During the Run",
        help="Debtors paid or edited while the run acted: left for the next run.",
    )
    promise_kept_count = fields.Integer(string="Promises Kept")
    promise_broken_count = fields.Integer(string="Promises Broken")
    plan_done_count = fields.Integer(string="Plans Completed")
    plan_defaulted_count = fields.Integer(string="Plans Defaulted")
    episode_closed_count = fields.Integer(string="Episodes Closed")
    log = fields.Text()
    # The contact entries the run made: those of its company numbered after
    # the previous run's and up to its own (a run slice creates its entries,
    # then its log, in one transaction; two runs of a company never overlap).
    contact_id_from = fields.Integer(
        string="Entries After",
        readonly=True,
        help="The last contact entry of the company before this run.",
    )
    contact_id_to = fields.Integer(
        string="Entries Up To",
        readonly=True,
        help="The last contact entry of the company when this run ended.",
    )
    # Counted from the run's own records (not stored): the mail queue sends
    # after the run, so a failed mail is never a run failure.
    contact_count = fields.Integer(
        string="Contacts Logged", compute="_compute_record_counts"
    )
    mail_failed_count = fields.Integer(
        string="Mails Failed",
        compute="_compute_record_counts",
        help="Reminders of this run that the mail queue could not deliver.",
    )
    promise_closed_count = fields.Integer(
        string="Promises Judged", compute="_compute_record_counts"
    )
    plan_closed_count = fields.Integer(
        string="Plans Ended", compute="_compute_record_counts"
    )

    # Every field is the engine's: a run is a log, not a form.
    _collection_system_fields = frozenset(
        {
            "company_id",
            "date",
            "date_start",
            "date_end",
            "state",
            "trigger",
            "debtor_due_count",
            "action_count",
            "failure_count",
            "skipped_count",
            "retried_count",
            "concurrent_count",
            "promise_kept_count",
            "promise_broken_count",
            "plan_done_count",
            "plan_defaulted_count",
            "episode_closed_count",
            "log",
            "contact_id_from",
            "contact_id_to",
        }
    )

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("company_id", "date", "trigger")
    def _compute_name(self):
        triggers = dict(self._fields["trigger"]._description_selection(self.env))
        for run in self:
            run.name = self.env._(
                "%(trigger)s run of %(date)s (%(company)s)",
                trigger=triggers.get(run.trigger, ""),
                date=run.date or "",
                company=run.company_id.name or "",
            )

    @api.depends("company_id", "date", "contact_id_from", "contact_id_to")
    def _compute_record_counts(self):
        for run in self:
            if not (run.id and run.company_id and run.date):
                run.update(
                    {
                        "contact_count": 0,
                        "mail_failed_count": 0,
                        "promise_closed_count": 0,
                        "plan_closed_count": 0,
                    }
                )
                continue
            Contact = self.env["collection.contact"]
            run.contact_count = Contact.search_count(run._contacts_domain())
            run.mail_failed_count = Contact.search_count(
                run._contacts_domain(failed=True)
            )
            run.promise_closed_count = self.env["collection.promise"].search_count(
                run._promises_domain()
            )
            run.plan_closed_count = self.env["collection.plan"].search_count(
                run._plans_domain()
            )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        """A run's log marks where its contact entries start; an engine slice
        (created done or partial, after its actions) also where they end."""
        runs = super().create(vals_list)
        for run in runs:
            last = run._last_contact_id()
            bounds = {"contact_id_from": run._previous_contact_id()}
            if run.state in ("done", "partial"):
                bounds["contact_id_to"] = last
            elif run.state == "queued":
                bounds["contact_id_from"] = last
            super(CollectionRun, system_env(run)).write(bounds)
        return runs

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("done", "partial"):
            # A "Run now" request ends with its last slice.
            for run in self.filtered(lambda r: not r.contact_id_to):
                super(CollectionRun, system_env(run)).write(
                    {"contact_id_to": run._last_contact_id()}
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_log(self):
        if self:
            raise UserError(
                self.env._(
                    "The log of a collections run is evidence; it cannot be deleted."
                )
            )

    # === ACTIONS === #
    def action_view_contacts(self):
        """The contact entries the run made."""
        self.ensure_one()
        return self._open_records(
            "collection.contact", self.env._("Contacts"), self._contacts_domain()
        )

    def action_view_failed_mails(self):
        """The reminders of the run the mail queue could not deliver."""
        self.ensure_one()
        return self._open_records(
            "collection.contact",
            self.env._("Mails Failed"),
            self._contacts_domain(failed=True),
        )

    def action_view_promises(self):
        """The promises judged kept or broken on the run's day."""
        self.ensure_one()
        return self._open_records(
            "collection.promise", self.env._("Promises"), self._promises_domain()
        )

    def action_view_plans(self):
        """The plans completed or defaulted on the run's day."""
        self.ensure_one()
        return self._open_records(
            "collection.plan", self.env._("Plans"), self._plans_domain()
        )

    def action_run_now(self):
        """The "Run now" button: enqueue the scheduled run for the companies
        selected in the company switcher.

        A header button of the list: the web client calls it on the selected
        runs, or on none; the runs selected play no part. The run happens in
        the cron worker, in slices, never inside this web request; its
        progress shows in the list of runs.
        """
        check_group(self.env, USER, self.env._("Starting a collections run"))
        Run = system_env(self.env["collection.run"].sudo())
        for company in self.env.companies:
            if not Run.search_count(
                [("company_id", "=", company.id), ("state", "=", "queued")]
            ):
                Run.create(
                    {
                        "company_id": company.id,
                        "date": company._collection_today(),
                        "state": "queued",
                        "trigger": "manual",
                    }
                )
        self.env.ref("collections_addon.ir_cron_collection_run").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Collections run queued"),
                "message": self.env._(
                    "The run of %(companies)s starts in a moment in the "
                    "background; its progress and results appear in this list.",
                    companies=", ".join(self.env.companies.mapped("name")),
                ),
                "type": "info",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === BUSINESS / HOOKS === #
    def _day_bounds(self):
        """The run's day in the company's time zone, as naive UTC datetimes.

        :return: ``(start, end)``, the end excluded
        """
        self.ensure_one()
        return self.company_id._collection_day_bounds(self.date)

    def _last_contact_id(self):
        """The newest contact entry of the run's company (0 when none)."""
        self.ensure_one()
        self.env["collection.contact"].flush_model(["company_id"])
        return self.env.execute_query(
            SQL(
                "SELECT COALESCE(MAX(id), 0) FROM collection_contact"
                " WHERE company_id = %s",
                self.company_id.id,
            )
        )[0][0]

    def _previous_contact_id(self):
        """Where the company's previous run's entries ended (0 when none)."""
        self.ensure_one()
        self.flush_model(["company_id", "contact_id_to"])
        return self.env.execute_query(
            SQL(
                "SELECT COALESCE(MAX(contact_id_to), 0) FROM collection_run"
                " WHERE company_id = %s AND id < %s",
                self.company_id.id,
                self.id,
            )
        )[0][0]

    def _contacts_domain(self, failed=False):
        """The entries the run made: the engine's (a level taken or skipped,
        a reminder's mail), not the disputes or releases people logged
        meanwhile. A run still under way has made none yet."""
        last = self.contact_id_to or self.contact_id_from
        domain = [
            ("company_id", "=", self.company_id.id),
            ("is_automatic", "=", True),
            ("id", ">", self.contact_id_from),
            ("id", "<=", last),
            "|",
            ("level_id", "!=", False),
            ("state", "!=", "done"),
        ]
        return domain + [("state", "=", "failed")] if failed else domain

    def _promises_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("kept", "broken")),
            ("date_closed", "=", self.date),
        ]

    def _plans_domain(self):
        # A plan keeps no date of its end: its last change is the follow-up's.
        start, end = self._day_bounds()
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("done", "defaulted")),
            ("write_date", ">=", start),
            ("write_date", "<", end),
        ]

    def _open_records(self, model, name, domain):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }
