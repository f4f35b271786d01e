"""Draws the demo court seal, ``demo_seal.png``: a red ring, a five-pointed star, the court's
name round the upper arc and 样章 (specimen) under the star, on a transparent background.

It is marked as a specimen on purpose: a real court's seal image is configured per
installation and never shipped. Run ``python resources/seal/make_demo_seal.py [court name]``;
it needs a CJK font (fonts-noto-cjk on Linux, SimSun on Windows).
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600  # pixels; stamped at 42 mm this is about 360 dpi
RED = (214, 24, 32, 235)
COURT = "陕西省榆川县人民法院"
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),  # index 2: the SC face
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("C:/Windows/Fonts/simsun.ttc", 0),
)
OUT = Path(__file__).resolve().parent / "demo_seal.png"


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path, index in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=index)
    raise SystemExit("No CJK font found: install fonts-noto-cjk (Linux) or run on Windows.")


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else outer * 0.382
        a = math.radians(-90 + i * 36)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def draw(court: str = COURT) -> Image.Image:
    """The seal image for `court`."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    c, ring = SIZE / 2, SIZE * 0.03
    pen.ellipse((ring / 2 + 4, ring / 2 + 4, SIZE - ring / 2 - 4, SIZE - ring / 2 - 4), outline=RED, width=int(ring))
    pen.polygon(_star(c, c, SIZE * 0.15), fill=RED)
    glyph_size = int(SIZE * 0.115)
    font = _font(glyph_size)
    span = min(240.0, 24.0 * len(court))
    radius = SIZE / 2 - ring - glyph_size * 0.9
    for i, ch in enumerate(court):
        angle = -span / 2 + span * (i + 0.5) / len(court)
        # Each glyph is drawn upright on its own tile, turned to face outwards, then placed.
        tile = Image.new("RGBA", (glyph_size * 2, glyph_size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((glyph_size, glyph_size), ch, font=font, fill=RED, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        rad = math.radians(angle)
        x, y = c + radius * math.sin(rad), c - radius * math.cos(rad)
        image.alpha_composite(tile, (int(x - glyph_size), int(y - glyph_size)))
    pen.text((c, c + SIZE * 0.27), "样章", font=_font(int(SIZE * 0.08)), fill=RED, anchor="mm")
    return image


if __name__ == "__main__":
    draw(sys.argv[1] if len(sys.argv) > 1 else COURT).save(OUT, optimize=True)
    print(OUT)
