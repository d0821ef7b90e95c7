"""The Korean fonts of the certificate PDF: NanumGothic TTF shipped in
``certificates/credentials/fonts/`` (the site runs on a closed network with no
system font), parsed and registered with ReportLab once per process.
"""

import threading
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Flate only: ASCII85 on top makes every stream a quarter bigger, for nothing.
rl_config.useA85 = 0

# The fonts directory stays beside the package: certificates/credentials/fonts/.
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_REGULAR = "NanumGothic"
FONT_BOLD = "NanumGothicBold"

_fonts_lock = threading.Lock()


@cache
def fonts_register() -> None:
    """Parse and register the Korean fonts, once per process."""
    with _fonts_lock:
        for name, file in (
            (FONT_REGULAR, "NanumGothic.ttf"),
            (FONT_BOLD, "NanumGothicBold.ttf"),
        ):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
