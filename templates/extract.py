"""Finding the facts a document needs in the dossier's own text, with where each was found.

Input is the words of each page as the viewer reads them (``page.get_text("words")``, or OCR
words for scans later); output is a list of `Field` values, each with the document, the page
and the rectangle (PDF points, the union of the words matched) so that the desk can show the
clerk the place a value came from. Found: case numbers, parties with their roles, resident ID
numbers and credit codes (checked with their check characters), amounts, dates, bank accounts
and the operative part of a judgment (判决主文).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from templates import fields as fv

__all__ = ["Field", "PageText", "extract_fields"]

Word = tuple[float, float, float, float, str]
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageText:
    """The words of one page: (x0, y0, x1, y1, text) in PDF points, in reading order."""
    document_id: object
    document_title: str
    page: int
    words: Sequence[Word] = field(default_factory=tuple)


@dataclass(frozen=True)
class Field:
    """One extracted value. `name` says what it is (case_no, judgment_no, applicant, debtor,
    plaintiff, defendant, third_party, legal_representative, agent, id_number, credit_code,
    amount, date, bank_account, operative_part); `value` is normalised (amounts as 56,000.00,
    dates as ISO 2024-03-12). `role` is the Chinese role of a party or the kind of an amount
    (本金, 利息, …); `holder` the party an ID number or account belongs to; `note` says why
    confidence is low. `confidence` is between 0 and 1."""
    name: str
    value: str
    document_id: object
    page: int
    rect: Rect
    confidence: float
    role: str = ""
    holder: str = ""
    note: str = ""


# --------------------------------------------------------------------------- the text of a document

@dataclass
class _Text:
    """A document's words joined into one string, remembering which word each character is from."""
    text: str
    owner: list[int]       # character index → word index (-1 for joins)
    words: list[Word]
    pages: list[int]       # word index → page number
    page_texts: list[PageText]


def _joined(pages: Iterable[PageText]) -> _Text:
    parts: list[str] = []
    owner: list[int] = []
    words: list[Word] = []
    word_pages: list[int] = []
    page_list = list(pages)
    prev: Word | None = None
    for page in page_list:
        for word in page.words:
            w = tuple(word[:5])
            if prev is not None:
                # A line that wraps continues the sentence (no space between CJK lines); a word
                # further right on the same line, or in another table cell, is separated.
                wrapped = w[1] > (prev[1] + prev[3]) / 2 and w[0] < prev[2]
                new_page = word_pages[-1] != page.page
                sep = "" if (wrapped or new_page) and not _needs_space(prev[4], w[4]) else " "
                parts.append(sep)
                owner.extend([-1] * len(sep))
            parts.append(w[4])
            owner.extend([len(words)] * len(w[4]))
            words.append(w)
            word_pages.append(page.page)
            prev = w
    return _Text("".join(parts), owner, words, word_pages, page_list)


def _needs_space(left: str, right: str) -> bool:
    # Latin words wrapped across lines were separated by a space in the original.
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() \
        and right[0].isalpha()


def _width(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 else 1.0


def _part_of(word: Word, start: int, end: int) -> Rect:
    """The part of a word's rectangle covering characters start..end, assuming CJK characters
    are twice as wide as Latin ones (true of the fonts court documents use)."""
    x0, y0, x1, y1, text = word
    total = sum(_width(c) for c in text) or 1.0
    left = sum(_width(c) for c in text[:start]) / total
    right = sum(_width(c) for c in text[:end]) / total
    return (x0 + (x1 - x0) * left, y0, x0 + (x1 - x0) * right, y1)


def _locate(doc: _Text, start: int, end: int) -> tuple[int, Rect] | None:
    """Page and rectangle of text[start:end]: the union of the (parts of) words it covers on the
    page where it starts."""
    touched: dict[int, list[int]] = {}
    for i in range(start, end):
        idx = doc.owner[i]
        if idx >= 0:
            touched.setdefault(idx, []).append(i)
    if not touched:
        return None
    first_page = doc.pages[min(touched)]
    rect: list[float] | None = None
    for idx, chars in touched.items():
        if doc.pages[idx] != first_page:
            continue
        word_start = doc.owner.index(idx)
        part = _part_of(doc.words[idx], chars[0] - word_start, chars[-1] - word_start + 1)
        rect = list(part) if rect is None else [min(rect[0], part[0]), min(rect[1], part[1]),
                                                max(rect[2], part[2]), max(rect[3], part[3])]
    return first_page, tuple(round(v, 2) for v in rect)


# --------------------------------------------------------------------------- patterns

_CASE_NO = re.compile(r"[（(]\s*(\d{4})\s*[）)]\s*([\u4e00-\u9fff]{1,3}\s*\d{0,6})\s*([\u4e00-\u9fff]{1,5}?)\s*"
                      r"(\d{1,6})\s*号(之[一二三四五六七八九十]+)?")
_ROLES = {"申请执行人": "applicant", "被执行人": "debtor", "原告": "plaintiff", "被告": "defendant",
          "第三人": "third_party", "法定代表人": "legal_representative", "委托诉讼代理人": "agent",
          "委托代理人": "agent"}
_PARTY = re.compile(r"(?P<role>申请执行人|被执行人|委托诉讼代理人|委托代理人|法定代表人|原告|被告|第三人)"
                    r"(?P<sep>[:：]|[ \u3000]+)(?P<name>[^\s，,。；;：:（(、“”]{2,40})")
_ID = re.compile(r"(?P<kw>公民身份号码|身份证号码|身份证号|统一社会信用代码)[:：为\s]*(?P<num>[0-9A-Za-z]{18})(?![0-9A-Za-z])")
_AMOUNT = re.compile(r"(?P<rmb>人民币\s*)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s*(?P<unit>万元|元)")
_DATE_AR = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_CN = re.compile(r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日")
_ACCOUNT = re.compile(r"(?:账号|卡号|账户)[:：\s（(]*(?P<num>\d[\d \u3000]{8,40}\d)(?!\d)")
_AMOUNT_KINDS = (("借款本金", "本金"), ("本金", "本金"), ("逾期利息", "利息"), ("利息", "利息"),
                 ("受理费", "案件受理费"), ("执行费", "申请执行费"), ("可用余额", "余额"), ("余额", "余额"),
                 ("标的", "执行标的"), ("合计", "合计"), ("借款", "借款"), ("冻结", "冻结金额"))
_VERDICT_START = "判决如下"
_VERDICT_ENDS = ("如果未按", "如未按", "案件受理费", "如不服本判决")


def _amount_kind(text: str, start: int) -> str:
    before = re.split(r"[，,。；;：:]", text[max(0, start - 14):start])[-1]
    best = ""
    best_at = -1
    for key, kind in _AMOUNT_KINDS:
        at = before.rfind(key)
        if at > best_at:
            best, best_at = kind, at
    return best


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


# --------------------------------------------------------------------------- extraction

class _Collector:
    def __init__(self, doc: _Text, document_id: object):
        self.doc, self.document_id = doc, document_id
        self.fields: list[Field] = []
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, name: str, value: str, start: int, end: int, confidence: float, **extra) -> None:
        key = (name, value, extra.get("holder", "") or extra.get("role", ""))
        if key in self._seen:
            return
        where = _locate(self.doc, start, end)
        if where is None:
            return
        self._seen.add(key)
        self.fields.append(Field(name, value, self.document_id, where[0], where[1], confidence, **extra))


def _case_numbers(c: _Collector) -> None:
    for m in _CASE_NO.finditer(c.doc.text):
        value = _squeeze(f"（{m[1]}）{m[2]}{m[3]}{m[4]}号{m[5] or ''}")
        name = "case_no" if "执" in m[2] + m[3] else "judgment_no"
        c.add(name, value, m.start(), m.end(), 0.95)


def _parties(c: _Collector) -> list[tuple[int, str]]:
    found = []
    for m in _PARTY.finditer(c.doc.text):
        # A name ends where the next role begins (signature lines run together when read).
        name = re.split("|".join(_ROLES), m["name"])[0]
        if len(name) < 2 or re.search(r"\d", name) or len(name) > 30:
            continue
        end = m.start("name") + len(name)
        found.append((end, name))
        colon = m["sep"] in (":", "：")
        c.add(_ROLES[m["role"]], name, m.start("name"), end, 0.9 if colon else 0.7, role=m["role"])
    return found


def _holder(parties: list[tuple[int, str]], text: str, at: int) -> str:
    # The party named last before the number, in the same sentence.
    for end, name in reversed(parties):
        if end <= at and "。" not in text[end:at] and at - end < 200:
            return name
    return ""


def _identities(c: _Collector, parties: list[tuple[int, str]]) -> None:
    for m in _ID.finditer(c.doc.text):
        credit = m["kw"] == "统一社会信用代码"
        check = fv.validate_credit_code if credit else fv.validate_resident_id
        holder = _holder(parties, c.doc.text, m.start())
        try:
            value, confidence, note = check(m["num"]), 0.97, ""
        except fv.FieldValueError as exc:
            value, confidence, note = m["num"].upper(), 0.3, str(exc)
        c.add("credit_code" if credit else "id_number", value, m.start("num"), m.end("num"), confidence,
              holder=holder, note=note)


def _amounts(c: _Collector) -> None:
    for m in _AMOUNT.finditer(c.doc.text):
        try:
            amount = fv.validate_amount(m["num"])
        except fv.FieldValueError:
            continue
        if m["unit"] == "万元":
            amount = fv.validate_amount(amount * 10000)
        c.add("amount", fv.format_amount_plain(amount), m.start(), m.end(), 0.9 if m["rmb"] else 0.75,
              role=_amount_kind(c.doc.text, m.start()))


def _dates(c: _Collector) -> None:
    for pattern in (_DATE_AR, _DATE_CN):
        for m in pattern.finditer(c.doc.text):
            try:
                value = fv.validate_date(_squeeze(m[0]))
            except fv.FieldValueError:
                continue
            c.add("date", value.isoformat(), m.start(), m.end(), 0.9)


def _accounts(c: _Collector, parties: list[tuple[int, str]]) -> None:
    for m in _ACCOUNT.finditer(c.doc.text):
        try:
            number = fv.validate_bank_account(m["num"])
        except fv.FieldValueError:
            continue
        c.add("bank_account", number, m.start("num"), m.end("num"), 0.85,
              holder=_holder(parties, c.doc.text, m.start()))


def _table_accounts(c: _Collector) -> None:
    """Account numbers in a table column headed 账号/卡号, with the 户名 of the same row."""
    for page in c.doc.page_texts:
        words = [tuple(w[:5]) for w in page.words]
        heads = [w for w in words if _squeeze(w[4]) in ("账号", "卡号", "银行账号", "账户号码")]
        names = [w for w in words if _squeeze(w[4]) in ("户名", "账户名称", "开户名")]
        for head in heads:
            for w in words:
                text = _squeeze(w[4])
                if w[1] <= head[3] or w[1] - head[3] > 500 or not re.fullmatch(r"\d{10,30}", text):
                    continue
                if min(w[2], head[2]) <= max(w[0], head[0]):
                    continue
                half = (w[3] - w[1]) / 2
                holder = ""
                for name_head in names:
                    cells = [n for n in words if min(n[2], name_head[2]) > max(n[0], name_head[0])
                             and n[1] < w[3] + half and n[3] > w[1] - half and n[1] > name_head[3]]
                    holder = "".join(n[4] for n in cells)
                idx = next(i for i, x in enumerate(c.doc.words) if x == w and c.doc.pages[i] == page.page)
                start = c.doc.owner.index(idx)
                c.add("bank_account", text, start, start + len(w[4]), 0.8, holder=holder)


def _operative_part(c: _Collector) -> None:
    text = c.doc.text
    at = text.find(_VERDICT_START)
    if at < 0:
        return
    start = at + len(_VERDICT_START)
    while start < len(text) and text[start] in "：: \u3000":
        start += 1
    ends = [e for e in (text.find(key, start) for key in _VERDICT_ENDS) if e > 0]
    if not ends:
        return
    end = min(ends)
    body = text[start:end].strip()
    # Items start on their own line: 一、… 二、…
    value = re.sub(r"(?<=[。；;])\s*(?=[一二三四五六七八九十]+、)", "\n", body)
    where = _locate(c.doc, start, end)
    last_page = c.doc.pages[max(o for o in c.doc.owner[start:end] if o >= 0)]
    note = f"continues on page {last_page + 1}" if where and last_page != where[0] else ""
    c.add("operative_part", value, start, end, 0.9, note=note)


def extract_fields(pages: Iterable[PageText]) -> list[Field]:
    """Everything found in `pages` (any number of documents; pages of one document are read in
    the order given, so a value that runs over a page break is still found). Each distinct value
    is reported once per document, at its first occurrence."""
    by_document: dict[object, list[PageText]] = {}
    for page in pages:
        by_document.setdefault(page.document_id, []).append(page)
    out: list[Field] = []
    for document_id, doc_pages in by_document.items():
        doc = _joined(doc_pages)
        if not doc.words:
            continue
        collector = _Collector(doc, document_id)
        _case_numbers(collector)
        parties = _parties(collector)
        _identities(collector, parties)
        _amounts(collector)
        _dates(collector)
        _accounts(collector, parties)
        _table_accounts(collector)
        _operative_part(collector)
        out.extend(collector.fields)
    return out
