"""The site's own Korean web font (scripts/build-webfont.py): served as woff2 with
the 2,350 Hangul syllables of KS X 1001, Latin and digits, under a name that is
not one of NanumGothic's Reserved Font Names, with the OFL beside it."""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "lms" / "static" / "lms" / "fonts"
CSS = ROOT / "lms" / "static" / "lms" / "css"
FACES = ["lms-gothic-regular.woff2", "lms-gothic-bold.woff2"]


def ksx1001_syllables() -> set[int]:
    return {
        ord(bytes([row, cell]).decode("euc_kr"))
        for row in range(0xB0, 0xC9)
        for cell in range(0xA1, 0xFF)
    }


@pytest.mark.parametrize("name", FACES)
def test_the_font_covers_korean_latin_and_digits(name):
    font = TTFont(FONTS / name)
    assert font.flavor == "woff2"
    cmap = set(font.getBestCmap())
    syllables = ksx1001_syllables()
    assert len(syllables) == 2350
    assert syllables <= cmap
    assert set(range(0x20, 0x7F)) <= cmap  # Latin letters, digits, punctuation
    assert {ord(c) for c in "·–—“”‘’…→←②③④「」"} <= cmap
    assert (FONTS / name).stat().st_size < 400 * 1024


@pytest.mark.parametrize("name", FACES)
def test_the_subset_does_not_carry_a_reserved_font_name(name):
    names = TTFont(FONTS / name)["name"]
    assert names.getDebugName(1) == "LMS Gothic"
    for record in names.names:
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            assert "nanum" not in str(record).lower(), record.nameID
    assert "NHN" in names.getDebugName(0)  # the copyright notice stays


def test_the_licence_is_shipped_beside_the_font():
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence
    assert "Reserved Font Name" in licence


def test_the_site_and_admin_css_declare_the_font_with_swap():
    for sheet in ("site.css", "admin.css"):
        css = (CSS / sheet).read_text()
        assert css.count("@font-face") == 2, sheet
        assert css.count("font-display: swap") == 2, sheet
        for name in FACES:
            assert f'url("../fonts/{name}") format("woff2")' in css, sheet
