# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""User text in the hand-over pack stays text: never a formula (injection)."""

from datetime import date

import pytest
from collections_lib.xlsx_handover import write_handover

INJECTION = "=cmd|' /C calc'!A0"
SUM_TEXT = "=SUM(1,2)"
ITEM_HEADERS = ("Document", "Date", "Due Date", "Days", "Residual", "Interest")
CONTACT_HEADERS = ("Date", "Channel", "Level", "Outcome", "State", "User", "Note")


def _contact(note, user="Ann"):
    return ("2025-03-01 10:00:00", "Phone", "Call", "Promise", "done", user, note)


@pytest.fixture(scope="module")
def content():
    items = [
        (INJECTION, date(2025, 1, 1), date(2025, 2, 1), 28, 100.0, 0.77),
        (SUM_TEXT, date(2025, 1, 2), False, 0, 50.0, 0.0),
    ]
    contacts = [_contact(INJECTION), _contact(SUM_TEXT, user=None)]
    return write_handover(
        SUM_TEXT,
        items,
        ITEM_HEADERS,
        contacts,
        CONTACT_HEADERS + (INJECTION,),
    )


def test_write_handover_items_sheet_no_formula(content, xlsx_cells):
    cells = xlsx_cells(content, 1)
    assert not any(cell.formula for cell in cells.values())


def test_write_handover_formula_like_documents_kept_as_text(content, xlsx_cells):
    cells = xlsx_cells(content, 1)
    assert (cells["A4"].text, cells["A5"].text) == (INJECTION, SUM_TEXT)


def test_write_handover_formula_like_title_kept_as_text(content, xlsx_cells):
    assert xlsx_cells(content, 1)["A1"] == (None, SUM_TEXT, None)


def test_write_handover_numbers_stay_numbers(content, xlsx_cells):
    cells = xlsx_cells(content, 1)
    assert [cells[ref].number for ref in ("D4", "E4", "F4")] == [28, 100, 0.77]


def test_write_handover_empty_value_no_cell(content, xlsx_cells):
    assert "C5" not in xlsx_cells(content, 1)


def test_write_handover_contacts_sheet_no_formula(content, xlsx_cells):
    cells = xlsx_cells(content, 2)
    assert not any(cell.formula for cell in cells.values())


def test_write_handover_formula_like_notes_kept_as_text(content, xlsx_cells):
    cells = xlsx_cells(content, 2)
    assert (cells["G2"].text, cells["G3"].text) == (INJECTION, SUM_TEXT)


def test_write_handover_formula_like_header_kept_as_text(content, xlsx_cells):
    assert xlsx_cells(content, 2)["H1"] == (None, INJECTION, None)
