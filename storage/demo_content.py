"""The demo enforcement case: its parties, its documents and the PDF files that carry them.

`demo_case()` describes a synthetic but realistic private-lending enforcement case;
`write_demo_files()` lays out every document of it as a PDF (text documents, image-only
scans, a long bank statement). Everything is fictional and generated from fixed seeds, so two
runs give byte-identical files.

Run ``python -m storage.demo_content OUT_DIR`` to write the files and see how long it took.
"""
from __future__ import annotations

import datetime
import io
import math
import random
import re
import sys
import time
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

import pymupdf
from PIL import Image, ImageChops, ImageFilter

__all__ = [
    "DemoCase", "DemoDocument", "DemoParty", "credit_code_check_char", "demo_case",
    "resident_id_check_digit", "write_demo_files",
]


@dataclass(frozen=True)
class DemoParty:
    """A party to the case. `role` is 申请执行人/被执行人/第三人/委托代理人; `kind` person|organisation."""
    name: str
    role: str
    kind: str
    id_number: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DemoDocument:
    """One document of the dossier: its file name inside the output folder and how it is filed."""
    filename: str
    title: str
    doc_type: str
    volume: str
    doc_date: datetime.date
    source: str


@dataclass(frozen=True)
class DemoCase:
    """The demo case. `facts` are the values a field extractor should find in the documents;
    `fact_sources` names, for each fact, the file whose text layer contains it."""
    case_no: str
    cause: str
    stage: str
    filed_on: datetime.date
    court: str
    judge: tuple[str, str]
    clerk: tuple[str, str]
    parties: tuple[DemoParty, ...]
    documents: tuple[DemoDocument, ...]
    facts: dict[str, str]
    fact_sources: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- check characters

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_check_digit(first17: str) -> str:
    """The GB 11643 check character ('0'-'9' or 'X') of an 18-digit resident ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"expected the first 17 digits of a resident ID, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character of an 18-character unified social credit code."""
    if len(first17) != 17 or any(c not in _USCC_CHARS for c in first17):
        raise ValueError(f"expected the first 17 characters of a credit code, got {first17!r}")
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def _org_code_check_char(first8: str) -> str:
    # GB 11714: the organisation code embedded in positions 9-17 of a credit code has its own check.
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _resident_id(region: str, birth: datetime.date, serial: str) -> str:
    first17 = f"{region}{birth:%Y%m%d}{serial}"
    return first17 + resident_id_check_digit(first17)


def _credit_code(region: str, org8: str) -> str:
    first17 = "91" + region + org8 + _org_code_check_char(org8)
    return first17 + credit_code_check_char(first17)


# --------------------------------------------------------------------------- the case itself

COURT = "陕西省榆川县人民法院"
COURT_SHORT = "榆川县人民法院"
CASE_NO = "（2024）陕0823执123号"
JUDGMENT_NO = "（2023）陕0823民初1567号"
BANK = "陕西榆川农村商业银行股份有限公司"
LAW_FIRM = "陕西明德律师事务所"

_APPLICANT_ID = _resident_id("610828", datetime.date(1968, 5, 12), "002")
_DEBTOR_ID = _resident_id("610828", datetime.date(1979, 9, 23), "031")
_AGENT_ID = _resident_id("610802", datetime.date(1988, 2, 14), "124")
_COMPANY_CODE = _credit_code("610828", "MA70B3KX")

_APPLICANT = DemoParty("李秀兰", "申请执行人", "person", _APPLICANT_ID,
                       "陕西省榆川县城关镇新华路27号", "13891234567")
_COMPANY = DemoParty("榆川县鑫达建材有限公司", "被执行人", "organisation", _COMPANY_CODE,
                     "陕西省榆川县城关镇工业园区8号", "0912-6621358")
_DEBTOR = DemoParty("张伟强", "被执行人", "person", _DEBTOR_ID,
                    "陕西省榆川县城关镇东风街112号3单元502室", "13709127788")
_AGENT = DemoParty("周婷", "委托代理人", "person", _AGENT_ID,
                   "陕西省榆林市榆阳区长城北路15号明德大厦9层", "13572260419")

_COMPANY_ACCOUNT = "6230510100023456789"
_DEBTOR_ACCOUNT = "6230510100045678123"
_APPLICANT_ACCOUNT = "6230510100018823466"
_DEBTOR_PLATE = "陕K·3B7N9"
_COMPANY_PLATE = "陕K·58231"
_PROPERTY_CERT = "陕（2021）榆川县不动产权第0001234号"

_D = datetime.date
_DOCS: tuple[DemoDocument, ...] = (
    DemoDocument("01_执行申请书.pdf", "强制执行申请书", "执行申请书", "正卷", _D(2024, 2, 26), "申请执行人提交"),
    DemoDocument("02_民事判决书.pdf", f"民事判决书{JUDGMENT_NO}", "判决书", "正卷", _D(2023, 11, 20), "执行依据"),
    DemoDocument("03_立案审批表.pdf", "执行案件立案审批表", "立案审批表", "正卷", _D(2024, 3, 1), "本院立案庭"),
    DemoDocument("04_执行通知书.pdf", "执行通知书", "执行通知书", "正卷", _D(2024, 3, 5), "本院制作"),
    DemoDocument("05_报告财产令.pdf", "报告财产令", "报告财产令", "正卷", _D(2024, 3, 5), "本院制作"),
    DemoDocument("06_送达回证_鑫达公司.pdf", "送达回证（榆川县鑫达建材有限公司）", "送达回证", "正卷", _D(2024, 3, 7), "本院制作"),
    DemoDocument("07_送达回证_张伟强.pdf", "送达回证（张伟强）", "送达回证", "正卷", _D(2024, 3, 7), "本院制作"),
    DemoDocument("08_送达回证_李秀兰.pdf", "送达回证（李秀兰）", "送达回证", "正卷", _D(2024, 3, 6), "本院制作"),
    DemoDocument("09_银行存款查询回执.pdf", "协助查询存款回执", "财产查询回执", "正卷", _D(2024, 3, 12), "协助执行单位"),
    DemoDocument("10_不动产登记查询结果.pdf", "不动产登记查询结果", "财产查询回执", "正卷", _D(2024, 3, 12), "协助执行单位"),
    DemoDocument("11_机动车查询结果.pdf", "机动车查询结果", "财产查询回执", "正卷", _D(2024, 3, 13), "协助执行单位"),
    DemoDocument("12_执行笔录.pdf", "执行笔录（被执行人张伟强）", "笔录", "正卷", _D(2024, 3, 20), "本院制作"),
    DemoDocument("13_证据_借条.pdf", "借条（复印件）", "证据", "正卷", _D(2022, 3, 1), "申请执行人提交"),
    DemoDocument("14_证据_转账凭证.pdf", "银行转账电子回单", "证据", "正卷", _D(2022, 3, 1), "申请执行人提交"),
    DemoDocument("15_证据_身份证复印件.pdf", "张伟强居民身份证复印件", "证据", "正卷", _D(2024, 2, 26), "申请执行人提交"),
    DemoDocument("16_证据_企业信用信息公示报告.pdf", "企业信用信息公示报告", "证据", "正卷", _D(2024, 3, 4), "本院调取"),
    DemoDocument("17_证据_银行流水_鑫达公司.pdf", "账户交易明细（榆川县鑫达建材有限公司）", "证据", "正卷", _D(2024, 3, 12), "协助执行单位"),
    DemoDocument("18_证据_银行流水_张伟强.pdf", "账户交易明细（张伟强）", "证据", "正卷", _D(2024, 3, 12), "协助执行单位"),
    DemoDocument("19_冻结审批表.pdf", "冻结、查封财产审批表", "审批表", "副卷", _D(2024, 3, 13), "本院制作"),
)

_FACTS: dict[str, tuple[str, str]] = {
    # key: (value, file whose text carries it)
    "case_no": (CASE_NO, "04_执行通知书.pdf"),
    "judgment_no": (JUDGMENT_NO, "02_民事判决书.pdf"),
    "judgment_date": ("二〇二三年十一月二十日", "02_民事判决书.pdf"),
    "principal": ("56,000.00", "01_执行申请书.pdf"),
    "judgment_principal": ("人民币56,000元", "02_民事判决书.pdf"),
    "interest_start": ("2022年6月1日", "02_民事判决书.pdf"),
    "court_fee": ("600元", "02_民事判决书.pdf"),
    "interest_to_date": ("3,486.20", "01_执行申请书.pdf"),
    "execution_target": ("60,086.20", "03_立案审批表.pdf"),
    "execution_fee": ("801.29", "04_执行通知书.pdf"),
    "applicant": (_APPLICANT.name, "01_执行申请书.pdf"),
    "applicant_id": (_APPLICANT_ID, "01_执行申请书.pdf"),
    "company": (_COMPANY.name, "02_民事判决书.pdf"),
    "company_credit_code": (_COMPANY_CODE, "02_民事判决书.pdf"),
    "debtor": (_DEBTOR.name, "02_民事判决书.pdf"),
    "debtor_id": (_DEBTOR_ID, "02_民事判决书.pdf"),
    "company_account": (_COMPANY_ACCOUNT, "09_银行存款查询回执.pdf"),
    "company_balance": ("3,215.47", "09_银行存款查询回执.pdf"),
    "debtor_account": (_DEBTOR_ACCOUNT, "09_银行存款查询回执.pdf"),
    "debtor_balance": ("12,087.30", "09_银行存款查询回执.pdf"),
    "property_cert": (_PROPERTY_CERT, "10_不动产登记查询结果.pdf"),
    "vehicle_plate": (_DEBTOR_PLATE, "11_机动车查询结果.pdf"),
    "loan_transfer": ("56,000.00", "17_证据_银行流水_鑫达公司.pdf"),
    "report_deadline": ("五日内", "05_报告财产令.pdf"),
}


def demo_case() -> DemoCase:
    """Describe the demo enforcement case: parties, the dossier's documents and the known facts."""
    return DemoCase(
        case_no=CASE_NO, cause="民间借贷纠纷", stage="财产调查", filed_on=_D(2024, 3, 1),
        court=COURT, judge=("zhaojianguo", "赵建国"), clerk=("wangfang", "王芳"),
        parties=(_APPLICANT, _COMPANY, _DEBTOR, _AGENT), documents=_DOCS,
        facts={k: v for k, (v, _) in _FACTS.items()},
        fact_sources={k: src for k, (_, src) in _FACTS.items()},
    )


# --------------------------------------------------------------------------- dates and numerals

_CN_DIGITS = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _cn_date(d: datetime.date) -> str:
    """二〇二四年三月五日 — the way signed court documents write their date."""
    year = "".join(_CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{_cn_small(d.month)}月{_cn_small(d.day)}日"


def _ar_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------- layout primitives

_A4 = pymupdf.Rect(0, 0, 595, 842)
# GB/T 9704 official-document margins: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
_BODY = pymupdf.Rect(79, 105, 595 - 74, 842 - 99)
_RED = (0.86, 0.08, 0.1)
_FONT_CACHE: list[pymupdf.Font] = []

# The line height must not divide the body height (638 pt) exactly: MuPDF's story layout then
# reports the text as finished after the first full page and silently drops the rest.
_CSS = """
body { margin: 0; font-size: 16pt; line-height: 28.8pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h1 { margin: 0 0 6pt 0; font-size: 22pt; font-weight: normal; text-align: center; letter-spacing: 6pt; }
h2 { margin: 0; font-size: 16pt; font-weight: normal; text-indent: 2em; }
.court { text-align: center; text-indent: 0; font-size: 17pt; }
.no { text-align: right; text-indent: 0; }
.sig { text-align: right; text-indent: 0; padding-right: 1.5em; }
.flush { text-indent: 0; }
.small { font-size: 11pt; line-height: 18pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.8pt solid black; padding: 3pt 4pt; font-size: 11.5pt; line-height: 17pt;
     text-indent: 0; vertical-align: middle; }
td.k { text-align: center; width: 118pt; }
.tall td { padding-top: 5.5pt; padding-bottom: 5.5pt; }
"""


# Banks, registries and the police print in smaller type, with tables that must not wrap numbers.
_CSS_PLAIN = _CSS + """
body { font-size: 12pt; line-height: 22.5pt; }
h1 { font-size: 19pt; }
.court { font-size: 14pt; }
td { font-size: 9.5pt; line-height: 13pt; padding: 3pt 3pt; }
td.k { width: 96pt; }
"""


def _font() -> pymupdf.Font:
    # The built-in CJK font is a 3.5 MB buffer: load it once per process.
    if not _FONT_CACHE:
        _FONT_CACHE.append(pymupdf.Font("china-s"))
    return _FONT_CACHE[0]


def _flow(html: str, css: str = _CSS, body: pymupdf.Rect = _BODY,
          page_rect: pymupdf.Rect = _A4) -> tuple[pymupdf.Document, list[tuple[int, str, pymupdf.Rect]]]:
    """Lay `html` out over as many pages as it needs; also return (page, id, rect) of every
    element carrying an id, for bookmarks and links."""
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    story = pymupdf.Story(html=html, user_css=css)
    anchors: list[tuple[int, str, pymupdf.Rect]] = []
    page_no, more = 0, True
    while more:
        device = writer.begin_page(page_rect)
        more, _ = story.place(body)

        def record(pos):
            # Called synchronously by element_positions, so page_no is this page's number.
            if pos.open_close & 1 and pos.id:
                anchors.append((page_no, pos.id, pymupdf.Rect(pos.rect)))
        story.element_positions(record)
        story.draw(device)
        writer.end_page()
        page_no += 1
    writer.close()
    doc = pymupdf.open("pdf", buf.getvalue())
    for page in doc:
        # The writer leaves its page transform unbalanced; later additions must not inherit it.
        page.wrap_contents()
    # MuPDF can end a story early without saying so (see _CSS); make sure the end was laid out.
    plain = re.sub(r"\s", "", unescape(re.sub(r"<[^>]+>", "", html)))
    laid_out = re.sub(r"\s", "", "".join(page.get_text() for page in doc))
    if not laid_out.endswith(plain[-6:]):
        raise RuntimeError(f"layout stopped early, before {plain[-6:]!r}")
    return doc, anchors


def _text(page: pymupdf.Page, pos: tuple[float, float], text: str, size: float = 10.5,
          color: tuple[float, float, float] = (0, 0, 0), align: str = "left",
          rotate_about: tuple[float, float] | None = None, angle: float = 0.0) -> None:
    """One line of CJK text at `pos` (baseline), optionally rotated `angle` degrees clockwise."""
    font = _font()
    x, y = pos
    width = font.text_length(text, fontsize=size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    writer = pymupdf.TextWriter(page.rect, color=color)
    writer.append((x, y), text, font=font, fontsize=size)
    morph = None
    if rotate_about is not None and angle:
        morph = (pymupdf.Point(rotate_about), pymupdf.Matrix(-angle))
    writer.write_text(page, morph=morph)


def _star(center: pymupdf.Point, outer: float) -> list[pymupdf.Point]:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else outer * 0.382
        a = math.radians(-90 + i * 36)
        points.append(pymupdf.Point(center.x + r * math.cos(a), center.y + r * math.sin(a)))
    return points


def _seal(page: pymupdf.Page, center: tuple[float, float], name: str, radius: float = 60,
          bottom: str = "", opacity: float = 0.85) -> None:
    """A red circular seal: ring, five-pointed star, the organisation's name round the top arc
    and an optional purpose line (e.g. 业务专用章) under the star."""
    c = pymupdf.Point(center)
    shape = page.new_shape()
    shape.draw_circle(c, radius)
    shape.finish(color=_RED, width=radius * 0.055, stroke_opacity=opacity)
    shape.draw_polyline(_star(c, radius * 0.3))
    shape.finish(color=None, fill=_RED, fill_opacity=opacity, closePath=True)
    shape.commit()
    span = min(250.0, 23.0 * len(name))
    arc_r = radius * 0.78
    size = min(radius * 0.3, 0.92 * arc_r * math.radians(span / len(name)))
    for i, ch in enumerate(name):
        a = -span / 2 + span * (i + 0.5) / len(name)
        rad = math.radians(a)
        px, py = c.x + arc_r * math.sin(rad), c.y - arc_r * math.cos(rad)
        # Centre each glyph on its arc point before turning it to face outwards.
        _text(page, (px, py + size * 0.5), ch, size, _RED, "center", (px, py), a)
    if bottom:
        _text(page, (c.x, c.y + radius * 0.62), bottom, radius * 0.16, _RED, "center")


def _page_numbers(doc: pymupdf.Document, style: str = "dash") -> None:
    total = doc.page_count
    for page in doc:
        label = f"- {page.number + 1} -" if style == "dash" else f"第 {page.number + 1} 页  共 {total} 页"
        _text(page, (page.rect.width / 2, page.rect.height - 50), label, 10.5, align="center")


def _finish(doc: pymupdf.Document, path: Path, info: DemoDocument, author: str) -> None:
    """Metadata, font subsets, and a reproducible save."""
    stamp = f"D:{info.doc_date:%Y%m%d}090000+08'00'"
    doc.set_metadata({
        "title": info.title, "author": author, "subject": CASE_NO, "keywords": info.doc_type,
        "creator": COURT_SHORT, "producer": "Dossier Desk demo", "creationDate": stamp, "modDate": stamp,
    })
    doc.subset_fonts()
    doc.save(path, garbage=3, deflate=True, no_new_id=True, reproducible=True)
    doc.close()


def _paras(*texts: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{escape(t)}</p>" for t in texts)


def _heading(court: str, title: str, number: str) -> str:
    return (f'<p class="court">{escape(court)}</p><h1>{escape(title)}</h1>'
            f'<p class="no">{escape(number)}</p>')


def _signature(lines: list[str], when: datetime.date) -> str:
    rows = "".join(f'<p class="sig">{escape(x)}</p>' for x in lines)
    return f'<p class="flush">&#160;</p>{rows}<p class="sig" id="sigdate">{_cn_date(when)}</p>'


def _seal_on_date(doc: pymupdf.Document, name: str, when: datetime.date, bottom: str = "") -> None:
    """Stamp the seal over the signed date, as a court does (the date is the last one written)."""
    needle = _cn_date(when)
    for page in reversed(doc):
        hits = page.search_for(needle)
        if hits:
            r = hits[-1]
            _seal(page, (r.x0 + r.width / 2, r.y0 + r.height / 2 - 4), name, 60, bottom)
            return
    raise RuntimeError(f"signature date {needle} not found")


def _copy_stamp(doc: pymupdf.Document, date_text: str) -> None:
    """The clerk's rectangular 本件与原本核对无异 stamp, left of the signed date."""
    for page in reversed(doc):
        hits = page.search_for(date_text)
        if hits:
            r = hits[-1]
            box = pymupdf.Rect(_BODY.x0 + 10, r.y0 + 8, _BODY.x0 + 150, r.y0 + 40)
            page.draw_rect(box, color=_RED, width=1.6, stroke_opacity=0.85)
            _text(page, (box.x0 + box.width / 2, box.y1 - 10), "本件与原本核对无异", 13, _RED, "center")
            return


def _kv_table(rows: list[tuple[str, str]], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    body = "".join(f'<tr><td class="k">{escape(k)}</td><td>{escape(v)}</td></tr>' for k, v in rows)
    return f"<table{attr}>{body}</table>"


def _grid(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<td style="text-align:center">{escape(h)}</td>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


# --------------------------------------------------------------------------- the documents

def _party_lines_judgment() -> list[str]:
    return [
        f"原告：李秀兰，女，1968年5月12日出生，汉族，住{_APPLICANT.address}，公民身份号码{_APPLICANT_ID}。",
        f"委托诉讼代理人：周婷，{LAW_FIRM}律师。",
        f"被告：{_COMPANY.name}，住所地{_COMPANY.address}，统一社会信用代码{_COMPANY_CODE}。",
        "法定代表人：张伟强，该公司执行董事兼总经理。",
        f"被告：张伟强，男，1979年9月23日出生，汉族，住{_DEBTOR.address}，公民身份号码{_DEBTOR_ID}。",
    ]


def _judgment(path: Path, info: DemoDocument) -> None:
    when = info.doc_date
    sections: list[tuple[str, str, list[str]]] = [
        ("parties", "当事人", _party_lines_judgment()),
        ("procedure", "审理经过", [
            f"原告李秀兰与被告{_COMPANY.name}（以下简称鑫达公司）、张伟强民间借贷纠纷一案，本院于2023年8月14日立案后，"
            "依法适用简易程序，于2023年10月12日公开开庭进行了审理。原告李秀兰及其委托诉讼代理人周婷，被告鑫达公司的"
            "法定代表人张伟强，被告张伟强到庭参加诉讼。本案现已审理终结。",
        ]),
        ("claims", "原告诉讼请求及事实理由", [
            "李秀兰向本院提出诉讼请求：1.判令被告鑫达公司偿还原告借款本金56,000元，并支付自2022年6月1日起至实际清偿之日止"
            "按全国银行间同业拆借中心公布的一年期贷款市场报价利率计算的逾期利息；2.判令被告张伟强对上述债务承担连带清偿责任；"
            "3.本案诉讼费用由二被告负担。",
            "事实和理由：2022年3月1日，被告鑫达公司因购进水泥、钢材周转资金不足，由其法定代表人张伟强出面向原告借款。"
            "原告于当日通过银行转账方式向鑫达公司账户支付借款56,000元。鑫达公司向原告出具借条一张，载明“今借到李秀兰人民币"
            "伍万陆仟元整（¥56,000.00），于2022年5月31日前归还”，鑫达公司在借条上加盖公章，张伟强在借款人处签字，并在借条下方"
            "注明“本人自愿对上述借款承担连带保证责任”，签名并捺印。借款到期后，经原告多次催要，二被告以工程款尚未收回为由"
            "拖延至今，分文未还。原告认为，被告鑫达公司借款不还，已构成违约；被告张伟强自愿提供连带责任保证，应当对借款承担"
            "连带清偿责任。为维护原告的合法权益，特诉至法院，请求判如所请。",
        ]),
        ("defence", "被告答辩意见", [
            "鑫达公司辩称：对借款56,000元的事实及借条的真实性均无异议。公司2022年下半年承接的县城南片区道路工程尚有货款"
            "约四十万元未能收回，导致资金紧张，并非故意拖欠。公司愿意归还本金，但请求法院给予一定的还款期限，并对利息予以"
            "适当减免。",
            "张伟强辩称：借条上的签名和手印是本人所写、所按，对此没有异议。借款是公司借的，款项也转入了公司账户，用于公司"
            "经营，应当由公司偿还。本人只是作为公司法定代表人在借条上签字，不应承担个人责任。",
        ]),
        ("evidence", "举证质证", [
            "本案当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。原告提交的证据如下：",
            "证据一，原告身份证复印件、被告鑫达公司的企业信用信息公示报告及被告张伟强的身份证复印件，证明原、被告的诉讼"
            "主体资格。二被告对该组证据无异议。",
            "证据二，借条原件一份，证明2022年3月1日鑫达公司向原告借款56,000元，约定于2022年5月31日前归还，张伟强自愿"
            "对该笔借款承担连带保证责任。二被告对借条的真实性无异议；张伟强对证明目的有异议，认为其签字系代表公司的职务"
            "行为。",
            f"证据三，{BANK}业务回单一份，证明原告于2022年3月1日通过转账方式向鑫达公司账户交付借款56,000元。二被告对该"
            "证据无异议。",
            "证据四，原告与张伟强的微信聊天记录截图及手机录音一份，证明借款到期后原告多次催要，二被告均承诺尽快归还。"
            "二被告对聊天记录的真实性无异议，认可曾收到原告的催款信息。",
            "被告鑫达公司提交了其与县城南片区道路工程发包方的结算单复印件一份，证明公司尚有应收工程货款未能收回。原告对"
            "该证据的真实性不发表意见，认为与本案借贷关系无关。",
            "本院对证据认证如下：原告提交的证据一至证据四，来源合法，内容真实，与本案事实具有关联性，二被告对其真实性"
            "均无异议，本院予以确认并在卷佐证。被告鑫达公司提交的结算单系复印件，且所涉系鑫达公司与第三方之间的债权债务，"
            "与本案借贷关系的成立及履行无直接关联，本院不予采信。",
        ]),
        ("facts", "本院查明", [
            "根据当事人陈述和经审查确认的证据，本院认定事实如下：",
            f"被告鑫达公司成立于2016年4月，注册资本二百万元，经营范围为建筑材料、五金交电的销售等，张伟强系该公司"
            "法定代表人、执行董事兼总经理。",
            "2022年3月1日，鑫达公司因经营需要向原告李秀兰借款。同日，原告通过其在榆川农村商业银行开立的个人账户向鑫达公司"
            "的对公账户转账56,000元，附言为“借款”。鑫达公司向原告出具借条一张，载明：“今借到李秀兰人民币伍万陆仟元整"
            "（¥56,000.00），于2022年5月31日前归还。借款人：榆川县鑫达建材有限公司（盖章）张伟强 2022年3月1日”。借条"
            "下方另有张伟强手书“本人自愿对上述借款承担连带保证责任”字样及张伟强签名、捺印。借条未约定借期内利息，亦未"
            "约定逾期利率。",
            "借款期限届满后，原告多次通过电话、微信向二被告催要借款，张伟强分别于2022年7月、2022年12月及2023年5月回复"
            "“等工程款回来就还”。截至本案开庭之日，二被告未偿还任何本金及利息。",
            "另查明，2022年6月1日以后，全国银行间同业拆借中心公布的一年期贷款市场报价利率先后为3.70%、3.65%、3.55%、"
            "3.45%。",
        ]),
        ("reasoning", "本院认为", [
            "本院认为，合法的借贷关系受法律保护。本案中，鑫达公司向原告出具借条，原告通过银行转账向鑫达公司交付了借款，"
            "双方之间的民间借贷法律关系依法成立，内容不违反法律、行政法规的强制性规定，合法有效。鑫达公司应当按照约定的"
            "期限返还借款，其未按约定于2022年5月31日前返还借款，应当承担返还借款本金并支付逾期利息的民事责任。",
            "关于逾期利息。借条既未约定借期内利率，也未约定逾期利率，原告主张鑫达公司自逾期还款之日即2022年6月1日起，"
            "按照全国银行间同业拆借中心公布的一年期贷款市场报价利率支付逾期利息，符合《最高人民法院关于审理民间借贷案件"
            "适用法律若干问题的规定》第二十八条第二款第一项的规定，本院予以支持。鑫达公司以工程款未收回为由请求减免利息，"
            "缺乏法律依据，本院不予支持。",
            "关于张伟强是否应当承担连带清偿责任。张伟强在借条下方手书“本人自愿对上述借款承担连带保证责任”并签名、捺印，"
            "该意思表示明确具体，系以其个人名义作出的保证，而非代表鑫达公司的职务行为，其与原告之间的保证合同关系依法成立。"
            "保证合同约定保证人和债务人对债务承担连带责任，为连带责任保证。借条未约定保证期间，原告在主债务履行期限届满之日"
            "起六个月内即向张伟强主张了权利，故张伟强应当对鑫达公司的上述债务承担连带清偿责任。张伟强承担保证责任后，有权"
            "在其承担保证责任的范围内向鑫达公司追偿。张伟强关于其不应承担个人责任的答辩意见，本院不予采纳。",
            "综上所述，原告的诉讼请求事实清楚，证据充分，本院予以支持。依照《中华人民共和国民法典》第六百六十七条、第六百"
            "七十五条、第六百七十六条、第六百八十一条、第六百八十八条、第七百条，《最高人民法院关于审理民间借贷案件适用法律"
            "若干问题的规定》第二十八条，《中华人民共和国民事诉讼法》第六十七条之规定（相关法律条文附后），判决如下：",
        ]),
        ("verdict", "判决主文", [
            f"一、被告{_COMPANY.name}于本判决生效之日起十日内偿还原告李秀兰借款本金人民币56,000元，并支付逾期利息"
            "（以56,000元为基数，自2022年6月1日起至实际清偿之日止，按照全国银行间同业拆借中心公布的同期一年期贷款市场报价"
            "利率计算）；",
            f"二、被告张伟强对上述第一项债务承担连带清偿责任；张伟强承担保证责任后，有权向被告{_COMPANY.name}追偿。",
            "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，加倍支付"
            "迟延履行期间的债务利息。",
            "案件受理费1,200元，减半收取600元，由被告榆川县鑫达建材有限公司、张伟强负担（原告已预交，二被告于本判决生效"
            "之日起十日内直接支付给原告）。",
            "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于陕西省"
            "榆林市中级人民法院。",
        ]),
    ]
    laws = [
        "1.《中华人民共和国民法典》",
        "第六百六十七条 借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。",
        "第六百七十五条 借款人应当按照约定的期限返还借款。对借款期限没有约定或者约定不明确，依据本法第五百一十条的"
        "规定仍不能确定的，借款人可以随时返还；贷款人可以催告借款人在合理期限内返还。",
        "第六百七十六条 借款人未按照约定的期限返还借款的，应当按照约定或者国家有关规定支付逾期利息。",
        "第六百八十一条 保证合同是为保障债权的实现，保证人和债权人约定，当债务人不履行到期债务或者发生当事人约定的情形"
        "时，保证人履行债务或者承担责任的合同。",
        "第六百八十八条 当事人在保证合同中约定保证人和债务人对债务承担连带责任的，为连带责任保证。连带责任保证的债务人"
        "不履行到期债务或者发生当事人约定的情形时，债权人可以请求债务人履行债务，也可以请求保证人在其保证范围内承担保证"
        "责任。",
        "第七百条 保证人承担保证责任后，除当事人另有约定外，有权在其承担保证责任的范围内向债务人追偿，享有债权人对债务人"
        "的权利，但是不得损害债权人的利益。",
        "2.《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》",
        "第二十八条 借贷双方对逾期利率有约定的，从其约定，但是以不超过合同成立时一年期贷款市场报价利率四倍为限。未约定"
        "逾期利率或者约定不明的，人民法院可以区分不同情况处理：（一）既未约定借期内利率，也未约定逾期利率，出借人主张"
        "借款人自逾期还款之日起参照当时一年期贷款市场报价利率标准计算的利息承担逾期还款违约责任的，人民法院应予支持；"
        "（二）约定了借期内利率但是未约定逾期利率，出借人主张借款人自逾期还款之日起按照借期内利率支付资金占用期间利息的，"
        "人民法院应予支持。",
        "3.《中华人民共和国民事诉讼法》",
        "第六十七条 当事人对自己提出的主张，有责任提供证据。",
        "第二百六十条 被执行人未按判决、裁定和其他法律文书指定的期间履行给付金钱义务的，应当加倍支付迟延履行期间的债务"
        "利息。被执行人未按判决、裁定和其他法律文书指定的期间履行其他义务的，应当支付迟延履行金。",
    ]
    html = [_heading(COURT, "民事判决书", JUDGMENT_NO)]
    for anchor, _, paras in sections:
        # Each section starts at an invisible anchor so that bookmarks land on its first line.
        html.append(f'<div id="{anchor}">{_paras(*paras)}</div>')
    html.append(_signature(["审　判　员　　陈志远"], when))
    html.append('<p class="flush">&#160;</p><p class="sig">书　记　员　　刘晓燕</p>')
    html.append('<p class="flush" style="page-break-before: always">&#160;</p>'
                f'<div id="laws"><p class="flush">附：本判决适用的法律条文</p>{_paras(*laws)}</div>')
    doc, anchors = _flow("".join(html))
    _seal_on_date(doc, COURT, when)
    _copy_stamp(doc, _cn_date(when))
    where = {a: (p, r) for p, a, r in anchors}
    toc = [[1, title, where[a][0] + 1, {"kind": pymupdf.LINK_GOTO, "page": where[a][0],
                                          "to": pymupdf.Point(where[a][1].x0, where[a][1].y0), "zoom": 0}]
           for a, title, _ in sections]
    toc.append([1, "附：本判决适用的法律条文", where["laws"][0] + 1,
                {"kind": pymupdf.LINK_GOTO, "page": where["laws"][0],
                 "to": pymupdf.Point(where["laws"][1].x0, where["laws"][1].y0), "zoom": 0}])
    doc.set_toc(toc)
    # The "相关法律条文附后" phrase in the reasoning jumps to the appendix.
    target_page, target_rect = where["laws"]
    for page in doc:
        hits = page.search_for("相关法律条文附后")
        if hits:
            page.insert_link({"kind": pymupdf.LINK_GOTO, "from": hits[0], "page": target_page,
                              "to": pymupdf.Point(target_rect.x0, target_rect.y0), "zoom": 0})
            page.draw_line(hits[0].bl, hits[0].br, color=(0, 0, 0.7), width=0.6)
            break
    _page_numbers(doc)
    _finish(doc, path, info, COURT)


def _application(path: Path, info: DemoDocument) -> None:
    html = ['<h1>强制执行申请书</h1>',
            _paras(f"申请执行人：李秀兰，女，1968年5月12日出生，汉族，住{_APPLICANT.address}，"
                   f"公民身份号码{_APPLICANT_ID}，联系电话{_APPLICANT.phone}。",
                   f"委托代理人：周婷，{LAW_FIRM}律师，联系电话{_AGENT.phone}。",
                   f"被执行人：{_COMPANY.name}，住所地{_COMPANY.address}，统一社会信用代码{_COMPANY_CODE}。",
                   "法定代表人：张伟强，执行董事兼总经理。",
                   f"被执行人：张伟强，男，1979年9月23日出生，汉族，住{_DEBTOR.address}，"
                   f"公民身份号码{_DEBTOR_ID}，联系电话{_DEBTOR.phone}。", cls="flush"),
            '<p class="flush">申请事项：</p>',
            _paras("一、请求依法强制执行被执行人榆川县鑫达建材有限公司偿还申请执行人借款本金56,000.00元，"
                   "并支付逾期利息（以56,000元为基数，自2022年6月1日起按照全国银行间同业拆借中心公布的一年期贷款市场"
                   "报价利率计算至实际清偿之日止，暂计算至2024年2月26日为3,486.20元）；",
                   "二、请求依法强制执行被执行人榆川县鑫达建材有限公司、张伟强向申请执行人支付案件受理费600元；",
                   "三、请求依法强制执行被执行人张伟强对上述第一项债务承担连带清偿责任；",
                   "四、请求依法强制执行被执行人加倍支付迟延履行期间的债务利息；",
                   "五、本案执行费用由被执行人负担。",
                   "以上暂合计：60,086.20元。"),
            '<p class="flush">事实与理由：</p>',
            _paras(f"申请执行人与被执行人民间借贷纠纷一案，经{COURT}审理，于2023年11月20日作出{JUDGMENT_NO}"
                   "民事判决书，判决被执行人榆川县鑫达建材有限公司偿还申请执行人借款本金56,000元及逾期利息，被执行人张伟强"
                   "承担连带清偿责任。该判决已于2023年12月19日发生法律效力。",
                   "判决生效后，申请执行人多次催告，被执行人至今未履行判决确定的义务。为维护申请执行人的合法权益，根据"
                   "《中华人民共和国民事诉讼法》第二百四十七条的规定，特向贵院申请强制执行，望依法支持。",
                   "申请执行人提供被执行人财产线索如下：被执行人榆川县鑫达建材有限公司在陕西榆川农村商业银行开立有对公账户；"
                   "被执行人张伟强名下有位于榆川县城关镇东风街的住房一套及小型轿车一辆。"),
            f'<p class="flush">此致</p><p class="flush">{COURT}</p>',
            _signature(["申请执行人：李秀兰", "委托代理人：周婷"], info.doc_date),
            '<p class="flush small">附：1.生效民事判决书及生效证明各一份；2.申请执行人身份证复印件一份；'
            '3.被执行人身份证复印件、企业信用信息公示报告各一份；4.授权委托书及律师事务所函各一份。</p>']
    doc, _ = _flow("".join(html))
    _finish(doc, path, info, _APPLICANT.name)


def _approval_form(path: Path, info: DemoDocument) -> None:
    rows = [("案号", CASE_NO), ("案由", "民间借贷纠纷"), ("立案日期", _ar_date(info.doc_date)),
            ("申请执行人", f"李秀兰（公民身份号码{_APPLICANT_ID}）"),
            ("委托代理人", f"周婷，{LAW_FIRM}律师"),
            ("被执行人", f"{_COMPANY.name}（统一社会信用代码{_COMPANY_CODE}）；张伟强（公民身份号码{_DEBTOR_ID}）"),
            ("执行依据", f"{COURT}{JUDGMENT_NO}民事判决书"),
            ("生效日期", "2023年12月19日"), ("申请执行日期", "2024年2月26日"),
            ("申请执行标的", "60,086.20元（本金56,000.00元，利息暂计3,486.20元，受理费600.00元）"),
            ("申请执行费", "801.29元（缓交，由被执行人负担）"),
            ("立案审查意见", "申请执行人的申请符合《最高人民法院关于人民法院执行工作若干问题的规定（试行）》"
                             "第16条规定的受理条件，在申请执行期限内，建议立案执行。\n审查人：孙莉  2024年3月1日"),
            ("庭领导意见", "同意立案。\n签名：马振华  2024年3月1日"),
            ("承办人", "执行员 赵建国   书记员 王芳")]
    html = [f'<p class="court">{COURT}</p><h1>执行案件立案审批表</h1>',
            f'<p class="no small">案件来源：申请执行　　　　收案日期：2024年2月26日</p>',
            _kv_table(rows, "tall").replace("\n", "<br/>")]
    doc, _ = _flow("".join(html))
    _finish(doc, path, info, COURT)


def _notice(path: Path, info: DemoDocument) -> None:
    html = [_heading(COURT, "执行通知书", CASE_NO),
            f'<p class="flush">{_COMPANY.name}、张伟强：</p>',
            _paras(f"申请执行人李秀兰与你们民间借贷纠纷一案，本院作出的{JUDGMENT_NO}民事判决书已经发生法律效力。"
                   "申请执行人李秀兰于2024年2月26日向本院申请强制执行，本院于2024年3月1日依法立案执行。依照《中华人民共和国"
                   "民事诉讼法》第二百五十一条、第二百六十四条和《最高人民法院关于人民法院执行工作若干问题的规定（试行）》"
                   "第22条的规定，责令你们自本通知送达之日起立即履行下列义务：",
                   "一、偿还申请执行人李秀兰借款本金56,000元及逾期利息（以56,000元为基数，自2022年6月1日起按照全国银行间"
                   "同业拆借中心公布的同期一年期贷款市场报价利率计算至实际清偿之日止）；",
                   "二、支付申请执行人李秀兰已预交的案件受理费600元；",
                   "三、加倍支付迟延履行期间的债务利息；",
                   "四、负担本案申请执行费801.29元。",
                   "张伟强对上述第一项债务承担连带清偿责任。",
                   "逾期不履行的，本院将依法强制执行，并可依法将你们纳入失信被执行人名单，对你们采取限制消费等措施；"
                   "构成犯罪的，依法追究刑事责任。",
                   f"本院执行款专户：{COURT_SHORT}，开户行：{BANK}城关支行，账号：27070100000018586。"
                   "缴款时请注明案号。"),
            '<p class="flush">联系人：赵建国　联系电话：0912-6612345</p>',
            _signature([], info.doc_date)]
    doc, _ = _flow("".join(html))
    _seal_on_date(doc, COURT, info.doc_date)
    _finish(doc, path, info, COURT)


def _report_order(path: Path, info: DemoDocument) -> None:
    html = [_heading(COURT, "报告财产令", CASE_NO),
            f'<p class="flush">{_COMPANY.name}、张伟强：</p>',
            _paras(f"申请执行人李秀兰与你们民间借贷纠纷一案，本院{JUDGMENT_NO}民事判决书已经发生法律效力，你们未按执行通知"
                   "履行法律文书确定的义务。依照《中华人民共和国民事诉讼法》第二百五十二条和《最高人民法院关于民事执行中财产"
                   "调查若干问题的规定》第三条、第五条的规定，责令你们在收到本令后五日内，如实向本院报告当前以及收到执行通知"
                   "之日前一年的财产情况。",
                   "应当报告的财产包括：（一）收入、银行存款、现金、理财产品、有价证券；（二）土地使用权、房屋等不动产；"
                   "（三）交通运输工具、机器设备、产品、原材料等动产；（四）债权、股权、投资权益、基金份额、信托受益权、"
                   "知识产权等财产性权利；（五）其他应当报告的财产。",
                   "你们的财产情况在报告期内发生变动的，应当对该变动情况进行报告。报告财产后，财产情况发生变动，影响申请"
                   "执行人债权实现的，应当自财产变动之日起十日内向本院补充报告。",
                   "拒绝报告或者虚假报告的，本院将根据情节轻重对你们或者你们的法定代表人、主要负责人予以罚款、拘留；构成犯罪"
                   "的，依法追究刑事责任。同时，本院将依法把你们纳入失信被执行人名单。"),
            '<p class="flush">附：财产情况报告表（被执行人填写）</p>',
            _signature([], info.doc_date)]
    doc, _ = _flow("".join(html))
    _seal_on_date(doc, COURT, info.doc_date)
    _finish(doc, path, info, COURT)


def _service_receipt(path: Path, info: DemoDocument, addressee: DemoParty, papers: str,
                     signer: str, way: str) -> None:
    rows = [("案由", "民间借贷纠纷"), ("案号", CASE_NO),
            ("送达文书名称及件数", papers), ("受送达人", addressee.name),
            ("送达地址", addressee.address),
            ("受送达人签名或盖章", "\n\n\n"),
            ("代收人及代收理由", ""), ("送达方式", way),
            ("送达人", "赵建国、王芳"), ("备注", "")]
    html = [f'<p class="court">{COURT}</p><h1>送达回证</h1>', '<p class="flush">&#160;</p>',
            _kv_table(rows, "tall").replace("\n", "<br/>")]
    doc, _ = _flow("".join(html))
    page = doc[0]
    # The recipient signs by hand in the empty cell: ink, a little askew, the date below.
    cell = page.search_for("受送达人签名或盖章")[0]
    ink = (0.08, 0.12, 0.42)
    x, y = _BODY.x0 + 150, cell.y0 + cell.height / 2
    _text(page, (x, y), signer, 15, ink, rotate_about=(x, y), angle=-3)
    _text(page, (x + 120, y + 26), f"{info.doc_date.year}.{info.doc_date.month}.{info.doc_date.day}", 12, ink)
    if addressee.kind == "organisation":
        _seal(page, (x + 95, y - 2), addressee.name, 38, "", 0.75)
    else:
        _fingerprint(page, (x + 60, y - 4), random.Random(len(signer)))
    _finish(doc, path, info, COURT)


def _bank_reply(path: Path, info: DemoDocument) -> None:
    rows = [
        ["榆川县鑫达建材有限公司", _COMPANY_ACCOUNT, "对公基本存款账户", "正常", "3,215.47", "3,215.47", "已冻结 3,215.47"],
        ["张伟强", _DEBTOR_ACCOUNT, "个人结算账户（借记卡）", "正常", "12,087.30", "12,087.30", "已冻结 12,087.30"],
        ["张伟强", "6230510100049910552", "定期存款（整存整取）", "已销户", "0.00", "0.00", "—"],
    ]
    html = [f'<p class="court">{BANK}</p><h1>协助查询存款回执</h1>',
            f'<p class="no small">贵院案号：{CASE_NO}　　本行编号：YCNS-CX-2024-0318</p>',
            f'<p class="flush">{COURT}：</p>',
            _paras(f"贵院{CASE_NO}协助查询存款通知书及执行公务证件已收悉。经查询，被查询人在本行开户及存款情况如下"
                   "（查询日期：2024年3月12日，币种：人民币，单位：元）："),
            _grid(["户名", "账号", "账户类型", "状态", "账户余额", "可用余额", "冻结情况"], rows),
            _paras("上述账户已根据贵院（2024）陕0823执123号之一协助冻结存款通知书办理冻结，冻结期限一年，自2024年3月12日"
                   "起至2025年3月11日止。冻结期间如有存入，本行将一并冻结。",
                   "被查询人张伟强名下另有本行贷款一笔（个人住房按揭贷款，合同编号YCNS-GR-2021-00783），贷款余额"
                   "217,640.55元，抵押物为其名下东风街112号3单元502室住房。"),
            '<p class="flush">经办人：贺晓梅　复核人：杨建平　联系电话：0912-6633018</p>',
            _signature([f"{BANK}城关支行"], info.doc_date)]
    doc, _ = _flow("".join(html), _CSS_PLAIN)
    _seal_on_date(doc, f"{BANK}城关支行", info.doc_date, "业务专用章")
    _finish(doc, path, info, BANK)


def _estate_reply(path: Path, info: DemoDocument) -> None:
    rows = [("权利人", "张伟强"), ("证件号码", _DEBTOR_ID), ("不动产权证书号", _PROPERTY_CERT),
            ("不动产单元号", "610828 003012 GB00215 F00030502"),
            ("坐落", "榆川县城关镇东风街112号3单元502室"), ("权利类型", "国有建设用地使用权/房屋所有权"),
            ("用途", "城镇住宅用地/住宅"), ("面积", "共有宗地面积6,532.18㎡/房屋建筑面积89.56㎡"),
            ("使用期限", "2011年6月20日起至2081年6月19日止"), ("登记时间", "2021年4月8日"),
            ("抵押情况", f"已抵押。抵押权人：{BANK}，被担保债权数额240,000.00元，登记证明号"
                         "陕（2021）榆川县不动产证明第0002517号"),
            ("查封情况", "无"), ("异议登记", "无")]
    html = [f'<p class="court">榆川县不动产登记中心</p><h1>不动产登记查询结果</h1>',
            f'<p class="no small">查询编号：BDCCX-2024-03-0447</p>',
            _paras(f"根据{COURT}{CASE_NO}协助查询通知书，本中心对被执行人张伟强（公民身份号码{_DEBTOR_ID}）及"
                   f"{_COMPANY.name}（统一社会信用代码{_COMPANY_CODE}）名下不动产登记情况进行了查询，结果如下："),
            '<p class="flush">一、张伟强名下不动产（1处）</p>', _kv_table(rows),
            '<p class="flush">二、榆川县鑫达建材有限公司名下不动产</p>',
            _paras("经查询，截至2024年3月12日，该公司名下无不动产登记记录。"),
            _paras("本查询结果仅反映查询时点不动产登记簿记载的情况，供人民法院执行工作使用。"),
            '<p class="flush">查询人：高敏　　审核人：王立新</p>',
            _signature(["榆川县不动产登记中心"], info.doc_date)]
    doc, _ = _flow("".join(html), _CSS_PLAIN)
    _seal_on_date(doc, "榆川县不动产登记中心", info.doc_date, "查询专用章")
    _finish(doc, path, info, "榆川县不动产登记中心")


def _vehicle_reply(path: Path, info: DemoDocument) -> None:
    rows = [["张伟强", _DEBTOR_PLATE, "小型轿车", "一汽-大众牌FV7151BBDBG", "LFV2A21K4J3045871", "2018-06-15", "正常", "无"],
            ["榆川县鑫达建材有限公司", _COMPANY_PLATE, "重型自卸货车", "陕汽牌SX3250DR384",
             "LZGJR4R48KX012775", "2019-03-22", "逾期未检验", "无"]]
    html = [f'<p class="court">榆林市公安局交通警察支队车辆管理所</p><h1>机动车查询结果</h1>',
            f'<p class="no small">协查编号：YLCG-XC-20240313-0092</p>',
            _paras(f"{COURT}：",
                   f"贵院{CASE_NO}协助查询通知书收悉。经查询全国公安交通管理信息系统，被查询人名下登记机动车情况如下：",
                   cls="flush"),
            _grid(["所有人", "号牌号码", "车辆类型", "品牌型号", "车辆识别代号", "初次登记", "机动车状态", "查封/抵押"], rows),
            _paras("根据贵院协助执行通知书，已对上述两辆机动车办理查封登记（不准办理转移、变更登记），查封期限二年。"),
            _signature(["榆林市公安局交通警察支队车辆管理所"], info.doc_date)]
    doc, _ = _flow("".join(html), _CSS_PLAIN)
    _seal_on_date(doc, "榆林市公安局交通警察支队车辆管理所", info.doc_date, "业务专用章")
    _finish(doc, path, info, "榆林市公安局交通警察支队车辆管理所")


_TRANSCRIPT_QA = [
    ("问", "我们是榆川县人民法院执行局的执行员和书记员（出示工作证），今天依法对你进行询问，你应当如实回答，作虚假陈述"
           "要承担法律责任，听清楚了吗？"),
    ("答", "听清楚了。"),
    ("问", "申请执行人李秀兰与你及榆川县鑫达建材有限公司民间借贷纠纷一案，本院已立案执行。执行通知书、报告财产令你收到了吗？"),
    ("答", "3月7日收到了，公司的也是我签收的。"),
    ("问", "你是否申请执行员、书记员回避？"),
    ("答", "不申请。"),
    ("问", "判决书确定的义务你们为什么至今没有履行？"),
    ("答", "公司在县城南片区道路工程上还有四十多万材料款没有结回来，公司账上没钱，我个人这两年收入也少，不是故意不还。"),
    ("问", "你向本院报告一下公司和你个人现在的财产情况。"),
    ("答", "公司在农商行有一个基本户，里面大概三千多块钱。公司有一辆自卸车，陕K·58231，去年就没怎么跑了，停在工业园区院子里。"
           "我个人在农商行有一张卡，里面有一万多，东风街有一套房子，还在还房贷，每月还一千八。还有一辆大众轿车，陕K·3B7N9，"
           "平时自己开。"),
    ("问", "本院查询到你名下农商行账户余额12,087.30元，已经依法冻结，你有无异议？"),
    ("答", "没有异议，那是我这个月的工资和生活费。"),
    ("问", "除了你说的这些，公司和你个人还有没有其他的存款、股权、对外债权？"),
    ("答", "公司对县城南片区道路工程的承包方榆川县恒泰路桥工程有限公司有应收货款，大概四十二万元，有结算单。别的没有了。"),
    ("问", "请你在三日内把公司与恒泰路桥工程有限公司的结算单、往来账目提交给本院，能做到吗？"),
    ("答", "能，我回去就找会计拿。"),
    ("问", "近一年内你和公司有没有转让、赠与财产或者放弃债权的情况？"),
    ("答", "没有。"),
    ("问", "你在报告期内有没有出境、坐飞机、住星级宾馆等消费？"),
    ("答", "没有，去年国庆带孩子去了一趟西安，坐的高铁二等座。"),
    ("问", "本院依法告知你：如果不履行生效法律文书确定的义务，本院将依法对你和公司采取限制消费措施，并可以将你们纳入失信"
           "被执行人名单；有履行能力而拒不履行，情节严重的，可能构成拒不执行判决、裁定罪。你听清楚了吗？"),
    ("答", "听清楚了。"),
    ("问", "你对履行本案义务有什么打算？"),
    ("答", "我想和申请人协商一下，先用冻结的钱还一部分，剩下的分期还，每月还三千，等工程款结回来一次性还清。"),
    ("问", "申请执行人的代理人，你对被执行人提出的还款方案有什么意见？"),
    ("答", "（周婷）我需要和申请执行人本人商量，但我方要求被执行人先支付不少于两万元，并提供担保。"),
    ("问", "被执行人，你能否先行支付两万元？"),
    ("答", "冻结的一万五左右可以先划走，剩下的五千我下个月底前交到法院账户。"),
    ("问", "本院将对你名下车辆、房产采取查封措施，对公司的应收账款采取冻结措施，你有无异议？"),
    ("答", "没有异议，但希望轿车别扣，我上班要用。"),
    ("问", "车辆查封后你可以继续使用，但不得转让、抵押、损毁，否则要承担法律责任。你还有什么补充的吗？"),
    ("答", "没有了。"),
    ("问", "以上笔录你看一下，记录是否属实？"),
    ("答", "看过了，和我说的一样。"),
]


def _transcript(path: Path, info: DemoDocument) -> None:
    head = [
        ("时间", "2024年3月20日上午9时30分至10时45分"), ("地点", "榆川县人民法院执行局第二谈话室"),
        ("执行人员", "执行员赵建国、法官助理何静"), ("记录人", "书记员王芳"),
        ("被询问人", f"张伟强，男，1979年9月23日出生，汉族，公民身份号码{_DEBTOR_ID}，住{_DEBTOR.address}，"
                     f"系本案被执行人、{_COMPANY.name}法定代表人，联系电话{_DEBTOR.phone}"),
        ("其他在场人", f"申请执行人委托代理人周婷，{LAW_FIRM}律师"),
        ("案号", CASE_NO),
    ]
    html = [f'<p class="court">{COURT}</p><h1>执行笔录</h1>']
    html += [f'<p class="flush">{escape(k)}：{escape(v)}</p>' for k, v in head]
    html += [f'<p class="flush"><b>{q}：</b>{escape(t)}</p>' for q, t in _TRANSCRIPT_QA]
    html.append('<p class="flush">（以下无正文）</p>')
    html.append('<p class="sig">被询问人：张伟强　　2024.3.20</p>'
                '<p class="sig">其他在场人：周婷</p>'
                '<p class="sig">执行人员：赵建国　何静</p><p class="sig">记录人：王芳</p>')
    doc, _ = _flow("".join(html))
    # A transcript is signed on every page by the person heard.
    for page in doc:
        _text(page, (page.rect.width - 80, page.rect.height - 60), "张伟强", 12, (0.05, 0.1, 0.45), "right")
        _fingerprint(page, (page.rect.width - 60, page.rect.height - 66), random.Random(page.number))
    _page_numbers(doc, "total")
    _finish(doc, path, info, COURT)


def _fingerprint(page: pymupdf.Page, center: tuple[float, float], rng: random.Random,
                 scale: float = 1.0) -> None:
    """A red thumbprint: concentric, slightly broken ovals."""
    cx, cy = center
    shape = page.new_shape()
    for i in range(1, 8):
        rx, ry = 1.3 * i * scale, 1.8 * i * scale
        start = rng.uniform(0, 40)
        shape.draw_oval(pymupdf.Rect(cx - rx, cy - ry, cx + rx, cy + ry))
        shape.finish(color=_RED, width=0.9, stroke_opacity=0.55, dashes=f"[{6 + start:.0f} 2] 0")
    shape.commit()


def _company_report(path: Path, info: DemoDocument) -> None:
    base = [("统一社会信用代码", _COMPANY_CODE), ("企业名称", _COMPANY.name), ("类型", "有限责任公司（自然人投资或控股）"),
            ("法定代表人", "张伟强"), ("注册资本", "200万元人民币"), ("成立日期", "2016年4月18日"),
            ("营业期限", "2016年4月18日至长期"), ("登记机关", "榆川县市场监督管理局"), ("核准日期", "2023年6月7日"),
            ("登记状态", "存续（在营、开业、在册）"), ("住所", _COMPANY.address),
            ("经营范围", "一般项目：建筑材料销售；五金产品批发；五金产品零售；水泥制品销售；金属材料销售；建筑用钢筋产品"
                         "销售；机械设备租赁；道路货物运输（不含危险货物）。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）")]
    holders = [["张伟强", "自然人股东", "140", "140", "2016-04-18", "货币"],
               ["刘春梅", "自然人股东", "60", "60", "2016-04-18", "货币"]]
    staff = [["张伟强", "执行董事兼总经理"], ["刘春梅", "监事"], ["高红", "财务负责人"]]
    changes = [["2019-05-10", "住所", "榆川县城关镇南环路66号", _COMPANY.address],
               ["2021-08-02", "经营范围", "建筑材料、五金交电销售", "（见上）"],
               ["2023-06-07", "联络员", "王强", "高红"]]
    years = [["2020年度报告", "2021-05-11"], ["2021年度报告", "2022-06-02"], ["2022年度报告", "2023-06-19"]]
    html = ['<h1 style="font-size:19pt">企业信用信息公示报告</h1>',
            f'<p class="no small">报告生成时间：2024年3月4日</p>',
            '<p class="flush">一、营业执照信息</p>', _kv_table(base),
            '<p class="flush">二、股东及出资信息（单位：万元）</p>',
            _grid(["股东", "股东类型", "认缴出资额", "实缴出资额", "出资日期", "出资方式"], holders),
            '<p class="flush">三、主要人员信息</p>', _grid(["姓名", "职务"], staff),
            '<p class="flush">四、变更信息</p>', _grid(["变更日期", "变更事项", "变更前", "变更后"], changes),
            '<p class="flush">五、年度报告信息</p>', _grid(["报告年度", "公示日期"], years),
            '<p class="flush">六、行政处罚信息</p>', _paras("无。", cls="flush"),
            '<p class="flush">七、列入经营异常名录信息</p>', _paras("无。", cls="flush"),
            '<p class="flush">八、股权出质登记信息</p>', _paras("无。", cls="flush"),
            '<p class="flush small">本报告信息来源于国家企业信用信息公示系统，仅供参考。</p>']
    doc, _ = _flow("".join(html), _CSS_PLAIN)
    _page_numbers(doc, "total")
    _finish(doc, path, info, "国家企业信用信息公示系统")


# --------------------------------------------------------------------------- bank statements

_COUNTERPARTIES = ["榆川县恒泰路桥工程有限公司", "榆林市秦北水泥有限责任公司", "陕西龙钢物资贸易有限公司",
                   "榆川县宏发五金批发部", "神木市鼎盛建材有限公司", "榆川县城关镇建业装饰队",
                   "高红", "王建军", "刘春梅", "张伟强"]
_PERSONAL = ["榆川县鑫达建材有限公司", "榆川县家家乐超市", "榆川县幸福里物业服务有限公司",
             "财付通支付科技有限公司", "支付宝（中国）网络技术有限公司", "张晓雨", "刘春梅", "榆川县第一中学"]


# Cash, fees and utilities have a fixed (or no) counterparty; transfers pick one at random.
_FIXED_COUNTERPARTY = {"现金存入": "", "现金支取": "", "手续费": "", "税费": "国家税务总局榆川县税务局",
                       "电费": "榆川县供电分公司", "房贷还款": BANK, "话费": "中国移动陕西分公司",
                       "工资": "榆川县鑫达建材有限公司"}


def _transactions(rng: random.Random, start: datetime.date, end: datetime.date, opening: float,
                  personal: bool, special: dict[datetime.date, tuple[str, float, str]],
                  per_day: tuple[int, int], closing: float) -> list[tuple[str, str, str, str, str, str, str]]:
    """A plausible list of (time, summary, debit, credit, balance, counterparty, channel) rows."""
    rows = []
    balance = opening
    day = start
    summaries_in = ["货款", "转账存入", "工程款", "现金存入", "网银转入"] if not personal else ["工资", "转账存入", "现金存入", "报销"]
    summaries_out = ["货款", "网银转出", "运费", "税费", "电费", "手续费", "现金支取"] if not personal else \
        ["消费", "房贷还款", "网银转出", "快捷支付", "现金支取", "话费"]
    names = _PERSONAL if personal else _COUNTERPARTIES
    wind_down = end - datetime.timedelta(days=90)

    def inflow_odds(balance: float) -> float:
        # Money comes in more often when the account runs low, so the balance hovers near its usual
        # level; over the last quarter that level sinks towards the balance the bank later freezes.
        usual = opening
        if day > wind_down:
            share = (day - wind_down).days / 90
            usual = opening + (closing - opening) * share
        return min(0.8, max(0.1, 0.45 - 0.3 * (balance - usual) / max(usual, 1000.0)))
    while day <= end:
        count = rng.randint(*per_day)
        if day in special:
            count = max(count, 1)
        times = sorted(f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
                       for _ in range(count))
        for i, clock in enumerate(times):
            t = f"{day:%Y-%m-%d} {clock}"
            if i == 0 and day in special:
                summary, amount, who = special[day]
            elif rng.random() < inflow_odds(balance):
                summary = rng.choice(summaries_in)
                amount = round(rng.uniform(200, 9000 if personal else 60000), 2)
                who = _FIXED_COUNTERPARTY.get(summary, rng.choice(names))
            else:
                summary = rng.choice(summaries_out)
                amount = -round(min(balance * rng.uniform(0.05, 0.6), rng.uniform(50, 8000 if personal else 50000)), 2)
                if summary == "手续费":
                    amount = -rng.choice([2.0, 5.0, 10.0, 15.0])
                who = _FIXED_COUNTERPARTY.get(summary, rng.choice(names))
            if balance + amount < 0:
                amount = -round(balance * 0.5, 2)
            balance = round(balance + amount, 2)
            debit = f"{-amount:,.2f}" if amount < 0 else ""
            credit = f"{amount:,.2f}" if amount >= 0 else ""
            channel = rng.choice(["柜面", "网银", "手机银行", "批量", "ATM"] if personal else ["柜面", "网银", "批量", "对公网银"])
            if summary.startswith("现金"):
                channel = "柜面" if not personal or rng.random() < 0.5 else "ATM"
            rows.append((t, summary, debit, credit, f"{balance:,.2f}", who, channel))
        day += datetime.timedelta(days=1)
    return rows


class _Canvas:
    """PDF operators for one page, text set in the built-in CJK font by glyph id.

    A long statement has tens of thousands of cells; the page-level text API re-reads the
    page's fonts and content on every call, which made one statement take many seconds."""

    _glyphs: dict[str, tuple[int, float]] = {}

    def __init__(self, height: float):
        self.height = height
        self.ops: list[str] = []

    @classmethod
    def _glyph(cls, ch: str) -> tuple[int, float]:
        hit = cls._glyphs.get(ch)
        if hit is None:
            font = _font()
            hit = cls._glyphs[ch] = (font.has_glyph(ord(ch)), font.glyph_advance(ord(ch)))
        return hit

    def text(self, x: float, y: float, s: str, size: float, align: str = "left",
             room: float | None = None) -> None:
        """Set `s` with its baseline at y (top-left page coordinates), shrunk to fit `room` points."""
        if not s:
            return
        glyphs = [self._glyph(ch) for ch in s]
        width = sum(a for _, a in glyphs) * size
        if room is not None and width > room:
            size, width = size * room / width, room
        x -= {"left": 0.0, "center": width / 2, "right": width}[align]
        codes = "".join(f"{g:04x}" for g, _ in glyphs)
        self.ops.append(f"BT /FD {size:g} Tf {x:.2f} {self.height - y:.2f} Td <{codes}> Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.4) -> None:
        self.ops.append(f"{width:g} w {x0:.2f} {self.height - y0:.2f} m {x1:.2f} {self.height - y1:.2f} l S")

    def fill_rect(self, x0: float, y0: float, x1: float, y1: float, gray: float) -> None:
        self.ops.append(f"q {gray:g} g {x0:.2f} {self.height - y1:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f Q")

    def commit(self, doc: pymupdf.Document, page: pymupdf.Page, resources: str) -> None:
        """Make the collected operators the page's content, using the shared `resources` object."""
        doc.xref_set_key(page.xref, "Resources", resources)
        xref = doc.get_new_xref()
        doc.update_object(xref, "<<>>")
        doc.update_stream(xref, "\n".join(self.ops).encode("ascii"), compress=True)
        doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")


def _shared_cjk_resources(doc: pymupdf.Document) -> str:
    """Embed the CJK font once (as /FD) in a resources object every page can point at."""
    page = doc.new_page()
    page.insert_font(fontname="FD", fontbuffer=_font().buffer)
    kind, value = doc.xref_get_key(page.xref, "Resources")
    if kind != "xref":
        xref = doc.get_new_xref()
        doc.update_object(xref, value)
        value = f"{xref} 0 R"
    doc.delete_page(page.number)
    return value


def _statement(path: Path, info: DemoDocument, holder: str, account: str, rows: list[tuple[str, ...]],
               period: str) -> None:
    """A bank statement, drawn directly rather than laid out as HTML: it runs to a hundred
    pages and more, and table layout would dominate the whole run."""
    per_page, row_h, top = 36, 18.0, 102.0
    left, right = 36.0, 559.0
    rules = [left, 124, 174, 240, 306, 376, 512, right]
    headings = [("交易时间", "left"), ("摘要", "left"), ("借方发生额", "right"), ("贷方发生额", "right"),
                ("账户余额", "right"), ("对方户名", "left"), ("渠道", "left")]
    # (x, heading, alignment, room): right-aligned columns are anchored at their right edge.
    cols = [(rules[i] + 3 if a == "left" else rules[i + 1] - 3, h, a, rules[i + 1] - rules[i] - 6)
            for i, (h, a) in enumerate(headings)]
    pages = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
    doc = pymupdf.open()
    resources = _shared_cjk_resources(doc)
    for number, chunk in enumerate(pages, 1):
        page = doc.new_page(width=595, height=842)
        c = _Canvas(842)
        c.text(297, 48, BANK, 13, "center")
        c.text(297, 70, "客户账户交易明细清单", 15, "center")
        c.text(40, 92, f"户名：{holder}　　账号：{account}　　币种：人民币　　起止日期：{period}", 8.5)
        bottom = top + 16 + len(chunk) * row_h
        c.fill_rect(left, top, right, top + 16, 0.88)
        c.line(left, top, right, top)
        for r in range(len(chunk) + 1):
            c.line(left, top + 16 + r * row_h, right, top + 16 + r * row_h)
        for x in rules:
            c.line(x, top, x, bottom)
        for x, heading, align, _ in cols:
            c.text(x, top + 11.5, heading, 8, align)
        for r, row in enumerate(chunk):
            y = top + 16 + 12.2 + r * row_h
            for (x, _, align, room), value in zip(cols, row):
                c.text(x, y, value, 7.5, align, room)
        c.text(297, 805, f"第 {number} 页  共 {len(pages)} 页", 8, "center")
        c.text(right, 805, "打印日期：2024-03-12　打印柜员：0731", 7.5, "right")
        c.commit(doc, page, resources)
    last = doc[-1]
    y = top + 16 + len(pages[-1]) * row_h + 30
    _text(last, (40, y), "（以下空白）", 9)
    _seal(last, (470, min(y + 50, 740)), f"{BANK}城关支行", 48, "业务专用章")
    _finish(doc, path, info, BANK)


# --------------------------------------------------------------------------- scanned evidence

def _scan(draw, size: tuple[float, float], rng: random.Random, angle: float, dpi: int = 110) -> bytes:
    """Render a vector page with `draw`, then make it look photocopied: greyish paper, tilt, blur,
    grain. Returns JPEG bytes; the resulting page carries no text layer."""
    src = pymupdf.open()
    page = src.new_page(width=size[0], height=size[1])
    draw(page)
    pix = page.get_pixmap(dpi=dpi, alpha=False)
    img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    src.close()
    paper = (233, 229, 218)
    img = ImageChops.multiply(img, Image.new("RGB", img.size, paper))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    img = img.filter(ImageFilter.GaussianBlur(0.55))
    grain = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1])).point(lambda v: v // 14)
    img = ImageChops.subtract(img, Image.merge("RGB", (grain, grain, grain)))
    # A copier leaves a darker band along the edge the lid does not cover.
    shade = Image.linear_gradient("L").rotate(90).resize((max(8, img.size[0] // 30), img.size[1]))
    band = Image.merge("RGB", (shade.point(lambda v: (255 - v) // 5),) * 3)
    img.paste(ImageChops.subtract(img.crop((0, 0) + band.size), band), (0, 0))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70, optimize=True)
    return out.getvalue()


def _image_doc(path: Path, info: DemoDocument, jpegs: list[bytes], author: str) -> None:
    doc = pymupdf.open()
    for data in jpegs:
        page = doc.new_page(width=595, height=842)
        page.insert_image(page.rect, stream=data)
    _finish(doc, path, info, author)


def _iou(page: pymupdf.Page) -> None:
    ink = (0.1, 0.12, 0.38)
    shape = page.new_shape()
    for k in range(17):
        y = 168 + k * 36
        shape.draw_line((70, y), (525, y))
    shape.finish(color=(0.62, 0.72, 0.85), width=0.6)
    shape.draw_line((96, 90), (96, 780))
    shape.finish(color=(0.85, 0.55, 0.55), width=0.6)
    shape.commit()
    rng = random.Random(5)

    def hand(x: float, baseline: float, line: str, size: float = 16.5) -> None:
        # Hand-written lines wander a little off the ruling.
        _text(page, (x, baseline), line, size, ink, rotate_about=(x, baseline), angle=rng.uniform(-1.2, 1.2))

    hand(262, 150, "借　条", 25)
    body = [("今借到李秀兰人民币伍万陆仟元整（¥56,000.00），", 130),
            ("用于本公司购进水泥、钢材周转，于2022年5月31日", 104),
            ("前归还。", 104), ("此据。", 130)]
    for k, (line, x) in enumerate(body):
        hand(x, 197 + k * 36, line)
    hand(300, 377, "借款人：榆川县鑫达建材有限公司", 15)
    hand(300, 413, "法定代表人：张伟强", 15)
    hand(330, 449, "2022年3月1日", 15)
    _seal(page, (420, 400), _COMPANY.name, 56, "", 0.8)
    hand(130, 521, "本人自愿对上述借款承担连带保证责任。", 16)
    hand(300, 557, "保证人：张伟强", 15)
    hand(330, 593, "2022年3月1日", 15)
    _fingerprint(page, (402, 552), random.Random(3), 1.6)


def _receipt(page: pymupdf.Page) -> None:
    _text(page, (297, 110), f"{BANK}", 15, align="center")
    _text(page, (297, 138), "网上银行电子回单", 18, align="center")
    _text(page, (80, 170), "回单编号：2022030110472281　　　　交易日期：2022-03-01 10:47:22", 10)
    rows = [("付款人户名", "李秀兰", "收款人户名", _COMPANY.name),
            ("付款人账号", _APPLICANT_ACCOUNT, "收款人账号", _COMPANY_ACCOUNT),
            ("付款人开户行", "榆川农商银行城关支行", "收款人开户行", "榆川农商银行城关支行"),
            ("金额（小写）", "¥56,000.00", "金额（大写）", "人民币伍万陆仟元整"),
            ("用途/附言", "借款", "交易渠道", "手机银行"),
            ("交易流水号", "YC20220301104722810046", "记账状态", "交易成功")]
    shape = page.new_shape()
    x = [72, 160, 300, 388, 523]
    for r, row in enumerate(rows):
        y = 185 + r * 34
        for c in range(4):
            shape.draw_rect(pymupdf.Rect(x[c], y, x[c + 1], y + 34))
            _text(page, (x[c] + 5, y + 21), row[c], 9.5 if c % 2 == 0 else 9)
    shape.finish(color=(0.2, 0.2, 0.2), width=0.7)
    shape.commit()
    _text(page, (80, 420), "温馨提示：本回单可通过网上银行验证真伪，重复打印无效。打印时间：2024-02-20 15:12:08", 8.5)
    _seal(page, (450, 400), BANK, 46, "电子回单专用章")


def _id_copy(page: pymupdf.Page) -> None:
    blue = (0.25, 0.35, 0.55)
    front = pymupdf.Rect(175, 120, 175 + 243, 120 + 153)
    back = pymupdf.Rect(175, 330, 175 + 243, 330 + 153)
    shape = page.new_shape()
    for r in (front, back):
        shape.draw_rect(r, radius=0.05)
    shape.finish(color=(0.3, 0.3, 0.3), width=0.8)
    shape.draw_rect(pymupdf.Rect(front.x1 - 78, front.y0 + 22, front.x1 - 12, front.y0 + 104))
    shape.finish(color=(0.5, 0.5, 0.5), fill=(0.78, 0.78, 0.78), width=0.4)
    shape.draw_circle(pymupdf.Point(front.x1 - 45, front.y0 + 52), 15)
    shape.draw_oval(pymupdf.Rect(front.x1 - 70, front.y0 + 72, front.x1 - 20, front.y0 + 110))
    shape.finish(color=None, fill=(0.45, 0.45, 0.45))
    shape.commit()
    fx, fy = front.x0 + 14, front.y0 + 28
    for label, value, dy in [("姓名", "张伟强", 0), ("性别", "男　　民族　汉", 22), ("出生", "1979 年 9 月 23 日", 44)]:
        _text(page, (fx, fy + dy), label, 8, blue)
        _text(page, (fx + 32, fy + dy), value, 10)
    _text(page, (fx, fy + 66), "住址", 8, blue)
    _text(page, (fx + 32, fy + 66), "陕西省榆川县城关镇东风街", 9.5)
    _text(page, (fx + 32, fy + 80), "112号3单元502室", 9.5)
    _text(page, (fx, front.y1 - 14), "公民身份号码", 8, blue)
    _text(page, (fx + 62, front.y1 - 14), _DEBTOR_ID, 11.5)
    _seal(page, (back.x0 + 34, back.y0 + 34), "中华人民共和国", 20, "", 0.9)
    _text(page, (back.x0 + 140, back.y0 + 46), "中华人民共和国", 15, align="center")
    _text(page, (back.x0 + 140, back.y0 + 78), "居 民 身 份 证", 19, align="center")
    _text(page, (back.x0 + 30, back.y1 - 34), "签发机关　榆川县公安局", 9)
    _text(page, (back.x0 + 30, back.y1 - 16), "有效期限　2015.07.09-2035.07.09", 9)
    _text(page, (297, 560), "本复印件与原件核对一致", 15, (0.1, 0.12, 0.35), "center")
    _text(page, (330, 600), "核对人：周婷　2024年2月26日", 12, (0.1, 0.12, 0.35))
    _seal(page, (420, 575), LAW_FIRM, 52, "", 0.8)


# --------------------------------------------------------------------------- the writer

def write_demo_files(out_dir: Path) -> list[Path]:
    """Write every document of `demo_case()` as a PDF into `out_dir` (created if missing) and
    return the paths in the order of `demo_case().documents`. Output is byte-for-byte repeatable."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = {d.filename: d for d in _DOCS}
    paths = {name: out_dir / name for name in docs}

    def go(name: str) -> tuple[Path, DemoDocument]:
        return paths[name], docs[name]

    _application(*go("01_执行申请书.pdf"))
    _judgment(*go("02_民事判决书.pdf"))
    _approval_form(*go("03_立案审批表.pdf"))
    _notice(*go("04_执行通知书.pdf"))
    _report_order(*go("05_报告财产令.pdf"))
    papers = "执行通知书、报告财产令、财产申报表、廉政监督卡各一份"
    _service_receipt(*go("06_送达回证_鑫达公司.pdf"), _COMPANY, papers, "张伟强", "直接送达")
    _service_receipt(*go("07_送达回证_张伟强.pdf"), _DEBTOR, papers, "张伟强", "直接送达")
    _service_receipt(*go("08_送达回证_李秀兰.pdf"), _APPLICANT,
                     "受理案件通知书、举证通知书、廉政监督卡各一份", "周婷（委托代理人）", "直接送达")
    _bank_reply(*go("09_银行存款查询回执.pdf"))
    _estate_reply(*go("10_不动产登记查询结果.pdf"))
    _vehicle_reply(*go("11_机动车查询结果.pdf"))
    _transcript(*go("12_执行笔录.pdf"))
    rng = random.Random(20240301)
    _image_doc(*go("13_证据_借条.pdf"), [_scan(_iou, (595, 842), rng, 0.8)], _APPLICANT.name)
    _image_doc(*go("14_证据_转账凭证.pdf"), [_scan(_receipt, (595, 842), rng, -0.6)], _APPLICANT.name)
    _image_doc(*go("15_证据_身份证复印件.pdf"), [_scan(_id_copy, (595, 842), rng, 0.4)], _APPLICANT.name)
    _company_report(*go("16_证据_企业信用信息公示报告.pdf"))
    company_rows = _transactions(
        random.Random(7), _D(2021, 9, 1), _D(2024, 3, 11), 186_420.55, False,
        {_D(2022, 3, 1): ("借款", 56_000.00, "李秀兰")}, (4, 9), 3_215.47)
    _statement(*go("17_证据_银行流水_鑫达公司.pdf"), _COMPANY.name, _COMPANY_ACCOUNT,
               _fit_balance(company_rows, 3_215.47), "2021-09-01至2024-03-11")
    person_rows = _transactions(random.Random(11), _D(2022, 3, 1), _D(2024, 3, 11), 25_310.08, True, {}, (2, 7), 12_087.30)
    _statement(*go("18_证据_银行流水_张伟强.pdf"), "张伟强", _DEBTOR_ACCOUNT,
               _fit_balance(person_rows, 12_087.30), "2022-03-01至2024-03-11")
    _freeze_form(*go("19_冻结审批表.pdf"))
    return [paths[d.filename] for d in _DOCS]


def _fit_balance(rows: list[tuple[str, ...]], closing: float) -> list[tuple[str, ...]]:
    """Add a closing entry so the statement ends on the balance the bank reported as frozen."""
    last = float(rows[-1][4].replace(",", ""))
    diff = round(closing - last, 2)
    t = rows[-1][0][:10] + " 17:30:00"
    debit, credit = (f"{-diff:,.2f}", "") if diff < 0 else ("", f"{diff:,.2f}")
    return rows + [(t, "网银转出" if diff < 0 else "转账存入", debit, credit, f"{closing:,.2f}", "张伟强", "网银"),
                   ("2024-03-12 09:12:40", "司法冻结", "", "", f"{closing:,.2f}", COURT_SHORT, "柜面")]


def _freeze_form(path: Path, info: DemoDocument) -> None:
    rows = [("案号", CASE_NO), ("申请执行人", "李秀兰"), ("被执行人", f"{_COMPANY.name}、张伟强"),
            ("执行标的", "60,086.20元"),
            ("拟采取措施", f"1.冻结{_COMPANY.name}在{BANK}账户（{_COMPANY_ACCOUNT}）存款3,215.47元；\n"
                           f"2.冻结张伟强在{BANK}账户（{_DEBTOR_ACCOUNT}）存款12,087.30元；\n"
                           f"3.查封张伟强名下{_DEBTOR_PLATE}小型轿车、{_COMPANY.name}名下{_COMPANY_PLATE}重型自卸货车；\n"
                           f"4.轮候查封张伟强名下东风街112号3单元502室住房（{_PROPERTY_CERT}）。"),
            ("承办人意见", "被执行人未按执行通知履行义务，经网络查控发现上述财产，建议依法采取冻结、查封措施。\n"
                           "承办人：赵建国　2024年3月13日"),
            ("执行局领导意见", "同意。\n签名：马振华　2024年3月13日"), ("备注", "")]
    html = [f'<p class="court">{COURT}</p><h1 style="font-size:20pt">冻结、查封财产审批表</h1>',
            _kv_table(rows, "tall").replace("\n", "<br/>")]
    doc, _ = _flow("".join(html))
    _finish(doc, path, info, COURT)


def _main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("demo_case_files")
    started = time.perf_counter()
    paths = write_demo_files(out)
    elapsed = time.perf_counter() - started
    pages = sum(pymupdf.open(p).page_count for p in paths)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {pages} pages, {size / 1e6:.1f} MB in {out} — {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
