# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date

import collections_lib.batch as batch
from collections_lib.batch import count_marks, reference, split_pages

# A page's drawing commands as wkhtmltopdf (Qt) writes them: the mark's fill
# colour, then its one-pixel rectangle; and the letterhead's purple rule.
MARK = b"/CSp cs 0.996078431 0.992156862 0.988235294 scn\n/GSa gs\n0 0 855 1 re\nf\n"
PURPLE = b"/CSp cs 0.443137254 0.294117647 0.403921568 scn\n0 113 855 2 re\nf\n"


def test_doctests():
    assert doctest.testmod(batch).failed == 0


def test_reference_names_the_kind_the_record_and_the_day():
    assert reference("letter", 17, date(2026, 12, 1)) == "L-000017-20261201"
    assert reference("statement", 1234567, date(2026, 1, 2)) == "S-1234567-20260102"
    assert reference("agreement", 3, date(2027, 5, 9)) == "A-000003-20270509"


def test_count_marks_finds_the_mark_colour_only():
    assert count_marks(PURPLE + MARK + PURPLE) == 1
    assert count_marks(MARK + MARK) == 2
    assert count_marks(PURPLE) == 0
    assert count_marks(b"") == 0
    assert count_marks(None) == 0
    # Another near-white is not the mark.
    assert count_marks(b"0.996078431 0.992156862 0.992156862 scn") == 0
    # The PDF may write the colour with fewer digits.
    assert count_marks(b"0.996078 0.992157 0.988235 scn") == 1


def test_split_pages_cuts_at_each_mark():
    # Three documents: 1 page, 3 pages, 2 pages.
    assert split_pages([1, 1, 0, 0, 1, 0], [7, 8, 9]) == {
        7: (0, 1),
        8: (1, 4),
        9: (4, 6),
    }
    assert split_pages([1], [5]) == {5: (0, 1)}


def test_split_pages_refuses_any_doubt():
    assert split_pages([1, 0, 1], [7, 8, 9]) is None  # a mark missing
    assert split_pages([1, 1, 1, 1], [7, 8, 9]) is None  # one too many
    assert split_pages([0, 1, 1, 1], [7, 8, 9]) is None  # first page unmarked
    assert split_pages([1, 2], [7, 8, 9]) is None  # two marks on a page
    assert split_pages([], [7]) is None
    assert split_pages([0, 0], []) is None
