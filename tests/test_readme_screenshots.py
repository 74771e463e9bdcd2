# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The README's screenshots exist and are PNG images (no database needed).

The pictures are saved by the browser tours (tests/test_tour.py,
tests/test_sale_tour.py) into docs/screenshots.
"""

import re
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCREENSHOTS = ROOT / "docs" / "screenshots"
REFERENCE = re.compile(r"docs/screenshots/[A-Za-z0-9_.-]+\.png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_problem(data):
    """Why ``data`` is not a whole PNG image, or ``None``.

    Checks the signature, every chunk's length and CRC, an IHDR first with a
    size above zero, image data, and the IEND chunk at the very end.
    """
    if not data.startswith(PNG_SIGNATURE):
        return "no PNG signature"
    offset = len(PNG_SIGNATURE)
    kinds = []
    while offset < len(data):
        if offset + 12 > len(data):
            return f"truncated chunk at byte {offset}"
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        end = offset + 12 + length
        if end > len(data):
            return f"chunk {kind!r} runs past the end of the file"
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != crc:
            return f"bad CRC in chunk {kind!r}"
        if not kinds and kind != b"IHDR":
            return "the first chunk is not IHDR"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            if not (width and height):
                return f"empty image ({width}x{height})"
        kinds.append(kind)
        offset = end
        if kind == b"IEND":
            break
    if not kinds or kinds[-1] != b"IEND":
        return "no IEND chunk"
    if offset != len(data):
        return "data after IEND"
    if b"IDAT" not in kinds:
        return "no image data"
    return None


def readme_screenshots():
    return sorted(set(REFERENCE.findall(README.read_text(encoding="utf-8"))))


def test_readme_shows_screenshots():
    assert readme_screenshots(), f"{README.name} shows no docs/screenshots/*.png"


def test_every_screenshot_of_the_readme_is_a_png():
    problems = []
    for reference in readme_screenshots():
        path = ROOT / reference
        if not path.is_file():
            problems.append(f"{reference}: missing")
            continue
        problem = png_problem(path.read_bytes())
        if problem:
            problems.append(f"{reference}: not a valid PNG ({problem})")
    assert not problems, "\n".join(problems)


def test_every_screenshot_is_in_the_readme():
    """A picture the tours save but the README does not show is stale."""
    shown = set(readme_screenshots())
    saved = {f"docs/screenshots/{path.name}" for path in SCREENSHOTS.glob("*.png")}
    assert saved <= shown, f"not shown in {README.name}: {sorted(saved - shown)}"


def test_png_problem_finds_broken_files():
    """The check itself: a valid image passes, damaged ones do not."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    iend = chunk(b"IEND", b"")
    valid = PNG_SIGNATURE + ihdr + idat + iend
    assert png_problem(valid) is None
    assert png_problem(b"GIF89a") == "no PNG signature"
    assert png_problem(valid[:-12]) == "no IEND chunk"
    assert png_problem(valid[:-3]).startswith("truncated chunk")
    damaged = bytearray(valid)
    damaged[-20] ^= 0xFF
    assert png_problem(bytes(damaged)).startswith("bad CRC")
    assert png_problem(PNG_SIGNATURE + idat + iend) == "the first chunk is not IHDR"
