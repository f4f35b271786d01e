"""Draws the application icon (a dossier page with a red seal): `python resources/make_app_icon.py`."""
import math
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent


def draw(size: int = 256) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=44 * s, fill=(28, 58, 102, 255))
    # a file folder behind the page
    d.rounded_rectangle([44 * s, 70 * s, 212 * s, 214 * s], radius=10 * s, fill=(214, 170, 84, 255))
    # the page
    d.rectangle([64 * s, 40 * s, 188 * s, 200 * s], fill=(250, 250, 246, 255))
    for i, y in enumerate(range(68, 168, 18)):
        d.rectangle([80 * s, y * s, (172 - (30 if i % 3 == 2 else 0)) * s, (y + 6) * s], fill=(120, 130, 145, 255))
    # the seal
    d.ellipse([120 * s, 128 * s, 196 * s, 204 * s], outline=(206, 32, 41, 255), width=max(2, int(8 * s)))
    cx, cy, outer, inner = 158 * s, 166 * s, 18 * s, 7 * s
    star = [(cx + (outer if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
             cy - (outer if k % 2 == 0 else inner) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(star, fill=(206, 32, 41, 255))
    return img


def main() -> None:
    big = draw(256)
    big.save(HERE / "icons" / "app.png")
    big.save(HERE / "dossier-desk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
