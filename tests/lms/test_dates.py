"""Dates as the UI writes them: ``2026. 12. 31.`` in Korean, ``31 Dec 2026`` in
English, where the Korean form followed by a full stop read "2026. 12. 31.."."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from courses.models import TrainingCycle

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 31)
# 05:30 UTC is 14:30 in Seoul (the site's time zone).
SUBMITTED = datetime.datetime(2026, 9, 16, 5, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load lms_dates %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"), [("ko", "2026. 12. 31."), ("en", "31 Dec 2026")]
)
def test_a_date_in_each_language(language, expected):
    assert render("{{ due|lms_date }}", language, due=DUE) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ko", "2026. 9. 16. 14:30"), ("en", "16 Sep 2026, 14:30")],
)
def test_a_time_is_shown_in_the_sites_time_zone(language, expected):
    assert render("{{ when|lms_datetime }}", language, when=SUBMITTED) == expected


def test_no_date_shows_nothing_so_that_default_applies():
    assert render('{{ none|lms_date|default:"–" }}', "en", none=None) == "–"
    assert render("{{ text|lms_date }}", "en", text="not a date") == ""


def demo_cycle_year() -> int:
    cycle = TrainingCycle.objects.get(year=timezone.localdate().year)
    assert cycle.due_on == datetime.date(cycle.year, 12, 31)
    return cycle.year


def test_an_english_sentence_ending_with_a_date_has_one_full_stop(client, demo_users):
    year = demo_cycle_year()
    client.force_login(demo_users["learner"])
    client.cookies["django_language"] = "en"
    html = client.get("/learn/").content.decode()
    assert f"complete all five topics by 31 Dec {year}." in html
    assert f"{year}. 12. 31." not in html
    assert "31.." not in html


def test_the_korean_sentence_keeps_the_korean_date(client, demo_users):
    year = demo_cycle_year()
    client.force_login(demo_users["learner"])
    html = client.get("/learn/").content.decode()
    assert f"{year}. 12. 31.까지 다섯 주제를 모두 이수하십시오." in html
