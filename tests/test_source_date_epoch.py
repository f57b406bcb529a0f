"""SOURCE_DATE_EPOCH, which dates the editions (and which Sphinx reads too),
is read as the reproducible-builds specification says: empty, it is unset,
and each build takes the time it runs; anything but a whole number of seconds
since 1970, or a time after 2107, which the EPUB's zip archive cannot hold,
stops the build before it begins, saying what to set, where Sphinx or the
EPUB's archive would crash with a report of its own."""

import os

import pytest

from build_edition import check_source_date_epoch


def test_an_empty_value_is_no_value(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    check_source_date_epoch()
    assert "SOURCE_DATE_EPOCH" not in os.environ


@pytest.mark.parametrize("value", ["1700000000", "0", "4354819199"])
def test_a_whole_number_of_seconds_is_kept(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    check_source_date_epoch()
    assert os.environ["SOURCE_DATE_EPOCH"] == value


def refusal(monkeypatch, value):
    """What check_source_date_epoch stops the build with, for `value`."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SystemExit) as stopped:
        check_source_date_epoch()
    return str(stopped.value)


@pytest.mark.parametrize("value", ["1.5", "abc", "2026-12-04", "-5", "-99999999999"])
def test_anything_else_stops_the_build_saying_what_to_set(monkeypatch, value):
    assert refusal(monkeypatch, value) == (
        f"SOURCE_DATE_EPOCH={value!r} is not a time in seconds since 1970: set it to one, or unset it"
    )


@pytest.mark.parametrize("value", ["4354819200", "99999999999999"])
def test_a_time_after_2107_stops_the_build(monkeypatch, value):
    assert refusal(monkeypatch, value) == (
        f"SOURCE_DATE_EPOCH={value!r} is after 2107, which the EPUB's zip archive cannot date: set an earlier time"
    )
