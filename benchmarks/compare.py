"""How well and how fast the comparison engine finds known edits between two 300-page versions.

Two versions of one seeded dossier are made under a temporary folder: 280 Chinese text pages
(PyMuPDF's "china-s" font) and 20 image-only scans (greyscale JPEG pages of A4 at 300 dpi with
a red seal; each version's scans carry their own grain and a shift of a few pixels, as two
scans of one paper do). B carries 20 known edits: 4 amounts changed, 4 ID numbers changed,
3 paragraphs deleted, 2 lines added, 2 pages inserted, 1 page removed, 1 page turned by
/Rotate, 2 seals swapped on scans, 1 scan turned upside down.

What is printed:

recall, precision
    ``compare_documents(mode="auto")``: an edit is found when a difference of its kind lies on
    its pair of pages (and, for text edits, carries its changed text); precision is the share
    of reported differences that are one of the edits.
text_vs_difflib
    Time of the text comparison (page alignment plus the line and character diff of every
    aligned pair, texts already extracted) over the time of ``difflib.SequenceMatcher`` at
    character level on the same two texts (each version's pages joined), ``get_opcodes()``.
visual_vs_render
    Mean time of ``visual_diff`` on the 20 pairs of scans rendered at the comparison's scale
    over the mean time to render one of those pages at that scale.
"""
from __future__ import annotations

import argparse
import copy
import difflib
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.core import compare as engine  # noqa: E402
from viewer.core.document import PdfDocument  # noqa: E402

PAGES = 300
SCAN_EVERY = 15  # every 15th page is a scan: 20 scans


def page_lines(rnd: random.Random, n: int) -> list[str]:
    names = "张王李赵刘陈杨黄周吴"
    lines = [f"（2024）陕0823执{1000 + n}号  第{n + 1}页",
             f"申请执行人{rnd.choice(names)}某某与被执行人{rnd.choice(names)}某某民间借贷纠纷一案，"]
    for k in range(rnd.randint(14, 20)):
        choice = rnd.random()
        if choice < 0.15:
            lines.append(f"判决被执行人偿还借款人民币{rnd.randint(1, 99)},{rnd.randint(100, 999)}元及利息。")
        elif choice < 0.25:
            lines.append(f"被执行人身份证号码：6108231985{rnd.randint(10000000, 99999999)}")
        elif choice < 0.35:
            lines.append(f"Account {rnd.randint(10**9, 10**10)} held at the county branch, ref {n}-{k}.")
        else:
            text = "本院依法向被执行人送达执行通知书责令其履行生效法律文书确定的义务查询冻结扣划存款"
            start = rnd.randrange(0, 10)
            lines.append(text[start:start + rnd.randint(18, 30)] + f"（{n}-{k}）。")
    return lines


def scan_image(rnd: random.Random, lines, seal: str, seed: int, shift, turn: int = 0) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    y = 80
    for line in lines[:12]:
        page.insert_text((60, y), line, fontname="china-s", fontsize=11)
        y += 20
    page.draw_circle((430, 640), 55, color=(0.85, 0.1, 0.1), width=4)
    page.insert_text((430 - 12 * len(seal), 648), seal, fontname="china-s", fontsize=24, color=(0.85, 0.1, 0.1))
    pix = page.get_pixmap(dpi=300)
    img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    out = Image.new("RGB", img.size, "white")
    out.paste(img, shift)
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    out = Image.blend(out, Image.effect_noise(img.size, 20).convert("RGB"), 0.08)
    draw = ImageDraw.Draw(out)
    speck = random.Random(seed)
    for _ in range(200):
        draw.point((speck.randrange(img.width), speck.randrange(img.height)), fill=(80, 80, 80))
    if turn:
        out = out.rotate(-turn, expand=True)
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=75)
    return buf.getvalue()


def build(folder: Path):
    """Write a.pdf and b.pdf; return the expected edits as (kind, scope, page_a, page_b, text_b)."""
    rnd = random.Random(20241128)
    pages = [page_lines(rnd, n) for n in range(PAGES)]
    scans = {n for n in range(PAGES) if n % SCAN_EVERY == 7}
    b_pages = copy.deepcopy(pages)
    edits_text: list[tuple] = []  # (kind, page index in A, old, new)
    text_pages = [n for n in range(PAGES) if n not in scans]
    chosen = rnd.sample(text_pages[5:-5], 13)
    amount, ident, deleted, added = chosen[:4], chosen[4:8], chosen[8:11], chosen[11:13]
    for n in amount:
        k = next(i for i, t in enumerate(pages[n]) if "人民币" in t) if any("人民币" in t for t in pages[n]) else None
        if k is None:
            pages[n].insert(3, "判决被执行人偿还借款人民币50,000元及利息。")
            b_pages[n].insert(3, pages[n][3])
            k = 3
        old = pages[n][k].split("人民币")[1].split("元")[0]
        new = old[:-1] + ("7" if old[-1] != "7" else "8")
        b_pages[n][k] = pages[n][k].replace(old, new)
        edits_text.append(("changed", n, old, new))
    for n in ident:
        k = next((i for i, t in enumerate(pages[n]) if "身份证" in t), None)
        if k is None:
            pages[n].insert(3, "被执行人身份证号码：610823198501012345")
            b_pages[n].insert(3, pages[n][3])
            k = 3
        old = pages[n][k].split("：")[1]
        new = old[:-1] + ("X" if old[-1] != "X" else "1")
        b_pages[n][k] = pages[n][k].replace(old, new)
        edits_text.append(("changed", n, old, new))
    for n in deleted:
        del b_pages[n][4:7]
        edits_text.append(("deleted", n, None, None))
    for n in added:
        b_pages[n].insert(5, "经查，被执行人名下另有车辆一辆，已依法查封。")
        edits_text.append(("inserted", n, None, "经查，被执行人名下另有车辆一辆，已依法查封。"))
    seal_swaps = rnd.sample(sorted(scans)[1:-1], 3)
    turned, swaps = seal_swaps[0], seal_swaps[1:]
    spare = [n for n in text_pages if n not in chosen]
    removed = rnd.choice(spare[10:-10])
    inserted_after = sorted(rnd.sample([n for n in spare[10:-10] if abs(n - removed) > 3], 2))
    rotated = rnd.choice([n for n in spare[10:-10] if n not in inserted_after and abs(n - removed) > 3])

    def write(path, page_list, version: str):
        doc = pymupdf.open()
        map_a_to_doc = {}
        for n in range(PAGES):
            if version == "b" and n == removed:
                continue
            map_a_to_doc[n] = doc.page_count
            page = doc.new_page()
            if n in scans:
                seal = "公证机构" if version == "b" and n in swaps else "人民法院"
                seed = n * 2 + (version == "b")
                shift = (0, 0) if version == "a" else (rnd.randint(-6, 6), rnd.randint(-6, 6))
                turn = 180 if version == "b" and n == turned else 0
                page.insert_image(page.rect, stream=scan_image(rnd, pages[n], seal, seed, shift, turn))
            else:
                y = 60
                for line in page_list[n]:
                    page.insert_text((50, y), line, fontname="china-s", fontsize=10.5)
                    y += 17
            if version == "b" and n == rotated:
                page.set_rotation(90)
            if version == "b" and n in inserted_after:
                extra = doc.new_page()
                extra.insert_text((50, 60), f"补充证据材料 第{n}号：银行流水", fontname="china-s", fontsize=10.5)
                extra.insert_text((50, 80), "Supplementary evidence: bank statement.", fontname="china-s", fontsize=10.5)
        doc.save(path)
        return map_a_to_doc

    write(folder / "a.pdf", pages, "a")
    to_b = write(folder / "b.pdf", b_pages, "b")
    expected = []
    for kind, n, old, new in edits_text:
        expected.append((kind, "text", n, to_b[n], new))
    expected.append(("deleted", "page", removed, None, None))
    for n in inserted_after:
        expected.append(("inserted", "page", None, to_b[n] + 1, None))
    expected.append(("rotated", "page", rotated, to_b[rotated], None))
    expected.append(("rotated", "page", turned, to_b[turned], None))
    for n in swaps:
        expected.append(("changed", "visual", n, to_b[n], None))
    return expected, sorted(scans), to_b


def matches(edit, d) -> bool:
    kind, scope, pa, pb, text = edit
    if (d.kind, d.scope, d.page_a, d.page_b) != (kind, scope, pa, pb):
        return False
    return text is None or text in d.text_b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        expected, scans, to_b = build(folder)
        a, b = str(folder / "a.pdf"), str(folder / "b.pdf")
        result = engine.compare_documents(a, b, mode="auto")
        found = [e for e in expected if any(matches(e, d) for d in result.differences)]
        good = [d for d in result.differences if any(matches(e, d) for e in expected)]
        recall = len(found) / len(expected)
        precision = len(good) / len(result.differences) if result.differences else 1.0
        for e in expected:
            if e not in found:
                print("missed:", e)
        for d in result.differences:
            if d not in good:
                print("extra:", d.kind, d.scope, d.page_a, d.page_b, d.text_a[:30], d.text_b[:30])

        with PdfDocument.open(a) as doc_a, PdfDocument.open(b) as doc_b:
            models_a = [engine._page_text(doc_a, i) for i in range(doc_a.page_count)]
            models_b = [engine._page_text(doc_b, i) for i in range(doc_b.page_count)]
            texts_a = [doc_a.text(i) for i in range(doc_a.page_count)]
            texts_b = [doc_b.text(i) for i in range(doc_b.page_count)]
            t0 = time.perf_counter()
            pairs = engine.align_pages(texts_a, texts_b)
            for i, j, _ in pairs:
                if i is not None and j is not None and texts_a[i].strip() and texts_b[j].strip():
                    engine.diff_texts(models_a[i], models_b[j], i, j)
            ours = time.perf_counter() - t0
            whole_a, whole_b = "\n".join(texts_a), "\n".join(texts_b)
            t0 = time.perf_counter()
            difflib.SequenceMatcher(None, whole_a, whole_b).get_opcodes()
            peer = time.perf_counter() - t0

            diff_times, render_times = [], []
            for n in scans:
                if n not in to_b:
                    continue
                t0 = time.perf_counter()
                pa = doc_a.render(n, engine.VISUAL_SCALE)
                render_times.append(time.perf_counter() - t0)
                pb = doc_b.render(to_b[n], engine.VISUAL_SCALE)
                t0 = time.perf_counter()
                engine.visual_diff(pa, pb)
                diff_times.append(time.perf_counter() - t0)
        print(f"pages A={len(texts_a)} B={len(texts_b)} differences={len(result.differences)} "
              f"edits={len(expected)}; text compare {ours * 1000:.0f} ms, difflib {peer * 1000:.0f} ms; "
              f"visual_diff {statistics.mean(diff_times) * 1000:.1f} ms/page, "
              f"render {statistics.mean(render_times) * 1000:.1f} ms/page")
        print(f"recall={recall:.2f} precision={precision:.2f} text_vs_difflib={ours / peer:.3f} "
              f"visual_vs_render={statistics.mean(diff_times) / statistics.mean(render_times):.2f}")


if __name__ == "__main__":
    main()
