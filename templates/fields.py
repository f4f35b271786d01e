"""Field values of generated documents: validating what a clerk or the extractor supplies, and
formatting it the way Chinese court documents print it.

Validators take what was typed or extracted and return a normalised value (or raise
`FieldValueError` with a message a clerk can act on); formatters turn a normalised value into
document text: ``56,000.00元``, ``伍万陆仟元整``, ``二〇二四年十一月十二日``.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

__all__ = [
    "FIELD_TYPES", "FieldValueError", "amount_in_capitals", "cn_date", "cn_number", "format_amount",
    "format_amount_plain", "format_date", "validate", "validate_amount", "validate_bank_account",
    "validate_credit_code", "validate_date", "validate_person", "validate_resident_id", "validate_text",
]


class FieldValueError(ValueError):
    """A value was refused; the message says what is wrong with it and what is expected."""


# --------------------------------------------------------------------------- check characters

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 leaves out I, O, S, V, Z
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _clean(value: object) -> str:
    # Values come from typing and from OCR: full-width digits and stray spaces are common.
    text = str(value).translate(_FULLWIDTH)
    return re.sub(r"[\s\u3000]+", "", text)


_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)}
                           | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
                           | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
                           | {"，": ",", "．": ".", "－": "-", "／": "/"})


def validate_resident_id(value: object) -> str:
    """An 18-character resident ID number (GB 11643): 17 digits, a real birth date, and the
    check character ('0'-'9' or 'X') that the first 17 digits call for. Returns it upper-cased."""
    number = _clean(value).upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise FieldValueError(f"'{number}' is not a resident ID number: expected 17 digits and a final "
                              "digit or X (18 characters).")
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise FieldValueError(f"Resident ID {number} has no valid birth date in positions 7-14.") from None
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    expected = _ID_CHECK[total % 11]
    if number[17] != expected:
        raise FieldValueError(f"Resident ID {number} fails its check digit (the last character should be "
                              f"{expected}): a digit was probably mistyped.")
    return number


def validate_credit_code(value: object) -> str:
    """An 18-character unified social credit code with the GB 32100 check character.
    Returns it upper-cased."""
    code = _clean(value).upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        raise FieldValueError(f"'{code}' is not a unified social credit code: expected 18 characters of "
                              "digits and capital letters other than I, O, S, V, Z.")
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS))
    expected = _USCC_CHARS[(31 - total % 31) % 31]
    if code[17] != expected:
        raise FieldValueError(f"Credit code {code} fails its check character (the last character should be "
                              f"{expected}): a character was probably mistyped.")
    return code


# --------------------------------------------------------------------------- plain values

def validate_text(value: object, *, max_length: int = 2000) -> str:
    """Non-empty text, surrounding whitespace removed."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise FieldValueError("The value is empty.")
    if len(text) > max_length:
        raise FieldValueError(f"The text is {len(text)} characters long; at most {max_length} fit here.")
    return text


def validate_person(value: object) -> str:
    """A person's or an organisation's name: 2 to 100 characters, no digits-only strings."""
    name = re.sub(r"\s+", " ", validate_text(value, max_length=100))
    if len(name) < 2 or name.replace(" ", "").isdigit():
        raise FieldValueError(f"'{name}' does not look like the name of a person or an organisation.")
    return name


def validate_amount(value: object) -> Decimal:
    """A sum of money in yuan: not negative, at most two decimal places. Accepts numbers and text
    such as ``56,000.00``, ``56000``, ``¥56,000.00`` or ``56,000.00元``."""
    if isinstance(value, float):
        # A float has already lost the exact cents; its shortest repr is what was meant.
        value = repr(value)
    text = _clean(value).removeprefix("人民币").lstrip("¥￥").removesuffix("元")
    if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", text):
        raise FieldValueError(f"'{value}' is not an amount of money: write it like 56000 or 56,000.00.")
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise FieldValueError(f"'{value}' is not an amount of money.") from None
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise FieldValueError(f"{text} has more than two decimal places; amounts are written to the fen (0.01).")
    if amount >= _MAX_AMOUNT:
        raise FieldValueError(f"{text} is too large for an amount in a court document.")
    return amount.quantize(Decimal("0.01"))


_CN_NUMERAL = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _cn_small_value(text: str) -> int:
    """一 … 三十一 as written in dates."""
    if "十" not in text:
        return _CN_NUMERAL[text]
    tens, _, ones = text.partition("十")
    return (_CN_NUMERAL[tens] if tens else 1) * 10 + (_CN_NUMERAL[ones] if ones else 0)


def validate_date(value: object) -> datetime.date:
    """A calendar date from a `date`, ISO text (2024-11-12), 2024年11月12日, 2024.11.12, 2024/11/12
    or a date in Chinese numerals (二〇二四年十一月十二日)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _clean(value)
    match = re.fullmatch(r"(\d{4})(?:[-./]|年)(\d{1,2})(?:[-./]|月)(\d{1,2})日?", text)
    try:
        if match:
            return datetime.date(*(int(g) for g in match.groups()))
        match = re.fullmatch(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日", text)
        if match:
            year = int("".join(str(_CN_NUMERAL[c]) for c in match[1]))
            return datetime.date(year, _cn_small_value(match[2]), _cn_small_value(match[3]))
    except (ValueError, KeyError):
        raise FieldValueError(f"'{value}' is not a real calendar date.") from None
    raise FieldValueError(f"'{value}' is not a date: write it like 2024-11-12 or 2024年11月12日.")


def validate_bank_account(value: object) -> str:
    """A bank account or card number: 10 to 30 digits; spaces and hyphens are dropped."""
    number = _clean(value).replace("-", "")
    if not re.fullmatch(r"\d{10,30}", number):
        raise FieldValueError(f"'{value}' is not a bank account number: expected 10 to 30 digits.")
    return number


def validate(field_type: str, value: object) -> object:
    """Validate `value` as a field of `field_type` (one of `FIELD_TYPES` except 'list', whose items
    the caller validates one by one) and return the normalised value."""
    try:
        check = _VALIDATORS[field_type]
    except KeyError:
        raise FieldValueError(f"Unknown field type '{field_type}'.") from None
    return check(value)


_VALIDATORS: dict[str, Callable[[object], object]] = {
    "text": validate_text, "person": validate_person, "id_number": validate_resident_id,
    "credit_code": validate_credit_code, "amount": validate_amount, "date": validate_date,
    "bank_account": validate_bank_account,
}
FIELD_TYPES = (*_VALIDATORS, "list")

# --------------------------------------------------------------------------- formatters

_MAX_AMOUNT = Decimal(10) ** 16  # the largest unit written below is 万亿
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUP_UNITS = ("", "万", "亿", "万亿")
_PLACE_UNITS = ("", "拾", "佰", "仟")


def format_amount_plain(amount: Decimal) -> str:
    """56,000.00 — thousands separated, always two decimals."""
    return f"{validate_amount(amount):,.2f}"


def format_amount(amount: Decimal) -> str:
    """56,000.00元 — the figure a court document prints."""
    return format_amount_plain(amount) + "元"


def _capital_group(digits: str) -> str:
    # One group of four digits ("0105" → 壹佰零伍); zeros inside collapse into one 零.
    out, zero = [], False
    for i, d in enumerate(digits):
        if d == "0":
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CAPITAL_DIGITS[int(d)] + _PLACE_UNITS[len(digits) - 1 - i])
    return "".join(out)


def amount_in_capitals(amount: Decimal) -> str:
    """The amount in Chinese financial capitals, as cheques and court documents write it:
    56,000 → 伍万陆仟元整, 100,005.20 → 壹拾万零伍元贰角, 0.05 → 伍分, 10.05 → 壹拾元零伍分.

    Follows the People's Bank of China rules for written amounts: 整 after 元 (and after 角
    only when there are no fen it is omitted, as the rules allow); a leading one is written
    壹拾; one 零 stands for any run of zeros in the middle."""
    amount = validate_amount(amount)
    yuan = int(amount)
    jiao, fen = divmod(int((amount - yuan) * 100), 10)
    if yuan == 0 and jiao == 0 and fen == 0:
        return "零元整"
    out = []
    if yuan:
        text = str(yuan)
        groups = [text[max(0, end - 4):end] for end in range(len(text), 0, -4)][::-1]
        pending_zero = False
        for idx, group in enumerate(groups):
            unit = _GROUP_UNITS[len(groups) - 1 - idx]
            if int(group) == 0:
                pending_zero = bool(out)
                continue
            if out and (pending_zero or group[0] == "0"):
                out.append("零")
            out.append(_capital_group(group.rjust(4, "0") if out else group) + unit)
            pending_zero = False
        out.append("元")
    if jiao:
        out.append(_CAPITAL_DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            out.append("零")
        out.append(_CAPITAL_DIGITS[fen] + "分")
    if not fen and not jiao:
        out.append("整")
    return "".join(out)


def cn_number(n: int) -> str:
    """Small whole numbers in Chinese numerals as list items and dates use them: 1 → 一,
    10 → 十, 21 → 二十一, 105 → 一百零五."""
    if not 0 <= n < 1000:
        raise FieldValueError(f"{n} is outside 0-999.")
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += digits[ones]
    return out


def cn_date(value: object) -> str:
    """二〇二四年十一月十二日 — the date as a court signs its documents."""
    d = validate_date(value)
    year = "".join("〇一二三四五六七八九"[int(c)] for c in f"{d.year:04d}")
    return f"{year}年{cn_number(d.month)}月{cn_number(d.day)}日"


def format_date(value: object) -> str:
    """2024年11月12日 — the date as the body of a document cites it."""
    d = validate_date(value)
    return f"{d.year}年{d.month}月{d.day}日"
