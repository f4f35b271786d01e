"""Two versions of a dossier document with known edits, and scans made from rendered pages."""
from __future__ import annotations

import io
import random

import pymupdf
from PIL import Image, ImageDraw, ImageFilter

AMOUNT_LINE = "判决被执行人偿还借款人民币50,000元整及利息。"
ID_LINE = "被执行人身份证号码：610823198501012345"
PARAGRAPH = ["本院认为，被执行人未按执行通知履行法律文书确定的义务，",
             "依照《中华人民共和国民事诉讼法》第二百四十九条之规定，",
             "裁定冻结被执行人银行存款。"]


def base_pages(count: int = 5) -> list[list[str]]:
    """Page texts: every page different, each line short enough for one line of A4."""
    pages = []
    for i in range(count):
        pages.append([f"（2024）陕0823执{100 + i}号 第{i + 1}页",
                      f"申请执行人张{i}某与被执行人李{i}某民间借贷纠纷一案，本院于2024年立案执行。",
                      AMOUNT_LINE, ID_LINE, *PARAGRAPH,
                      f"Case reference {1000 + i}: the respondent shall pay within ten days."])
    return pages


def write_pdf(path, pages, rotations: dict[int, int] | None = None) -> str:
    doc = pymupdf.open()
    for n, lines in enumerate(pages):
        page = doc.new_page()
        y = 80
        for line in lines:
            page.insert_text((60, y), line, fontname="china-s", fontsize=12)
            y += 22
        if rotations and n in rotations:
            page.set_rotation(rotations[n])
    doc.save(str(path))
    return str(path)


def page_image(lines, seal_text: str = "人民法院", dpi: int = 150) -> Image.Image:
    """A rendered page with a red seal drawn on it, as a scanner would deliver it."""
    doc = pymupdf.open()
    page = doc.new_page()
    y = 80
    for line in lines:
        page.insert_text((60, y), line, fontname="china-s", fontsize=12)
        y += 22
    centre = pymupdf.Point(430, 600)
    page.draw_circle(centre, 55, color=(0.85, 0.1, 0.1), width=4)
    page.insert_text((centre.x - 24 * len(seal_text) / 2, centre.y + 8), seal_text, fontname="china-s",
                     fontsize=24, color=(0.85, 0.1, 0.1))
    pix = page.get_pixmap(dpi=dpi)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def scanned(img: Image.Image, seed: int, shift=(0, 0), turn: int = 0) -> Image.Image:
    """``img`` as a scan: moved, blurred a little, grainy, JPEG-compressed, maybe turned."""
    rnd = random.Random(seed)
    out = Image.new("RGB", img.size, "white")
    out.paste(img, shift)
    out = out.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise(img.size, 18).convert("RGB")
    out = Image.blend(out, noise, 0.08)
    draw = ImageDraw.Draw(out)
    for _ in range(40):  # dust specks
        x, y = rnd.randrange(img.width), rnd.randrange(img.height)
        draw.point((x, y), fill=(90, 90, 90))
    if turn:
        out = out.rotate(-turn, expand=True)
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=80)
    return Image.open(io.BytesIO(buf.getvalue()))


def write_scans(path, images) -> str:
    """A PDF of image-only pages (A4 or its landscape, by the image's shape)."""
    doc = pymupdf.open()
    for img in images:
        landscape = img.width > img.height
        rect = pymupdf.paper_rect("a4-l" if landscape else "a4")
        page = doc.new_page(width=rect.width, height=rect.height)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        page.insert_image(page.rect, stream=buf.getvalue())
    doc.save(str(path))
    return str(path)
