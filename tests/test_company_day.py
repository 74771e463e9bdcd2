# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One company day, whoever asks: the company's time zone, else UTC, never the
user's. The user and the company here are 25 hours apart, so their dates
always differ by a day."""

from datetime import datetime
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.collections_addon.lib import days

from .common import CollectionsCommon

COMPANY_TZ = "Pacific/Kiritimati"  # UTC+14
USER_TZ = "Pacific/Pago_Pago"  # UTC-11


@tagged("post_install", "-at_install")
class TestCompanyDay(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = COMPANY_TZ
        cls.collector.tz = USER_TZ
        cls.company_day = days.local_today(COMPANY_TZ)

    def test_company_day_is_the_companys_not_the_users(self):
        company = self.env.company.with_user(self.collector)
        user_day = fields.Date.context_today(company.with_context(tz=USER_TZ))
        self.assertNotEqual(user_day, self.company_day)
        self.assertEqual(company._collection_today(), self.company_day)

    def test_an_exclusion_is_dated_on_the_company_day(self):
        invoice = self.make_invoice(100.0, -3)
        invoice.with_user(self.collector).with_context(tz=USER_TZ).write(
            {"collection_excluded": True, "collection_exclusion_reason": "Disputed"}
        )
        self.assertEqual(invoice.collection_excluded_on, self.company_day)

    def test_a_company_without_a_time_zone_lives_in_utc(self):
        self.env.company.partner_id.tz = False
        late = datetime(2026, 12, 7, 23, 30)
        with patch.object(days, "datetime", wraps=datetime) as clock:
            clock.now.return_value = late.replace(tzinfo=days.UTC)
            self.assertEqual(
                self.env.company.with_user(self.collector)._collection_today(),
                late.date(),
            )

    def test_the_runs_day_bounds_are_the_companys(self):
        start, end = self.env.company._collection_day_bounds(self.company_day)
        self.assertEqual((end - start).total_seconds(), 24 * 3600)
        # Midnight in Kiritimati is 10:00 the day before in UTC.
        self.assertEqual(start.hour, 10)
