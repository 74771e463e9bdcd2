# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents printed in one batch, then cut per record.

A batch of letters is rendered as one PDF by one wkhtmltopdf process. Each
document of the batch starts on a new page with a mark: a one-pixel rule of
:data:`MARK_RGB`, a white nobody sees. The mark's fill colour is in the
page's drawing commands, whatever the fonts (a web font's text is drawn as
outlines by Debian's wkhtmltopdf, and cannot be read back).
:func:`split_pages` turns the marks found on each page into page ranges per
record, and refuses any doubt.

Every document also prints its reference ("Our reference: L-000017-20261201")
for the reader. No odoo import: the models give the marks and get ranges back.
"""

import re

# The document kinds and their reference letter.
KINDS = {"letter": "L", "statement": "S", "agreement": "A"}
# The colour of the mark that starts each document of a batch.
MARK_RGB = (254, 253, 252)
MARK_CSS = "rgb({}, {}, {})".format(*MARK_RGB)


def reference(kind, record_id, day):
    """The reference a document prints: kind letter, record id, date.

    >>> import datetime
    >>> reference("letter", 17, datetime.date(2026, 12, 1))
    'L-000017-20261201'
    """
    return f"{KINDS[kind]}-{record_id:06d}-{day:%Y%m%d}"


def _channel(value):
    """A PDF colour component (0..1, as the PDF writes it) of ``value``."""
    digits = f"{value / 255:.6f}"[:7].replace(".", r"\.")
    return digits + r"\d*"


# The fill colour set to the mark's, in a page's content stream.
MARK_PATTERN = re.compile(
    " ".join(_channel(value) for value in MARK_RGB).encode() + rb"\s+(?:scn|rg|sc)\b"
)


def count_marks(content):
    """How many document marks a page's (decompressed) content stream draws."""
    return len(MARK_PATTERN.findall(content or b""))


def split_pages(marks, record_ids):
    """Where each record's document starts and ends in a batch PDF.

    :param marks: the number of marks on each page, in page order
    :param record_ids: the records, in the order they were rendered
    :return: ``{record_id: (first_page, end_page)}`` (end excluded), or
        ``None`` when the pages cannot be told apart without doubt (a mark
        missing, two on a page, or none on the first page): the caller then
        renders the documents one by one
    """
    starts = [page for page, count in enumerate(marks) if count]
    if (
        any(count > 1 for count in marks)
        or len(starts) != len(record_ids)
        or not starts
        or starts[0] != 0
    ):
        return None
    ends = [*starts[1:], len(marks)]
    return {
        record_id: (first, end)
        for record_id, first, end in zip(record_ids, starts, ends, strict=True)
    }
