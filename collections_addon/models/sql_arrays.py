# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bulk writes in raw SQL: a column of values as one PostgreSQL array literal."""


def array_literal(cast, values):
    """One column of an UPDATE as a PostgreSQL array literal: ``{1.5,NULL}``.

    One text parameter per column (psycopg2's ``ARRAY[...]`` of thousands of
    constants is several times slower). Texts are quoted; ``None`` is NULL.
    """
    if cast == "bool":
        items = ("NULL" if v is None else ("t" if v else "f") for v in values)
    elif cast in ("jsonb", "varchar"):
        items = (
            "NULL"
            if v is None
            else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for v in values
        )
    else:
        items = ("NULL" if v is None else str(v) for v in values)
    return "{" + ",".join(items) + "}"
