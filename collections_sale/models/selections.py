# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The selection lists the sales bridge adds (see collections_addon's
``models/selections.py``, the source of every other list)."""

# A credit hold released on an order is logged with the debtor's contacts.
SALES_CHANNELS = [("sales", "Sales")]
