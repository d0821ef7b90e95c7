import re

import pytest

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.I)


def test_home_page_explains_the_programme(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ko">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html
    assert "인공지능 발전에 따른 행정 환경의 변화" in html
    assert "<title>AI 역량강화 교육 | AI 역량강화 교육 | 파주시</title>" in html


def test_pages_load_nothing_from_outside(client, demo_users):
    pages = ["/", "/accounts/login/"]
    for url in pages:
        assert not EXTERNAL.search(client.get(url).content.decode()), url
    client.force_login(demo_users["learner"])
    assert not EXTERNAL.search(client.get("/learn/").content.decode())


def test_titles_are_unique_per_page(client, demo_users):
    def title(url):
        html = client.get(url).content.decode()
        return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()

    anonymous = {
        title("/"),
        title("/accounts/login/"),
        title("/accounts/password/reset/"),
    }
    client.force_login(demo_users["learner"])
    assert len(anonymous | {title("/learn/")}) == 4


def test_learn_needs_login(client, db):
    response = client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/learn/")


def test_learn_shows_the_staff_member(client, demo_users):
    client.force_login(demo_users["learner"])
    response = client.get("/learn/")
    profile = demo_users["learner"].staff_profile
    assert response.status_code == 200
    html = response.content.decode()
    assert profile.name in html and "정보정책팀" in html


def test_language_switch_to_english(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_korean_is_the_default_language(client, demo):
    html = client.get("/accounts/login/").content.decode()
    assert "본문 바로가기" in html
    assert "로그인" in html


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_healthz_says_when_database_fails(client, db, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_site_stylesheet_is_served_by_the_site(client, db):
    response = client.get("/static/lms/css/site.css")
    assert response.status_code == 200
    assert b":focus-visible" in b"".join(response.streaming_content)


def test_unknown_page_is_a_friendly_404(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()
