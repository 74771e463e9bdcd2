"""Hand-over pack for legal action or a collection agency: invoices and contacts.

Pure: xlsxwriter only. The model passes already translated headers.
"""

import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from .xlsx_aging import MONEY_FORMAT, write_text_row


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
    :return: the XLSX bytes; dates and numbers become typed cells, everything
        else a text cell, never a formula
    """
    out = io.BytesIO()
    # User text (document names, notes) is always written as text: never a
    # formula (CSV/formula injection) nor a number.
    book = xlsxwriter.Workbook(
        out,
        {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False},
    )
    bold = book.add_format({"bold": True, "bg_color": "#E8E8E8", "border": 1})
    money = book.add_format({"num_format": MONEY_FORMAT})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    heading = book.add_format({"bold": True, "font_size": 14})

    sheet = book.add_worksheet(sheet_items)
    sheet.write_string(0, 0, title, heading)
    write_text_row(sheet, 2, item_headers, bold)
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
            elif value is None or value is False:
                continue  # an empty Odoo value (False) or no value
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(row, col, value, money if col >= 4 else None)
            else:
                sheet.write_string(row, col, str(value))
    sheet.autofilter(2, 0, max(2 + len(items), 3), len(item_headers) - 1)

    sheet = book.add_worksheet(sheet_contacts)
    write_text_row(sheet, 0, contact_headers, bold)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 5, 16)
    sheet.set_column(6, 6, 60)
    for row, values in enumerate(contacts, start=1):
        write_text_row(sheet, row, values)
    sheet.autofilter(0, 0, max(len(contacts), 1), len(contact_headers) - 1)
    book.close()
    return out.getvalue()
