"""The date grammar scans only the stretches around numbers: same mentions as a full scan."""
from extract.dates import grammar

REPORT = (
    "Sprawozdanie z wizyty studyjnej\n"
    + "Uczestnicy poznali funkcjonowanie spółdzielni socjalnych i zakładów aktywności zawodowej. " * 8
    + "Wizyta odbyła się w dniach 5-8 lipca 2011 r. w Bydgoszczy, a kolejna od 30 grudnia 2019 r. "
    "do 2 stycznia 2020 r.\n"
    + "Rozmawiano o ekonomii społecznej i o reintegracji zawodowej. " * 10
    + "Spotkanie zaplanowano na dnia" + " " * 260 + "24.06 br., a termin zgłoszeń minął 12.05.2011."
)


def _full_scan(text):
    saved = grammar.digit_windows
    grammar.digit_windows = lambda t, pad=0: [(0, len(t))]
    try:
        return grammar.find_mentions(text)
    finally:
        grammar.digit_windows = saved


def test_windows_cover_only_part_of_the_prose():
    covered = sum(b - a for a, b in grammar.digit_windows(REPORT, pad=40))
    assert covered < len(REPORT) / 2


def test_windowed_scan_finds_what_a_full_scan_finds():
    found = grammar.find_mentions(REPORT)
    assert found == _full_scan(REPORT)
    assert [m.text for m in found][:2] == ["5-8 lipca 2011 r.", "od 30 grudnia 2019 r. do 2 stycznia 2020 r."]


def test_a_long_run_of_spaces_does_not_cut_a_cue_off():
    # "dnia" + 260 spaces + "24.06 br.": the window reaches back over the spaces to the cue
    found = grammar.find_mentions(REPORT)
    assert any(m.text.startswith("24.06") for m in found)
    assert found == _full_scan(REPORT)
