"""Numbers, percentages and dates are written exactly as Babel (CLDR) writes them."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from hypothesis import example, given
from hypothesis import strategies as st

from partneradvisor.render._cldr import LOCALES, SYMBOLS, formatted, long_date, pattern

values = st.floats(allow_nan=False, min_value=-1e12, max_value=1e12) | st.integers(-(10**9), 10**9)


@given(values, st.sampled_from(["nl", "en"]), st.integers(0, 3))
@example(2.675, "nl", 2)  # a tie in decimal, not in binary: Babel rounds the decimal text
@example(-0.001, "en", 2)  # a negative that rounds to zero keeps its sign in Babel
@example(1234567.5, "nl", 0)
@example(float("inf"), "en", 1)
def test_numbers_and_percentages_are_written_as_babel_writes_them(value, lang, decimals):
    locale = LOCALES[lang]
    expected = format_decimal(value, pattern(decimals), locale=locale)
    assert formatted(value, lang, decimals) == expected
    expected = format_percent(value / 100, pattern(decimals) + "%", locale=locale)
    assert formatted(value / 100, lang, decimals, percent=True) == expected


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_symbols_are_cldrs(lang):
    symbols = Locale.parse(LOCALES[lang]).number_symbols["latn"]
    assert SYMBOLS[lang] == (symbols["decimal"], symbols["group"])
    assert (symbols["minusSign"], symbols["percentSign"]) == ("-", "%")


@given(st.dates(), st.sampled_from(["nl", "en"]))
def test_dates_are_written_as_babel_writes_them(day, lang):
    assert long_date(day, lang) == format_date(day, "long", locale=LOCALES[lang])
