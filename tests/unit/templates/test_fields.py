"""Validators and formatters of document fields."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from templates.fields import (
    FieldValueError, amount_in_capitals, cn_date, cn_number, format_amount, format_date, validate_amount,
    validate_bank_account, validate_credit_code, validate_date, validate_resident_id,
)


def test_resident_id_accepts_the_standard_example_and_lower_case_x():
    # The sample number printed in GB 11643-1999.
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert validate_resident_id(" 1101051949 1231002X ") == "11010519491231002X"


@pytest.mark.parametrize("number, reason", [
    ("110105194912310021", "check digit"),     # last digit should be X
    ("110105194913310028", "birth date"),      # month 13
    ("11010519491231002", "18 characters"),
    ("1101051949123100ZX", "18 characters"),
])
def test_resident_id_refusals_say_why(number, reason):
    with pytest.raises(FieldValueError, match=reason):
        validate_resident_id(number)


def test_credit_code_check_character():
    assert validate_credit_code("91610828ma70b3kx5e") == "91610828MA70B3KX5E"
    with pytest.raises(FieldValueError, match="should be E"):
        validate_credit_code("91610828MA70B3KX5F")
    with pytest.raises(FieldValueError, match="I, O, S, V, Z"):
        validate_credit_code("91610828MA70B3KXOE")  # O is not in the GB 32100 alphabet


@pytest.mark.parametrize("raw, expected", [
    ("56,000.00", "56000.00"), ("56000", "56000.00"), ("¥56,000.00", "56000.00"), ("人民币56,000元", "56000.00"),
    (0.1, "0.10"), (Decimal("801.29"), "801.29"), ("５６０００", "56000.00"),
])
def test_amounts_are_normalised_to_the_fen(raw, expected):
    assert validate_amount(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["56,000.001", "-5", "56.000,00", "abc", "", "1,00"])
def test_bad_amounts_are_refused(raw):
    with pytest.raises(FieldValueError):
        validate_amount(raw)


@pytest.mark.parametrize("amount, capitals", [
    ("100005.20", "壹拾万零伍元贰角"),
    ("10000000", "壹仟万元整"),
    ("0.05", "伍分"),
    ("56000", "伍万陆仟元整"),
    ("60086.20", "陆万零捌拾陆元贰角"),
    ("10.05", "壹拾元零伍分"),
    ("1010", "壹仟零壹拾元整"),
    ("100010000", "壹亿零壹万元整"),
    ("100000100", "壹亿零壹佰元整"),
    ("1000005", "壹佰万零伍元整"),
    ("11001000", "壹仟壹佰万壹仟元整"),
    ("0.50", "伍角"),
    ("1.05", "壹元零伍分"),
    ("0", "零元整"),
    ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
])
def test_amount_in_capitals(amount, capitals):
    assert amount_in_capitals(Decimal(amount)) == capitals


def test_amount_figure():
    assert format_amount(Decimal("56000")) == "56,000.00元"
    assert format_amount(Decimal("0.05")) == "0.05元"


@pytest.mark.parametrize("raw", ["2024-11-12", "2024年11月12日", "2024.11.12", "2024/11/12", "二〇二四年十一月十二日",
                                 datetime.date(2024, 11, 12), datetime.datetime(2024, 11, 12, 9, 30)])
def test_dates_in_every_common_form(raw):
    assert validate_date(raw) == datetime.date(2024, 11, 12)


def test_impossible_dates_are_refused():
    with pytest.raises(FieldValueError, match="real calendar date"):
        validate_date("2023-02-29")
    with pytest.raises(FieldValueError, match="not a date"):
        validate_date("next Tuesday")


@pytest.mark.parametrize("day, text", [
    (datetime.date(2024, 11, 12), "二〇二四年十一月十二日"),
    (datetime.date(2020, 10, 30), "二〇二〇年十月三十日"),
    (datetime.date(2023, 1, 1), "二〇二三年一月一日"),
    (datetime.date(2024, 3, 20), "二〇二四年三月二十日"),
    (datetime.date(2024, 12, 31), "二〇二四年十二月三十一日"),
])
def test_chinese_numeral_dates_round_trip(day, text):
    assert cn_date(day) == text
    assert validate_date(text) == day


def test_arabic_date_and_list_numbers():
    assert format_date("2024-03-05") == "2024年3月5日"
    assert [cn_number(n) for n in (1, 10, 11, 20, 21, 105, 110)] == ["一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"]


def test_bank_accounts():
    assert validate_bank_account("6230 5101 0002 3456 789") == "6230510100023456789"
    for bad in ("123456789", "1" * 31, "62305101000234567AB"):
        with pytest.raises(FieldValueError, match="10 to 30 digits"):
            validate_bank_account(bad)
