"""Korean is the default language: every UI string must have its Korean text."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def _entries(po_path: Path):
    entries, current = [], {}
    key = None
    for raw in po_path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, key = {}, None
            continue
        if line.startswith("#,"):
            current["flags"] = line
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr")):
            key, _, value = line.partition(" ")
            current[key] = current.get(key, "") + value.strip('"')
        elif line.startswith('"') and key:
            current[key] += line.strip('"')
    if current:
        entries.append(current)
    return [e for e in entries if e.get("msgid")]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_catalogue_is_shipped(language):
    assert (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").is_file()


def test_every_string_has_a_korean_translation():
    entries = _entries(ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    missing = [
        e["msgid"]
        for e in entries
        if "fuzzy" in e.get("flags", "")
        or not any(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert missing == []


# --- The overrides for the packages' own Korean (locale_overrides/) ---------------

OVERRIDES = ROOT / "locale_overrides" / "ko" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_overrides_catalogue_is_complete_and_compiled(domain):
    po = OVERRIDES / f"{domain}.po"
    text = po.read_text(encoding="utf-8")
    assert text.startswith("# Korean overrides"), "the header says what it is for"
    entries = _entries(po)
    assert len(entries) > 20
    missing = [
        e["msgid"]
        for e in entries
        if "fuzzy" in e.get("flags", "")
        or not any(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert missing == []
    assert (OVERRIDES / f"{domain}.mo").is_file(), "run compilemessages"


def test_the_overrides_come_after_our_own_catalogue():
    # makemessages writes into the first entry whose folder holds the source
    # file: our catalogue, never the hand-kept overrides.
    assert settings.LOCALE_PATHS == [ROOT / "locale", ROOT / "locale_overrides"]


@pytest.mark.parametrize(
    ("msgid", "korean"),
    [
        ("More actions", "작업 더 보기"),  # Wagtail: "더 많은 움직임"
        ("Toggle status", "상태 보기/숨기기"),  # Wagtail: "상황이 오락가락하다"
        ("Sign in to Wagtail", "관리자 로그인"),  # Wagtail: "웨그테일에 로그인"
        ("Exploring", "페이지 탐색"),  # Wagtail: missing
        ("just now", "방금"),  # Wagtail: missing
        ("Inspect", "상세 보기"),  # Wagtail: "검사"
        ("You do not have permission to access the admin.", None),  # missing
        ("Successfully signed in as %(name)s.", "%(name)s 님, 로그인되었습니다."),
        ("Today", "오늘"),  # django-filter has no Korean at all
    ],
)
def test_the_packages_strings_read_in_plain_korean(msgid, korean):
    with translation.override("ko"):
        text = translation.gettext(msgid)
    assert text != msgid
    if korean is not None:
        assert text == korean


def test_the_admin_scripts_read_in_korean(client):
    # Wagtail's JavaScript catalogue (sidebar, editor) takes the overrides too.
    script = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])
    assert catalogue["More actions"] == "작업 더 보기"  # Wagtail: "더 많은 움직임"
