"""Aging workbook writer: streams rows into XLSX with flat memory.

Pure: it knows xlsxwriter, never Odoo. The model feeds it plain rows, so the
benchmark can compare it with xlsxwriter alone writing the same rows.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter


@dataclass(frozen=True)
class DebtorRow:
    name: str
    company: str
    currency: str
    buckets: tuple  # amounts in BUCKETS order
    amount_credit: float
    amount_due: float
    amount_overdue: float
    amount_collectible: float
    max_days_overdue: int
    abc_class: str
    debtor_type: str
    risk_score: int
    collector: str


@dataclass(frozen=True)
class ItemRow:
    debtor: str
    company: str
    document: str
    date: date | None
    date_due: date | None
    days_overdue: int
    bucket: str
    currency: str
    residual_currency: float
    residual: float


@dataclass(frozen=True)
class Headers:
    debtors: tuple
    items: tuple
    sheet_debtors: str = "Debtors"
    sheet_items: str = "Open Items"
    total: str = "Total"


MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00"


def write_workbook(
    debtors: Iterable[DebtorRow], items: Iterable[ItemRow], headers: Headers
) -> bytes:
    """Write both sheets and return the XLSX bytes.

    ``constant_memory`` flushes each row as soon as the next one starts, so the
    memory stays flat whatever the number of rows; rows must come in order.
    The debtor sheet ends with a totals row of SUM formulas, the only
    formulas written; every text cell is written with ``write_string``.
    """
    out = io.BytesIO()
    # User text (names, references) is always written as text: never a
    # formula (CSV/formula injection) nor a number.
    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
        },
    )
    bold = book.add_format({"bold": True, "bg_color": "#E8E8E8", "border": 1})
    money = book.add_format({"num_format": MONEY_FORMAT})
    money_bold = book.add_format({"num_format": MONEY_FORMAT, "bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})

    sheet = book.add_worksheet(headers.sheet_debtors)
    write_text_row(sheet, 0, headers.debtors, bold)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 2, 14)
    sheet.set_column(3, 13, 13, money)
    sheet.set_column(14, 18, 12)
    row = 0
    for row, debtor in enumerate(debtors, start=1):
        sheet.write_string(row, 0, debtor.name)
        sheet.write_string(row, 1, debtor.company)
        sheet.write_string(row, 2, debtor.currency)
        col = 3
        for amount in debtor.buckets:
            sheet.write_number(row, col, amount, money)
            col += 1
        sheet.write_number(row, col, debtor.amount_credit, money)
        sheet.write_number(row, col + 1, debtor.amount_due, money)
        sheet.write_number(row, col + 2, debtor.amount_overdue, money)
        sheet.write_number(row, col + 3, debtor.amount_collectible, money)
        sheet.write_number(row, col + 4, debtor.max_days_overdue)
        sheet.write_string(row, col + 5, debtor.abc_class)
        sheet.write_string(row, col + 6, debtor.debtor_type)
        sheet.write_number(row, col + 7, debtor.risk_score)
        sheet.write_string(row, col + 8, debtor.collector)
    last = row
    sheet.autofilter(0, 0, max(last, 1), len(headers.debtors) - 1)
    total_row = last + 1
    sheet.write_string(total_row, 0, headers.total, money_bold)
    for col in range(3, 14):
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sheet.write_formula(
            total_row, col, f"=SUM({letter}2:{letter}{max(last, 1) + 1})", money_bold
        )

    sheet = book.add_worksheet(headers.sheet_items)
    write_text_row(sheet, 0, headers.items, bold)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 2, 18)
    sheet.set_column(3, 4, 12, day)
    sheet.set_column(8, 9, 14, money)
    row = 0
    for row, item in enumerate(items, start=1):
        sheet.write_string(row, 0, item.debtor)
        sheet.write_string(row, 1, item.company)
        sheet.write_string(row, 2, item.document)
        if item.date:
            sheet.write_datetime(row, 3, _as_datetime(item.date), day)
        if item.date_due:
            sheet.write_datetime(row, 4, _as_datetime(item.date_due), day)
        sheet.write_number(row, 5, item.days_overdue)
        sheet.write_string(row, 6, item.bucket)
        sheet.write_string(row, 7, item.currency)
        sheet.write_number(row, 8, item.residual_currency, money)
        sheet.write_number(row, 9, item.residual, money)
    sheet.autofilter(0, 0, max(row, 1), len(headers.items) - 1)
    book.close()
    return out.getvalue()


def write_text_row(sheet, row: int, values: Iterable, cell_format=None) -> None:
    """Write ``values`` as text cells from column 0 of ``row``.

    Text that looks like a formula or a number stays text. ``None`` and
    ``False`` (an empty Odoo value) become empty cells.

    :param sheet: an xlsxwriter worksheet.
    :param row: the zero-based row.
    :param values: the cell values; anything else than a string is written as
        its ``str()``.
    :param cell_format: an xlsxwriter format for every cell, or ``None``.
    """
    for col, value in enumerate(values):
        text = "" if value is None or value is False else str(value)
        sheet.write_string(row, col, text, cell_format)


def _as_datetime(value):
    return datetime(value.year, value.month, value.day)
