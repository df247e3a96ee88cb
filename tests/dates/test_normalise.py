"""Month words read by dateparser with the months.csv table behind it."""
import pytest

from extract.dates import find_dates
from extract.dates.normalise import read_month


@pytest.mark.parametrize("day,word,month,source", [
    (5, "września", 9, "table+dateparser"),
    (5, "WRZEŚNIA", 9, "table+dateparser"),
    (5, "Lipca", 7, "table+dateparser"),
    (12, "pażdziernika", 10, "dateparser"),     # ż for ź: a common slip
    (3, "wrześńia", 9, "dateparser"),
    (5, "IX", 9, "table"),                      # roman numerals: dateparser knows none
    (29, "lutego", 2, "table+dateparser"),      # read in a leap year when none is written
])
def test_month_words(day, word, month, source):
    r = read_month(day, word)
    assert (r.month, r.source) == (month, source)


def test_a_month_like_word_neither_reads_is_no_month():
    assert read_month(5, "marketów").month is None
    assert find_dates("Odwiedziliśmy 5 marketów i 2 marzenia.") == []


def test_words_alone_never_reach_dateparser():
    assert find_dates("Nie wiem, czy się uda; Nie było kiedy.") == []


def test_misspelt_month_in_a_range_keeps_both_ends():
    (d,) = find_dates("W dniach 14-16 pażdziernika 2014 r. trwała wizyta.")
    assert d.base == "2014-10-14/2014-10-16" and d.rule.endswith(":month_by_dateparser")


def test_dateparser_month_is_read_once_per_word_and_checked_per_day():
    from extract.dates.normalise import by_dateparser, month_by_dateparser

    assert month_by_dateparser("września") == 9
    assert by_dateparser(12, "września", 2013) == 9
    assert by_dateparser(31, "czerwca", 2020) is None   # June has 30 days
    assert by_dateparser(29, "lutego") == 2             # no year: a leap year
    assert by_dateparser(29, "lutego", 2023) is None
    assert month_by_dateparser("marketów") is None
