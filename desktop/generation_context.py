"""What a template's form starts with: each field's proposed value and where it came from.

Values come from the case record in the store (case number, court, parties with their roles
and ID numbers, judge and clerk, dates), from the dossier's own text (`templates.extract`
over the words of every document, with the page and rectangle of each find), from the
administrator's generation settings, or from sensible defaults (today's date). Every proposal
carries its `Source`, so the form can say "民事判决书 第3页" and show the place.

No Qt here: the dialog and the benchmark both use it.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from storage.records import CaseInfo, DocumentInfo
from templates.extract import Field, PageText, extract_fields
from templates.fields import FieldValueError, validate_amount
from templates.manifest import FieldSpec, Manifest
from templates.render import MissingFieldError, TemplateFillError, prepare_values

# A template whose document goes to many recipients: the field that names the recipient.
RECIPIENT_FIELDS = ("bank_name", "recipient")
ITEM_SEPARATOR = " | "

_BANK_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:银行|信用合作联社|农村信用社)(?:股份有限公司)?"
                        r"(?:[\u4e00-\u9fff]{2,10}?(?:支行|分行|分理处|营业部))?")
_ADDRESS = re.compile(r"住(?:所地|所|址)?[：:]?([^，。；,;\s]{4,60})")
_AMOUNT_WORD = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}|\d+\.\d{2}")


@dataclass(frozen=True)
class Source:
    """Where a value was found: a page of a filed document, and the place on it (PDF points;
    None when only the page is known and the value is to be searched for on it)."""
    document_id: int
    document_title: str
    page: int
    rect: tuple[float, float, float, float] | None
    text: str = ""

    @property
    def label(self) -> str:
        """The document and page as a clerk reads them, e.g. ``民事判决书 第3页``."""
        return f"{self.document_title} 第{self.page + 1}页"


@dataclass
class Proposal:
    """One field of the form as it opens. `value` is text, a list of texts (a plain list) or a
    list of dicts (a list of records); `origin` is case, dossier, settings, default or empty."""
    spec: FieldSpec
    value: object
    origin: str
    source: Source | None = None

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass
class DossierText:
    """The words of every document of a case and what the extractor found in them."""
    documents: dict[int, DocumentInfo]
    pages: list[PageText]
    fields: list[Field]
    digests: tuple[str, ...] = ()

    def words(self, document_id: int, page: int) -> Sequence:
        return next((p.words for p in self.pages if p.document_id == document_id and p.page == page), ())

    def lines(self, doc_types: Iterable[str] = ()) -> Iterable[tuple[PageText, str]]:
        """(page, one line of text) of the documents of these types (all when none are given)."""
        wanted = set(doc_types)
        for page in self.pages:
            doc = self.documents.get(page.document_id)
            if doc is None or (wanted and doc.doc_type not in wanted):
                continue
            yield from ((page, line) for line in _page_lines(page.words))

    def page_text(self, page: PageText) -> str:
        return "".join(text for *_, text in page.words)


def _page_lines(words: Sequence) -> list[str]:
    lines: list[list] = []
    for w in words:
        if lines and abs(w[1] - lines[-1][-1][1]) < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return ["".join(w[4] for w in line) for line in lines]


# --------------------------------------------------------------------------- reading the dossier

def read_dossier(documents: Sequence[DocumentInfo], path_of: Callable[[int], object],
                 cancelled: Callable[[], bool] | None = None) -> DossierText:
    """Read the words of every document (``path_of(document_id)`` gives a local file) and run
    the extractor over them."""
    from viewer.core.document import DocumentError, PdfDocument

    pages: list[PageText] = []
    for info in documents:
        if cancelled and cancelled():
            break
        try:
            with PdfDocument.open(path_of(info.id)) as doc:
                for i in range(doc.page_count):
                    pages.append(PageText(info.id, info.title, i, tuple(
                        (w.x0, w.y0, w.x1, w.y1, w.text) for w in doc.words(i))))
        except (DocumentError, OSError):
            continue        # a document that cannot be read simply offers no values
    return DossierText({d.id: d for d in documents}, pages, extract_fields(pages),
                       tuple(d.digest for d in documents))


class DossierCache:
    """The dossier text of each case, read once per desk and read again only when the case's
    documents change (another digest list)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._texts: dict[tuple[str, str], DossierText] = {}

    def get(self, store_id: str, case_no: str, documents: Sequence[DocumentInfo]) -> DossierText | None:
        """The cached text if it still matches `documents`, else None."""
        with self._lock:
            text = self._texts.get((store_id, case_no))
        if text is not None and text.digests == tuple(d.digest for d in documents):
            return text
        return None

    def put(self, store_id: str, case_no: str, text: DossierText) -> None:
        with self._lock:
            self._texts[(store_id, case_no)] = text

    def clear(self) -> None:
        """Forget every case's text (e.g. after the desk changed store)."""
        with self._lock:
            self._texts.clear()


DOSSIER_CACHE = DossierCache()


# --------------------------------------------------------------------------- proposals

def _source(text: DossierText, f: Field) -> Source:
    doc = text.documents.get(f.document_id)
    return Source(f.document_id, doc.title if doc else str(f.document_id), f.page, tuple(f.rect), f.value)


def _find(text: DossierText, name: str, value: str | None = None, role: str | None = None,
          holder: str | None = None, doc_types: Sequence[str] = ()) -> Field | None:
    """The best extracted field: from the preferred document types first, then any, most
    confident first."""
    hits = [f for f in text.fields if f.name == name and (value is None or f.value == value)
            and (role is None or f.role == role) and (holder is None or f.holder == holder)]
    if not hits:
        return None

    def rank(f: Field):
        doc = text.documents.get(f.document_id)
        preferred = doc is not None and doc.doc_type in doc_types
        return (not preferred, -f.confidence)
    return min(hits, key=rank)


def _confirm(text: DossierText, value: str) -> Source | None:
    """Where a value from the case record also appears in the dossier (the judgment first)."""
    for name in ("applicant", "debtor", "defendant", "plaintiff", "id_number", "credit_code", "case_no",
                 "legal_representative"):
        f = _find(text, name, value, doc_types=("判决书", "执行申请书"))
        if f is not None:
            return _source(text, f)
    return None


def _address(text: DossierText, name: str) -> tuple[str, Source | None]:
    for doc_types in (("执行申请书", "判决书"), ()):
        for page in text.pages:
            doc = text.documents.get(page.document_id)
            if doc is None or (doc_types and doc.doc_type not in doc_types):
                continue
            joined = text.page_text(page)
            for at in (m.end() for m in re.finditer(re.escape(name) + "[，,]", joined)):
                m = _ADDRESS.search(joined, at, at + 80)
                if m:
                    return m[1], Source(page.document_id, page.document_title, page.page, None, m[1])
    return "", None


def _banks(text: DossierText) -> list[tuple[str, Source]]:
    """Banks named on a line of their own in the answers of banks (查询回执), branch first."""
    found: dict[str, Source] = {}
    for page, line in text.lines(("财产查询回执",)):
        if _BANK_LINE.fullmatch(line):
            found.setdefault(line, Source(page.document_id, page.document_title, page.page, None, line))
    names = [n for n in found if not any(o != n and o.startswith(n) for o in found)]
    return [(n, found[n]) for n in names]


def _balance_beside(text: DossierText, account: Field) -> str:
    """The first sum on the table row of an account number (its balance in a bank's answer)."""
    x0, y0, x1, y1 = account.rect
    for w in text.words(account.document_id, account.page):
        middle = (w[1] + w[3]) / 2
        if w[0] > x1 and y0 - 2 <= middle <= y1 + 2 and _AMOUNT_WORD.fullmatch(w[4]):
            return w[4]
    return ""


def _obligations(operative: str) -> list[str]:
    items = re.split(r"(?:^|(?<=[；;。]))[一二三四五六七八九十]+、", operative)
    return [i.strip() for i in items if i.strip()]


def _today_year_later(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + 1) - dt.timedelta(days=1)
    except ValueError:          # 29 February
        return today.replace(year=today.year + 1, day=28) - dt.timedelta(days=1)


@dataclass
class CaseFacts:
    """Everything the proposals are made from, gathered once per form."""
    case: CaseInfo
    text: DossierText
    display_names: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    user: str = ""
    today: dt.date = field(default_factory=dt.date.today)


def propose(manifest: Manifest, facts: CaseFacts) -> dict[str, Proposal]:
    """The form of `manifest` as it opens for the case in `facts`."""
    case, text = facts.case, facts.text
    parties = case.parties
    applicant = next((p for p in parties if p.role == "申请执行人"), None)
    debtors = [p for p in parties if p.role == "被执行人"]
    person_debtor = next((p for p in debtors if p.kind == "person"), debtors[0] if debtors else None)
    judges = [facts.display_names.get(n, n) for n in case.judges]
    clerks = [facts.display_names.get(n, n) for n in case.clerks]
    judgment = _find(text, "judgment_no", doc_types=("判决书",))
    operative = _find(text, "operative_part", doc_types=("判决书",))
    target = _find(text, "amount", role="执行标的", doc_types=("立案审批表",))
    fee = _find(text, "amount", role="申请执行费", doc_types=("立案审批表", "执行通知书"))
    application = next((d for d in text.documents.values() if d.doc_type == "执行申请书"), None)
    banks = _banks(text)
    settings = facts.settings
    out: dict[str, Proposal] = {}

    def case_value(value, confirm: bool = True) -> tuple:
        if value in (None, "", []):
            return None, "empty", None
        return value, "case", _confirm(text, value) if confirm and isinstance(value, str) else None

    def found(f: Field | None, value=None) -> tuple:
        if f is None:
            return None, "empty", None
        return (value if value is not None else f.value), "dossier", _source(text, f)

    def debtor_record(p) -> dict:
        address, _ = _address(text, p.name)
        entry = {"name": p.name, "address": address}
        entry["credit_code" if p.kind == "organisation" else "id_number"] = p.id_number
        if p.kind == "organisation":
            rep = next((f for f in text.fields if f.name == "legal_representative"
                        and any(f.value == q.name for q in parties)), None)
            entry["legal_representative"] = rep.value if rep else ""
        return entry

    for spec in manifest.fields:
        value, origin, source = None, "empty", None
        name = spec.name
        if name == "court_name":
            value, origin, source = case_value(case.court, confirm=False)
        elif name == "case_no":
            value, origin, source = case_value(case.case_no)
        elif name == "ruling_no":
            ruling = next((f for f in text.fields if f.name == "case_no" and f.value.startswith(case.case_no)
                           and "之" in f.value), None)
            value, origin, source = found(ruling) if ruling else (f"{case.case_no}之一", "default", None)
        elif name == "cause":
            value, origin, source = case_value(case.cause, confirm=False)
        elif name in ("applicant", "recipient") and applicant:
            value, origin, source = case_value(applicant.name)
        elif name == "applicant_id" and applicant and applicant.kind == "person":
            value, origin, source = case_value(applicant.id_number)
        elif name == "applicant_credit_code" and applicant and applicant.kind == "organisation":
            value, origin, source = case_value(applicant.id_number)
        elif name == "applicant_address" and applicant:
            value, source = _address(text, applicant.name)
            origin = "dossier" if value else "empty"
        elif name == "debtor" and debtors:
            chosen = person_debtor if manifest.field("debtor_id") and "bank_name" in {
                f.name for f in manifest.fields} else debtors[0]
            value, origin, source = case_value(chosen.name)
        elif name == "debtor_id":
            who = person_debtor if "bank_name" in {f.name for f in manifest.fields} else (debtors[0] if debtors else None)
            if who is not None and who.kind == "person":
                value, origin, source = case_value(who.id_number)
        elif name == "debtor_credit_code" and debtors and debtors[0].kind == "organisation" \
                and "bank_name" not in {f.name for f in manifest.fields}:
            value, origin, source = case_value(debtors[0].id_number)
        elif name == "legal_representative" and debtors and debtors[0].kind == "organisation":
            rep = next((f for f in text.fields if f.name == "legal_representative"
                        and any(f.value == q.name for q in parties)), None)
            value, origin, source = found(rep)
        elif name in ("debtors", "debtor_names") and debtors:
            if spec.type == "list":
                value, origin = [debtor_record(p) for p in debtors], "case"
            else:
                value, origin = "、".join(p.name for p in debtors), "case"
        elif name == "basis_document" and judgment is not None:
            kind = "民事判决书" if "民" in judgment.value else "判决书"
            value, origin, source = found(judgment, judgment.value + kind)
        elif name == "application_date" and application is not None and application.doc_date:
            value, origin = application.doc_date.isoformat(), "case"
            source = Source(application.id, application.title, 0, None, "")
        elif name == "filed_date" and case.filed_on:
            value, origin, source = case.filed_on.isoformat(), "case", None
        elif name == "obligations" and operative is not None:
            value, origin, source = found(operative, _obligations(operative.value))
        elif name == "execution_fee":
            value, origin, source = found(fee)
        elif name in ("target_amount", "amount"):
            value, origin, source = found(target)
        elif name == "outstanding" and target is not None:
            value, origin, source = found(target)
        elif name == "paid_amount" and spec.default is not None:
            value, origin = str(spec.default), "default"
        elif name == "court_account":
            if settings.get(name):
                value, origin = settings[name], "settings"
            else:
                value, origin, source = found(_find(text, "bank_account", doc_types=("执行通知书",)))
        elif name in ("court_account_name", "court_bank"):
            if settings.get(name):
                value, origin = settings[name], "settings"
            elif name == "court_account_name" and case.court:
                value, origin = re.sub(r"^.+?省", "", case.court), "default"
        elif name == "contact":
            value, origin = (judges[0] if judges else facts.user), "default"
        elif name == "contact_phone" and settings.get("court_phone"):
            value, origin = settings["court_phone"], "settings"
        elif name == "bank_name" and banks:
            value, source = banks[0][0], banks[0][1]
            origin = "dossier"
        elif name == "account" and person_debtor is not None:
            acct = _find(text, "bank_account", holder=person_debtor.name, doc_types=("财产查询回执",))
            value, origin, source = found(acct)
        elif name == "accounts":
            rows = []
            for acct in text.fields:
                doc = text.documents.get(acct.document_id)
                if acct.name != "bank_account" or not acct.holder or doc is None \
                        or doc.doc_type != "财产查询回执" or acct.holder not in {p.name for p in debtors}:
                    continue
                balance = _balance_beside(text, acct)
                try:
                    if not balance or validate_amount(balance) == Decimal(0):
                        continue
                except FieldValueError:
                    continue
                rows.append({"holder": acct.holder, "bank": banks[0][0] if banks else "",
                             "account": acct.value, "amount": balance})
                source = source or _source(text, acct)
            if rows:
                value, origin = rows, "dossier"
        elif name in ("freeze_from", "issue_date", "closing_date"):
            value, origin = facts.today.isoformat(), "default"
        elif name == "freeze_to":
            value, origin = _today_year_later(facts.today).isoformat(), "default"
        elif name == "panel" and judges:
            value, origin = [{"role": "审　判　员", "name": j} for j in judges], "case"
        elif name in ("clerk", "recorder_name") and clerks:
            value, origin = clerks[0], "case"
        elif name == "recorder" and clerks:
            value, origin = f"书记员{clerks[0]}", "case"
        elif name == "officers" and judges:
            value, origin = "执行员" + "、".join(judges), "case"
        elif name == "officers_names" and judges:
            value, origin = "　".join(judges), "case"
        elif name in ("interviewee", "interviewee_name") and person_debtor is not None:
            if name == "interviewee_name":
                value, origin, source = case_value(person_debtor.name)
            else:
                address, _ = _address(text, person_debtor.name)
                value = f"{person_debtor.name}，公民身份号码{person_debtor.id_number}" + (
                    f"，住{address}" if address else "")
                origin, source = "case", _confirm(text, person_debtor.id_number)
        if value in (None, "", []) and spec.default is not None:
            value, origin = spec.default, "default"
        out[name] = Proposal(spec, value if value is not None else ([] if spec.type == "list" else ""),
                             origin if value not in (None, "", []) else "empty", source)
    return out


# --------------------------------------------------------------------------- form text

def value_to_text(spec: FieldSpec, value: object) -> str:
    """How a value shows in the form: lists one entry per line, a record's parts joined by
    `ITEM_SEPARATOR` in the manifest's order."""
    if spec.type != "list":
        return "" if value is None else str(value)
    lines = []
    for item in value or ():
        if spec.item_fields and isinstance(item, dict):
            lines.append(ITEM_SEPARATOR.join(str(item.get(f.name) or "") for f in spec.item_fields))
        else:
            lines.append(str(item))
    return "\n".join(lines)


def text_to_value(spec: FieldSpec, text: str) -> object:
    """The inverse of `value_to_text`."""
    if spec.type != "list":
        return text.strip()
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if spec.item_fields:
            parts = [p.strip() for p in line.split(ITEM_SEPARATOR.strip())]
            items.append({f.name: (parts[i] if i < len(parts) else "") for i, f in enumerate(spec.item_fields)})
        else:
            items.append(line.strip())
    return items


def field_error(spec: FieldSpec, value: object) -> str:
    """Why `value` would be refused for `spec` (the template engine's own validators), or ""."""
    probe = Manifest(name="probe", title="probe", fields=(spec,), procedural=True, seal=None)
    try:
        prepare_values(probe, {spec.name: value})
    except MissingFieldError:
        return "required"
    except TemplateFillError as exc:
        return str(exc)
    return ""
