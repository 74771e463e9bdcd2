# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import statutory
from .collection_guard import check_values
from .selections import INTEREST_RATE_TYPES


class CollectionInterestRate(models.Model):
    """A rate published by a central bank, from the day it applies.

    Public data, shared by every company. A row applies until the next row of
    its type, or until ``date_to`` when set: a letter that needs a later day
    with no row is refused, never computed at zero.
    """

    _name = "collection.interest.rate"
    _description = "Published Interest Rate"
    _order = "rate_type, date_from desc, id desc"
    _rec_name = "rate_type"

    # === FIELDS === #
    rate_type = fields.Selection(
        INTEREST_RATE_TYPES, string="Rate", required=True, index=True
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(
        string="Known Until",
        help="Last day this rate is known to apply. Empty: until the next rate "
        "of the same kind. A letter that needs a later day without a rate is "
        "refused.",
    )
    rate = fields.Float(
        string="Rate (% per year)",
        digits=(16, 4),
        required=True,
        help="The published rate in percent a year, e.g. 16 for 16%.",
    )
    source = fields.Char(
        required=True,
        help="The publication: the central bank's page or press release, or "
        "the notice number (e.g. Monitor Polski).",
    )
    note = fields.Text(
        help="How the row was checked, e.g. not checked against the primary " "source.",
    )
    _sql_constraints = [
        (
            "rate_type_date_from_uniq",
            "unique(rate_type, date_from)",
            "Published rates: one rate of each kind per starting day.",
        )
    ]

    # === COMPUTE / INVERSE / SEARCH === #
    @api.depends("rate_type", "date_from", "rate")
    def _compute_display_name(self):
        labels = dict(self._fields["rate_type"]._description_selection(self.env))
        for row in self:
            row.display_name = self.env._(
                "%(kind)s %(rate)s%% from %(date)s",
                kind=labels.get(row.rate_type, ""),
                rate=row.rate,
                date=row.date_from or "",
            )

    # === CONSTRAINTS / ONCHANGE === #
    @api.constrains("rate", "date_from", "date_to")
    def _check_rate(self):
        for row in self:
            if not 0 <= row.rate <= statutory.MAX_RATE:
                raise ValidationError(
                    self.env._(
                        "Rate (%% per year): %(rate)s is not a percentage "
                        "between 0 and %(max)s.",
                        rate=row.rate,
                        max=statutory.MAX_RATE,
                    )
                )
            if row.date_to and row.date_to < row.date_from:
                raise ValidationError(
                    self.env._(
                        "Known Until (%(date_to)s) cannot be before Valid From "
                        "(%(date_from)s).",
                        date_to=row.date_to,
                        date_from=row.date_from,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, vals)
        return super().write(vals)

    # === BUSINESS / HOOKS === #
    @api.model
    def _periods(self, rate_types):
        """The published rows of ``rate_types``, read in one query.

        :return: ``{rate_type: (statutory.RatePeriod, ...)}`` sorted by date,
            one entry per asked type (empty when it has no row).
        """
        rows = self.sudo().search_fetch(
            [("rate_type", "in", list(rate_types))],
            ["rate_type", "date_from", "date_to", "rate"],
            order="date_from, id",
        )
        periods = {rate_type: [] for rate_type in rate_types}
        for row in rows:
            periods[row.rate_type].append(
                statutory.RatePeriod(
                    row.date_from, Decimal(str(row.rate)), row.date_to or None
                )
            )
        return {rate_type: tuple(rows) for rate_type, rows in periods.items()}
