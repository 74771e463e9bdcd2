# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from decimal import Decimal

import collections_lib.words
import pytest
from collections_lib.words import amount_in_words, group_digits, plural_form


def test_doctests():
    assert doctest.testmod(collections_lib.words).failed == 0


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "text"),
    [
        ("8740", "USD", "ru_RU", "Восемь тысяч семьсот сорок долларов США 00 центов"),
        (
            "1234.5",
            "RUB",
            "ru_RU",
            "Одна тысяча двести тридцать четыре рубля 50 копеек",
        ),
        ("21.01", "RUB", "ru_RU", "Двадцать один рубль 01 копейка"),
        ("1", "EUR", "ru_RU", "Один евро 00 центов"),
        ("4830", "USD", "pl_PL", "Cztery tysiące osiemset trzydzieści dolarów 00/100"),
        ("1234.5", "PLN", "pl_PL", "Tysiąc dwieście trzydzieści cztery złote 50/100"),
        ("15", "PLN", "pl_PL", "Piętnaście złotych 00/100"),
        (
            "8740",
            "USD",
            "en_US",
            "Eight thousand seven hundred forty US dollars and 00 cents",
        ),
        ("1", "EUR", "en_GB", "One euro and 00 cents"),
        ("2.5", "XYZ", "de_DE", "Two XYZ 50/100"),
        ("-3", "USD", "en_US", "Minus three US dollars and 00 cents"),
        ("0.005", "PLN", "pl_PL", "Zero złotych 01/100"),
    ],
)
def test_amount_in_words(amount, currency, lang, text):
    assert amount_in_words(Decimal(amount), currency, lang) == text


def test_lower_case_after_the_first_word():
    for lang in ("en_US", "ru_RU", "pl_PL"):
        text = amount_in_words(Decimal("8740"), "EUR", lang)
        assert text[0].isupper()
        assert text[1:] == text[1:].lower() or "US" in text


@pytest.mark.parametrize(
    ("number", "lang", "form"),
    [
        (3, "ru", 1),
        (14, "ru", 2),
        (101, "ru", 0),
        (24, "pl", 1),
        (101, "pl", 2),
        (1, "en", 0),
    ],
)
def test_plural_form(number, lang, form):
    assert plural_form(number, lang) == form


def test_group_digits():
    assert group_digits("3400", "\u00a0", [3, 0]) == "3\u00a0400"
    assert group_digits("123", ",", [3, 0]) == "123"
    assert group_digits("1234567", ",", [3, -1]) == "1234,567"
