# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Amounts as a person writes them on a legal document, in en, ru and pl.

The integer part comes from ``num2words`` (cardinal numbers); the currency's
name, in the grammatical form the number asks for, and the minor units as
digits come from here, because ``num2words`` knows only some currencies per
language and writes "zero cents" rather than "00 cents".
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

# Per language: (one, few, many) forms of the major and of the minor unit.
# English uses "one" for 1 and "many" otherwise.
_NAMES = {
    "en": {
        "USD": (("US dollar", "US dollars", "US dollars"), ("cent", "cents", "cents")),
        "EUR": (("euro", "euros", "euros"), ("cent", "cents", "cents")),
        "PLN": (
            ("Polish zloty", "Polish zlotys", "Polish zlotys"),
            ("grosz", "groszy", "groszy"),
        ),
        "RUB": (
            ("Russian rouble", "Russian roubles", "Russian roubles"),
            ("kopeck", "kopecks", "kopecks"),
        ),
    },
    "ru": {
        "USD": (
            ("доллар США", "доллара США", "долларов США"),
            ("цент", "цента", "центов"),
        ),
        "EUR": (("евро", "евро", "евро"), ("цент", "цента", "центов")),
        "PLN": (
            ("польский злотый", "польских злотых", "польских злотых"),
            ("грош", "гроша", "грошей"),
        ),
        "RUB": (("рубль", "рубля", "рублей"), ("копейка", "копейки", "копеек")),
    },
    "pl": {
        "USD": (("dolar", "dolary", "dolarów"), ("cent", "centy", "centów")),
        "EUR": (("euro", "euro", "euro"), ("cent", "centy", "centów")),
        "PLN": (("złoty", "złote", "złotych"), ("grosz", "grosze", "groszy")),
        "RUB": (("rubel", "ruble", "rubli"), ("kopiejka", "kopiejki", "kopiejek")),
    },
}
_MINUS = {"en": "minus", "ru": "минус", "pl": "minus"}
# Grouping separators by language, for a language record that has none.
THOUSANDS_SEP = {"en": ",", "ru": "\u00a0", "pl": "\u00a0"}


def plural_form(number: int, lang: str) -> int:
    """Index of the form (0 one, 1 few, 2 many) that ``number`` takes.

    >>> [plural_form(n, "ru") for n in (1, 2, 5, 11, 21, 22, 112)]
    [0, 1, 2, 2, 0, 1, 2]
    >>> [plural_form(n, "pl") for n in (1, 2, 5, 12, 21, 22, 1000)]
    [0, 1, 2, 2, 2, 1, 2]
    >>> [plural_form(n, "en") for n in (1, 2, 0)]
    [0, 2, 2]
    """
    last, last_two = number % 10, number % 100
    few = 2 <= last <= 4 and not 12 <= last_two <= 14
    if lang == "ru":
        if last == 1 and last_two != 11:
            return 0
        return 1 if few else 2
    if lang == "pl":
        if number == 1:
            return 0
        return 1 if few else 2
    return 0 if number == 1 else 2


def _language(lang: str) -> str:
    code = (lang or "en").split("_")[0].lower()
    return code if code in _NAMES else "en"


def amount_in_words(amount: Decimal, currency: str, lang: str) -> str:
    """``amount`` in words, first letter capitalised, minor units as digits.

    :param amount: the amount; rounded half up to two decimals.
    :param currency: ISO code; an unknown one is written as its code.
    :param lang: an Odoo language code (``pl_PL``); other than en, ru and pl
        it falls back to English.

    >>> amount_in_words(Decimal("8740"), "USD", "ru_RU")
    'Восемь тысяч семьсот сорок долларов США 00 центов'
    >>> amount_in_words(Decimal("4830"), "USD", "pl_PL")
    'Cztery tysiące osiemset trzydzieści dolarów 00/100'
    >>> amount_in_words(Decimal("8740"), "USD", "en_US")
    'Eight thousand seven hundred forty US dollars and 00 cents'
    """
    code = _language(lang)
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    value = abs(value)
    major = int(value)
    minor = int((value - major) * 100)
    words = num2words(major, lang=code)
    if code == "en":
        words = words.replace(",", "").replace(" and ", " ")
    if negative:
        words = f"{_MINUS[code]} {words}"
    names = _NAMES[code].get(currency)
    if names is None:
        text = f"{words} {currency} {minor:02d}/100"
    else:
        unit = names[0][plural_form(major, code)]
        if code == "pl":
            text = f"{words} {unit} {minor:02d}/100"
        else:
            cents = names[1][plural_form(minor, code)]
            joint = " and " if code == "en" else " "
            text = f"{words} {unit}{joint}{minor:02d} {cents}"
    return text[:1].upper() + text[1:]


def group_digits(digits: str, sep: str, grouping: list[int]) -> str:
    """Insert ``sep`` into the integer ``digits`` the way ``grouping`` says
    (Odoo's ``res.lang.grouping``: sizes from the right; 0 repeats the last,
    -1 stops).

    >>> group_digits("1234567", ",", [3, 0])
    '1,234,567'
    >>> group_digits("1234567", " ", [3, 2, 0])
    '12 34 567'
    >>> group_digits("1234", ",", [])
    '1234'
    """
    if not sep or not grouping:
        return digits
    parts, size, rest = [], grouping[0], digits
    sizes = iter(grouping[1:])
    while rest:
        if size <= 0 or len(rest) <= size:
            parts.append(rest)
            break
        parts.append(rest[-size:])
        rest = rest[:-size]
        nxt = next(sizes, 0)
        if nxt == -1:
            parts.append(rest)
            break
        if nxt:
            size = nxt
    return sep.join(reversed(parts))
