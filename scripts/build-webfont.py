#!/usr/bin/env python3
"""Build the site's Korean web font from the NanumGothic TTFs the certificates ship.

The site runs on closed networks where a PC may have no Korean font at all, so
it serves its own: a woff2 subset of NanumGothic (OFL-1.1) with the 2,350 Hangul
syllables of KS X 1001, its compatibility jamo and common symbols, Latin,
digits and punctuation. Under the OFL a subset is a Modified Version, and
"NanumGothic" is a Reserved Font Name, so the subset is renamed "LMS Gothic"
(the copyright and licence records stay in the font; lms/static/lms/fonts/OFL.txt
is the licence).

Run it again after changing the character set or the source fonts:

    .venv/bin/python scripts/build-webfont.py

It needs fontTools with brotli (`pip install "fonttools[woff]"`, in the dev
extras). The output is reproducible: the same sources give the same bytes.
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "certificates" / "credentials" / "fonts"
OUT_DIR = ROOT / "lms" / "static" / "lms" / "fonts"
FAMILY = "LMS Gothic"
POSTSCRIPT = "LMSGothic"
# (source TTF, output woff2, subfamily)
FACES = [
    ("NanumGothic.ttf", "lms-gothic-regular.woff2", "Regular"),
    ("NanumGothicBold.ttf", "lms-gothic-bold.woff2", "Bold"),
]
# Name records that carry the font's name (the OFL's Reserved Font Name):
# family, subfamily, unique id, full name, PostScript name, typographic
# family and subfamily, compatible full name, WWS family and subfamily.
NAME_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)

# Latin, digits and punctuation: ASCII, Latin-1, general punctuation, the
# won sign, arrows, a few mathematical signs, CJK brackets and punctuation.
UNICODE_RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x203A),
    (0x20A9, 0x20A9),
    (0x2190, 0x2199),
    (0x2212, 0x2212),
    (0x2260, 0x2265),
    (0x3000, 0x301F),
]
# KS X 1001 rows (first byte in EUC-KR): 0xA1–0xA2 symbols, 0xA3 full-width
# ASCII, 0xA4 compatibility jamo, 0xA8–0xA9 circled and parenthesised
# letters and digits (①②, as in "제14조②"), 0xB0–0xC8 the 2,350 Hangul syllables.
KSX1001_ROWS = [0xA1, 0xA2, 0xA3, 0xA4, 0xA8, 0xA9, *range(0xB0, 0xC9)]


def ksx1001_characters(rows) -> set[int]:
    chars = set()
    for row in rows:
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([row, cell]).decode("euc_kr")))
            except UnicodeDecodeError:
                continue  # an unassigned cell of the row
    return chars


def hangul_syllables() -> set[int]:
    """The 2,350 syllables: every one of them must end up in the font."""
    syllables = ksx1001_characters(range(0xB0, 0xC9))
    assert len(syllables) == 2350, len(syllables)
    return syllables


def wanted_characters() -> set[int]:
    chars = ksx1001_characters(KSX1001_ROWS)
    for first, last in UNICODE_RANGES:
        chars.update(range(first, last + 1))
    return chars


def font_rename(font: TTFont, subfamily: str) -> None:
    name = font["name"]
    version = name.getDebugName(5) or "Version 1.0"
    for name_id in NAME_IDS:
        name.removeNames(nameID=name_id)
    full = f"{FAMILY} {subfamily}" if subfamily != "Regular" else FAMILY
    records = {
        1: FAMILY,
        2: subfamily,
        3: f"{POSTSCRIPT}-{subfamily}; {version}",
        4: full,
        6: f"{POSTSCRIPT}-{subfamily}",
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
        name.setName(text, name_id, 1, 0, 0)  # Macintosh, Roman, English


def face_build(source: Path, target: Path, subfamily: str) -> int:
    # Keep the source's timestamps, so that the same sources give the same bytes.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    # Without hinting: a third of the size (hinted: 439 KB); browsers smooth outlines.
    options.hinting = False
    # VTT's hinting sources: useless in a browser, and fontTools cannot subset them.
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    wanted = wanted_characters() & set(font.getBestCmap())
    missing = hangul_syllables() - wanted
    if missing:
        raise SystemExit(f"{source.name} lacks {len(missing)} KS X 1001 syllables")
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    font_rename(font, subfamily)
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return len(wanted)


def main() -> None:
    for source_name, target_name, subfamily in FACES:
        target = OUT_DIR / target_name
        count = face_build(SOURCE_DIR / source_name, target, subfamily)
        size = target.stat().st_size
        print(f"{target.relative_to(ROOT)}: {count} characters, {size // 1024} KB")


if __name__ == "__main__":
    main()
