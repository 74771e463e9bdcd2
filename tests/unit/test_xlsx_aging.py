# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""User text in the aging workbook stays text: never a formula (injection)."""

from datetime import date

import pytest
from collections_lib.xlsx_aging import DebtorRow, Headers, ItemRow, write_workbook

INJECTION = "=cmd|' /C calc'!A0"
SUM_TEXT = "=SUM(1,2)"


def _debtor(name, collector="Ann"):
    return DebtorRow(
        name=name,
        company="ACME",
        currency="EUR",
        buckets=(0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        amount_credit=0.0,
        amount_due=10.0,
        amount_overdue=10.0,
        amount_collectible=10.0,
        max_days_overdue=12,
        abc_class="a",
        debtor_type="forgetful",
        risk_score=40,
        collector=collector,
    )


def _item(debtor, document):
    return ItemRow(
        debtor=debtor,
        company="ACME",
        document=document,
        date=date(2025, 1, 1),
        date_due=date(2025, 2, 1),
        days_overdue=12,
        bucket="1_30",
        currency="EUR",
        residual_currency=10.0,
        residual=10.0,
    )


HEADERS = Headers(
    debtors=tuple(f"D{n}" for n in range(18)) + (SUM_TEXT,),
    items=tuple(f"I{n}" for n in range(10)),
)


@pytest.fixture(scope="module")
def content():
    debtors = [_debtor(INJECTION), _debtor(SUM_TEXT, collector=INJECTION)]
    items = [_item(INJECTION, SUM_TEXT), _item(SUM_TEXT, INJECTION)]
    return write_workbook(debtors, items, HEADERS)


def test_write_workbook_formula_like_debtor_names_no_formula(content, xlsx_cells):
    cells = xlsx_cells(content, 1)
    assert [cells[ref].formula for ref in ("A2", "A3", "S3")] == [None] * 3


def test_write_workbook_formula_like_debtor_names_kept_as_text(content, xlsx_cells):
    cells = xlsx_cells(content, 1)
    assert [cells[ref].text for ref in ("A2", "A3", "S3")] == [
        INJECTION,
        SUM_TEXT,
        INJECTION,
    ]


def test_write_workbook_formula_like_header_kept_as_text(content, xlsx_cells):
    assert xlsx_cells(content, 1)["S1"] == (None, SUM_TEXT, None)


def test_write_workbook_formula_like_items_no_formula(content, xlsx_cells):
    cells = xlsx_cells(content, 2)
    assert not any(cell.formula for cell in cells.values())


def test_write_workbook_formula_like_items_kept_as_text(content, xlsx_cells):
    cells = xlsx_cells(content, 2)
    assert [cells[ref].text for ref in ("A2", "C2", "A3", "C3")] == [
        INJECTION,
        SUM_TEXT,
        SUM_TEXT,
        INJECTION,
    ]


def test_write_workbook_only_total_row_cells_are_formulas(content, xlsx_cells):
    formulas = {
        ref: cell.formula
        for ref, cell in xlsx_cells(content, 1).items()
        if cell.formula is not None
    }
    assert formulas == {f"{col}4": f"SUM({col}2:{col}3)" for col in "DEFGHIJKLMN"}
