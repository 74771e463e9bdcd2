"""Hand-over pack for legal action or a collection agency: invoices and contacts.

Pure: xlsxwriter only. The model passes already translated headers.
"""

import io
from collections.abc import Sequence
from datetime import date, datetime

import xlsxwriter

from .xlsx_aging import MONEY_FORMAT


def write_handover(
    title: str,
    items: Sequence[tuple],
    item_headers: Sequence[str],
    contacts: Sequence[tuple],
    contact_headers: Sequence[str],
    sheet_items: str = "Invoices",
    sheet_contacts: str = "Contacts",
) -> bytes:
    """Two sheets: the open invoices (money formatted) and the contact history.

    :param items: rows ``(document, date, due date, days, residual, interest)``
    :param contacts: rows of strings, oldest first
    :return: the XLSX bytes
    """
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#E8E8E8", "border": 1})
    money = book.add_format({"num_format": MONEY_FORMAT})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    heading = book.add_format({"bold": True, "font_size": 14})

    sheet = book.add_worksheet(sheet_items)
    sheet.write_string(0, 0, title, heading)
    sheet.write_row(2, 0, item_headers, bold)
    sheet.freeze_panes(3, 0)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 2, 12)
    sheet.set_column(4, 5, 14)
    for row, values in enumerate(items, start=3):
        for col, value in enumerate(values):
            if isinstance(value, date | datetime):
                sheet.write_datetime(
                    row, col, datetime(value.year, value.month, value.day), day
                )
            elif isinstance(value, int | float) and col >= 4:
                sheet.write_number(row, col, value, money)
            elif value is not None:
                sheet.write(row, col, value)
    sheet.autofilter(2, 0, max(2 + len(items), 3), len(item_headers) - 1)

    sheet = book.add_worksheet(sheet_contacts)
    sheet.write_row(0, 0, contact_headers, bold)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 5, 16)
    sheet.set_column(6, 6, 60)
    for row, values in enumerate(contacts, start=1):
        sheet.write_row(row, 0, [v if v is not None else "" for v in values])
    sheet.autofilter(0, 0, max(len(contacts), 1), len(contact_headers) - 1)
    book.close()
    return out.getvalue()
