"""Korean is the default language: every UI string must have its Korean text."""

from pathlib import Path

import pytest

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
